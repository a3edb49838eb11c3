package io.bugmaster.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 client connection on a blocking socket, kept alive between requests (or closed
 * after each one, as the Java SDK does, with {@code closeEach}). Deliberately small: it writes a
 * POST with a Content-Length body and reads the status, the headers it needs and the body
 * (Content-Length or chunked), so that one thread per connection costs little CPU.
 */
final class RawHttpConnection implements Closeable {

    /** What the server answered. */
    record Response(int status, boolean hasRetryAfter, boolean hasRateLimits) {}

    private final InetSocketAddress address;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] line = new byte[8192];
    private final byte[] skip = new byte[8192];

    RawHttpConnection(InetSocketAddress address, int timeoutMillis) {
        this.address = address;
        this.timeoutMillis = timeoutMillis;
    }

    boolean isOpen() {
        return socket != null;
    }

    void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMillis);
        s.connect(address, timeoutMillis);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16384);
        out = new BufferedOutputStream(s.getOutputStream(), 65536);
    }

    /** Sends {@code head} (request line and headers without Content-Length) and {@code body}; reads the whole response. */
    Response post(byte[] head, byte[] body, boolean closeAfter) throws IOException {
        if (socket == null) {
            connect();
        }
        boolean ok = false;
        try {
            out.write(head);
            out.write(("Content-Length: " + body.length + "\r\n" + (closeAfter ? "Connection: close\r\n" : "") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            Response response = read();
            ok = true;
            return response;
        } finally {
            if (!ok || closeAfter || serverCloses) {
                close();
            }
        }
    }

    private boolean serverCloses;

    private Response read() throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new EOFException("connection closed before a response");
        }
        // HTTP/1.1 200 OK
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean retryAfter = false;
        boolean rateLimits = false;
        serverCloses = false;
        String header;
        while ((header = readLine()) != null && !header.isEmpty()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> serverCloses = value.equalsIgnoreCase("close");
                case "retry-after" -> retryAfter = true;
                case "x-sentry-rate-limits" -> rateLimits = true;
                default -> { }
            }
        }
        if (header == null) {
            throw new EOFException("connection closed in the response headers");
        }
        if (chunked) {
            while (true) {
                String size = readLine();
                if (size == null) {
                    throw new EOFException("connection closed in a chunked body");
                }
                int semicolon = size.indexOf(';');
                long n = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
                if (n == 0) {
                    String trailer;
                    while ((trailer = readLine()) != null && !trailer.isEmpty()) {
                        // trailers are ignored
                    }
                    break;
                }
                discard(n);
                readLine(); // CRLF after the chunk
            }
        } else if (length > 0) {
            discard(length);
        } else if (length < 0 && status != 204 && status != 304) {
            serverCloses = true; // body runs to the end of the connection: read it and close
            while (in.read(skip) >= 0) {
                // drain
            }
        }
        return new Response(status, retryAfter, rateLimits);
    }

    private void discard(long n) throws IOException {
        while (n > 0) {
            int r = in.read(skip, 0, (int) Math.min(skip.length, n));
            if (r < 0) {
                throw new EOFException("connection closed in the body");
            }
            n -= r;
        }
    }

    /** One line without its CRLF, or null at the end of the stream. */
    private String readLine() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return n == 0 ? null : new String(line, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                if (n > 0 && line[n - 1] == '\r') {
                    n--;
                }
                return new String(line, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (n == line.length) {
                throw new IOException("header line longer than " + line.length + " bytes");
            }
            line[n++] = (byte) b;
        }
    }

    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        in = null;
        out = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
