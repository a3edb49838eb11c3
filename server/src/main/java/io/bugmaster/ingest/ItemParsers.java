package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Parses the non-event items. Each method returns null for an invalid item and records why in the
 * given {@link Drops}; an invalid item never fails the envelope.
 */
@PureLogic
public final class ItemParsers {
    private static final Set<String> SESSION_STATUSES = Set.of("ok", "exited", "crashed", "abnormal", "errored");
    private static final Set<String> CHECK_IN_STATUSES = Set.of("in_progress", "ok", "error");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9_-]{1,50}");
    private static final int MAX_BUCKETS = 100;
    private static final int MAX_DISCARDED = 100;

    private ItemParsers() {}

    public static ItemRecords.SessionUpdate session(EnvelopeItem item, Drops drops) {
        JsonNode json = json(item, drops);
        if (json == null) {
            return null;
        }
        String sid = IngestJson.nonBlank(json.get("sid"));
        if (sid == null || sid.length() > 64) {
            return drops.drop(item.type(), "missing or invalid sid");
        }
        Instant started = Timestamps.parse(json.get("started"));
        if (started == null) {
            return drops.drop(item.type(), "missing or invalid started");
        }
        String status = IngestJson.nonBlank(json.get("status"));
        status = status == null ? "ok" : status.toLowerCase(Locale.ROOT);
        if (!SESSION_STATUSES.contains(status)) {
            return drops.drop(item.type(), "invalid status");
        }
        JsonNode attrs = json.path("attrs");
        String release = EventNormalizer.releaseLike(attrs.get("release"));
        if (release == null) {
            return drops.drop(item.type(), "missing or invalid attrs.release");
        }
        Long errors = IngestJson.integer(json.get("errors"));
        Double duration = IngestJson.number(json.get("duration"));
        Boolean init = IngestJson.bool(json.get("init"));
        return new ItemRecords.SessionUpdate(sid, clip(IngestJson.nonBlank(json.get("did")), 128), status,
                errors == null || errors < 0 ? 0 : errors, started, duration == null || duration < 0 ? null : duration,
                release, EventNormalizer.environment(attrs.get("environment")), Boolean.TRUE.equals(init),
                IngestJson.integer(json.get("seq")), Timestamps.parse(json.get("timestamp")));
    }

    public static ItemRecords.SessionAggregates sessions(EnvelopeItem item, Drops drops) {
        JsonNode json = json(item, drops);
        if (json == null) {
            return null;
        }
        JsonNode attrs = json.path("attrs");
        String release = EventNormalizer.releaseLike(attrs.get("release"));
        if (release == null) {
            return drops.drop(item.type(), "missing or invalid attrs.release");
        }
        List<ItemRecords.SessionBucket> buckets = new ArrayList<>();
        for (JsonNode bucket : json.path("aggregates")) {
            Instant started = Timestamps.parse(bucket.get("started"));
            if (started == null || buckets.size() >= MAX_BUCKETS) {
                continue;
            }
            buckets.add(new ItemRecords.SessionBucket(started, clip(IngestJson.nonBlank(bucket.get("did")), 128),
                    count(bucket.get("exited")), count(bucket.get("errored")), count(bucket.get("abnormal")),
                    count(bucket.get("crashed"))));
        }
        if (buckets.isEmpty()) {
            return drops.drop(item.type(), "no valid aggregates");
        }
        return new ItemRecords.SessionAggregates(release, EventNormalizer.environment(attrs.get("environment")), List.copyOf(buckets));
    }

    public static ItemRecords.ClientReport clientReport(EnvelopeItem item, Drops drops) {
        JsonNode json = json(item, drops);
        if (json == null) {
            return null;
        }
        List<ItemRecords.DiscardedEvents> discarded = new ArrayList<>();
        for (JsonNode entry : json.path("discarded_events")) {
            String reason = IngestJson.nonBlank(entry.get("reason"));
            String category = IngestJson.nonBlank(entry.get("category"));
            Long quantity = IngestJson.integer(entry.get("quantity"));
            if (reason != null && category != null && quantity != null && quantity > 0 && discarded.size() < MAX_DISCARDED) {
                discarded.add(new ItemRecords.DiscardedEvents(clip(reason, 64), clip(category, 64), quantity));
            }
        }
        if (discarded.isEmpty()) {
            return drops.drop(item.type(), "no valid discarded_events");
        }
        return new ItemRecords.ClientReport(Timestamps.parse(json.get("timestamp")), List.copyOf(discarded));
    }

    public static ItemRecords.UserReport userReport(EnvelopeItem item, Drops drops) {
        JsonNode json = json(item, drops);
        if (json == null) {
            return null;
        }
        String eventId = EventIds.normalize(IngestJson.string(json.get("event_id")));
        if (eventId == null) {
            return drops.drop(item.type(), "missing or invalid event_id");
        }
        String comments = IngestJson.nonBlank(json.get("comments"));
        if (comments == null) {
            return drops.drop(item.type(), "missing comments");
        }
        return new ItemRecords.UserReport(eventId, clip(IngestJson.nonBlank(json.get("email")), 128),
                clip(IngestJson.nonBlank(json.get("name")), 128), IngestJson.truncate(comments, EventNormalizer.MAX_MESSAGE));
    }

    /** A feedback item is an event; {@code event} is its normalized form (only its feedback context is kept). */
    public static ItemRecords.Feedback feedback(NormalizedEvent event, Drops drops) {
        JsonNode feedback = event.payload().path("contexts").path("feedback");
        String message = IngestJson.nonBlank(feedback.get("message"));
        if (message == null) {
            return drops.drop(ItemTypes.FEEDBACK, "missing contexts.feedback.message");
        }
        return new ItemRecords.Feedback(message, clip(IngestJson.nonBlank(feedback.get("contact_email")), 128),
                clip(IngestJson.nonBlank(feedback.get("name")), 128),
                EventIds.normalize(IngestJson.string(feedback.get("associated_event_id"))),
                clip(IngestJson.nonBlank(feedback.get("url")), 2048));
    }

    public static ItemRecords.CheckIn checkIn(EnvelopeItem item, Drops drops) {
        JsonNode json = json(item, drops);
        if (json == null) {
            return null;
        }
        String checkInId = EventIds.normalize(IngestJson.string(json.get("check_in_id")));
        if (checkInId == null) {
            return drops.drop(item.type(), "missing or invalid check_in_id");
        }
        String slug = IngestJson.nonBlank(json.get("monitor_slug"));
        if (slug == null || !SLUG.matcher(slug.toLowerCase(Locale.ROOT)).matches()) {
            return drops.drop(item.type(), "missing or invalid monitor_slug");
        }
        String status = IngestJson.nonBlank(json.get("status"));
        status = status == null ? null : status.toLowerCase(Locale.ROOT);
        if (status == null || !CHECK_IN_STATUSES.contains(status)) {
            return drops.drop(item.type(), "missing or invalid status");
        }
        Double duration = IngestJson.number(json.get("duration"));
        JsonNode config = json.get("monitor_config");
        return new ItemRecords.CheckIn(checkInId, slug.toLowerCase(Locale.ROOT), status,
                duration == null || duration < 0 ? null : duration, EventNormalizer.releaseLike(json.get("release")),
                json.hasNonNull("environment") ? EventNormalizer.environment(json.get("environment")) : null,
                config != null && config.isObject() ? EventNormalizer.data(config, 1).toString() : null);
    }

    private static JsonNode json(EnvelopeItem item, Drops drops) {
        try {
            JsonNode json = item.json();
            if (json.isObject()) {
                return json;
            }
        } catch (IngestException e) {
            // invalid JSON: dropped below
        }
        drops.drop(item.type(), "invalid JSON");
        return null;
    }

    private static long count(JsonNode node) {
        Long value = IngestJson.integer(node);
        return value == null || value < 0 ? 0 : value;
    }

    private static String clip(String value, int max) {
        return value == null ? null : IngestJson.truncate(value, max);
    }
}
