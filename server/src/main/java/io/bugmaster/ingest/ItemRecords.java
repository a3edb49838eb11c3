package io.bugmaster.ingest;

import java.time.Instant;
import java.util.List;

/** The parsed forms of the envelope items that are not events. Nullable fields were not sent. */
public final class ItemRecords {
    private ItemRecords() {}

    /** One {@code session} update. {@code status}: ok, exited, crashed, abnormal, errored. */
    public record SessionUpdate(String sid, String did, String status, long errors, Instant started, Double duration,
                                String release, String environment, boolean init, Long seq, Instant timestamp) {}

    /** One bucket of a {@code sessions} aggregate. */
    public record SessionBucket(Instant started, String did, long exited, long errored, long abnormal, long crashed) {}

    public record SessionAggregates(String release, String environment, List<SessionBucket> buckets) {}

    public record DiscardedEvents(String reason, String category, long quantity) {}

    /** A {@code client_report}: what the SDK dropped and why. */
    public record ClientReport(Instant timestamp, List<DiscardedEvents> discarded) {}

    /** The legacy {@code user_report}: a user's comment on an event. */
    public record UserReport(String eventId, String email, String name, String comments) {}

    /** A {@code feedback} item: its {@code contexts.feedback} (the rest of the event is not kept). */
    public record Feedback(String message, String contactEmail, String name, String associatedEventId, String url) {}

    /**
     * A {@code check_in}. {@code status}: in_progress, ok, error. {@code monitorConfig}: the JSON text of the
     * {@code monitor_config} object, bounded like event data, or null (text, not a tree: a thousand check-ins
     * of an envelope must not hold a thousand parsed trees).
     */
    public record CheckIn(String checkInId, String monitorSlug, String status, Double duration, String release,
                          String environment, String monitorConfig) {}
}
