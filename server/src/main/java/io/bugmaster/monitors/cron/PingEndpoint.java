package io.bugmaster.monitors.cron;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * healthchecks.io-style ping URLs ({@code /ping/<uuid>}, {@code /ping/<ping-key>/<slug>}, with
 * {@code /start}, {@code /fail}, {@code /log}, {@code /<exit status>}), so existing {@code curl}
 * lines work: HEAD, GET or POST, answered {@code 200 OK} in plain text. The address is the key: no
 * session, no CSRF. The first 10 KB of the body are kept as the job's output; the rest is read and
 * dropped (up to {@value #MAX_DRAINED_BYTES} bytes within {@link #DRAIN_TIME}, else the connection is
 * closed after the answer), so a large body costs no memory.
 */
@RestController
class PingEndpoint {
    static final long MAX_DRAINED_BYTES = 16L * 1024 * 1024;
    static final Duration DRAIN_TIME = Duration.ofSeconds(30);

    private final Pings pings;
    private final CheckInRate rate;
    private final Clock clock;

    PingEndpoint(Pings pings, CheckInRate rate, Clock clock) {
        this.pings = pings;
        this.rate = rate;
        this.clock = clock;
    }

    @RequestMapping(path = "/ping/**", method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.HEAD})
    void ping(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        PingPath ping;
        String runId;
        try {
            ping = PingPath.parse(path.substring("/ping/".length()));
            // from the query string only: getParameter would read a form-typed body (curl -d) as parameters
            runId = PingPath.runId(queryParameter(request.getQueryString(), "rid"));
        } catch (IllegalArgumentException e) {
            text(response, 400, e.getMessage());
            return;
        }
        long retry = rate.take(ping.uuid() != null ? ping.uuid() : ping.pingKey() + "/" + ping.slug());
        if (retry > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retry));
            text(response, 429, "rate limited: too many pings to this address (BUGMASTER_INBOUND_RATE_PER_MINUTE); retry in " + retry + " s");
            return;
        }
        Body body = read(request.getInputStream(), clock);
        if (!body.complete()) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        boolean found = pings.ping(ping, runId, body.output(), clock.instant());
        text(response, found ? 200 : 404, found ? "OK" : "not found");
    }

    @RequestMapping(path = "/ping/**", method = {RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    void notAllowed(HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.ALLOW, "GET, HEAD, POST");
        text(response, 405, "method not allowed: ping with GET, HEAD or POST");
    }

    record Body(String output, boolean complete) {}

    /** The first 10 KB as text; the rest read and dropped, within bounds (a read that waits is bounded by the connection timeout). */
    static Body read(InputStream in, Clock clock) throws IOException {
        byte[] first = in.readNBytes(JobOutput.MAX_BYTES);
        byte[] skip = new byte[8192];
        long dropped = 0;
        java.time.Instant deadline = clock.instant().plus(DRAIN_TIME);
        boolean complete = true;
        for (int n; (n = in.read(skip)) > 0; ) {
            dropped += n;
            if (dropped > MAX_DRAINED_BYTES || clock.instant().isAfter(deadline)) {
                complete = false;
                break;
            }
        }
        // one byte past 10 KB tells JobOutput the cut may split a character
        return new Body(JobOutput.of(first, dropped > 0 ? JobOutput.MAX_BYTES + 1 : first.length), complete);
    }

    static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                try {
                    return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + " is not URL-encoded text");
                }
            }
        }
        return null;
    }

    private static void text(HttpServletResponse response, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(MediaType.TEXT_PLAIN_VALUE + ";charset=utf-8");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("Ping-Body-Limit", Integer.toString(JobOutput.MAX_BYTES));
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}
