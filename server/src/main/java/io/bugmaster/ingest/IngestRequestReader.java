package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Reads one ingest request without a servlet: credentials, Content-Encoding, body. The controller
 * passes the headers, query string and body stream and gets either the parsed envelope with its
 * credentials, or a rejection with the status and detail to answer.
 *
 * <p>It stops reading at the first problem: an unknown encoding before reading anything, a limit
 * the moment it is passed. After a rejection the controller should close the connection rather
 * than drain the rest of the body.
 */
@PureLogic
public final class IngestRequestReader {

    public enum Endpoint { ENVELOPE, STORE }

    /** What {@link #read} found. */
    public sealed interface Result permits Parsed, Rejected {}

    /** A parsed request; the key in {@code auth} is not yet checked against the project's keys. */
    public record Parsed(SentryAuth auth, Envelope envelope) implements Result {}

    /** A refused request: answer {@code status} with {@code {"detail": detail, "causes": causes}}. */
    public record Rejected(int status, String detail, List<String> causes) implements Result {
        static Rejected of(IngestException e) {
            return new Rejected(e.status(), e.detail(), e.causes());
        }
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
        try {
            Optional<SentryAuth> early = SentryAuth.fromRequest(xSentryAuth, authorization, rawQuery);
            InputStream decoded = BodyDecoder.decode(contentEncoding, body, limits);
            Envelope envelope = endpoint == Endpoint.STORE ? storeParser.parse(decoded) : envelopeParser.parse(decoded);
            SentryAuth auth = SentryAuth.require(early, endpoint == Endpoint.STORE ? null : envelope.header());
            if (auth.projectId() != null && projectId != null && !auth.projectId().equals(projectId)) {
                return new Rejected(403, "the envelope's DSN is for project " + auth.projectId()
                        + ", not project " + JsonSafe.clip(projectId, 20), List.of());
            }
            return new Parsed(auth, envelope);
        } catch (IngestException e) {
            return Rejected.of(e);
        }
    }
}
