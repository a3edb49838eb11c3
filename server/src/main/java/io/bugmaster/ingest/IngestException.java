package io.bugmaster.ingest;

import java.util.List;

/**
 * A request the ingest layer refuses, with the HTTP status to answer and a detail that is safe to
 * show the client (it goes into {@code {"detail": ..., "causes": [...]}} and {@code X-Sentry-Error}).
 * Everything the parsing layer rejects is one of these, always with a 4xx status.
 */
public class IngestException extends RuntimeException {
    private final int status;
    private final List<String> causes;

    public IngestException(int status, String detail) {
        this(status, detail, List.of(), null);
    }

    public IngestException(int status, String detail, List<String> causes, Throwable cause) {
        super(detail, cause);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("ingest errors are client errors, not " + status);
        }
        this.status = status;
        this.causes = List.copyOf(causes);
    }

    /** 400: the body is malformed. {@code cause} is the parser's message, if any, shown as a cause. */
    public static IngestException badRequest(String detail, Throwable cause) {
        return new IngestException(400, detail, causeMessages(cause), cause);
    }

    public static IngestException badRequest(String detail) {
        return new IngestException(400, detail);
    }

    /** 401: no credentials were found anywhere the protocol allows them. */
    public static IngestException unauthorized(String detail) {
        return new IngestException(401, detail);
    }

    /** 415: a Content-Encoding this server cannot decode. */
    public static IngestException unsupportedMediaType(String detail) {
        return new IngestException(415, detail);
    }

    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }

    /** Further explanations (such as the JSON parser's message), most specific last. */
    public List<String> causes() {
        return causes;
    }

    private static List<String> causeMessages(Throwable cause) {
        if (cause == null || cause.getMessage() == null) {
            return List.of();
        }
        String message = cause.getMessage();
        // Parser messages can quote input; keep them short and on one line.
        message = message.replaceAll("\\s+", " ");
        return List.of(message.length() > 300 ? message.substring(0, 300) + "..." : message);
    }
}
