package io.bugmaster.ingest;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Sentry ingestion endpoints. The body is streamed to the parser (never buffered by Spring),
 * and the answer comes only once the events are committed.
 */
@RestController
public class IngestController {
    private final IngestService ingest;

    public IngestController(IngestService ingest) {
        this.ingest = ingest;
    }

    @PostMapping({"/api/{projectId:[1-9][0-9]*}/envelope/", "/api/{projectId:[1-9][0-9]*}/envelope"})
    ResponseEntity<Map<String, Object>> envelope(@PathVariable String projectId, HttpServletRequest request)
            throws IOException {
        return handle(IngestRequestReader.Endpoint.ENVELOPE, projectId, request);
    }

    @PostMapping({"/api/{projectId:[1-9][0-9]*}/store/", "/api/{projectId:[1-9][0-9]*}/store"})
    ResponseEntity<Map<String, Object>> store(@PathVariable String projectId, HttpServletRequest request) throws IOException {
        return handle(IngestRequestReader.Endpoint.STORE, projectId, request);
    }

    private ResponseEntity<Map<String, Object>> handle(IngestRequestReader.Endpoint endpoint, String projectId,
            HttpServletRequest request) throws IOException {
        IngestService.Reply reply = ingest.accept(new IngestService.Request(endpoint, projectId,
                request.getHeader("X-Sentry-Auth"), request.getHeader(HttpHeaders.AUTHORIZATION),
                request.getHeader(HttpHeaders.CONTENT_ENCODING), request.getQueryString(), request.getRemoteAddr(),
                request.getInputStream()));
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(reply.status()).contentType(MediaType.APPLICATION_JSON);
        if (reply.error() != null) {
            builder.header("X-Sentry-Error", headerSafe(reply.error()));
            if (reply.status() != 429) {
                // the rest of a refused body is not worth reading
                builder.header(HttpHeaders.CONNECTION, "close");
            }
        }
        if (reply.retryAfter() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(reply.retryAfter()));
        }
        if (reply.rateLimits() != null) {
            builder.header("X-Sentry-Rate-Limits", reply.rateLimits());
        }
        return builder.body(reply.body());
    }

    /** Header values must be one line of visible ASCII. */
    private static String headerSafe(String text) {
        String line = text.replaceAll("[^\\x20-\\x7e]", "?");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
