package io.bugmaster.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * A trivial stand-in for the ingest endpoint, to debug {@link IngestLoad} and to measure the load
 * generator's own ceiling: it reads each request fully and answers {@code 200 {"id":...}} at once
 * (optionally after inflating the body, after a delay, or answering every Nth request with 429 and
 * Retry-After), and serves {@code bugmaster_digest_events_total} at {@code /actuator/prometheus}.
 * Blocking sockets, one thread per connection, loopback only.
 *
 * <pre>
 * java -cp ... io.bugmaster.benchmarks.StubReceiver [--port 18080] [--inflate] [--delay-ms 0] [--reject-every 0]
 * </pre>
 */
public final class StubReceiver {
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private boolean inflate;
    private int delayMillis;
    private int rejectEvery;

    public static void main(String[] args) throws Exception {
        StubReceiver stub = new StubReceiver();
        int port = 18080;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--inflate" -> stub.inflate = true;
                case "--delay-ms" -> stub.delayMillis = Integer.parseInt(args[++i]);
                case "--reject-every" -> stub.rejectEvery = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    System.exit(2);
                }
            }
        }
        try (ServerSocket server = new ServerSocket(port, 1024, InetAddress.getLoopbackAddress())) {
            System.out.println("stub receiver on 127.0.0.1:" + server.getLocalPort());
            while (true) {
                Socket socket = server.accept();
                Thread t = new Thread(() -> stub.serve(socket), "stub-conn");
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            while (true) {
                String requestLine = readLine(in);
                if (requestLine == null) {
                    return;
                }
                int length = 0;
                boolean close = false;
                boolean gzip = false;
                String line;
                while ((line = readLine(in)) != null && !line.isEmpty()) {
                    String lower = line.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    } else if (lower.startsWith("connection:") && lower.contains("close")) {
                        close = true;
                    } else if (lower.startsWith("content-encoding:") && lower.contains("gzip")) {
                        gzip = true;
                    }
                }
                byte[] body = in.readNBytes(length);
                String response;
                if (requestLine.startsWith("GET /actuator/prometheus")) {
                    String text = "# TYPE bugmaster_digest_events_total counter\nbugmaster_digest_events_total " + accepted.get() + ".0\n";
                    response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + text.length() + "\r\n\r\n" + text;
                } else {
                    if (inflate && gzip) {
                        try (GZIPInputStream z = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                            z.transferTo(new ByteArrayOutputStream(body.length * 6));
                        }
                    }
                    if (delayMillis > 0) {
                        Thread.sleep(delayMillis);
                    }
                    long n = requests.incrementAndGet();
                    if (rejectEvery > 0 && n % rejectEvery == 0) {
                        String text = "{\"detail\":\"queue full\"}";
                        response = "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nX-Sentry-Rate-Limits: 1::key:queue_full\r\n"
                                + "Content-Type: application/json\r\nContent-Length: " + text.length() + "\r\n\r\n" + text;
                    } else {
                        accepted.incrementAndGet();
                        String text = "{\"id\":\"00000000000000000000000000000000\"}";
                        // chunked, as Tomcat answers a JSON body of unknown length
                        response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + Integer.toHexString(text.length()) + "\r\n" + text + "\r\n0\r\n\r\n";
                    }
                }
                out.write(response.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException e) {
            // client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int n = s.length();
                return n > 0 && s.charAt(n - 1) == '\r' ? s.substring(0, n - 1) : s.toString();
            }
            s.append((char) b);
        }
        return s.length() == 0 ? null : s.toString();
    }
}
