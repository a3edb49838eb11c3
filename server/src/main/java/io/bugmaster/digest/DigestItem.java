package io.bugmaster.digest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One event, parsed, normalized and grouped on the HTTP thread, ready for the digester to write.
 *
 * @param hashes       the grouping hashes, the current strategy's first; an event joins the issue that
 *                     owns any of them (so a new strategy never splits an old issue)
 * @param tags         tag key/value pairs, including the ones derived from the event (level, release, ...)
 * @param userKey      who was affected (user id, email, username or IP), null when unknown
 * @param payload      the normalized event JSON, compressed
 */
public record DigestItem(
        long orgId,
        long projectId,
        String eventId,
        EventType type,
        Instant timestamp,
        Instant received,
        String level,
        String platform,
        String release,
        String environment,
        String title,
        String culprit,
        String metadataJson,
        String strategy,
        List<String> hashes,
        List<Map.Entry<String, String>> tags,
        String userKey,
        byte[] payload) {

    public enum EventType {
        ERROR("error"), DEFAULT("default"), TRANSACTION("transaction");

        private final String id;

        EventType(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** Transactions are stored and counted but belong to no issue. */
        public boolean makesIssues() {
            return this != TRANSACTION;
        }
    }
}
