package io.bugmaster.signals;

import io.bugmaster.common.PureLogic;
import io.bugmaster.common.Subject;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Something happened that may need a human: {@code issue.new}, {@code issue.regression},
 * {@code issue.resolved}, later {@code incident.acknowledged} or {@code monitor.down}. Written in
 * the transaction of the change that caused it; each consumer reads it after that commits.
 *
 * @param id its place in the order consumers read signals in
 * @param kind what happened, {@code <subject type>.<event>}
 * @param body small JSON object with what a consumer needs beyond the subject (the event's
 *        environment and release, who resolved it); never the subject's whole state
 */
@PureLogic
public record Signal(long id, long orgId, Subject subject, String kind, String body, Instant createdAt) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The body as JSON; an empty object when it is not a JSON object. */
    public JsonNode json() {
        try {
            JsonNode node = body == null ? null : JSON.readTree(body);
            return node != null && node.isObject() ? node : JSON.createObjectNode();
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    /** A text field of the body, or null when it is missing or not a plain value. */
    public String text(String field) {
        JsonNode v = json().path(field);
        return !v.isValueNode() || v.isNull() ? null : v.asString();
    }
}
