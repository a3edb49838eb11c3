package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.RawHttp;
import io.bugmaster.testing.SqliteTestDatabase;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * Bugmaster behind an HTTPS reverse proxy. The proxy is 127.0.0.2 (the only trusted address);
 * 127.0.0.1 plays a client that reaches Bugmaster directly. Both are real sockets bound to those
 * loopback addresses.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
@TestPropertySource(properties = {"bugmaster.base-url=https://bugs.example.test", "bugmaster.trusted-proxies=127.0.0.2",
        "bugmaster.login-max-failures=3"})
class ReverseProxySqliteTest extends IntegrationTest {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final InetAddress PROXY = address("127.0.0.2");
    static final InetAddress DIRECT = address("127.0.0.1");

    @Autowired ProjectService projects;

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private RawHttp.Response get(InetAddress from, String path, String... headers) {
        return RawHttp.send(from, port, RawHttp.get(path, headers));
    }

    @Test
    void aTrustedProxysSchemeAndHostMakeRedirectsHttps() {
        RawHttp.Response viaHost = get(PROXY, "/orgs/default/projects", "X-Forwarded-Proto: https", "X-Forwarded-For: 203.0.113.7");
        assertThat(viaHost.status()).isEqualTo(302);
        assertThat(viaHost.header("Location")).isEqualTo("https://localhost/login");

        RawHttp.Response viaForwardedHost = get(PROXY, "/orgs/default/projects", "X-Forwarded-Proto: https",
                "X-Forwarded-Host: bugs.example.test", "X-Forwarded-For: 203.0.113.7");
        assertThat(viaForwardedHost.header("Location")).isEqualTo("https://bugs.example.test/login");

        RawHttp.Response otherPort = get(PROXY, "/orgs/default/projects", "X-Forwarded-Proto: https",
                "X-Forwarded-Host: bugs.example.test", "X-Forwarded-Port: 8443");
        assertThat(otherPort.header("Location")).isEqualTo("https://bugs.example.test:8443/login");
    }

    @Test
    void theSameHeadersFromAnyoneElseAreIgnored() {
        RawHttp.Response direct = get(DIRECT, "/orgs/default/projects", "X-Forwarded-Proto: https",
                "X-Forwarded-Host: evil.example", "X-Forwarded-Port: 443", "X-Forwarded-For: 203.0.113.7");
        assertThat(direct.status()).isEqualTo(302);
        assertThat(direct.header("Location")).isEqualTo("http://localhost/login");

        RawHttp.Response standard = get(PROXY, "/orgs/default/projects", "Forwarded: for=203.0.113.7;proto=https;host=evil.example");
        assertThat(standard.header("Location")).as("RFC 7239 Forwarded is read from nobody").isEqualTo("http://localhost/login");
    }

