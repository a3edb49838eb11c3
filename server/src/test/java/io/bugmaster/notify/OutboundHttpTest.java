package io.bugmaster.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries through {@link OutboundHttp} against real listeners. Every listener is on loopback and
 * every resolver below answers loopback addresses only, so no test can reach another machine.
 */
class OutboundHttpTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);
    private static final InetAddress LOOPBACK_1 = address("127.0.0.1");
    private static final InetAddress LOOPBACK_2 = address("127.0.0.2");

    private static InetAddress address(String literal) {
        return OutboundPolicy.literal(literal).orElseThrow();
    }

    private static NotifyProperties allowing(String allow, Duration timeout) {
        return new NotifyProperties(allow, null, timeout, "http://unused", null, 25, null, null, "none", "bugmaster@example.com");
    }

    private static SSLContext defaultTls() throws Exception {
        return SSLContext.getDefault();
    }

    /** Answers each lookup from the list in turn (the last answer repeats), and counts the lookups. */
    private static final class ScriptedResolver implements OutboundHttp.Resolver {
        private final List<List<InetAddress>> answers;
        final AtomicInteger lookups = new AtomicInteger();

        @SafeVarargs
        ScriptedResolver(List<InetAddress>... answers) {
            this.answers = List.of(answers);
        }

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            int n = lookups.getAndIncrement();
            List<InetAddress> answer = answers.get(Math.min(n, answers.size() - 1));
            answer.forEach(a -> assertThat(a.isLoopbackAddress()).as("tests resolve to loopback only").isTrue());
            return answer;
        }
    }

    @Test
    void aNameIsResolvedOnceAndTheConnectionGoesToTheCheckedAddressEvenWhenDnsChangesItsAnswer() throws Exception {
        // Only 127.0.0.1 is allowed; a rebinding DNS server answers it to the check and 127.0.0.2 afterwards.
        try (Receiver checked = new Receiver(LOOPBACK_1, 0); Receiver rebound = secondListener(checked.port())) {
            ScriptedResolver dns = new ScriptedResolver(List.of(LOOPBACK_1), List.of(LOOPBACK_2));
            OutboundHttp http = new OutboundHttp(allowing("127.0.0.1", Duration.ofSeconds(5)), CLOCK, dns, defaultTls());

            for (int i = 0; i < 3; i++) {
                dns.lookups.set(0);
                Delivered delivered = http.postJson("Webhook", "http://hooks.rebind.test:" + checked.port() + "/x", "{}", Map.of());
                assertThat(delivered.httpStatus()).isEqualTo(200);
                assertThat(dns.lookups.get()).as("one lookup per delivery: the check's").isEqualTo(1);
            }
            assertThat(checked.requests()).hasSize(3);
            assertThat(checked.requests().get(0).header("Host")).isEqualTo("hooks.rebind.test:" + checked.port());
            assertThat(rebound.requests()).isEmpty();
        }
    }

    @Test
    void aNameWithOneRefusedAddressAmongAllowedOnesIsRefusedBeforeAnyConnection() throws Exception {
        try (Receiver receiver = new Receiver(LOOPBACK_1, 0)) {
            ScriptedResolver dns = new ScriptedResolver(List.of(LOOPBACK_1, LOOPBACK_2));
            OutboundHttp http = new OutboundHttp(allowing("127.0.0.1", Duration.ofSeconds(5)), CLOCK, dns, defaultTls());
            assertThatThrownBy(() -> http.postJson("Webhook", "http://two.test:" + receiver.port() + "/x", "{}", Map.of()))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.permanent()).isTrue();
                        assertThat(e.getMessage()).contains("'two.test' (127.0.0.2)").contains("loopback");
                    });
            assertThat(receiver.requests()).isEmpty();
        }
    }

    @Test
    void theDefaultPolicyRefusesANameThatResolvesToLoopbackWithoutConnecting() throws Exception {
        try (Receiver receiver = new Receiver(LOOPBACK_1, 0)) {
            OutboundHttp http = new OutboundHttp(allowing(null, Duration.ofSeconds(5)), CLOCK,
                    new ScriptedResolver(List.of(LOOPBACK_1)), defaultTls());
            assertThatThrownBy(() -> http.postJson("Slack", "http://evil.test:" + receiver.port() + "/", "{}", Map.of()))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue());
            assertThat(http.refusal(java.net.URI.create("http://evil.test/"))).hasValueSatisfying(m -> assertThat(m).contains("loopback"));
            assertThat(receiver.requests()).isEmpty();
        }
    }

    @Test
    void anIpv6LoopbackLiteralIsDeliveredWithoutAnyLookup() throws Exception {
        InetAddress v6 = address("::1");
        try (Receiver receiver = new Receiver(v6, 0)) {
            ScriptedResolver dns = new ScriptedResolver(List.of(LOOPBACK_1));
            OutboundHttp http = new OutboundHttp(allowing("::1", Duration.ofSeconds(5)), CLOCK, dns, defaultTls());
            assertThat(http.postJson("Webhook", "http://[::1]:" + receiver.port() + "/v6", "{}", Map.of()).httpStatus()).isEqualTo(200);
            assertThat(receiver.only().path()).isEqualTo("/v6");
            assertThat(dns.lookups.get()).isZero();
        }
    }

    @Test
    void aZoneIdOrAnOddHostSpellingIsAPermanentRefusalNotACrash() {
        OutboundHttp http = new OutboundHttp(allowing("127.0.0.0/8,::1", Duration.ofSeconds(5)), CLOCK);
        for (String url : List.of("http://[::1%25lo]:1/", "http://2130706433:1/", "http://0x7f.1:1/", "http://localhost.:1/",
                "http://bücher.test:1/")) {
            assertThatThrownBy(() -> http.postJson("Webhook", url, "{}", Map.of())).as(url)
                    .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue());
            assertThat(http.refusal(java.net.URI.create(url))).as(url).isPresent();
        }
    }

    @Test
    void anEndlessAnswerIsReadOnlyUpToTheCap() throws Exception {
        try (RawListener endless = new RawListener(out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("2000\r\n" + "x".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            while (true) {
                out.write(chunk); // until the client hangs up
            }
        })) {
            OutboundHttp http = new OutboundHttp(allowing("127.0.0.1", Duration.ofSeconds(10)), CLOCK);
            Delivered delivered = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> http.postJson("Webhook", "http://127.0.0.1:" + endless.port() + "/", "{}", Map.of()));
            assertThat(delivered.httpStatus()).isEqualTo(200);
            assertThat(delivered.detail().length()).isLessThanOrEqualTo(200);
            assertThat(endless.bytesWritten.get()).as("the client stopped reading near the cap")
                    .isLessThan(64L * 1024 * 1024);
        }
    }

    @Test
    void anAnswerTrickledByteByByteIsCutOffAfterTwiceTheTimeout() throws Exception {
        try (RawListener trickle = new RawListener(out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            while (true) {
                out.write('x');
                out.flush();
                Thread.sleep(100); // the receiver's pace: always within the read timeout, never done
            }
        })) {
            // a read timeout 30 times the pace, so a starved sender on a busy machine still beats it
            OutboundHttp http = new OutboundHttp(allowing("127.0.0.1", Duration.ofSeconds(3)), CLOCK);
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(
                    () -> http.postJson("Webhook", "http://127.0.0.1:" + trickle.port() + "/", "{}", Map.of()))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.permanent()).isFalse();
                        assertThat(e.getMessage()).contains("did not finish answering within 6s");
                    }));
        }
    }

    @Test
    void tlsVerifiesTheCertificateAgainstTheHostNameAndSendsItAsSni(@TempDir Path dir) throws Exception {
        SSLContext tls = selfSignedFor("hooks.tls.test", dir);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(LOOPBACK_1, 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        List<String> sni = new CopyOnWriteArrayList<>();
        server.createContext("/", exchange -> {
            ExtendedSSLSession session = (ExtendedSSLSession) ((HttpsExchange) exchange).getSSLSession();
            session.getRequestedServerNames().forEach(n -> sni.add(((SNIHostName) n).getAsciiName()));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            OutboundHttp http = new OutboundHttp(allowing("127.0.0.1", Duration.ofSeconds(5)), CLOCK,
                    new ScriptedResolver(List.of(LOOPBACK_1)), tls);
            assertThat(http.postJson("Webhook", "https://hooks.tls.test:" + port + "/", "{}", Map.of()).httpStatus()).isEqualTo(204);
            assertThat(sni).containsExactly("hooks.tls.test");

            assertThatThrownBy(() -> http.postJson("Webhook", "https://other.tls.test:" + port + "/", "{}", Map.of()))
                    .as("the certificate is for hooks.tls.test, not for the name in this URL, though the address is the same")
                    .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.getMessage()).contains("SSL"));
            assertThat(sni).containsExactly("hooks.tls.test");
        } finally {
            server.stop(0);
        }
    }

    /** A key pair and self-signed certificate for {@code host}, made with the JDK's keytool; trusted by the returned context. */
    private static SSLContext selfSignedFor(String host, Path dir) throws Exception {
        Path store = dir.resolve("tls.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-validity", "2",
                "-dname", "CN=" + host, "-ext", "SAN=dns:" + host, "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    /** A receiver on 127.0.0.2 and the same port as the first, standing for where a rebinding DNS answer points. */
    private static Receiver secondListener(int port) {
        try {
            return new Receiver(LOOPBACK_2, port);
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof BindException) {
                throw new org.opentest4j.TestAbortedException("127.0.0.2:" + port + " is taken", e);
            }
            throw e;
        }
    }

    /** A loopback listener that answers every connection with a hand-written (hostile) HTTP response. */
    private static final class RawListener implements AutoCloseable {
        interface Answer {
            void write(OutputStream out) throws Exception;
        }

        private final ServerSocket socket;
        private final Thread thread;
        final java.util.concurrent.atomic.AtomicLong bytesWritten = new java.util.concurrent.atomic.AtomicLong();

        RawListener(Answer answer) throws IOException {
            socket = new ServerSocket(0, 50, LOOPBACK_1);
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept()) {
                        readRequestHead(client.getInputStream());
                        OutputStream counting = new java.io.FilterOutputStream(client.getOutputStream()) {
                            @Override
                            public void write(byte[] b, int off, int len) throws IOException {
                                out.write(b, off, len);
                                bytesWritten.addAndGet(len);
                            }
                        };
                        answer.write(counting);
                    } catch (Exception e) {
                        // the client hung up, or the listener closed
                    }
                }
            }, "raw-listener");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private static void readRequestHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            thread.interrupt();
        }
    }
}
