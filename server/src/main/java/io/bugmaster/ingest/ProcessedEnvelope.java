package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.util.List;
import java.util.Map;

/**
 * Everything the digest needs from one envelope, parsed, normalized and scrubbed.
 *
 * @param responseId   the id of the event or transaction, which is also the id to answer with
 *                     ({@code {"id": ...}}); null when the envelope has none (answered {@code {}})
 * @param attachmentEventId the event the attachments belong to: the envelope's event, else the event
 *                     the header names (attachments sent after their event); null when neither
 * @param events       error and message events (normally at most one)
 * @param transactions transaction events, normalized like events
 * @param attachments  attachment items, raw; they belong to {@code attachmentEventId}
 * @param skippedTypes item types passed over, with counts
 * @param dropped      invalid items dropped, by {@code "type: reason"}
 */
@PureLogic
public record ProcessedEnvelope(
        String responseId,
        String attachmentEventId,
        List<NormalizedEvent> events,
        List<NormalizedEvent> transactions,
        List<EnvelopeItem> attachments,
        List<ItemRecords.SessionUpdate> sessions,
        List<ItemRecords.SessionAggregates> sessionAggregates,
        List<ItemRecords.ClientReport> clientReports,
        List<ItemRecords.UserReport> userReports,
        List<ItemRecords.Feedback> feedback,
        List<ItemRecords.CheckIn> checkIns,
        Map<String, Integer> skippedTypes,
        Map<String, Integer> dropped) {}
