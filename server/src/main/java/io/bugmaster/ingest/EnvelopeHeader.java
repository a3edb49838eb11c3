package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * The first line of an envelope.
 *
 * @param eventId    32 lower-case hex digits, or null when the header has none
 * @param dsn        the {@code dsn} field, or null
 * @param sentAt     when the SDK sent the envelope by its own clock ({@code sent_at}), or null
 * @param sdkName    {@code sdk.name}, or null
 * @param sdkVersion {@code sdk.version}, or null
 * @param raw        the whole header object (includes {@code trace})
 */
@PureLogic
public record EnvelopeHeader(String eventId, String dsn, Instant sentAt, String sdkName, String sdkVersion, JsonNode raw) {

    /** An empty header, for a legacy {@code /store/} request. */
    public static EnvelopeHeader ofEventId(String eventId) {
        return new EnvelopeHeader(eventId, null, null, null, null, IngestJson.NODES.objectNode());
    }

    /** Reads the header object; 400 when {@code event_id} is present but not an id. */
    static EnvelopeHeader from(JsonNode header) {
        String eventId = null;
        JsonNode id = header.get("event_id");
        if (id != null && !id.isNull()) {
            eventId = EventIds.normalize(IngestJson.string(id));
            if (eventId == null) {
                throw IngestException.badRequest("the envelope header's event_id is not 32 hex digits or a UUID");
            }
        }
        JsonNode sdk = header.path("sdk");
        return new EnvelopeHeader(eventId, IngestJson.nonBlank(header.get("dsn")), Timestamps.parse(header.get("sent_at")),
                IngestJson.nonBlank(sdk.get("name")), IngestJson.nonBlank(sdk.get("version")), header);
    }

    /** {@code name/version} as in {@code sentry_client}, or null. */
    public String sdkClient() {
        if (sdkName == null) {
            return null;
        }
        return sdkVersion == null ? sdkName : sdkName + "/" + sdkVersion;
    }
}
