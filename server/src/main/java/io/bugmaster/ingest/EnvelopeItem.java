package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * One kept item of an envelope: its type, the item header fields that matter, and the payload's
 * raw bytes (never larger than the type's limit). The payload array is not copied: do not modify it.
 *
 * @param type           the item type, one of {@link ItemTypes#KEPT}
 * @param contentType    {@code content_type}, or null
 * @param filename       {@code filename} (attachments), or null
 * @param attachmentType {@code attachment_type} (attachments), or null
 * @param headers        the whole item header object
 * @param payload        the payload bytes
 * @param tree           the payload already parsed (event-like items are parsed once, when the envelope is
 *                       read), or null
 */
@PureLogic
public record EnvelopeItem(String type, String contentType, String filename, String attachmentType, JsonNode headers,
                           byte[] payload, JsonNode tree) {

    public EnvelopeItem(String type, String contentType, String filename, String attachmentType, JsonNode headers,
                        byte[] payload) {
        this(type, contentType, filename, attachmentType, headers, payload, null);
    }

    /** The payload parsed as JSON; 400 naming the item type when it is not JSON. */
    public JsonNode json() {
        return tree != null ? tree : IngestJson.parse(payload, 0, payload.length, "the " + type + " item");
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "EnvelopeItem[type=" + type + ", contentType=" + contentType + ", filename=" + filename
                + ", bytes=" + payload.length + "]";
    }
}
