package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Turns a parsed envelope into what the digest stores: events normalized and scrubbed, other
 * items parsed into records. Never fails: the parser already rejected what Sentry rejects, and an
 * invalid non-event item is dropped and counted.
 */
@PureLogic
public final class EnvelopeProcessor {
    private EnvelopeProcessor() {}

    /**
     * @param received  when the request was received (the caller's clock)
     * @param clientIp  the client's address for {@code {{auto}}} user IPs, or null
     * @param scrubbing the project's scrubbing settings
     */
    public static ProcessedEnvelope process(Envelope envelope, Instant received, String clientIp, ScrubbingSettings scrubbing) {
        EnvelopeHeader header = envelope.header();
        Drops drops = new Drops();
        List<NormalizedEvent> events = new ArrayList<>();
        List<NormalizedEvent> transactions = new ArrayList<>();
        List<EnvelopeItem> attachments = new ArrayList<>();
        List<ItemRecords.SessionUpdate> sessions = new ArrayList<>();
        List<ItemRecords.SessionAggregates> aggregates = new ArrayList<>();
        List<ItemRecords.ClientReport> reports = new ArrayList<>();
        List<ItemRecords.UserReport> userReports = new ArrayList<>();
        List<ItemRecords.Feedback> feedback = new ArrayList<>();
        List<ItemRecords.CheckIn> checkIns = new ArrayList<>();
        for (EnvelopeItem item : envelope.items()) {
            switch (item.type()) {
                case ItemTypes.EVENT -> events.add(normalize(item, header, received, clientIp, scrubbing));
                case ItemTypes.TRANSACTION -> transactions.add(normalize(item, header, received, clientIp, scrubbing));
                case ItemTypes.FEEDBACK -> add(feedback, ItemParsers.feedback(normalize(item, header, received, clientIp, scrubbing), drops));
                case ItemTypes.ATTACHMENT -> attachments.add(item);
                case ItemTypes.SESSION -> add(sessions, ItemParsers.session(item, drops));
                case ItemTypes.SESSIONS -> add(aggregates, ItemParsers.sessions(item, drops));
                case ItemTypes.CLIENT_REPORT -> add(reports, ItemParsers.clientReport(item, drops));
                case ItemTypes.USER_REPORT -> add(userReports, ItemParsers.userReport(item, drops));
                case ItemTypes.CHECK_IN -> add(checkIns, ItemParsers.checkIn(item, drops));
                default -> drops.drop(item.type(), "not handled");
            }
        }
        String responseId = header.eventId();
        if (responseId == null && !events.isEmpty()) {
            responseId = events.get(0).eventId();
        }
        if (responseId == null && !transactions.isEmpty()) {
            responseId = transactions.get(0).eventId();
        }
        return new ProcessedEnvelope(responseId, List.copyOf(events), List.copyOf(transactions), List.copyOf(attachments),
                List.copyOf(sessions), List.copyOf(aggregates), List.copyOf(reports), List.copyOf(userReports),
                List.copyOf(feedback), List.copyOf(checkIns), envelope.skippedTypes(), drops.counts());
    }

    private static NormalizedEvent normalize(EnvelopeItem item, EnvelopeHeader header, Instant received, String clientIp,
                                             ScrubbingSettings scrubbing) {
        JsonNode json = item.json();
        return EventNormalizer.normalize(json, item.type(), header, received, clientIp, scrubbing);
    }

    private static <T> void add(List<T> list, T value) {
        if (value != null) {
            list.add(value);
        }
    }
}