    @Test
    void cookiesAreSecureAndHstsIsSentOnEveryAnswerWhenTheBaseUrlIsHttps() {
        RawHttp.Response login = get(DIRECT, "/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.headerValues("Set-Cookie")).isNotEmpty().allSatisfy(cookie -> assertThat(cookie).contains("; Secure"));
        assertThat(login.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");

        RawHttp.Response viaProxy = get(PROXY, "/login", "X-Forwarded-Proto: https");
        assertThat(viaProxy.headerValues("Set-Cookie")).isNotEmpty().allSatisfy(cookie -> assertThat(cookie).contains("; Secure"));
        assertThat(viaProxy.headerValues("Strict-Transport-Security")).containsExactly("max-age=31536000");

        assertThat(get(DIRECT, "/api/0/").header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(get(DIRECT, "/api/0/organizations/").header("Strict-Transport-Security")).as("a 401").isEqualTo("max-age=31536000");
        assertThat(get(DIRECT, "/no/such/page").header("Strict-Transport-Security")).as("a 302 to the login").isEqualTo("max-age=31536000");
        assertThat(get(DIRECT, "/api/1/store/").headerValues("Strict-Transport-Security")).as("ingestion").containsExactly("max-age=31536000");
        assertThat(get(DIRECT, "/api/0/organizations/%zz/").headerValues("Strict-Transport-Security")).as("the server's own 400")
                .containsExactly("max-age=31536000");
    }

    @Test
    void theLoginThrottleCountsTheClientBehindTheProxyNotTheProxy() {
        User user = newUser("the-right-password");
        for (int i = 0; i < 2; i++) {
            assertThat(login(PROXY, "198.51.100.1", user.email(), "wrong")).endsWith("/login?error");
        }
        assertThat(login(PROXY, "198.51.100.1", user.email(), "wrong")).endsWith("/login?locked=15");
        assertThat(login(PROXY, "198.51.100.1", user.email(), "the-right-password")).as("this client is locked").endsWith("/login?locked=15");
        assertThat(login(PROXY, "198.51.100.2", user.email(), "the-right-password"))
                .as("another client behind the same proxy is not").isEqualTo("https://localhost/");
    }

    @Test
    void aDirectClientCannotDodgeTheLoginThrottleWithAForgedAddress() {
        User user = newUser("the-right-password");
        for (int i = 1; i <= 2; i++) {
            assertThat(login(DIRECT, "203.0.113." + i, user.email(), "wrong")).endsWith("/login?error");
        }
        assertThat(login(DIRECT, "203.0.113.3", user.email(), "wrong")).endsWith("/login?locked=15");
        assertThat(login(DIRECT, "203.0.113.4", user.email(), "the-right-password")).endsWith("/login?locked=15");
        assertThat(login(PROXY, "203.0.113.4, 198.51.100.9", user.email(), "the-right-password"))
                .as("behind the proxy, only the address the proxy itself saw counts").isEqualTo("https://localhost/");
    }

    @Test
    void anEventsAutomaticIpIsTheClientBehindTheProxy() throws Exception {
        User owner = newUser("pw-" + UUID.randomUUID());
        Actor actor = Actor.session(owner.id(), owner.email());
        String org = organizations.create(actor, "Org " + unique("o"), unique("org")).slug();
        long projectId = projects.create(actor, org, org, "App", "app", "java").project().id();
        String key = projects.listKeys(actor, org, "app").get(0).publicKey();
        String token = token(actor, List.of("event:read", "org:read", "project:read"));

        String viaProxy = sendEvent(PROXY, projectId, key, "X-Forwarded-For: 10.9.9.9, 198.51.100.7");
        String direct = sendEvent(DIRECT, projectId, key, "X-Forwarded-For: 198.51.100.8");
        String named = sendEvent(PROXY, projectId, key, "X-Forwarded-For: somename, 127.0.0.2");
        ApiClient api = new ApiClient(baseUrl());
        assertThat(api.get(token, "/api/0/projects/" + org + "/app/events/" + viaProxy + "/").json().path("user")
                .path("ip_address").asString()).isEqualTo("198.51.100.7");
        assertThat(api.get(token, "/api/0/projects/" + org + "/app/events/" + direct + "/").json().path("user")
                .path("ip_address").asString()).isEqualTo("127.0.0.1");
        assertThat(api.get(token, "/api/0/projects/" + org + "/app/events/" + named + "/").json().path("user")
                .path("ip_address").asString()).as("a name is never taken for an address (nor looked up)").isEqualTo("127.0.0.2");
    }

    private String sendEvent(InetAddress from, long projectId, String key, String forwardedFor) {
        String id = UUID.randomUUID().toString().replace("-", "");
        String event = ApiClient.JSON.writeValueAsString(Map.of("event_id", id, "level", "error", "user", Map.of("ip_address", "{{auto}}"),
                "exception", Map.of("values", List.of(Map.of("type", "Boom", "value", "x")))));
        byte[] body = event.getBytes(StandardCharsets.UTF_8);
        String request = "POST /api/" + projectId + "/store/?sentry_key=" + key + " HTTP/1.1\r\nHost: localhost\r\n" + forwardedFor
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n" + event;
        RawHttp.Response stored = RawHttp.send(from, port, request.getBytes(StandardCharsets.UTF_8));
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        return id;
    }

    /** Logs in through a raw socket as a browser would (form, CSRF token, session cookie); returns where it is sent. */
    private String login(InetAddress from, String forwardedFor, String email, String password) {
        String[] headers = {"X-Forwarded-For: " + forwardedFor, "X-Forwarded-Proto: https"};
        RawHttp.Response form = get(from, "/login", headers);
        Matcher csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).as(form.toString()).isTrue();
        String cookie = form.headerValues("Set-Cookie").stream().map(c -> c.substring(0, c.indexOf(';'))).collect(Collectors.joining("; "));
        String body = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        String request = "POST /login HTTP/1.1\r\nHost: localhost\r\n" + String.join("\r\n", headers) + "\r\nCookie: " + cookie
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                + body;
        RawHttp.Response answer = RawHttp.send(from, port, request.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(302);
        return answer.header("Location");
    }
}
