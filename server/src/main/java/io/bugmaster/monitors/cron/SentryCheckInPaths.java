package io.bugmaster.monitors.cron;

import io.bugmaster.common.PureLogic;
import java.util.regex.Pattern;

/** Sentry's HTTP check-in paths, which ingestion's filter leaves to {@link SentryHttpCheckIn}. */
@PureLogic
public final class SentryCheckInPaths {
    /** {@code /api/<project id>/cron/...}. */
    private static final Pattern PATH = Pattern.compile("/api/[1-9][0-9]{0,18}/cron/.*");

    private SentryCheckInPaths() {}

    public static boolean matches(String path) {
        return PATH.matcher(path).matches();
    }
}
