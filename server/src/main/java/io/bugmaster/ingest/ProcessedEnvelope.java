package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.util.List;
import java.util.Map;

/**
 * Everything the digest needs from one envelope, parsed, normalized and scrubbed.
 *
 * @param responseId   the id to answer with ({@code {"id": ...}}), or null to answer {@code {}}
 * @param events       error and message events (normally at most one)
 * @param transactions transaction events, normalized like events
 * @param attachments  attachment items, raw; they belong to the envelope's event
 * @param skippedTypes item types passed over, with counts
 * @param dropped      invalid items dropped, by {@code "type: reason"}
 */
@PureLogic
public record ProcessedEnvelope(
        String responseId,
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
