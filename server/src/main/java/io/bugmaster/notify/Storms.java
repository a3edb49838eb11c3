package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Storm control, the pure part: a channel gets at most {@code limit} alerts per minute (windows
 * aligned to the minute); the rest of that minute's alerts are folded into one digest, sent when
 * the minute closes, that lists them. Resolves and tests are never folded.
 */
@PureLogic
public final class Storms {
    public static final Duration WINDOW = Duration.ofMinutes(1);
    /** Issues listed one by one in a digest; more are counted. */
    static final int MAX_LISTED = 25;

    private Storms() {}

    public enum Decision { SEND, FOLD }

    /** The start of the minute that holds {@code now}. */
    public static Instant windowStart(Instant now) {
        return Instant.ofEpochMilli(now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), WINDOW.toMillis()));
    }

    /** When the digest of the window that starts at {@code windowStart} goes out. */
    public static Instant windowEnd(Instant windowStart) {
        return windowStart.plus(WINDOW);
    }

    /**
     * @param kind the notification's kind; only alerts are counted and folded
     * @param sentInWindow alerts to this channel in this minute, counting this one
     */
    public static Decision decide(Notification.Kind kind, long sentInWindow, int limit) {
        if (kind != Notification.Kind.ALERT) {
            return Decision.SEND;
        }
        return sentInWindow <= limit ? Decision.SEND : Decision.FOLD;
    }

    /** The idempotency key of a channel's digest for one minute: the same on every node and retry. */
    public static String digestKey(long channelId, Instant windowStart) {
        return "digest:" + channelId + ":" + windowStart.toEpochMilli();
    }

    private static final List<String> LEVELS = List.of("debug", "info", "warning", "error", "fatal");

    /**
     * The most severe of the folded alerts (so a storm that holds a fatal issue pages as critical),
     * or the first one's when none is a level Bugmaster knows.
     */
    static String highestSeverity(List<Notification> folded) {
        String highest = null;
        for (Notification n : folded) {
            int rank = n.severity() == null ? -1 : LEVELS.indexOf(n.severity());
            if (rank >= 0 && (highest == null || rank > LEVELS.indexOf(highest))) {
                highest = n.severity();
            }
        }
        return highest != null || folded.isEmpty() ? highest : folded.get(0).severity();
    }

    /**
     * The one message that stands for the folded alerts: its title counts them and names the minute,
     * its reason says why they were folded, its {@link Notification#digest() digest} lists each one
     * (title, source, count, link) up to {@link #MAX_LISTED} and counts the rest, it links where the
     * first one does, and its data has the shape of the first one's with nothing filled in (what
     * one alert says of its subject does not add up over many).
     *
     * @param limit the channel's storm limit, alerts per minute sent one by one
     */
    public static Notification digest(String digestKey, long channelId, Instant windowStart, int limit, List<Notification> folded) {
        Notification first = folded.isEmpty() ? null : folded.get(0);
        int n = folded.size();
        long events = folded.stream().mapToLong(Notification::count).sum();
        List<Notification.DigestEntry> entries = folded.stream().limit(MAX_LISTED)
                .map(f -> new Notification.DigestEntry(f.title(), f.source(), f.count(), f.link())).toList();
        Instant windowEnd = windowEnd(windowStart);
        String title = n + (n == 1 ? " more issue alert" : " more issue alerts") + ", " + Times.span(windowStart, windowEnd);
        String reason = "Storm control: this channel gets at most " + limit + (limit == 1 ? " issue alert" : " issue alerts")
                + " a minute one by one; the rest of that minute come together here";
        String environment = first == null ? null : first.environment();
        String severity = highestSeverity(folded);
        List<Notification.Field> fields = new ArrayList<>();
        if (environment != null && !environment.isBlank()) {
            fields.add(new Notification.Field("Environment", environment));
        }
        if (severity != null && !severity.isBlank()) {
            fields.add(new Notification.Field("Level", severity));
        }
        // events add up over issues; users of different issues do not
        fields.add(new Notification.Field("Events", Long.toString(events)));
        return Notification.of(digestKey, Notification.Kind.ALERT, "digest:" + channelId + "/" + windowStart.toEpochMilli(),
                        first == null ? Notification.Kind.ALERT.id() : first.event(), first == null ? null : first.organization(), title)
                .withContext(null, null, environment, severity, events)
                .withFields(fields)
                .opening(first == null ? null : first.link())
                .withDigest(new Notification.Digest(entries, Math.max(0, n - MAX_LISTED)))
                .withData(first == null ? Map.of() : cleared(first.data()))
                .withReason(reason, null, windowEnd);
    }

    /** The same keys, every value emptied: text null, numbers 0, objects emptied alike, lists empty. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> cleared(Map<String, ?> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        data.forEach((key, value) -> out.put(key, value instanceof Number ? (Object) 0
                : value instanceof Map<?, ?> map ? cleared((Map<String, ?>) map)
                : value instanceof List<?> ? List.of() : null));
        return out;
    }
}
