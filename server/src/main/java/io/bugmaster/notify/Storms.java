package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Storm control, the pure part: a channel gets at most {@code limit} issue alerts per minute
 * (windows aligned to the minute); the rest of that minute's alerts are folded into one digest,
 * sent when the minute closes, that lists the issues. Resolves and tests are never folded.
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
     * @param kind the notification's kind; only issue alerts are counted and folded
     * @param sentInWindow issue alerts of this channel in this minute, counting this one
     */
    public static Decision decide(Notification.Kind kind, long sentInWindow, int limit) {
        if (kind != Notification.Kind.ISSUE_ALERT) {
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
     * The most severe level among the folded alerts (so a storm that holds a fatal issue pages as
     * critical), or the first one's when none is a level Bugmaster knows.
     */
    static String highestLevel(List<Notification> folded) {
        String highest = null;
        for (Notification n : folded) {
            int rank = n.level() == null ? -1 : LEVELS.indexOf(n.level());
            if (rank >= 0 && (highest == null || rank > LEVELS.indexOf(highest))) {
                highest = n.level();
            }
        }
        return highest != null || folded.isEmpty() ? highest : folded.get(0).level();
    }

    /**
     * The one message that stands for the folded alerts: its title counts them and names the minute,
     * its reason says why they were folded, its {@link Notification#digest() digest} lists each issue
     * (title, project, events, link) up to {@link #MAX_LISTED} and counts the rest, and it links to the first one.
     *
     * @param limit the channel's storm limit, issue alerts per minute sent one by one
     */
    public static Notification digest(String digestKey, long channelId, Instant windowStart, int limit, List<Notification> folded) {
        Notification first = folded.isEmpty() ? null : folded.get(0);
        int n = folded.size();
        long events = folded.stream().mapToLong(Notification::count).sum();
        List<Notification.DigestEntry> entries = folded.stream().limit(MAX_LISTED)
                .map(f -> new Notification.DigestEntry(f.title(), f.project(), f.count(), f.link())).toList();
        Instant windowEnd = windowEnd(windowStart);
        String title = n + (n == 1 ? " more issue alert" : " more issue alerts") + ", " + Times.span(windowStart, windowEnd);
        String reason = "Storm control: this channel gets at most " + limit + (limit == 1 ? " issue alert" : " issue alerts")
                + " a minute one by one; the rest of that minute come together here";
        return new Notification(digestKey, Notification.Kind.ISSUE_ALERT, "digest/" + channelId + "/" + windowStart.toEpochMilli(),
                first == null ? null : first.organization(), null, first == null ? null : first.environment(), title, null,
                highestLevel(folded), events, 0, null, null, null, null, java.util.Map.of(),
                null, first == null ? null : first.link(), null, new Notification.Digest(entries, Math.max(0, n - MAX_LISTED)),
                reason, null, windowEnd);
    }
}
