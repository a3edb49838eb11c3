package io.bugmaster.ingest;

import io.bugmaster.monitors.cron.SentryCheckInPaths;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
 * browser SDKs post from the customer's own sites. The answer comes only once the events are committed.
 *
 * <p>The body is received without holding a thread (Servlet non-blocking reads) into memory reserved
 * from {@link IngestMemory}, and must arrive within {@code bugmaster.body-timeout} in total,
 * else the request is answered 408 and the connection closed. Only then is the request processed and
 * takes one of the ingest slots: a slow sender holds neither a thread nor a slot while it trickles.
 * (A body that came whole with the headers, as most SDK requests do, is read at once instead.)
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

    private static final Logger log = LoggerFactory.getLogger(IngestEndpoint.class);
    private static final int FIRST_BLOCK = 4 * 1024;
    private static final int LAST_BLOCK = 64 * 1024;

    private final IngestService ingest;
    private final JsonMapper json;
    private final BodyDeadlines deadlines;
    private final Clock clock;
    private final Duration bodyTimeout;
    private final long maxBodyBytes = IngestLimits.defaults().maxCompressedBytes();

    public IngestEndpoint(IngestService ingest, JsonMapper json, BodyDeadlines deadlines, Clock clock,
            @Value("${bugmaster.body-timeout:30s}") Duration bodyTimeout) {
        if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("BUGMASTER_BODY_TIMEOUT must be a positive duration, got: " + bodyTimeout);
        }
        this.ingest = ingest;
        this.json = json;
        this.deadlines = deadlines;
        this.clock = clock;
        this.bodyTimeout = bodyTimeout;
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        // Sentry's HTTP check-in is the monitors' (SentryHttpCheckIn)
        return !path.startsWith("/api/") || !INGEST_PATH.matcher(path).matches() || SentryCheckInPaths.matches(path);
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
            receive(request, response, kind, endpoint.group(1));
        }
    }

    /** Refuses what can be refused before the body is read; else receives the body, then processes it. */
    private void receive(HttpServletRequest request, HttpServletResponse response, IngestRequestReader.Endpoint kind,
            String projectId) throws IOException {
        Optional<IngestService.Reply> refused = ingest.refuseBeforeBody(projectId, request.getHeader("X-Sentry-Auth"),
                request.getHeader(HttpHeaders.AUTHORIZATION), request.getQueryString());
        if (refused.isPresent()) {
            reply(refused.get(), response);
            return;
        }
        long length = request.getContentLengthLong();
        if (length > maxBodyBytes) {
            reply(IngestService.Reply.error(413, "request body larger than the limit of " + maxBodyBytes + " bytes", List.of()),
                    response);
            return;
        }
        if (length >= 0 && request.getInputStream().available() >= length) {
            // The whole body came with the headers (most SDK requests): read it here, where no read can block.
            try (RequestMemory memory = ingest.memoryFor(projectId)) {
                IngestService.Reply reply;
                try {
                    memory.charge(length);
                    byte[] body = request.getInputStream().readNBytes((int) length);
                    reply = process(request, kind, projectId, new java.io.ByteArrayInputStream(body), memory);
                } catch (IngestException e) {
                    reply = e.status() == 429 ? IngestService.Reply.busy(e.detail())
                            : IngestService.Reply.error(e.status(), e.detail(), e.causes());
                }
                reply(reply, response);
            }
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(0); // the body has its own deadline; processing is bounded by the commit timeout
        Body body = new Body(async, request, response, kind, projectId);
        request.getInputStream().setReadListener(body);
    }

    /** Processes a request whose body has arrived; an unexpected failure is a 500 with a JSON detail. */
    private IngestService.Reply process(HttpServletRequest request, IngestRequestReader.Endpoint kind, String projectId,
            InputStream body, RequestMemory memory) {
        try {
            return ingest.accept(new IngestService.Request(kind, projectId, request.getHeader("X-Sentry-Auth"),
                    request.getHeader(HttpHeaders.AUTHORIZATION), request.getHeader(HttpHeaders.CONTENT_ENCODING),
                    request.getQueryString(), request.getRemoteAddr(), body, memory));
        } catch (IOException | RuntimeException e) {
            log.error("ingest request of project {} failed", projectId, e);
            return IngestService.Reply.error(500, "the request could not be processed", List.of());
        }
    }

    /**
     * One request body being received, chunk by chunk, as the container says bytes are ready. Its
     * methods run on container threads (one at a time) and the deadline thread; the state changes
     * under its lock, so exactly one of them ends the request.
     */
    private final class Body implements ReadListener {
        private final AsyncContext async;
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final IngestRequestReader.Endpoint kind;
        private final String projectId;
        private final RequestMemory memory;
        /** The body in blocks that double from 4 KB to 64 KB, each charged when it is allocated. */
        private final List<byte[]> blocks = new ArrayList<>();
        private final BodyDeadlines.Deadline deadline;
        private byte[] block;
        private int filled;
        private long size;
        private boolean receiving = true;

        Body(AsyncContext async, HttpServletRequest request, HttpServletResponse response, IngestRequestReader.Endpoint kind,
                String projectId) {
            this.async = async;
            this.request = request;
            this.response = response;
            this.kind = kind;
            this.projectId = projectId;
            this.memory = ingest.memoryFor(projectId);
            this.deadline = deadlines.watch(clock.instant().plus(bodyTimeout), this::expire);
        }

        @Override
        public synchronized void onDataAvailable() throws IOException {
            ServletInputStream in = request.getInputStream();
            while (receiving && in.isReady()) {
                if (block == null || filled == block.length) {
                    int next = block == null ? FIRST_BLOCK : Math.min(LAST_BLOCK, 2 * block.length);
                    try {
                        memory.charge(next);
                    } catch (IngestException e) {
                        end(e.status() == 429 ? IngestService.Reply.busy(e.detail())
                                : IngestService.Reply.error(e.status(), e.detail(), e.causes()));
                        return;
                    }
                    block = new byte[next];
                    blocks.add(block);
                    filled = 0;
                }
                int n = in.read(block, filled, block.length - filled);
                if (n < 0) {
                    return;
                }
                filled += n;
                size += n;
                if (size > maxBodyBytes) {
                    end(IngestService.Reply.error(413, "request body larger than the limit of " + maxBodyBytes + " bytes",
                            List.of()));
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() throws IOException {
            synchronized (this) {
                if (!receiving) {
                    return;
                }
                receiving = false;
                deadline.cancel();
            }
            finish(process(request, kind, projectId, new Blocks(blocks, filled, memory), memory));
        }

        @Override
        public void onError(Throwable t) {
            synchronized (this) {
                if (!receiving) {
                    return;
                }
                receiving = false;
                deadline.cancel();
            }
            // the client went away or the read failed: nobody to answer
            memory.close();
            async.complete();
        }

        /** The deadline passed with the body still arriving. */
        private synchronized void expire() {
            if (receiving) {
                end(IngestService.Reply.error(408, "the request body did not arrive within " + bodyTimeout.toSeconds()
                        + " s; send it faster or in smaller envelopes", List.of()));
            }
        }

        /** Ends the request while its body is still being received (under the lock). */
        private void end(IngestService.Reply reply) {
            receiving = false;
            deadline.cancel();
            // the rest of the body is not read
            response.setHeader(HttpHeaders.CONNECTION, "close");
            finish(reply);
        }

        private void finish(IngestService.Reply reply) {
            memory.close();
            try {
                reply(reply, response);
            } catch (IOException | RuntimeException e) {
                log.debug("could not answer an ingest request: {}", e.toString());
            } finally {
                async.complete();
            }
        }
    }

    /** The received body, read once; each block's memory is given back as soon as it has been read. */
    private static final class Blocks extends InputStream {
        private final List<byte[]> blocks;
        private final int lastFilled;
        private final RequestMemory memory;
        private int index;
        private int pos;

        /** @param lastFilled how much of the last block holds body bytes (the others are full) */
        Blocks(List<byte[]> blocks, int lastFilled, RequestMemory memory) {
            this.blocks = blocks;
            this.lastFilled = lastFilled;
            this.memory = memory;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            while (index < blocks.size()) {
                byte[] block = blocks.get(index);
                int end = index == blocks.size() - 1 ? lastFilled : block.length;
                if (pos < end) {
                    int n = Math.min(len, end - pos);
                    System.arraycopy(block, pos, b, off, n);
                    pos += n;
                    return n;
                }
                blocks.set(index++, null);
                pos = 0;
                memory.release(block.length);
            }
            return -1;
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
