package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Ingestion over HTTP with the project settings that shape it: quotas, scrubbing, fingerprint rules, keys. */
abstract class IngestContract extends IntegrationTest {
    @Autowired ProjectService projects;
    @Autowired JdbcClient db;
    final HttpClient http = HttpClient.newHttpClient();

    Tenant tenant;
    String slug;
    long projectId;
    ProjectKey key;

    @BeforeEach
    void project() {
        tenant = newTenant();
        slug = unique("p");
        projectId = projects.create(tenant.owner(), tenant.org().slug(), tenant.org().slug(), "App", slug, "java").project().id();
        key = projects.listKeys(tenant.owner(), tenant.org().slug(), slug).get(0);
    }

    HttpResponse<String> send(String eventJson) throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "");
        String envelope = "{\"event_id\":\"" + id + "\"}\n{\"type\":\"event\"}\n" + eventJson.replace("$ID", id).replace("\n", "") + "\n";
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/envelope/"))
                .header("X-Sentry-Auth", "Sentry sentry_version=7,sentry_client=test/1.0,sentry_key=" + key.publicKey())
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String exception(String type, String value) {
        return """
                {"event_id":"$ID","platform":"java","level":"error","exception":{"values":[{"type":"%s","value":"%s",
                "stacktrace":{"frames":[{"module":"com.acme.Checkout","function":"pay","in_app":true,"lineno":10}]}}]},
                "request":{"url":"https://shop.example.com/pay","headers":{"Authorization":"Bearer secret-token"}},
                "extra":{"password":"hunter2","card":"4111 1111 1111 1111","note":"fine"}}""".formatted(type, value);
    }

    long issues() {
        return db.sql("SELECT COUNT(*) FROM issues WHERE project_id = ?").param(projectId).query(Long.class).single();
    }

    @Test
    void anAcknowledgedEventIsStoredGroupedAndScrubbed() throws Exception {
        HttpResponse<String> response = send(exception("IllegalStateException", "cart 42 is empty"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).matches("\\{\"id\":\"[0-9a-f]{32}\"}");
        assertThat(send(exception("IllegalStateException", "cart 43 is empty")).statusCode()).isEqualTo(200);
        assertThat(issues()).isEqualTo(1);
        byte[] payload = db.sql("SELECT payload FROM events WHERE project_id = ? LIMIT 1").param(projectId).query(byte[].class).single();
        String json = new String(io.bugmaster.events.EventPayloads.decompress(payload));
        assertThat(json).doesNotContain("hunter2").doesNotContain("secret-token").doesNotContain("4111 1111")
                .contains("[Filtered]").contains("\"note\":\"fine\"").contains("_grouping");
        assertThat(db.sql("SELECT value FROM issue_tags t JOIN issues i ON i.id = t.issue_id WHERE i.project_id = ? AND t.key = 'url'")
                .param(projectId).query(String.class).single()).isEqualTo("https://shop.example.com/pay");
    }

    @Test
    void fingerprintRulesFromTheProjectSettingsGroupTogetherWhatTheyMatch() throws Exception {
        projects.update(tenant.owner(), tenant.org().slug(), slug, null, null, null, s -> new io.bugmaster.accounts.ProjectSettings(
                null, null, null, true, List.of(), List.of(), "error.type:*Timeout* -> timeouts", null));
        assertThat(send(exception("SocketTimeoutException", "read")).statusCode()).isEqualTo(200);
        assertThat(send(exception("ConnectTimeout", "connect")).statusCode()).isEqualTo(200);
        assertThat(send(exception("IllegalStateException", "other")).statusCode()).isEqualTo(200);
        assertThat(issues()).isEqualTo(2);
    }

    @Test
    void overTheProjectQuotaTheSdkIsToldToBackOff() throws Exception {
        projects.update(tenant.owner(), tenant.org().slug(), slug, null, null, null, s -> new io.bugmaster.accounts.ProjectSettings(
                2, null, null, true, List.of(), List.of(), null, null));
        assertThat(send(exception("A", "1")).statusCode()).isEqualTo(200);
        assertThat(send(exception("A", "2")).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = send(exception("A", "3"));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("X-Sentry-Rate-Limits").orElseThrow()).matches("\\d+::project:project_quota");
        assertThat(refused.body()).contains("\"detail\"");
    }

    @Test
    void aDisabledKeyIsRefusedAndAnUnknownKeyIsUnauthorized() throws Exception {
        projects.updateKey(tenant.owner(), tenant.org().slug(), slug, key.publicKey(), null, false, null);
        HttpResponse<String> disabled = send(exception("A", "1"));
        assertThat(disabled.statusCode()).isEqualTo(403);
        assertThat(disabled.headers().firstValue("X-Sentry-Error").orElseThrow()).contains("disabled");
        key = new ProjectKey(key.id(), key.projectId(), key.label(), "0".repeat(32), true, null, null, key.createdAt());
        assertThat(send(exception("A", "1")).statusCode()).isEqualTo(401);
        assertThat(issues()).isZero();
    }

    @Test
    void projectSettingsAreValidatedAndShownOnTheProject() throws Exception {
        String url = baseUrl() + "/api/0/projects/" + tenant.org().slug() + "/" + slug + "/";
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + tenant.ownerToken())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Renamed\",\"fingerprintingRules\":\"colour:red -> x\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("fingerprintingRules").contains("line 1");
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + tenant.ownerToken())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"dataScrubber\":false,\"safeFields\":[\"session_count\"],\"quotas\":{\"perHour\":1000}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"name\":\"App\"").contains("\"dataScrubber\":false").contains("\"perHour\":1000")
                .contains("\"safeFields\":[\"session_count\"]");
        assertThat(projects.settings(tenant.owner(), tenant.org().slug(), slug)).extracting("quotaPerHour").isEqualTo(1000);
    }

    HttpResponse<String> putProject(String json) throws Exception {
        String url = baseUrl() + "/api/0/projects/" + tenant.org().slug() + "/" + slug + "/";
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + tenant.ownerToken())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    tools.jackson.databind.JsonNode storedFrames(String eventId) {
        byte[] payload = db.sql("SELECT payload FROM events WHERE project_id = ? AND event_id = ?").params(projectId, eventId)
                .query(byte[].class).single();
        return IngestJson.MAPPER.readTree(io.bugmaster.events.EventPayloads.decompress(payload))
                .path("exception").path("values").get(0).path("stacktrace").path("frames");
    }

    @Test
    void stackTraceRulesAreSetThroughTheApiCheckedLineByLineAndAppliedAtIngest() throws Exception {
        HttpResponse<String> bad = putProject("{\"groupingEnhancements\":\"stack.module:com.acme.** +app\\nstack.module:x -group\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("groupingEnhancements").contains("line 2").contains("-group");
        assertThat(projects.settings(tenant.owner(), tenant.org().slug(), slug).groupingEnhancements()).isNull();

        String rules = "stack.module:com.acme.** -app\\nstack.module:com.acme.billing.** +app";
        HttpResponse<String> ok = putProject("{\"groupingEnhancements\":\"" + rules + "\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("\"groupingEnhancements\":\"stack.module:com.acme.** -app\\nstack.module:com.acme.billing.** +app\"");
        assertThat(get("/").body()).contains("\"groupingEnhancements\":\"stack.module:com.acme.** -app");

        HttpResponse<String> sent = send("""
                {"event_id":"$ID","platform":"java","exception":{"values":[{"type":"CardDeclined","stacktrace":{"frames":[
                {"module":"com.acme.billing.Invoice","function":"charge"},
                {"module":"com.acme.Checkout","function":"pay","in_app":true}]}}]}}""");
        assertThat(sent.statusCode()).isEqualTo(200);
        tools.jackson.databind.JsonNode frames = storedFrames(IngestJson.MAPPER.readTree(sent.body()).path("id").asString());
        assertThat(frames.get(0).path("in_app").asBoolean()).isTrue();
        assertThat(frames.get(1).path("in_app").asBoolean()).as("the project's rule wins over the SDK").isFalse();
        assertThat(frames.get(1).path("orig_in_app").asBoolean()).isTrue();

        assertThat(putProject("{\"groupingEnhancements\":\"\"}").body()).contains("\"groupingEnhancements\":\"\"");
        assertThat(projects.settings(tenant.owner(), tenant.org().slug(), slug).groupingEnhancements()).isNull();
    }

    @Test
    void anIssueGroupedBeforeTheBuiltInRulesKeepsItsEvents() throws Exception {
        String event = """
                {"event_id":"$ID","platform":"java","exception":{"values":[{"type":"CardDeclined","stacktrace":{"frames":[
                {"module":"java.lang.Thread","function":"run"},{"module":"com.acme.Checkout","function":"pay"}]}}]}}""";
        // the issue as an earlier version made it: grouped on the frames as the SDK sent them (none in-app)
        NormalizedEvent asSent = EventNormalizer.normalize(IngestJson.MAPPER.readTree(event.replace("$ID", "0".repeat(32))), "event",
                null, clock.instant(), null, ScrubbingSettings.defaults());
        String oldHash = io.bugmaster.grouping.Grouper.group(EventMapping.groupingEvent(asSent), null).result().hash();
        String first = UUID.randomUUID().toString().replace("-", "");
        digester.submit(List.of(new io.bugmaster.digest.DigestItem(tenant.org().id(), projectId, first,
                io.bugmaster.digest.DigestItem.EventType.ERROR, clock.instant(), clock.instant(), "error", "java", null, "production",
                "CardDeclined", null, "{}", io.bugmaster.grouping.Strategies.current().name(), List.of(oldHash), List.of(), null,
                io.bugmaster.events.EventPayloads.compress("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))))
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        long issue = db.sql("SELECT issue_id FROM issue_hashes WHERE project_id = ? AND hash = ?").params(projectId, oldHash)
                .query(Long.class).single();

        assertThat(send(event).statusCode()).isEqualTo(200);
        assertThat(issues()).as("the event joins the old issue instead of opening a new one").isEqualTo(1);
        assertThat(db.sql("SELECT times_seen FROM issues WHERE id = ?").param(issue).query(Long.class).single()).isEqualTo(2);
        assertThat(db.sql("SELECT COUNT(*) FROM issue_hashes WHERE issue_id = ?").param(issue).query(Long.class).single())
                .as("the in-app hash is attached for the next events").isEqualTo(2);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/0/projects/" + tenant.org().slug() + "/" + slug + path))
                .header("Authorization", "Bearer " + tenant.ownerToken()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void attachmentsFeedbackSessionsAndClientReportsAreKeptAndReadable() throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "");
        String attachment = "<script>alert(1)</script> log line";
        String envelope = "{\"event_id\":\"" + id + "\",\"sent_at\":\"" + clock.instant() + "\"}\n"
                + "{\"type\":\"event\"}\n" + exception("A", "1").replace("$ID", id).replace("\n", "") + "\n"
                + "{\"type\":\"attachment\",\"length\":" + attachment.length() + ",\"filename\":\"app.log\",\"content_type\":\"text/html\"}\n"
                + attachment + "\n"
                + "{\"type\":\"user_report\"}\n{\"event_id\":\"" + id + "\",\"name\":\"Ana\",\"email\":\"ana@example.com\",\"comments\":\"It broke when I paid\"}\n"
                + "{\"type\":\"session\"}\n{\"sid\":\"" + UUID.randomUUID() + "\",\"init\":true,\"status\":\"crashed\",\"errors\":1,"
                + "\"started\":\"" + clock.instant() + "\",\"attrs\":{\"release\":\"app@1.0.0\",\"environment\":\"production\"}}\n"
                + "{\"type\":\"sessions\"}\n{\"aggregates\":[{\"started\":\"" + clock.instant() + "\",\"exited\":3}],"
                + "\"attrs\":{\"release\":\"app@1.0.0\",\"environment\":\"production\"}}\n"
                + "{\"type\":\"client_report\"}\n{\"timestamp\":\"" + clock.instant() + "\",\"discarded_events\":[{\"reason\":\"queue_overflow\",\"category\":\"error\",\"quantity\":7}]}\n"
                + "{\"type\":\"replay_event\"}\n{}\n";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/envelope/?sentry_key=" + key.publicKey()))
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        engine.runOnce();

        HttpResponse<String> list = get("/events/" + id + "/attachments/");
        assertThat(list.body()).contains("\"name\":\"app.log\"").contains("\"size\":" + attachment.length());
        String attachmentId = list.body().replaceAll("(?s).*\"id\":\"(\\d+)\".*", "$1");
        HttpResponse<String> download = get("/events/" + id + "/attachments/" + attachmentId + "/?download=1");
        assertThat(download.body()).isEqualTo(attachment);
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/octet-stream");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");

        assertThat(get("/user-feedback/").body()).contains("It broke when I paid").contains("ana@example.com");
        assertThat(get("/events/" + id + "/user-feedback/").body()).contains("Ana");
        long issueId = db.sql("SELECT issue_id FROM events WHERE event_id = ?").param(id).query(Long.class).single();
        HttpResponse<String> onIssue = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/0/issues/" + issueId + "/user-reports/"))
                .header("Authorization", "Bearer " + tenant.ownerToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(onIssue.body()).contains("It broke when I paid");
        assertThat(get("/release-health/").body()).contains("\"release\":\"app@1.0.0\"").contains("\"sessions\":4")
                .contains("\"crashed\":1").contains("\"crashFreeRate\":0.75");
        assertThat(get("/outcomes/?statsPeriod=1d").body()).contains("client_discarded").contains("queue_overflow")
                .contains("\"quantity\":7").contains("replay_event");
        assertThat(get("/outcomes/?statsPeriod=forever").statusCode()).isEqualTo(400);
        assertThat(get("/events/" + "f".repeat(32) + "/attachments/").body()).isEqualTo("[]");
    }

    /** The feedback of an issue is found behind a page of newer feedback on another issue's event, and only its own. */
    @Test
    void theFeedbackOfAnIssueIsItsEventsOnly() throws Exception {
        send(exception("First", "1"));
        send(exception("Second", "2"));
        engine.runOnce();
        List<String> eventIds = db.sql("SELECT event_id FROM events WHERE project_id = ? ORDER BY id").param(projectId)
                .query(String.class).list();
        String first = eventIds.get(0);
        String second = eventIds.get(1);
        ingestStore.write(projectId, new IngestStore.SideItems(List.of(), List.of(), List.of(),
                List.of(new IngestStore.UserReport(first, "Ana", "ana@example.com", "on the first"))), clock.instant(), 0);
        List<IngestStore.UserReport> later = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            later.add(new IngestStore.UserReport(second, "Bo", "bo@example.com", "on the second " + i));
        }
        ingestStore.write(projectId, new IngestStore.SideItems(List.of(), List.of(), List.of(), later), clock.instant(), 0);

        long firstIssue = db.sql("SELECT issue_id FROM events WHERE event_id = ?").param(first).query(Long.class).single();
        long secondIssue = db.sql("SELECT issue_id FROM events WHERE event_id = ?").param(second).query(Long.class).single();
        assertThat(firstIssue).isNotEqualTo(secondIssue);
        assertThat(issueFeedback(firstIssue)).containsExactly("on the first");
        List<String> ofSecond = issueFeedback(secondIssue);
        assertThat(ofSecond).as("the newest thousand").hasSize(1_000).startsWith("on the second 1199").endsWith("on the second 200");
    }

    private List<String> issueFeedback(long issueId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/0/issues/" + issueId + "/user-reports/"))
                .header("Authorization", "Bearer " + tenant.ownerToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> comments = new ArrayList<>();
        tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body())
                .forEach(report -> comments.add(report.path("comments").asString()));
        return comments;
    }

    @Test
    void anotherOrganizationCannotReadAProjectsIngestedData() throws Exception {
        Tenant other = newTenant();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/0/projects/"
                + tenant.org().slug() + "/" + slug + "/user-feedback/")).header("Authorization", "Bearer " + other.ownerToken()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Autowired io.bugmaster.accounts.DsnKeys dsnKeys;
    @Autowired QuotaGuard quotaGuard;
    @Autowired io.bugmaster.monitors.cron.SentryCheckIns sentryCheckIns;
    @Autowired io.bugmaster.digest.Digester digester;
    @Autowired IngestStore ingestStore;
    @Autowired OutcomeCounter outcomeCounter;

    @Test
    void whenEveryIngestSlotIsBusyARequestIsToldToRetryAtOnce() throws Exception {
        IngestService full = new IngestService(dsnKeys, quotaGuard, digester, ingestStore, sentryCheckIns, outcomeCounter, clock, 0,
                java.time.Duration.ofMillis(5), 75, "", org.springframework.util.unit.DataSize.ofGigabytes(1));
        IngestService.Reply reply = full.accept(new IngestService.Request(IngestRequestReader.Endpoint.ENVELOPE,
                String.valueOf(projectId), "Sentry sentry_key=" + key.publicKey(), null, null, null, "127.0.0.1",
                new java.io.ByteArrayInputStream("{}\n".getBytes()), RequestMemory.unlimited()));
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.retryAfter()).isEqualTo(1);
        assertThat(reply.rateLimits()).isEqualTo("1::organization:backpressure");
    }

    // --- what one request may cost (issue 8: memory, duplicates, disk) ---

    HttpResponse<String> post(byte[] body, String contentEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/envelope/"))
                .header("X-Sentry-Auth", "Sentry sentry_version=7,sentry_client=test/1.0,sentry_key=" + key.publicKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] gzip(String... parts) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(bytes)) {
            for (String part : parts) {
                out.write(part.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    long events() {
        return db.sql("SELECT COUNT(*) FROM events WHERE project_id = ?").param(projectId).query(Long.class).single();
    }

    @Test
    void anEnvelopeOfEventsThatEachParseIntoAHugeTreeIsRefusedWithoutHoldingThem() throws Exception {
        // the attack of issue 8: event items of about 1 MB of {},{},... in extra, a few KB once gzipped
        String item = "{\"type\":\"event\"}\n" + EnvelopeParserTest.emptyObjects(1_000_000) + "\n";
        String[] parts = new String[4];
        parts[0] = "{\"event_id\":\"" + newId() + "\"}\n";
        java.util.Arrays.fill(parts, 1, parts.length, item);
        HttpResponse<String> response = post(gzip(parts), "gzip");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.body()).contains("the event item holds more than " + IngestJson.MAX_TOKENS + " JSON values");
        assertThat(events()).isZero();

        String second = exception("A", "1").replace("$ID", newId()).replace("\n", "");
        HttpResponse<String> two = post(("{}\n{\"type\":\"event\"}\n" + second + "\n{\"type\":\"event\"}\n" + second + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        assertThat(two.statusCode()).isEqualTo(400);
        assertThat(two.body()).contains("an envelope carries at most one");
        assertThat(events()).isZero();
    }

    @Test
    void theIdAnsweredIsTheIdStoredAndReadableEvenWhenThePayloadSaysAnother() throws Exception {
        String headerId = newId();
        String payloadId = newId();
        String envelope = "{\"event_id\":\"" + headerId + "\"}\n{\"type\":\"event\"}\n"
                + exception("A", "1").replace("$ID", payloadId).replace("\n", "") + "\n";
        HttpResponse<String> response = post(envelope.getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"id\":\"" + headerId + "\"}");
        HttpResponse<String> stored = get("/events/" + headerId + "/");
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(stored.body()).contains("\"eventID\":\"" + headerId + "\"");
        assertThat(get("/events/" + payloadId + "/").statusCode()).isEqualTo(404);

        // an envelope without an event acknowledges no id
        String sessionOnly = "{\"event_id\":\"" + newId() + "\"}\n{\"type\":\"session\"}\n{\"sid\":\"" + UUID.randomUUID()
                + "\",\"init\":true,\"started\":\"" + clock.instant() + "\",\"attrs\":{\"release\":\"app@1.0.0\"}}\n";
        HttpResponse<String> noEvent = post(sessionOnly.getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        assertThat(noEvent.statusCode()).isEqualTo(200);
        assertThat(noEvent.body()).isEqualTo("{}");
    }

    static String withAttachment(String id, String event, String name, int size) {
        return "{\"event_id\":\"" + id + "\"}\n{\"type\":\"event\"}\n" + event.replace("$ID", id).replace("\n", "") + "\n"
                + "{\"type\":\"attachment\",\"length\":" + size + ",\"filename\":\"" + name + "\"}\n" + "a".repeat(size) + "\n";
    }

    long attachmentRows() {
        return db.sql("SELECT COUNT(*) FROM attachments WHERE project_id = ?").param(projectId).query(Long.class).single();
    }

    @Test
    void sendingAnEventAgainDoesNotStoreItsAttachmentsAgain() throws Exception {
        String id = newId();
        byte[] envelope = gzip(withAttachment(id, exception("A", "1"), "heap.bin", 1_000_000));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = post(envelope, "gzip");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"id\":\"" + id + "\"}");
        }
        assertThat(attachmentRows()).isEqualTo(1);
        assertThat(events()).isEqualTo(1);
        assertThat(ingestStore.attachmentBytes(projectId)).isEqualTo(1_000_000);

        // the same attachment sent on its own for that event is not stored twice either; another one is
        String standalone = "{\"event_id\":\"" + id + "\"}\n{\"type\":\"attachment\",\"length\":1000000,\"filename\":\"heap.bin\"}\n"
                + "a".repeat(1_000_000) + "\n{\"type\":\"attachment\",\"length\":3,\"filename\":\"note.txt\"}\nabc\n";
        assertThat(post(gzip(standalone), "gzip").statusCode()).isEqualTo(200);
        assertThat(attachmentRows()).isEqualTo(2);
        assertThat(ingestStore.attachmentBytes(projectId)).isEqualTo(1_000_003);
    }

    IngestService service(String memory, long attachmentQuota) {
        return new IngestService(dsnKeys, quotaGuard, digester, ingestStore, sentryCheckIns, outcomeCounter, clock, 8,
                java.time.Duration.ofSeconds(5), 75, memory, org.springframework.util.unit.DataSize.ofBytes(attachmentQuota));
    }

    IngestService.Reply accept(IngestService service, byte[] body, String encoding) throws Exception {
        try (RequestMemory memory = service.memoryFor(String.valueOf(projectId))) {
            return service.accept(new IngestService.Request(IngestRequestReader.Endpoint.ENVELOPE, String.valueOf(projectId),
                    "Sentry sentry_key=" + key.publicKey(), null, encoding, null, "127.0.0.1", new java.io.ByteArrayInputStream(body),
                    memory));
        }
    }

    @Test
    void attachmentsCountAgainstTheProjectsStorageQuota() throws Exception {
        IngestService quota150k = service("", 150_000);
        String first = newId();
        IngestService.Reply ok = accept(quota150k, withAttachment(first, exception("A", "1"), "a.log", 100_000).getBytes(), null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.rateLimits()).isNull();

        // over the quota: the event is stored, its attachment is not, and the SDK is told to stop sending attachments
        String second = newId();
        IngestService.Reply over = accept(quota150k, withAttachment(second, exception("B", "2"), "b.log", 100_000).getBytes(), null);
        assertThat(over.status()).isEqualTo(200);
        assertThat(over.body()).isEqualTo(java.util.Map.of("id", second));
        assertThat(over.rateLimits()).isEqualTo("3600:attachment:project:attachment_quota");
        assertThat(events()).isEqualTo(2);
        assertThat(attachmentRows()).isEqualTo(1);

        // attachments alone: refused with 429
        String alone = "{\"event_id\":\"" + second + "\"}\n{\"type\":\"attachment\",\"length\":60000,\"filename\":\"c.log\"}\n"
                + "c".repeat(60_000) + "\n";
        IngestService.Reply refused = accept(quota150k, alone.getBytes(), null);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.retryAfter()).isEqualTo(3600);
        assertThat(refused.rateLimits()).isEqualTo("3600:attachment:project:attachment_quota");
        assertThat(refused.error()).contains("attachment storage quota of this project").contains("BUGMASTER_ATTACHMENT_QUOTA");
        assertThat(attachmentRows()).isEqualTo(1);
        assertThat(ingestStore.attachmentBytes(projectId)).isEqualTo(100_000);

        engine.runOnce();
        assertThat(get("/outcomes/?statsPeriod=1h").body())
                .contains("{\"outcome\":\"rate_limited\",\"category\":\"attachment\",\"reason\":\"attachment_quota\",\"quantity\":160000}");
    }

    @Test
    void aRequestNeedingMoreMemoryThanAProjectMayHoldIsRefusedAndHoldsNothingAfter() throws Exception {
        IngestService small = service("4MB", IngestLimits.MB * 1024L);
        String id = newId();
        String envelope = "{\"event_id\":\"" + id + "\"}\n" + ("{\"type\":\"attachment\",\"length\":1000000}\n" + "z".repeat(1_000_000)
                + "\n").repeat(4);
        IngestService.Reply refused = accept(small, gzip(envelope), "gzip");
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.error()).contains("memory this server gives one project's requests");
        assertThat(small.memoryHeld()).isZero();
        assertThat(attachmentRows()).isZero();
        IngestService.Reply fits = accept(small, gzip(withAttachment(id, exception("A", "1"), "a.log", 1_000_000)), "gzip");
        assertThat(fits.status()).isEqualTo(200);
        assertThat(small.memoryHeld()).isZero();
    }

    // --- deleting issues takes what ingestion kept of their events with them ---

    /** An event of {@code type} (its own issue per type) with a {@code size}-byte attachment and, if given, feedback. */
    String eventWithAttachment(String type, int size, String feedback) throws Exception {
        return eventWithAttachment(projectId, key, type, size, feedback, newId());
    }

    String eventWithAttachment(long project, ProjectKey projectKey, String type, int size, String feedback, String id) throws Exception {
        String envelope = withAttachment(id, exception(type, "1"), type + ".log", size)
                + (feedback == null ? "" : "{\"type\":\"user_report\"}\n{\"event_id\":\"" + id + "\",\"name\":\"Ana\","
                        + "\"email\":\"ana@example.com\",\"comments\":\"" + feedback + "\"}\n");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + project + "/envelope/"))
                .header("X-Sentry-Auth", "Sentry sentry_version=7,sentry_client=test/1.0,sentry_key=" + projectKey.publicKey())
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return id;
    }

    long issueOf(String eventId) {
        return db.sql("SELECT issue_id FROM events WHERE project_id = ? AND event_id = ?").params(projectId, eventId)
                .query(Long.class).single();
    }

    long attachmentRows(long project, String eventId) {
        return db.sql("SELECT COUNT(*) FROM attachments WHERE project_id = ? AND event_id = ?").params(project, eventId)
                .query(Long.class).single();
    }

    List<String> feedbackOf(long project) {
        return db.sql("SELECT comments FROM user_reports WHERE project_id = ? ORDER BY id").param(project).query(String.class).list();
    }

    HttpResponse<String> delete(String apiPath) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/0" + apiPath)).DELETE()
                .header("Authorization", "Bearer " + tenant.ownerToken()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Two issues of this project and one of another project (whose event has the same id as one deleted here). */
    record Kept(String gone1, String gone2, String kept, long otherProject, String otherEvent) {}

    Kept twoIssuesAndAnotherProject() throws Exception {
        String gone1 = eventWithAttachment("Noisy", 1_000, "first of the noisy");
        String gone2 = eventWithAttachment("Noisy", 2_000, null);
        String kept = eventWithAttachment("Rare", 500, "on the rare one");
        assertThat(issueOf(gone1)).isEqualTo(issueOf(gone2)).isNotEqualTo(issueOf(kept));
        String otherSlug = unique("p");
        long other = projects.create(tenant.owner(), tenant.org().slug(), tenant.org().slug(), "Other", otherSlug, "java").project().id();
        ProjectKey otherKey = projects.listKeys(tenant.owner(), tenant.org().slug(), otherSlug).get(0);
        eventWithAttachment(other, otherKey, "Noisy", 700, "in the other project", gone1);
        assertThat(ingestStore.attachmentBytes(projectId)).isEqualTo(3_500);
        assertThat(ingestStore.attachmentBytes(other)).isEqualTo(700);
        return new Kept(gone1, gone2, kept, other, gone1);
    }

    void onlyTheDeletedIssuesDataIsGone(Kept k) {
        assertThat(attachmentRows(projectId, k.gone1())).isZero();
        assertThat(attachmentRows(projectId, k.gone2())).isZero();
        assertThat(attachmentRows(projectId, k.kept())).isEqualTo(1);
        assertThat(ingestStore.attachmentBytes(projectId)).as("the quota counts only what is kept").isEqualTo(500);
        assertThat(feedbackOf(projectId)).containsExactly("on the rare one");
        assertThat(attachmentRows(k.otherProject(), k.otherEvent())).isEqualTo(1);
        assertThat(ingestStore.attachmentBytes(k.otherProject())).isEqualTo(700);
        assertThat(feedbackOf(k.otherProject())).containsExactly("in the other project");
        assertThat(db.sql("SELECT COALESCE(SUM(size), 0) FROM attachments WHERE project_id = ?").param(projectId).query(Long.class)
                .single()).as("the counter matches the rows").isEqualTo(500);
    }

    @Test
    void deletingAnIssueDeletesItsEventsAttachmentsAndFeedbackAndFreesTheirBytes() throws Exception {
        Kept k = twoIssuesAndAnotherProject();
        HttpResponse<String> deleted = delete("/issues/" + issueOf(k.gone1()) + "/");
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(202);
        onlyTheDeletedIssuesDataIsGone(k);
        assertThat(get("/events/" + k.gone1() + "/attachments/").body()).isEqualTo("[]");
        assertThat(get("/events/" + k.kept() + "/attachments/").body()).contains("\"name\":\"Rare.log\"");
    }

    @Test
    void bulkDeletingIssuesDeletesTheirEventsAttachmentsAndFeedback() throws Exception {
        Kept k = twoIssuesAndAnotherProject();
        HttpResponse<String> deleted = delete("/projects/" + tenant.org().slug() + "/" + slug + "/issues/?id=" + issueOf(k.gone1()));
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        onlyTheDeletedIssuesDataIsGone(k);

        // by query too: the rest goes, and the project keeps no attachment bytes
        assertThat(delete("/projects/" + tenant.org().slug() + "/" + slug + "/issues/?query=is:unresolved").statusCode()).isEqualTo(204);
        assertThat(attachmentRows()).isZero();
        assertThat(ingestStore.attachmentBytes(projectId)).isZero();
        assertThat(feedbackOf(projectId)).isEmpty();
        assertThat(ingestStore.attachmentBytes(k.otherProject())).isEqualTo(700);
    }

    @Autowired io.bugmaster.events.EventService eventService;

    /** Deletion reads an issue's events page by page: each once, whatever the page size, events at the same time included. */
    @Test
    void theEventIdsOfIssuesAreReadPageByPageEachOnce() throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // three at the server's time (same occurred_at: the id breaks the tie), four at their own earlier times
            String at = i < 3 ? "" : "\"timestamp\":" + (clock.instant().getEpochSecond() - 60L * (i % 2 == 0 ? 1 : 2)) + ",";
            HttpResponse<String> response = send(exception("Paged", "1").replaceFirst("\\{", "{" + at));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            sent.add(response.body().replaceAll(".*\"id\":\"([0-9a-f]{32})\".*", "$1"));
        }
        String other = send(exception("Elsewhere", "1")).body().replaceAll(".*\"id\":\"([0-9a-f]{32})\".*", "$1");
        long issue = issueOf(sent.get(0));
        for (int chunk : new int[] {1, 2, 3, 7, 500}) {
            List<String> seen = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            eventService.forEachEventIdOfIssues(List.of(issue, issueOf(other)), chunk, ids -> {
                sizes.add(ids.size());
                seen.addAll(ids);
            });
            assertThat(seen).as("chunk " + chunk).containsExactlyInAnyOrderElementsOf(concat(sent, other));
            assertThat(sizes).allMatch(size -> size >= 1 && size <= chunk);
        }
    }

    private static List<String> concat(List<String> list, String one) {
        List<String> all = new ArrayList<>(list);
        all.add(one);
        return all;
    }

    @Test
    void mergingIssuesKeepsTheirEventsAttachmentsAndFeedback() throws Exception {
        Kept k = twoIssuesAndAnotherProject();
        HttpResponse<String> merged = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/0/projects/" + tenant.org().slug()
                        + "/" + slug + "/issues/?id=" + issueOf(k.gone1()) + "&id=" + issueOf(k.kept())))
                .header("Authorization", "Bearer " + tenant.ownerToken()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"merge\":true}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
        assertThat(issueOf(k.kept())).isEqualTo(issueOf(k.gone1()));
        assertThat(attachmentRows()).isEqualTo(3);
        assertThat(ingestStore.attachmentBytes(projectId)).isEqualTo(3_500);
        assertThat(feedbackOf(projectId)).containsExactly("first of the noisy", "on the rare one");
    }

    @Test
    void afterDeletingAnIssueItsAttachmentsBytesFitInTheQuotaAgain() throws Exception {
        IngestService quota150k = service("", 150_000);
        String first = newId();
        assertThat(accept(quota150k, withAttachment(first, exception("A", "1"), "a.log", 100_000).getBytes(), null).rateLimits()).isNull();
        String second = newId();
        IngestService.Reply full = accept(quota150k, withAttachment(second, exception("B", "2"), "b.log", 100_000).getBytes(), null);
        assertThat(full.rateLimits()).isEqualTo("3600:attachment:project:attachment_quota");

        assertThat(delete("/issues/" + issueOf(first) + "/").statusCode()).isEqualTo(202);
        assertThat(ingestStore.attachmentBytes(projectId)).isZero();
        String third = newId();
        IngestService.Reply fits = accept(quota150k, withAttachment(third, exception("C", "3"), "c.log", 100_000).getBytes(), null);
        assertThat(fits.status()).isEqualTo(200);
        assertThat(fits.rateLimits()).isNull();
        assertThat(attachmentRows(projectId, third)).isEqualTo(1);
        assertThat(ingestStore.attachmentBytes(projectId)).isEqualTo(100_000);
    }
}
