package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Streaming parser of the envelope format {@code Headers ("\n" Item)* ["\n"]}, where
 * {@code Item = Headers "\n" Payload} and each header is one line of JSON. Reads the decoded body
 * once, front to back, and holds at most one item's payload beyond what it keeps.
 *
 * <ul>
 *   <li>An item with {@code length} has exactly that many payload bytes, followed by {@code "\n"} or
 *       the end; without {@code length} the payload runs to the next {@code "\n"} or the end.</li>
 *   <li>Empty lines between items are passed over. Only {@code "\n"} is a newline.</li>
 *   <li>Kept item types ({@link ItemTypes#KEPT}) are held to their size limit (413 naming the type and
 *       the limit); session items to a count. Every other type is skipped without buffering, counted
 *       by type, never rejected.</li>
 *   <li>A header that is not a JSON object, an item without a type, a bad {@code length}, a bad
 *       {@code event_id}, or an event, transaction or feedback payload that is not a JSON object: 400.</li>
 * </ul>
 */
@PureLogic
public final class EnvelopeParser {
    private static final int MAX_SKIPPED_TYPE_NAMES = 32;
    private static final int MAX_TYPE_NAME_LENGTH = 64;

    private final IngestLimits limits;

    public EnvelopeParser(IngestLimits limits) {
        this.limits = limits;
    }

    /**
     * Parses a decoded body (see {@link BodyDecoder}).
     *
     * @throws IngestException 400 for a malformed envelope, 413 past a limit
     * @throws IOException     when reading the client's stream fails
     */
    public Envelope parse(InputStream body) throws IOException {
        Reader reader = new Reader(body);
        byte[] headerLine = reader.readLine(limits.maxHeaderLineBytes(), "the envelope header");
        if (headerLine == null || isBlank(headerLine)) {
            throw IngestException.badRequest("empty envelope: the first line must be the envelope header (a JSON object)");
        }
        EnvelopeHeader header = EnvelopeHeader.from(IngestJson.parseObject(headerLine, "the envelope header"));

        List<EnvelopeItem> items = new ArrayList<>();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        int sessions = 0;
        int index = 0;
        while (true) {
            byte[] line = reader.readLine(limits.maxHeaderLineBytes(), "an item header");
            if (line == null) {
                break;
            }
            if (isBlank(line)) {
                continue;
            }
            index++;
            JsonNode itemHeader = IngestJson.parseObject(line, "the header of item " + index);
            JsonNode typeNode = itemHeader.get("type");
            String type = IngestJson.string(typeNode);
            if (type == null || type.isBlank()) {
                throw IngestException.badRequest("the header of item " + index + " has no type");
            }
            Long length = length(itemHeader, index, type);

            if (!ItemTypes.isKept(type)) {
                if (length != null) {
                    reader.skipExactly(length, type);
                    reader.expectNewlineOrEnd(type, length);
                } else {
                    reader.skipLine();
                }
                countSkipped(skipped, type);
                continue;
            }

            int max = limits.maxItemBytes(type);
            byte[] payload;
            if (length != null) {
                if (length > max) {
                    throw tooLarge(type, max);
                }
                payload = reader.readExactly(length.intValue(), type);
                reader.expectNewlineOrEnd(type, length);
            } else {
                payload = reader.readLine(max, "the " + type + " item");
                if (payload == null) {
                    payload = new byte[0];
                }
            }

            if (type.equals(ItemTypes.SESSION) || type.equals(ItemTypes.SESSIONS)) {
                sessions++;
                if (sessions > limits.maxSessionItems()) {
                    throw new PayloadTooLargeException("more than " + limits.maxSessionItems()
                            + " session items in one envelope", limits.maxSessionItems());
                }
            }
            if (items.size() >= limits.maxKeptItems()) {
                throw new PayloadTooLargeException("more than " + limits.maxKeptItems() + " items in one envelope",
                        limits.maxKeptItems());
            }
            JsonNode tree = ItemTypes.EVENT_LIKE.contains(type) ? IngestJson.readObject(payload, "the " + type + " item") : null;
            items.add(new EnvelopeItem(type, IngestJson.nonBlank(itemHeader.get("content_type")),
                    IngestJson.nonBlank(itemHeader.get("filename")), IngestJson.nonBlank(itemHeader.get("attachment_type")),
                    itemHeader, payload, tree));
        }
        return new Envelope(header, items, skipped);
    }

    private static Long length(JsonNode itemHeader, int index, String type) {
        JsonNode node = itemHeader.get("length");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw IngestException.badRequest("the length of item " + index + " (" + JsonSafe.clip(type, MAX_TYPE_NAME_LENGTH)
                    + ") is not a non-negative integer");
        }
        return node.longValue();
    }

    private static PayloadTooLargeException tooLarge(String type, int max) {
        return new PayloadTooLargeException("the " + type + " item is larger than the limit of " + max + " bytes", max);
    }

    private static void countSkipped(Map<String, Integer> skipped, String type) {
        String name = JsonSafe.clip(type, MAX_TYPE_NAME_LENGTH);
        if (!skipped.containsKey(name) && skipped.size() >= MAX_SKIPPED_TYPE_NAMES) {
            name = "(other)";
        }
        skipped.merge(name, 1, Integer::sum);
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A buffered reader over bytes with bounded lines and exact reads. */
    private static final class Reader {
        private final InputStream in;
        private final byte[] buffer = new byte[8192];
        private int pos;
        private int end;
        private boolean eof;

        Reader(InputStream in) {
            this.in = in;
        }

        private boolean fill() throws IOException {
            if (pos < end) {
                return true;
            }
            if (eof) {
                return false;
            }
            int n;
            do {
                n = in.read(buffer, 0, buffer.length);
            } while (n == 0);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            end = n;
            return true;
        }

        /** The bytes up to the next newline (consumed, not returned), or to the end; null at the end. */
        byte[] readLine(int max, String what) throws IOException {
            if (!fill()) {
                return null;
            }
            ByteArrayOutputStream line = null;
            while (fill()) {
                int start = pos;
                int newline = -1;
                for (int i = pos; i < end; i++) {
                    if (buffer[i] == '\n') {
                        newline = i;
                        break;
                    }
                }
                int stop = newline >= 0 ? newline : end;
                int size = (line == null ? 0 : line.size()) + (stop - start);
                if (size > max) {
                    throw new PayloadTooLargeException(what + " is larger than the limit of " + max + " bytes", max);
                }
                if (line == null && newline >= 0) {
                    pos = newline + 1;
                    return java.util.Arrays.copyOfRange(buffer, start, stop);
                }
                if (line == null) {
                    line = new ByteArrayOutputStream(Math.min(max, 2 * buffer.length));
                }
                line.write(buffer, start, stop - start);
                pos = newline >= 0 ? newline + 1 : end;
                if (newline >= 0) {
                    return line.toByteArray();
                }
            }
            return line == null ? new byte[0] : line.toByteArray();
        }

        /** Passes over the bytes up to and including the next newline, holding none of them. */
        void skipLine() throws IOException {
            while (fill()) {
                for (int i = pos; i < end; i++) {
                    if (buffer[i] == '\n') {
                        pos = i + 1;
                        return;
                    }
                }
                pos = end;
            }
        }

        byte[] readExactly(int length, String type) throws IOException {
            byte[] out = new byte[length];
            int done = 0;
            while (done < length) {
                if (!fill()) {
                    throw shortPayload(type, length, done);
                }
                int n = Math.min(length - done, end - pos);
                System.arraycopy(buffer, pos, out, done, n);
                pos += n;
                done += n;
            }
            return out;
        }

        void skipExactly(long length, String type) throws IOException {
            long done = 0;
            while (done < length) {
                if (!fill()) {
                    throw shortPayload(type, length, done);
                }
                int n = (int) Math.min(length - done, end - pos);
                pos += n;
                done += n;
            }
        }

        void expectNewlineOrEnd(String type, long length) throws IOException {
            if (!fill()) {
                return;
            }
            if (buffer[pos] != '\n') {
                throw IngestException.badRequest("the " + JsonSafe.clip(type, MAX_TYPE_NAME_LENGTH) + " item's payload is longer than its length of "
                        + length + " bytes (no newline after it)");
            }
            pos++;
        }

        private static IngestException shortPayload(String type, long length, long got) {
            return IngestException.badRequest("the envelope ends inside the " + JsonSafe.clip(type, MAX_TYPE_NAME_LENGTH) + " item: its length is "
                    + length + " bytes, only " + got + " follow");
        }
    }
}
