package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.RawHttp;
import io.bugmaster.testing.SqliteTestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bugmaster behind Debian's nginx, configured with the site from docs/operations.md (only its
 * certificate, names and ports swapped), terminating TLS with a certificate made for the test.
 * Everything listens on and connects to loopback only; the client connects from 127.0.0.3, so the
 * address nginx forwards differs from nginx's own. Needs the nginx package (CI installs it).
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxProxySqliteTest extends IntegrationTest {
    private static final Pattern SITE = Pattern.compile("### nginx\\n.*?```nginx\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final int TLS_PORT = freePort();
    static final int PLAIN_PORT = freePort();
    static final InetAddress CLIENT = loopback("127.0.0.3");

    @Autowired ProjectService projects;

    Path dir;
    Process nginx;
    SSLContext tls;

    @DynamicPropertySource
    static void behindNginx(DynamicPropertyRegistry registry) {
        registry.add("bugmaster.base-url", () -> "https://localhost:" + TLS_PORT);
        registry.add("bugmaster.trusted-proxies", () -> "127.0.0.1");
    }

    @BeforeAll
    void startNginx() throws Exception {
        Path binary = nginxBinary();
        assumeTrue(binary != null, "nginx is not installed (apt-get install nginx); .ci/run installs it");
        dir = Files.createTempDirectory("bugmaster-nginx-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String temp : List.of("body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            // nginx's workers run as an unprivileged user when the test runs as root
            Files.setPosixFilePermissions(Files.createDirectory(dir.resolve(temp)), PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        tls = certificate(dir);
        Files.writeString(dir.resolve("nginx.conf"), """
                worker_processes 1;
                pid %1$s/nginx.pid;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                %2$s
                }
                """.formatted(dir, site()));
        nginx = new ProcessBuilder(binary.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        awaitListening(TLS_PORT);
    }

    @AfterAll
    void stopNginx() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly().waitFor();
            }
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** The documented site, pointed at this test's ports, certificate and host name; every swap must apply. */
    private String site() throws IOException {
        Matcher site = SITE.matcher(Files.readString(Path.of("../docs/operations.md")));
        assertThat(site.find()).as("the nginx site in docs/operations.md").isTrue();
        String config = site.group(1);
        Map<String, String> swaps = Map.of(
                "ssl_certificate     /etc/letsencrypt/live/bugs.example.com/fullchain.pem;", "ssl_certificate " + dir.resolve("cert.pem") + ";",
                "ssl_certificate_key /etc/letsencrypt/live/bugs.example.com/privkey.pem;", "ssl_certificate_key " + dir.resolve("key.pem") + ";",
                "listen 443 ssl;", "listen 127.0.0.1:" + TLS_PORT + " ssl;",
                "listen [::]:443 ssl;", "",
                "listen 80;", "listen 127.0.0.1:" + PLAIN_PORT + ";",
                "listen [::]:80;", "",
                "server 127.0.0.1:8080;", "server 127.0.0.1:" + port + ";",
                "server_name bugs.example.com;", "server_name localhost;");
        for (var swap : swaps.entrySet()) {
            assertThat(config).as("the documented site has " + swap.getKey()).contains(swap.getKey());
            config = config.replace(swap.getKey(), swap.getValue());
        }
        assertThat(config).doesNotContain("example.com", ":8080", " 443", " 80;");
        return config;
    }

    @Test
    void redirectsStayOnHttpsAndThePublicPort() {
        RawHttp.Response page = https(RawHttp.get("/orgs/default/projects"));
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).isEqualTo("https://localhost:" + TLS_PORT + "/login");

        RawHttp.Response plain = RawHttp.send(CLIENT, PLAIN_PORT, RawHttp.get("/login?x=1"));
        assertThat(plain.status()).isEqualTo(301);
        assertThat(plain.header("Location")).isEqualTo("https://localhost/login?x=1");
    }

    @Test
    void aBrowserLogsInThroughNginxWithASecureCookieAndHsts() {
        RawHttp.Response form = https(RawHttp.get("/login"));
        assertThat(form.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(form.headerValues("Set-Cookie")).isNotEmpty().allSatisfy(cookie -> assertThat(cookie).contains("; Secure"));
        String cookie = cookies(form);
        Matcher csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).isTrue();
        String body = "username=" + URLEncoder.encode(ADMIN_EMAIL, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        RawHttp.Response login = https(("POST /login HTTP/1.1\r\nHost: localhost:" + TLS_PORT + "\r\nCookie: " + cookie
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(login.status()).as(login.toString()).isEqualTo(302);
        assertThat(login.header("Location")).isEqualTo("https://localhost:" + TLS_PORT + "/");

        String session = login.headerValues("Set-Cookie").isEmpty() ? cookie : cookies(login);
        RawHttp.Response home = https(RawHttp.get("/", "Cookie: " + session));
        assertThat(home.header("Location")).as("logged in, sent on to the projects").isEqualTo("https://localhost:" + TLS_PORT
                + "/orgs/default/projects");
    }

    @Test
    void anEventsAutomaticIpIsTheClientNotNginxNorWhatTheClientClaims() throws Exception {
        User owner = newUser("pw-" + UUID.randomUUID());
        Actor actor = Actor.session(owner.id(), owner.email());
        String org = organizations.create(actor, "Org " + unique("o"), unique("org")).slug();
        long projectId = projects.create(actor, org, org, "App", "app", "java").project().id();
        String key = projects.listKeys(actor, org, "app").get(0).publicKey();

        String id = UUID.randomUUID().toString().replace("-", "");
        String event = ApiClient.JSON.writeValueAsString(Map.of("event_id", id, "level", "error", "user", Map.of("ip_address", "{{auto}}"),
                "exception", Map.of("values", List.of(Map.of("type", "Boom", "value", "x")))));
        ByteArrayOutputStream envelope = new ByteArrayOutputStream();
        byte[] attachment = new byte[5 * 1024 * 1024];
        envelope.writeBytes(("{\"event_id\":\"" + id + "\"}\n{\"type\":\"event\"}\n" + event + "\n{\"type\":\"attachment\",\"length\":"
                + attachment.length + ",\"filename\":\"big.bin\"}\n").getBytes(StandardCharsets.UTF_8));
        envelope.writeBytes(attachment);
        byte[] body = envelope.toByteArray();
        byte[] head = ("POST /api/" + projectId + "/envelope/?sentry_key=" + key + " HTTP/1.1\r\nHost: localhost:" + TLS_PORT
                + "\r\nX-Forwarded-For: 6.6.6.6\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head);
        request.writeBytes(body);
        RawHttp.Response stored = https(request.toByteArray());
        assertThat(stored.status()).as("a 5 MB envelope passes nginx: " + stored).isEqualTo(200);

        String token = token(actor, List.of("event:read", "org:read", "project:read"));
        assertThat(new ApiClient(baseUrl()).get(token, "/api/0/projects/" + org + "/app/events/" + id + "/").json()
                .path("user").path("ip_address").asString()).isEqualTo("127.0.0.3");
    }

    @Test
    void apiErrorsPassThroughNginxAsJson() {
        RawHttp.Response unknown = https(RawHttp.get("/api/-1/"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/json");
        assertThat(unknown.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
    }

    private RawHttp.Response https(byte[] request) {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            socket.bind(new InetSocketAddress(CLIENT, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), TLS_PORT), 5000);
            socket.setSoTimeout(30_000);
            socket.startHandshake();
            return RawHttp.exchange(socket, request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cookies(RawHttp.Response response) {
        return response.headerValues("Set-Cookie").stream().map(c -> c.substring(0, c.indexOf(';'))).collect(Collectors.joining("; "));
    }

    /** A self-signed certificate for localhost made with the JDK's keytool, written as PEM for nginx; returns a client trusting it. */
    private static SSLContext certificate(Path dir) throws Exception {
        Path store = dir.resolve("tls.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "nginx", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        Certificate cert = keys.getCertificate("nginx");
        Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", keys.getKey("nginx", "changeit".toCharArray()).getEncoded()));
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("nginx", cert);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private void awaitListening(int port) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                if (!nginx.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new AssertionError("nginx did not start: " + Files.readString(dir.resolve("nginx.out"))
                            + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
                }
                Thread.sleep(100);
            }
        }
    }

    private static Path nginxBinary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InetAddress loopback(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
