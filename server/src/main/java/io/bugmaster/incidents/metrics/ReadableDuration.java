package io.bugmaster.incidents.metrics;

import io.bugmaster.common.PureLogic;
import java.time.Duration;

/** A duration in its two largest units, as on-call people say it: {@code 45s}, {@code 4m 10s}, {@code 2h 5m}, {@code 3d 4h}; "-" for none. */
@PureLogic
public final class ReadableDuration {
    private ReadableDuration() {}

    public static String of(Duration d) {
        if (d == null) {
            return "-";
        }
        long s = Math.round(d.toMillis() / 1000.0);
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            return days + "d" + (hours > 0 ? " " + hours + "h" : "");
        }
        if (hours > 0) {
            return hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
        }
        if (minutes > 0) {
            return minutes + "m" + (seconds > 0 ? " " + seconds + "s" : "");
        }
        return seconds + "s";
    }

    /** Whole seconds (rounded), for API clients; null for none. */
    public static Long seconds(Duration d) {
        return d == null ? null : Math.round(d.toMillis() / 1000.0);
    }
}
