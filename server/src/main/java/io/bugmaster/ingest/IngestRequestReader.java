package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one ingest request without a servlet: credentials, Content-Encoding, body. The caller
 * passes the headers, query string and body stream and gets either the parsed envelope with its
 * credentials, or a rejection with the status and detail to answer.
 *
 * <p>It stops reading at the first problem: an unknown encoding before reading anything, a limit
 * the moment it is passed. After a rejection the controller should close the connection rather
 * than drain the rest of the body.
 *
 * <p>Two forms: {@link #read(Endpoint, String, String, String, String, String, InputStream)} returns
 * the whole envelope, every item held; the streaming form hands each item to a {@link Listener} as
 * it is read and holds nothing itself, which is what ingestion uses.
 */
@PureLogic
public final class IngestRequestReader {

    public enum Endpoint { ENVELOPE, STORE }

    /** What {@link #read} found. */
    public sealed interface Result permits Parsed, Streamed, Rejected {}

    /** A parsed request; the key in {@code auth} is not yet checked against the project's keys. */
    public record Parsed(SentryAuth auth, Envelope envelope) implements Result {}

    /** A request read to its end; its items went to the listener. */
    public record Streamed(SentryAuth auth, EnvelopeHeader header, Map<String, Integer> skippedTypes) implements Result {}

    /** A refused request: answer {@code status} with {@code {"detail": detail, "causes": causes}}. */
    public record Rejected(int status, String detail, List<String> causes) implements Result {
        static Rejected of(IngestException e) {
            return new Rejected(e.status(), e.detail(), e.causes());
        }
    }

    /** Receives a request while it is read. Either method may throw an {@link IngestException} to refuse it. */
    public interface Listener {
        /**
         * The envelope header and the request's credentials (from the request or the header's DSN, not
         * yet checked against the project's keys), before any item.
         */
        void begin(SentryAuth auth, EnvelopeHeader header);

        /** One kept item; see {@link EnvelopeParser.Sink#item}. */
        void item(EnvelopeItem item);
    }

    private final IngestLimits limits;
    private final EnvelopeParser envelopeParser;
    private final StoreParser storeParser;

    public IngestRequestReader(IngestLimits limits) {
        this.limits = limits;
        this.envelopeParser = new EnvelopeParser(limits);
        this.storeParser = new StoreParser(limits);
    }

    /**
     * Reads the whole request, holding every item (event payloads parsed).
     *
     * @param endpoint        envelope or legacy store
     * @param projectId       the project id from the URL path
     * @param xSentryAuth     the X-Sentry-Auth header or null
     * @param authorization   the Authorization header or null
     * @param contentEncoding the Content-Encoding header or null
     * @param rawQuery        the raw query string or null
     * @param body            the request body as received
     * @throws IOException when reading the client's stream fails (the client went away)
     */
    public Result read(Endpoint endpoint, String projectId, String xSentryAuth, String authorization,
                       String contentEncoding, String rawQuery, InputStream body) throws IOException {
        List<EnvelopeItem> items = new ArrayList<>();
        Result result = read(endpoint, projectId, xSentryAuth, authorization, contentEncoding, rawQuery, body,
                RequestMemory.unlimited(), new Listener() {
                    @Override
                    public void begin(SentryAuth auth, EnvelopeHeader header) {}

                    @Override
                    public void item(EnvelopeItem item) {
                        items.add(ItemTypes.EVENT_LIKE.contains(item.type()) ? item.parsed() : item);
                    }
                });
        if (result instanceof Streamed streamed) {
            return new Parsed(streamed.auth(), new Envelope(streamed.header(), items, streamed.skippedTypes()));
        }
        return result;
    }

    /**
     * Reads the request, handing each kept item to {@code listener} as soon as it is read.
     *
     * @param memory what the request may hold; payloads are charged to it before they are buffered
     * @throws IOException when reading the client's stream fails (the client went away)
     */
    public Result read(Endpoint endpoint, String projectId, String xSentryAuth, String authorization,
                       String contentEncoding, String rawQuery, InputStream body, RequestMemory memory,
                       Listener listener) throws IOException {
        try {
            Optional<SentryAuth> early = SentryAuth.fromRequest(xSentryAuth, authorization, rawQuery);
            InputStream decoded = BodyDecoder.decode(contentEncoding, body, limits);
            EnvelopeHeader[] header = new EnvelopeHeader[1];
            SentryAuth[] auth = new SentryAuth[1];
            EnvelopeParser.Sink sink = new EnvelopeParser.Sink() {
                @Override
                public void header(EnvelopeHeader h) {
                    header[0] = h;
                    auth[0] = SentryAuth.require(early, endpoint == Endpoint.STORE ? null : h);
                    if (auth[0].projectId() != null && projectId != null && !auth[0].projectId().equals(projectId)) {
                        throw new IngestException(403, "the envelope's DSN is for project " + auth[0].projectId()
                                + ", not project " + JsonSafe.clip(projectId, 20));
                    }
                    listener.begin(auth[0], h);
                }

                @Override
                public void item(EnvelopeItem item) {
                    listener.item(item);
                }
            };
            Map<String, Integer> skipped;
            if (endpoint == Endpoint.STORE) {
                storeParser.parse(decoded, memory, sink);
                skipped = Map.of();
            } else {
                skipped = envelopeParser.parse(decoded, memory, sink);
            }
            return new Streamed(auth[0], header[0], skipped);
        } catch (IngestException e) {
            return Rejected.of(e);
        }
    }
}
