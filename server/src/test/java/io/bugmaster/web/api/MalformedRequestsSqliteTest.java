package io.bugmaster.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.RawHttp;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/**
 * Requests that no well-behaved client sends, written byte by byte on a socket. On the API and
 * ingestion paths every refusal is JSON {@code {"detail"}} that says what is wrong, whether the HTTP
 * server, the security firewall or the container's error page refuses it: never Tomcat's HTML page,
 * never Spring Boot's error JSON, never a 500.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class MalformedRequestsSqliteTest extends IntegrationTest {

    private static byte[] raw(String request) {
        return request.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String line(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
    }

    /** Each malformed request and the words its answer's detail must contain. */
    private static Map<String, Object[]> cases() {
        String bigHeader = "X-Big: " + "a".repeat(10_000) + "\r\n";
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("bad percent-encoding (API)", new Object[] {raw(line("/api/0/organizations/%zz/") + "\r\n"), 400, "invalid percent-encoding"});
        cases.put("bad percent-encoding (ingest)", new Object[] {raw(line("/api/1/store/%zz") + "\r\n"), 400, "invalid percent-encoding"});
        cases.put("encoded slash", new Object[] {raw(line("/api/0/a%2fb/") + "\r\n"), 400, "encoded slash"});
        cases.put("encoded NUL", new Object[] {raw(line("/api/0/organizations/%00/") + "\r\n"), 400, "control character"});
        cases.put("brace in the target", new Object[] {raw(line("/api/0/a{b}/") + "\r\n"), 400, "must be percent-encoded"});
        cases.put("raw byte above 127", new Object[] {raw(line("/api/0/organizations/\u00ff/") + "\r\n"), 400, "must be percent-encoded"});
        cases.put("header name with a space", new Object[] {raw(line("/api/0/") + "Bad Header: x\r\n\r\n"), 400, "header line is malformed"});
        cases.put("control character in a header", new Object[] {raw(line("/api/0/") + "X: a\u0001b\r\n\r\n"), 400, "header line is malformed"});
        cases.put("oversized header (API)", new Object[] {raw(line("/api/0/") + bigHeader + "\r\n"), 400, "larger than the limit of 8192 bytes"});
        cases.put("oversized header (ingest)", new Object[] {raw(line("/api/1/envelope/") + bigHeader + "\r\n"), 400, "larger than the limit"});
        cases.put("oversized request line", new Object[] {raw(line("/api/0/?q=" + "a".repeat(9000)) + "\r\n"), 400, "larger than the limit"});
        cases.put("unknown HTTP version", new Object[] {raw("GET /api/0/ HTTP/2.5\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 505, "HTTP/1.1"});
        cases.put("no Host", new Object[] {raw("GET /api/0/ HTTP/1.1\r\nConnection: close\r\n\r\n"), 400, "exactly one Host header"});
        cases.put("two Hosts", new Object[] {raw(line("/api/0/") + "Host: other\r\n\r\n"), 400, "exactly one Host header"});
        cases.put("Content-Length not a number", new Object[] {raw("POST /api/0/organizations/ HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Length: abc\r\nConnection: close\r\n\r\n"), 400, "valid Content-Length"});
        cases.put("unknown transfer encoding", new Object[] {raw("POST /api/0/organizations/ HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: gzip\r\nConnection: close\r\n\r\n"), 501, "Transfer-Encoding"});
        cases.put("dot segments", new Object[] {raw(line("/api/0/../../etc/") + "\r\n"), 400, "not normalized"});
        cases.put("semicolon", new Object[] {raw(line("/api/0/;jsessionid=x/") + "\r\n"), 400, "contains \";\""});
        cases.put("encoded dot", new Object[] {raw(line("/api/0/%2e%2e/") + "\r\n"), 400, "contains \"%2e\""});
        cases.put("unknown method", new Object[] {raw("FOO /api/0/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400,
                "HTTP method FOO is not supported"});
        cases.put("TRACE (API)", new Object[] {raw("TRACE /api/0/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 405, "not allowed"});
        cases.put("TRACE (ingest)", new Object[] {raw("TRACE /api/1/store/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 405,
                "not allowed"});
        return cases;
    }

    @Test
    void everyRefusalOnTheApiAndIngestPathsIsJsonThatSaysWhatIsWrong() {
        cases().forEach((name, c) -> {
            RawHttp.Response response = RawHttp.send(port, (byte[]) c[0]);
            assertThat(response.status()).as(name + ": " + response).isEqualTo(c[1]);
            assertThat(response.header("Content-Type")).as(name).startsWith("application/json");
            assertThat(response.json().propertyNames()).as(name + ": " + response.body()).containsExactly("detail");
            assertThat(response.json().path("detail").asString()).as(name).contains((String) c[2]);
            assertThat(response.body()).as(name).doesNotContain("Tomcat", "Exception", "<html");
        });
    }

    @Test
    void aBrokenEncodingInTheQueryOrFormIsA400NamingTheParameter() {
        String auth = "Authorization: Bearer " + ADMIN_TOKEN;
        RawHttp.Response query = RawHttp.send(port, RawHttp.get("/api/0/organizations/default/teams/?cursor=%zz", auth));
        assertThat(query.status()).as(query.toString()).isEqualTo(400);
        assertThat(query.json().path("detail").asString()).isEqualTo("parameter 'cursor' is not valid: use percent-encoded UTF-8 (%C3%A9 for é, %25 for %)");

        RawHttp.Response latin1 = RawHttp.send(port, RawHttp.get("/api/0/organizations/?query=%E9t%E9", auth));
        assertThat(latin1.status()).as(latin1.toString()).isEqualTo(400);
        assertThat(latin1.json().path("detail").asString()).startsWith("parameter 'query' is not valid");

        RawHttp.Response form = RawHttp.send(port, raw("POST /api/0/organizations/ HTTP/1.1\r\nHost: localhost\r\n" + auth
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5\r\nConnection: close\r\n\r\na=%zz"));
        assertThat(form.status()).as(form.toString()).isEqualTo(400);
        assertThat(form.json().path("detail").asString()).startsWith("parameter 'a' is not valid");
    }

    @Test
    void aFormPastTheServersPostLimitIsA413() {
        byte[] body = ("a=" + "b".repeat(3 * 1024 * 1024)).getBytes(StandardCharsets.ISO_8859_1);
        String head = "POST /api/0/organizations/ HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_TOKEN
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        byte[] chunked = concat(raw(head), raw(Integer.toHexString(body.length) + "\r\n"), body, raw("\r\n0\r\n\r\n"));
        RawHttp.Response response = RawHttp.send(port, chunked);
        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.json().path("detail").asString()).contains("larger than the server accepts");
    }

    @Test
    void pagesKeepAnHtmlAnswerWithoutServerDetails() {
        RawHttp.Response encoding = RawHttp.send(port, raw(line("/orgs/%zz/projects") + "\r\n"));
        assertThat(encoding.status()).isEqualTo(400);
        assertThat(encoding.header("Content-Type")).startsWith("text/html");
        assertThat(encoding.body()).doesNotContain("Apache Tomcat/", "Exception");

        WebClient web = new WebClient(baseUrl());
        web.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        RawHttp.Response page = RawHttp.send(port, RawHttp.get("/orgs/default/issues?query=%zz", "Cookie: " + web.cookieHeader(),
                "Accept: text/html"));
        assertThat(page.status()).as("a client mistake, not a server error").isEqualTo(400);
        assertThat(page.body()).contains("broken encoding").doesNotContain("Exception");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
