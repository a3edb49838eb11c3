package io.bugmaster.inbound;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where alerts come in: PagerDuty Events API v2 ({@code /v2/enqueue}, {@code /v2/change/enqueue},
 * with or without a trailing slash), Alertmanager's webhook and the generic webhook, each
 * authenticated by an integration key (in the body or in the URL) and nothing else: no session, no CSRF.
 * The body is read as it is whatever its Content-Type ({@code curl -d} sends a form type).
 *
 * <p>The answer is flushed before the handler returns: Tomcat would otherwise wait to swallow the
 * unread rest of a refused body (too large, too slow) before sending it, and then close the
 * connection without sending it at all.
 */
@RestController
class InboundController {
    private final InboundReceiver receiver;
    private final JsonMapper json;

    InboundController(InboundReceiver receiver, JsonMapper json) {
        this.receiver = receiver;
        this.json = json;
    }

    @PostMapping({"/v2/enqueue", "/v2/enqueue/"})
    void enqueue(HttpServletRequest request, HttpServletResponse response) throws IOException {
        render(receiver.enqueue(request.getInputStream(), request.getContentLengthLong()), response);
    }

    @PostMapping({"/v2/change/enqueue", "/v2/change/enqueue/"})
    void changeEnqueue(HttpServletRequest request, HttpServletResponse response) throws IOException {
        render(receiver.changeEnqueue(request.getInputStream(), request.getContentLengthLong()), response);
    }

    @PostMapping({"/inbound/alertmanager/{key}", "/inbound/alertmanager/{key}/"})
    void alertmanager(@PathVariable String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
        render(receiver.alertmanager(key, request.getInputStream(), request.getContentLengthLong()), response);
    }

    @PostMapping({"/inbound/generic/{key}", "/inbound/generic/{key}/"})
    void generic(@PathVariable String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
        render(receiver.generic(key, request.getInputStream(), request.getContentLengthLong()), response);
    }

    /** Anything but POST: a JSON 405, not an error page. */
    @RequestMapping(path = {"/v2/enqueue", "/v2/enqueue/", "/v2/change/enqueue", "/v2/change/enqueue/",
            "/inbound/alertmanager/{key}", "/inbound/alertmanager/{key}/", "/inbound/generic/{key}", "/inbound/generic/{key}/"},
            method = {RequestMethod.GET, RequestMethod.HEAD, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    void notPost(HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.ALLOW, "POST");
        render(new InboundReceiver.Reply(405, Map.of("status", "invalid event", "message", "Method not allowed",
                "errors", List.of("send the event with POST")), 0), response);
    }

    private void render(InboundReceiver.Reply reply, HttpServletResponse response) throws IOException {
        byte[] body = json.writeValueAsBytes(reply.body());
        response.setStatus(reply.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (reply.retryAfterSeconds() > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(reply.retryAfterSeconds()));
        }
        if (reply.status() == 408 || reply.status() == 413) {
            // the rest of the body is not read
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
