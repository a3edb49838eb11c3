package io.bugmaster.signals;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code BUGMASTER_SIGNAL_RETENTION}: signals every consumer is past are deleted once older than
 * this. At least {@link #LOOK_BACK} plus a day, because readers of the history look back that far:
 * the weekly report counts the regressions of the past seven days from their signals.
 */
@ConfigurationProperties(prefix = "bugmaster")
public record SignalProperties(@DefaultValue("30d") Duration signalRetention) {
    /** The longest any reader of the history looks back (the weekly report's week). */
    public static final Duration LOOK_BACK = Duration.ofDays(7);
    static final Duration MIN_RETENTION = LOOK_BACK.plusDays(1);

    public SignalProperties {
        if (signalRetention.compareTo(MIN_RETENTION) < 0) {
            throw new IllegalArgumentException("BUGMASTER_SIGNAL_RETENTION must be at least " + MIN_RETENTION.toDays()
                    + "d (the weekly report reads the past week's regressions from the signals), got: " + signalRetention);
        }
    }
}
