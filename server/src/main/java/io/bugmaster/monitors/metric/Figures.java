package io.bugmaster.monitors.metric;

import io.bugmaster.common.PureLogic;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers in the one line a monitor says ("value 0.93 > 0.5", "310 in the last hour, usually
 * 2,100-2,400"): two significant figures, so that a value that moves a little while a monitor stays
 * down keeps the same words (a monitor that says the same is not told again), and thousands grouped.
 */
@PureLogic
public final class Figures {
    private static final MathContext TWO = new MathContext(2, RoundingMode.HALF_UP);

    private Figures() {}

    /** Two significant figures, half up: 0.934 -> 0.93, 2137 -> 2100, 312 -> 310; NaN and infinities as Prometheus spells them. */
    public static String two(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return plain(new BigDecimal(value).round(TWO));
    }

    /** Rounded down (towards zero) to two significant figures: the low end of a range. */
    public static String twoDown(double value) {
        return Double.isFinite(value) ? plain(new BigDecimal(value).round(new MathContext(2, RoundingMode.DOWN))) : two(value);
    }

    /** Rounded up (away from zero) to two significant figures: the high end of a range. */
    public static String twoUp(double value) {
        return Double.isFinite(value) ? plain(new BigDecimal(value).round(new MathContext(2, RoundingMode.UP))) : two(value);
    }

    /** An exact count with thousands grouped: 2,137. */
    public static String count(long value) {
        return grouped().format(value);
    }

    private static String plain(BigDecimal rounded) {
        if (rounded.signum() == 0) {
            return "0";
        }
        double abs = rounded.abs().doubleValue();
        if (abs >= 1e15 || abs < 1e-4) {
            return rounded.stripTrailingZeros().toString().replace("E+", "e").replace("E", "e");
        }
        BigDecimal clean = rounded.stripTrailingZeros();
        if (clean.scale() <= 0) {
            return grouped().format(clean.toBigInteger());
        }
        return clean.toPlainString();
    }

    private static DecimalFormat grouped() {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }
}
