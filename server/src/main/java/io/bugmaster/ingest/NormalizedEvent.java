package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An event after normalization and scrubbing: typed fields for grouping and the digest, and the
 * whole normalized JSON to store. Every string here is already cut to its limit.
 *
 * @param eventId     32 lower-case hex digits
 * @param timestamp   when it happened, corrected for SDK clock drift, never in the future
 * @param received    when the server received it
 * @param type        {@code event}, {@code transaction} or {@code feedback} (the item type)
 * @param platform    a known platform or {@code other}
 * @param level       fatal, error, warning, info or debug
 * @param environment never null ({@code production} by default)
 * @param tags        ordered, valid key/value pairs, first of each key kept
 * @param fingerprint the SDK's fingerprint, or null when it sent none (or an empty one)
 * @param logentry    the message, or null when the event has none
 * @param exceptions  oldest cause first, as sent; empty when none
 * @param user        the user, or null when none was sent
 * @param payload     the normalized, scrubbed event JSON to store
 */
@PureLogic
public record NormalizedEvent(
        String eventId,
        Instant timestamp,
        Instant received,
        String type,
        String platform,
        String level,
        String logger,
        String transaction,
        String serverName,
        String release,
        String dist,
        String environment,
        List<Tag> tags,
        List<String> fingerprint,
        LogEntry logentry,
        List<ExceptionValue> exceptions,
        User user,
        String sdkName,
        String sdkVersion,
        String requestUrl,
        JsonNode payload) {

    public record Tag(String key, String value) {}

    /** {@code formatted} is never null when the entry exists; {@code message} is the template, if any. */
    public record LogEntry(String formatted, String message, List<String> params) {}

    public record ExceptionValue(String type, String value, String module, Mechanism mechanism, List<Frame> frames) {}

    /** Null fields were not sent. */
    public record Mechanism(String type, Boolean handled, Boolean synthetic) {}

    /** Caller first, crashing frame last. {@code vars} is null when none were sent. */
    public record Frame(String filename, String absPath, String module, String function, Integer lineno, Integer colno,
                        Boolean inApp, String contextLine, List<String> preContext, List<String> postContext,
                        JsonNode vars) {

        public Frame withInApp(Boolean flag) {
            return new Frame(filename, absPath, module, function, lineno, colno, flag, contextLine, preContext, postContext, vars);
        }
    }

    /** {@code data} holds any other user fields (an object, possibly empty). */
    public record User(String id, String email, String username, String ipAddress, JsonNode data) {}

    /** The same event with other exceptions (their frames' in-app flags decided again, say). */
    public NormalizedEvent withExceptions(List<ExceptionValue> exceptions) {
        return new NormalizedEvent(eventId, timestamp, received, type, platform, level, logger, transaction, serverName, release,
                dist, environment, tags, fingerprint, logentry, List.copyOf(exceptions), user, sdkName, sdkVersion, requestUrl,
                payload);
    }

    /** The tag value for a key, or null. */
    public String tag(String key) {
        for (Tag tag : tags) {
            if (tag.key().equals(key)) {
                return tag.value();
            }
        }
        return null;
    }
}
