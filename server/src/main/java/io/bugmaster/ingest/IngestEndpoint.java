package io.bugmaster.ingest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Sentry ingestion endpoints ({@code /api/<project id>/envelope/} and {@code .../store/}),
 * served by a filter ahead of every other one: no Spring MVC dispatch, no Spring Security chain,
 * no {@code http_server_requests} observation, which together were about a third of the CPU of an
 * ingested event. SDKs authenticate each request with their DSN key (checked by
 * {@link IngestService}); there is no session and no CSRF, and CORS is open to every origin, since
 * browser SDKs post from the customer's own sites. The body is streamed to the parser (never
 * buffered), and the answer comes only once the events are committed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class IngestEndpoint extends OncePerRequestFilter {
    /** Project ids start at 1; {@code /api/0/} is the REST API. */
    private static final Pattern INGEST_PATH = Pattern.compile("/api/[1-9][0-9]*/.*");
    private static final Pattern ENDPOINT = Pattern.compile("/api/([1-9][0-9]*)/(envelope|store)/?");
    private static final Set<String> ALLOWED_METHODS = Set.of("GET", "POST", "HEAD", "OPTIONS");
    private static final String EXPOSED_HEADERS = "X-Sentry-Error, X-Sentry-Rate-Limits, Retry-After";
    private static final String MAX_AGE = "3600";

    private final IngestService ingest;
    private final JsonMapper json;

    public IngestEndpoint(IngestService ingest, JsonMapper json) {
        this.ingest = ingest;
        this.json = json;
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !path.startsWith("/api/") || !INGEST_PATH.matcher(path).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null) {
            response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin.isEmpty() ? "*" : origin);
        }
        String preflightMethod = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        if ("OPTIONS".equals(request.getMethod()) && origin != null && preflightMethod != null) {
            preflight(request, preflightMethod, response);
            return;
        }
        if (origin != null) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
        Matcher endpoint = ENDPOINT.matcher(path(request));
        if (!endpoint.matches()) {
            write(response, 404, Map.of("detail", "not found"));
        } else if (!"POST".equals(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, "POST");
            write(response, 405, Map.of("detail", "method not allowed"));
        } else {
            IngestRequestReader.Endpoint kind = endpoint.group(2).equals("envelope")
                    ? IngestRequestReader.Endpoint.ENVELOPE : IngestRequestReader.Endpoint.STORE;
            reply(ingest.accept(new IngestService.Request(kind, endpoint.group(1),
                    request.getHeader("X-Sentry-Auth"), request.getHeader(HttpHeaders.AUTHORIZATION),
                    request.getHeader(HttpHeaders.CONTENT_ENCODING), request.getQueryString(), request.getRemoteAddr(),
                    request.getInputStream())), response);
        }
    }

    /** A CORS preflight: any origin, any requested header, the ingestion methods. */
    private static void preflight(HttpServletRequest request, String method, HttpServletResponse response) {
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        if (!ALLOWED_METHODS.contains(method.trim())) {
            response.setStatus(403);
            return;
        }
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET,POST,HEAD,OPTIONS");
        String headers = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        if (headers != null && !headers.isBlank()) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, headers);
        }
        response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE);
        response.setStatus(200);
    }

    private void reply(IngestService.Reply reply, HttpServletResponse response) throws IOException {
        if (reply.error() != null) {
            response.setHeader("X-Sentry-Error", headerSafe(reply.error()));
            if (reply.status() != 429) {
                // the rest of a refused body is not worth reading
                response.setHeader(HttpHeaders.CONNECTION, "close");
            }
        }
        if (reply.retryAfter() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(reply.retryAfter()));
        }
        if (reply.rateLimits() != null) {
            response.setHeader("X-Sentry-Rate-Limits", reply.rateLimits());
        }
        write(response, reply.status(), reply.body());
    }

    private void write(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Header values must be one line of visible ASCII. */
    private static String headerSafe(String text) {
        String line = text.replaceAll("[^\\x20-\\x7e]", "?");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
