package io.bugmaster.monitors.cron;

import io.bugmaster.common.PureLogic;
import io.bugmaster.monitors.MonitorService;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A healthchecks.io-style ping address, the part after {@code /ping/}: {@code <uuid>} or
 * {@code <ping-key>/<slug>}, then nothing (success), {@code /start}, {@code /fail}, {@code /log} or
 * {@code /<exit status 0-255>} (0 is a success), a trailing slash allowed.
 */
@PureLogic
public record PingPath(String uuid, String pingKey, String slug, CronRuns.Status status, Integer exitCode) {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern EXIT = Pattern.compile("[0-9]{1,3}");
    private static final int MAX_LENGTH = 200;

    /**
     * @param rest the path after {@code /ping/}, as sent (percent-encoded)
     * @throws IllegalArgumentException what is wrong with it, to answer 400 with
     */
    public static PingPath parse(String rest) {
        if (rest == null || rest.isEmpty()) {
            throw new IllegalArgumentException("a ping address is /ping/<uuid> or /ping/<ping-key>/<slug>");
        }
        if (rest.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a ping address is at most " + MAX_LENGTH + " characters after /ping/");
        }
        String path = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
        String[] parts = path.split("/", -1);
        String first = parts[0].toLowerCase(Locale.ROOT);
        if (UUID.matcher(first).matches()) {
            if (parts.length > 2) {
                throw new IllegalArgumentException("after /ping/<uuid> comes nothing, /start, /fail, /log or /<exit status>");
            }
            return action(first, null, null, parts.length == 2 ? parts[1] : null);
        }
        if (KEY.matcher(first).matches()) {
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("a ping with the project's key is /ping/<ping-key>/<slug>[/start|/fail|/log|/<exit status>]");
            }
            if (!MonitorService.SLUG.matcher(parts[1]).matches()) {
                throw new IllegalArgumentException("a monitor's slug is 1 to 50 lower-case letters, digits, '-' or '_'");
            }
            return action(null, first, parts[1], parts.length == 3 ? parts[2] : null);
        }
        throw new IllegalArgumentException("a ping address is /ping/<uuid> (the monitor's ping UUID) or /ping/<ping-key>/<slug>");
    }

    private static PingPath action(String uuid, String key, String slug, String action) {
        if (action == null) {
            return new PingPath(uuid, key, slug, CronRuns.Status.OK, null);
        }
        return switch (action) {
            case "start" -> new PingPath(uuid, key, slug, CronRuns.Status.IN_PROGRESS, null);
            case "fail" -> new PingPath(uuid, key, slug, CronRuns.Status.ERROR, null);
            case "log" -> new PingPath(uuid, key, slug, CronRuns.Status.LOG, null);
            default -> {
                if (!EXIT.matcher(action).matches() || Integer.parseInt(action) > 255) {
                    throw new IllegalArgumentException("a ping ends with nothing, /start, /fail, /log or an exit status from 0 to 255");
                }
                int code = Integer.parseInt(action);
                yield new PingPath(uuid, key, slug, code == 0 ? CronRuns.Status.OK : CronRuns.Status.ERROR, code);
            }
        };
    }

    /** healthchecks.io's run id ({@code ?rid=<uuid>}) as a check_in_id; null when there is none. */
    public static String runId(String rid) {
        if (rid == null || rid.isEmpty()) {
            return null;
        }
        String lower = rid.toLowerCase(Locale.ROOT);
        if (!UUID.matcher(lower).matches()) {
            throw new IllegalArgumentException("rid is a UUID, like 9b4a2c3e-5f1d-4e8a-b6c7-0d9e8f7a6b5c");
        }
        return lower.replace("-", "");
    }
}
