package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        Accumulator accumulator = new Accumulator(envelope.header(), received, clientIp, scrubbing, RequestMemory.unlimited());
        envelope.items().forEach(accumulator::add);
        return accumulator.finish(envelope.skippedTypes());
    }

    /**
     * Processes the items of one envelope one at a time, as they are read, keeping only what is
     * stored: the normalized event, the records of the other items, the attachments' bytes. An item's
     * parsed tree is dropped as soon as it is processed. What is kept stays charged to the request's
     * memory (an event its tree's worth, for its normalized form; another item its payload's worth, for
     * its record; an attachment its bytes); the rest is given back.
     */
    public static final class Accumulator {
        private final EnvelopeHeader header;
        private final Instant received;
        private final String clientIp;
        private final ScrubbingSettings scrubbing;
        private final RequestMemory memory;
        private final Drops drops = new Drops();
        private final List<NormalizedEvent> events = new ArrayList<>();
        private final List<NormalizedEvent> transactions = new ArrayList<>();
        private final List<EnvelopeItem> attachments = new ArrayList<>();
        private final List<ItemRecords.SessionUpdate> sessions = new ArrayList<>();
        private final List<ItemRecords.SessionAggregates> aggregates = new ArrayList<>();
        private final List<ItemRecords.ClientReport> reports = new ArrayList<>();
        private final List<ItemRecords.UserReport> userReports = new ArrayList<>();
        private final List<ItemRecords.Feedback> feedback = new ArrayList<>();
        private final List<ItemRecords.CheckIn> checkIns = new ArrayList<>();

        public Accumulator(EnvelopeHeader header, Instant received, String clientIp, ScrubbingSettings scrubbing,
                           RequestMemory memory) {
            this.header = header;
            this.received = received;
            this.clientIp = clientIp;
            this.scrubbing = scrubbing;
            this.memory = memory;
        }

        /** Processes one item (its payload already charged to the request's memory). */
        public void add(EnvelopeItem item) {
            if (item.type().equals(ItemTypes.ATTACHMENT)) {
                attachments.add(item);
                return;
            }
            // the raw tree, and for an event-like item the normalized one built from it (at most as large)
            long tree = IngestJson.treeBytes(item.payload().length);
            long trees = (item.tree() == null ? tree : 0) + (ItemTypes.EVENT_LIKE.contains(item.type()) ? tree : 0);
            memory.charge(trees);
            switch (item.type()) {
                case ItemTypes.EVENT -> events.add(normalize(item));
                case ItemTypes.TRANSACTION -> transactions.add(normalize(item));
                case ItemTypes.FEEDBACK -> keep(feedback, ItemParsers.feedback(normalize(item), drops));
                case ItemTypes.SESSION -> keep(sessions, ItemParsers.session(item, drops));
                case ItemTypes.SESSIONS -> keep(aggregates, ItemParsers.sessions(item, drops));
                case ItemTypes.CLIENT_REPORT -> keep(reports, ItemParsers.clientReport(item, drops));
                case ItemTypes.USER_REPORT -> keep(userReports, ItemParsers.userReport(item, drops));
                case ItemTypes.CHECK_IN -> keep(checkIns, ItemParsers.checkIn(item, drops));
                default -> drops.drop(item.type(), "not handled");
            }
            if (item.type().equals(ItemTypes.EVENT) || item.type().equals(ItemTypes.TRANSACTION)) {
                // the normalized event is kept until the request ends; the raw tree and payload are not
                memory.release(trees - tree + item.payload().length);
            } else {
                // the trees are gone; the record kept is no larger than the payload
                memory.release(trees);
            }
        }

        /**
         * The result. {@code responseId} is the stored event's id, or null (answered {@code {}}) when
         * the envelope had no event or transaction.
         */
        public ProcessedEnvelope finish(Map<String, Integer> skippedTypes) {
            String responseId = !events.isEmpty() ? events.get(0).eventId()
                    : !transactions.isEmpty() ? transactions.get(0).eventId() : null;
            String attachmentEventId = responseId != null ? responseId : header.eventId();
            return new ProcessedEnvelope(responseId, attachmentEventId, List.copyOf(events), List.copyOf(transactions),
                    List.copyOf(attachments), List.copyOf(sessions), List.copyOf(aggregates), List.copyOf(reports),
                    List.copyOf(userReports), List.copyOf(feedback), List.copyOf(checkIns), skippedTypes, drops.counts());
        }

        private NormalizedEvent normalize(EnvelopeItem item) {
            return EventNormalizer.normalize(item.json(), item.type(), header, received, clientIp, scrubbing);
        }
    }

    private static <T> void keep(List<T> list, T value) {
        if (value != null) {
            list.add(value);
        }
    }
}
