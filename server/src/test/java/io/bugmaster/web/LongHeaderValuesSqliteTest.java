package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/**
 * Answer headers that repeat something a client sent (an attachment's file name, the address to
 * return to after an action) stay bounded, so a long value cannot overflow the headers into a 500.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class LongHeaderValuesSqliteTest extends IntegrationTest {
    @Autowired ProjectService projects;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAttachmentWithAVeryLongNameDownloadsUnderAShortenedName() throws Exception {
        User owner = newUser("owner-password");
        Actor actor = Actor.session(owner.id(), owner.email());
        String org = organizations.create(actor, "Org " + unique("o"), unique("org")).slug();
        long projectId = projects.create(actor, org, org, "App", "app", "java").project().id();
        String key = projects.listKeys(actor, org, "app").get(0).publicKey();
        String eventId = UUID.randomUUID().toString().replace("-", "");
        String name = "x".repeat(40_000) + ".log";

        byte[] content = "attached bytes".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream envelope = new ByteArrayOutputStream();
        envelope.writeBytes(("{\"event_id\":\"" + eventId + "\"}\n{\"type\":\"event\"}\n"
                + "{\"level\":\"error\",\"exception\":{\"values\":[{\"type\":\"Boom\",\"value\":\"x\"}]}}\n"
                + "{\"type\":\"attachment\",\"length\":" + content.length + ",\"filename\":\"" + name + "\"}\n").getBytes(StandardCharsets.UTF_8));
        envelope.writeBytes(content);
        envelope.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId
                + "/envelope/?sentry_key=" + key)).POST(HttpRequest.BodyPublishers.ofByteArray(envelope.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

        ApiClient api = new ApiClient(baseUrl());
        String token = token(actor, List.of("project:read", "event:read", "org:read"));
        String attachments = "/api/0/projects/" + org + "/app/events/" + eventId + "/attachments/";
        String attachmentId = api.get(token, attachments).json().get(0).path("id").asString();
        ApiClient.Response download = api.get(token, attachments + attachmentId + "/");
        assertThat(download.status()).as(download.toString()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("attached bytes");
        String disposition = download.header("Content-Disposition");
        assertThat(disposition).hasSizeLessThan(1000).startsWith("attachment;").contains("xxxx").contains("%E2%80%A6.log");

        String issueId = api.get(token, "/api/0/projects/" + org + "/app/issues/?query=").json().get(0).path("id").asString();
        WebClient web = new WebClient(baseUrl());
        web.login(owner.email(), "owner-password");
        HttpResponse<String> page = web.get("/orgs/" + org + "/issues/" + issueId + "/events/" + eventId + "/attachments/" + attachmentId);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Disposition")).get().asString().hasSizeLessThan(1000);
    }

    @Test
    void anActionWithAnOverlongReturnAddressGoesBackToTheIssue() throws Exception {
        User owner = newUser("owner-password");
        Actor actor = Actor.session(owner.id(), owner.email());
        String org = organizations.create(actor, "Org " + unique("o"), unique("org")).slug();
        long projectId = projects.create(actor, org, org, "App", "app", "java").project().id();
        String key = projects.listKeys(actor, org, "app").get(0).publicKey();
        String event = ApiClient.JSON.writeValueAsString(Map.of("level", "error",
                "exception", Map.of("values", List.of(Map.of("type", "Boom", "value", "x")))));
        http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/?sentry_key=" + key))
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        String issueId = new ApiClient(baseUrl()).get(token(actor, List.of("event:read", "org:read")),
                "/api/0/projects/" + org + "/app/issues/?query=").json().get(0).path("id").asString();

        WebClient web = new WebClient(baseUrl());
        web.login(owner.email(), "owner-password");
        String issue = "/orgs/" + org + "/issues/" + issueId;
        String stream = "/orgs/" + org + "/issues?query=" + "a".repeat(50_000);
        HttpResponse<String> resolved = web.post(issue, issue, Map.of("action", "resolve", "next", stream));
        assertThat(resolved.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(resolved)).endsWith(issue);

        HttpResponse<String> usual = web.post(issue, issue, Map.of("action", "resolve", "next", "/orgs/" + org + "/issues?query=is:unresolved"));
        assertThat(WebClient.location(usual)).as("a stream address of usual length is still followed").endsWith("/issues?query=is:unresolved");
    }
}
