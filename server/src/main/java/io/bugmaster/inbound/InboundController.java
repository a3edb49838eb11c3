package io.bugmaster.inbound;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where alerts come in: PagerDuty Events API v2 ({@code /v2/enqueue}, {@code /v2/change/enqueue},
 * with or without a trailing slash), Alertmanager's webhook and the generic webhook, each
 * authenticated by an integration key (in the body or in the URL) and nothing else: no session, no CSRF.
 * The body is read as it is whatever its Content-Type ({@code curl -d} sends a form type).
 */
@RestController
class InboundController {
    private final InboundReceiver receiver;

    InboundController(InboundReceiver receiver) {
        this.receiver = receiver;
    }

    @PostMapping({"/v2/enqueue", "/v2/enqueue/"})
    ResponseEntity<Map<String, Object>> enqueue(HttpServletRequest request) throws IOException {
        return render(receiver.enqueue(request.getInputStream(), request.getContentLengthLong()));
    }

    @PostMapping({"/v2/change/enqueue", "/v2/change/enqueue/"})
    ResponseEntity<Map<String, Object>> changeEnqueue(HttpServletRequest request) throws IOException {
        return render(receiver.changeEnqueue(request.getInputStream(), request.getContentLengthLong()));
    }

    @PostMapping({"/inbound/alertmanager/{key}", "/inbound/alertmanager/{key}/"})
    ResponseEntity<Map<String, Object>> alertmanager(@PathVariable String key, HttpServletRequest request) throws IOException {
        return render(receiver.alertmanager(key, request.getInputStream(), request.getContentLengthLong()));
    }

    @PostMapping({"/inbound/generic/{key}", "/inbound/generic/{key}/"})
    ResponseEntity<Map<String, Object>> generic(@PathVariable String key, HttpServletRequest request) throws IOException {
        return render(receiver.generic(key, request.getInputStream(), request.getContentLengthLong()));
    }

    /** Anything but POST: a JSON 405, not an error page. */
    @RequestMapping(path = {"/v2/enqueue", "/v2/enqueue/", "/v2/change/enqueue", "/v2/change/enqueue/",
            "/inbound/alertmanager/{key}", "/inbound/alertmanager/{key}/", "/inbound/generic/{key}", "/inbound/generic/{key}/"},
            method = {RequestMethod.GET, RequestMethod.HEAD, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    ResponseEntity<Map<String, Object>> notPost() {
        return ResponseEntity.status(405).header(HttpHeaders.ALLOW, "POST").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", "invalid event", "message", "Method not allowed", "errors", List.of("send the event with POST")));
    }

    private static ResponseEntity<Map<String, Object>> render(InboundReceiver.Reply reply) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(reply.status()).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (reply.retryAfterSeconds() > 0) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(reply.retryAfterSeconds()));
        }
        return answer.body(reply.body());
    }
}
