package io.bugmaster.web.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies of the REST API (every {@code /api} path that is not ingestion, which has its own
 * limits and never gets this far) are at most 1 MB: a larger Content-Length is refused at once with
 * 413, and a body without one (chunked) is cut off while it streams, so a client can never make the
 * server buffer more than the limit. A body must also arrive within {@code bugmaster.body-timeout}
 * in total: a sender that trickles it holds a server thread, and is refused with 408 at its first
 * byte past the deadline (a read that waits for a byte is bounded by the server's connection timeout).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class RequestSizeLimitFilter extends OncePerRequestFilter {
    public static final long MAX_BODY_BYTES = 1024 * 1024;
    /** The largest refused body still read to its end, so that its sender can read the 413. */
    private static final long MAX_DRAINED_BYTES = 4 * MAX_BODY_BYTES;
    private static final Duration DRAIN_TIME = Duration.ofSeconds(5);

    private final JsonMapper json;
    private final Clock clock;
    private final Duration timeout;

    public RequestSizeLimitFilter(JsonMapper json, Clock clock, @Value("${bugmaster.body-timeout:30s}") Duration timeout) {
        this.json = json;
        this.clock = clock;
        this.timeout = timeout;
    }

    static boolean isApi(HttpServletRequest request) {
        return ApiPaths.isApi(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isApi(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > MAX_BODY_BYTES) {
            ApiRoutingErrors.write(response, ApiErrors.tooLarge(), json);
            if (length <= MAX_DRAINED_BYTES) {
                // A connection closed with body bytes unread is reset, and most clients then lose the
                // answer they were sent. A body of a few megabytes is read and dropped (within a short
                // deadline, as any body); a larger one is not worth reading, and its sender is cut off.
                drain(request.getInputStream(), length, clock.instant().plus(DRAIN_TIME));
            }
            return;
        }
        chain.doFilter(new CappedRequest(request, clock.instant().plus(timeout)), response);
    }

    private void drain(ServletInputStream in, long length, Instant deadline) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0 && !clock.instant().isAfter(deadline)) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return;
            }
            left -= n;
        }
    }

    /** A request whose body stream fails once more than the limit has been read from it, or past its deadline. */
    private final class CappedRequest extends HttpServletRequestWrapper {
        private final Instant deadline;
        private ServletInputStream stream;

        CappedRequest(HttpServletRequest request, Instant deadline) {
            super(request);
            this.deadline = deadline;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CappedStream(super.getInputStream(), deadline);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private final class CappedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final Instant deadline;
        private long read;

        CappedStream(ServletInputStream in, Instant deadline) {
            this.in = in;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > MAX_BODY_BYTES) {
                throw new BodyTooLargeException(MAX_BODY_BYTES);
            }
            if (clock.instant().isAfter(deadline)) {
                throw new BodyTimeoutException(timeout);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
