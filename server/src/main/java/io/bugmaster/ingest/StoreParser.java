package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import tools.jackson.databind.JsonNode;

/**
 * The legacy {@code /store/} body: one JSON event. Very old SDKs sent it base64-encoded zlib
 * instead; a body that does not start with {@code {} is tried that way. The result is an envelope
 * with one event item (or transaction item, when the event says {@code "type": "transaction"}).
 */
@PureLogic
public final class StoreParser {
    private final IngestLimits limits;

    public StoreParser(IngestLimits limits) {
        this.limits = limits;
    }

    /**
     * @throws IngestException 400 when the body is not a JSON object (plain or base64+zlib), 413 past the event limit
     * @throws IOException     when reading the client's stream fails
     */
    public Envelope parse(InputStream body) throws IOException {
        int max = limits.maxEventBytes();
        byte[] raw = readAtMost(body, max);
        int start = 0;
        while (start < raw.length && isWhitespace(raw[start])) {
            start++;
        }
        if (start == raw.length) {
            throw IngestException.badRequest("empty event body");
        }
        byte[] json = raw[start] == '{' ? raw : decodeLegacy(raw, max);
        JsonNode event = IngestJson.parseObject(json, "the event");
        String eventId = null;
        JsonNode id = event.get("event_id");
        if (id != null && !id.isNull()) {
            eventId = EventIds.normalize(IngestJson.string(id));
        }
        String type = "transaction".equals(IngestJson.string(event.get("type"))) ? ItemTypes.TRANSACTION : ItemTypes.EVENT;
        JsonNode headers = IngestJson.NODES.objectNode().put("type", type).put("length", json.length);
        EnvelopeItem item = new EnvelopeItem(type, "application/json", null, null, headers, json, event);
        return new Envelope(EnvelopeHeader.ofEventId(eventId), List.of(item), Map.of());
    }

    private static byte[] readAtMost(InputStream body, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 64 * 1024));
        byte[] buffer = new byte[8192];
        int n;
        while ((n = body.read(buffer, 0, buffer.length)) >= 0) {
            if (out.size() + n > max) {
                throw new PayloadTooLargeException("the event is larger than the limit of " + max + " bytes", max);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] decodeLegacy(byte[] raw, int max) {
        byte[] compressed;
        try {
            compressed = Base64.getMimeDecoder().decode(raw);
        } catch (IllegalArgumentException e) {
            throw IngestException.badRequest("the event is neither JSON nor base64-encoded zlib");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw IngestException.badRequest("the event is neither JSON nor complete base64-encoded zlib");
                }
                if (out.size() + n > max) {
                    throw new PayloadTooLargeException("the event is larger than the limit of " + max + " bytes", max);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw IngestException.badRequest("the event is neither JSON nor base64-encoded zlib");
        } finally {
            inflater.end();
        }
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
