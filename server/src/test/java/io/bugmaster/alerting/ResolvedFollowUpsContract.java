package io.bugmaster.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.User;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.NotificationFixtures;
import io.bugmaster.notify.NotificationQueue;
import io.bugmaster.notify.PagerDutyReceiver;
import io.bugmaster.notify.PagerDutyReceiver.Incident;
import io.bugmaster.notify.Receiver;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SignalRows;
import io.bugmaster.web.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Resolving an issue follows up where it was alerted, end to end on every database: events over the
 * Sentry protocol, alert rules, the resolve through the web page, the API and the bulk API, the
 * resolved signal, the delivery queue, and a PagerDuty on loopback that checks every event against
 * the Events API v2 and keeps incidents as PagerDuty does. The clock is moved, never slept on.
 */
abstract class ResolvedFollowUpsContract extends IntegrationTest {
    /** One PagerDuty for the whole run (each test uses its own routing keys); stopped when the JVM ends. */
    static final PagerDutyReceiver PAGERDUTY = startPagerDuty();
    static final String PASSWORD = "resolved-follow-ups-password";

    private static PagerDutyReceiver startPagerDuty() {
        PagerDutyReceiver receiver = new PagerDutyReceiver();
        Runtime.getRuntime().addShutdownHook(new Thread(receiver::close));
        return receiver;
    }

    @DynamicPropertySource
    static void pagerDuty(DynamicPropertyRegistry registry) {
        registry.add("bugmaster.pagerduty-events-url", PAGERDUTY::url);
    }

    @Autowired ChannelService channels;
    @Autowired ProjectService projects;
    @Autowired NotificationQueue queue;
    @Autowired JdbcClient db;

    final HttpClient http = HttpClient.newHttpClient();
    ApiClient api;
    Receiver chat;
    User owner;
    Actor ownerActor;
    String ownerToken;
    Organization org;
    String project;
    long projectId;
    ProjectKey key;
    /** The routing key of the PagerDuty service the rule pages, and of one no rule names. */
    String paged;
    String notPaged;
    long pagedChannel;
    long notPagedChannel;

    @BeforeEach
    void setUp() {
        engine.runOnce(); // whatever other tests left is handled first
        api = new ApiClient(baseUrl());
        chat = new Receiver();
        owner = newUser(PASSWORD);
        ownerActor = Actor.session(owner.id(), owner.email());
        ownerToken = token(ownerActor, List.copyOf(Scopes.ALL));
        org = organizations.create(ownerActor, "Shop", unique("shop"));
        project = unique("web");
        projectId = projects.create(ownerActor, org.slug(), org.slug(), "Web shop", project, "javascript").project().id();
        key = projects.listKeys(ownerActor, org.slug(), project).get(0);
        paged = routingKey();
        notPaged = routingKey();
        pagedChannel = channel("pagerduty", Map.of("routing_key", paged));
        notPagedChannel = channel("pagerduty", Map.of("routing_key", notPaged));
    }

    @AfterEach
    void stopChat() {
        chat.close();
    }

    static String routingKey() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    long channel(String kind, Map<String, Object> config) {
        return channels.create(ownerActor, org.slug(), new ChannelService.NewChannel(kind + " " + unique("c"), kind, config)).id();
    }

    /** A rule that tells the given channels about new issues and regressions. */
    void rule(long... channelIds) {
        StringBuilder actions = new StringBuilder();
        for (long id : channelIds) {
            actions.append(actions.isEmpty() ? "" : ", ").append("{\"id\": \"notify_channel\", \"channel\": \"").append(id).append("\"}");
        }
        ApiClient.Response r = api.post(ownerToken, "/api/0/organizations/" + org.slug() + "/alert-rules/", """
                {"name": "Page on new and regressed", "conditions": [{"id": "first_seen_event"}, {"id": "regression_event"}],
                 "actions": [%s], "frequency": 30}""".formatted(actions));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /** Sends an event of the given level; events with the same fingerprint share an issue. Returns the issue's id. */
    long ingest(String fingerprint, String level, String message) {
        String event = """
                {"event_id":"%s","platform":"javascript","level":"%s","environment":"production","release":"shop@1.4.2",
                 "fingerprint":["%s"],"message":"%s"}""".formatted(UUID.randomUUID().toString().replace("-", ""), level, fingerprint,
                message);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                    .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return db.sql("SELECT id FROM issues WHERE project_id = ? AND title LIKE ? ORDER BY id DESC LIMIT 1")
                .params(projectId, message + "%").query(Long.class).single();
    }

    /**
     * Runs the engine until this organization has no signal to handle and no notification due (a
     * resolve becomes due once the trigger queued before it is done).
     */
    void drain() {
        for (int i = 0; i < 20; i++) {
            engine.runOnce();
            long due = db.sql("SELECT COUNT(*) FROM notification_queue WHERE org_id = ? AND state = 'pending' AND next_attempt_at <= ?")
                    .params(org.id(), clock.millis()).query(Long.class).single()
                    + SignalRows.notYetAlerted(db, org.id());
            if (due == 0) {
                return;
            }
        }
    }

    void resolveByApi(long issueId, String json) {
        ApiClient.Response r = api.put(ownerToken, "/api/0/issues/" + issueId + "/", json);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    List<String> states(String keyPattern) {
        return db.sql("SELECT state FROM notification_queue WHERE org_id = ? AND idempotency_key LIKE ? ORDER BY id")
                .params(org.id(), keyPattern).query(String.class).list();
    }

    @Test
    void resolvingAnIssueResolvesItsIncidentWhereItWasTriggeredAndARegressionPagesAgain() {
        long webhook = channel("webhook", Map.of("url", chat.url("/webhook")));
        long slack = channel("slack", Map.of("url", chat.url("/slack")));
        rule(pagedChannel, webhook, slack);
        String fingerprint = "checkout-" + UUID.randomUUID();
        long issueId = ingest(fingerprint, "error", "TypeError: cart is undefined");
        drain();

        List<Incident> incidents = PAGERDUTY.incidents(paged);
        assertThat(incidents).hasSize(1);
        Incident first = incidents.get(0);
        assertThat(first.resolved()).isFalse();
        assertThat(first.payload().path("severity").asString()).isEqualTo("error");
        assertThat(first.payload().path("summary").asString()).startsWith("New issue in shop@1.4.2: [" + project + "] TypeError");

        // resolved on the issue's page: PagerDuty gets a resolve with the trigger's dedup_key, the other channels a message
        WebClient web = new WebClient(baseUrl());
        web.login(owner.email(), PASSWORD);
        String page = "/orgs/" + org.slug() + "/issues/" + issueId;
        assertThat(web.post(page, page, Map.of("action", "resolve")).statusCode()).isEqualTo(302);
        drain();

        assertThat(first.resolved()).as("the incident the trigger opened").isTrue();
        List<PagerDutyReceiver.Event> events = PAGERDUTY.accepted(paged);
        assertThat(events).extracting(PagerDutyReceiver.Event::action).containsExactly("trigger", "resolve");
        assertThat(events.get(1).dedupKey()).isEqualTo(first.dedupKey());
        assertThat(PAGERDUTY.accepted(notPaged)).as("a service no rule pages hears nothing").isEmpty();
        assertThat(PAGERDUTY.dropped(paged)).isEmpty();

        JsonNode resolvedHook = chat.requests().stream().filter(r -> r.path().equals("/webhook")).reduce((a, b) -> b).orElseThrow().json();
        assertThat(resolvedHook.path("type").asString()).isEqualTo("issue.resolved");
        assertThat(resolvedHook.path("data").path("reason").asString()).isEqualTo("Resolved by " + owner.email());
        assertThat(resolvedHook.path("data").path("url").asString()).endsWith("/issues/" + issueId);
        String resolvedChat = chat.requests().stream().filter(r -> r.path().equals("/slack")).reduce((a, b) -> b).orElseThrow().body();
        assertThat(resolvedChat).contains("Resolved: [" + project + "] TypeError").contains("Resolved by " + owner.email());
        assertThat(chat.requests()).hasSize(4);

        // resolving it again changes nothing, so nothing more is sent
        resolveByApi(issueId, "{\"status\": \"resolved\"}");
        drain();
        assertThat(PAGERDUTY.accepted(paged)).hasSize(2);

        // it comes back after the rule's action interval: a new incident, resolved in turn through the bulk API
        clock.advance(Duration.ofMinutes(31));
        assertThat(ingest(fingerprint, "error", "TypeError: cart is undefined")).isEqualTo(issueId);
        drain();
        incidents = PAGERDUTY.incidents(paged);
        assertThat(incidents).hasSize(2);
        assertThat(incidents.get(1).resolved()).isFalse();
        assertThat(incidents.get(1).dedupKey()).isEqualTo(first.dedupKey());
        assertThat(incidents.get(1).payload().path("summary").asString()).startsWith("Regression in shop@1.4.2");

        ApiClient.Response bulk = api.put(ownerToken, "/api/0/projects/" + org.slug() + "/" + project + "/issues/?id=" + issueId,
                "{\"status\": \"resolvedInNextRelease\"}");
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(200);
        drain();
        assertThat(incidents.get(1).resolved()).isTrue();
        assertThat(PAGERDUTY.accepted(paged)).extracting(PagerDutyReceiver.Event::action)
                .containsExactly("trigger", "resolve", "trigger", "resolve");
        assertThat(chat.requests().get(chat.requests().size() - 1).body()).contains("Resolved in the next release by " + owner.email());
        assertThat(PAGERDUTY.rejected()).isEmpty();
    }

    List<Long> openAlertChannels(long issueId) {
        return db.sql("SELECT channel_id FROM notification_open_alerts WHERE subject_key = ? ORDER BY channel_id")
                .param("issue/" + issueId).query(Long.class).list();
    }

    String lastTo(String path) {
        return chat.requests().stream().filter(r -> r.path().equals(path)).reduce((a, b) -> b).orElseThrow().body();
    }

    @Test
    void deletingAnIssueResolvesItsIncidentAndTellsTheChannelsItWasDeleted() {
        long webhook = channel("webhook", Map.of("url", chat.url("/webhook")));
        long slack = channel("slack", Map.of("url", chat.url("/slack")));
        rule(pagedChannel, webhook, slack);
        long one = ingest("deleted-" + UUID.randomUUID(), "error", "TypeError: deleted by API");
        long bulk = ingest("bulk-deleted-" + UUID.randomUUID(), "fatal", "Error: deleted in bulk");
        drain();
        assertThat(PAGERDUTY.incidents(paged)).hasSize(2).noneMatch(Incident::resolved);
        assertThat(openAlertChannels(one)).containsExactlyInAnyOrder(pagedChannel, webhook, slack);

        ApiClient.Response deleted = api.delete(ownerToken, "/api/0/issues/" + one + "/");
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(202);
        drain();

        Incident first = PAGERDUTY.incidents(paged).stream().filter(i -> i.dedupKey().equals("bugmaster/issue/" + one))
                .findFirst().orElseThrow();
        assertThat(first.resolved()).as("the incident of the deleted issue").isTrue();
        assertThat(PAGERDUTY.accepted(paged)).filteredOn(e -> e.dedupKey().equals(first.dedupKey()))
                .extracting(PagerDutyReceiver.Event::action).containsExactly("trigger", "resolve");
        assertThat(lastTo("/slack")).contains("Deleted: [" + project + "] TypeError: deleted by API")
                .contains("Deleted by " + owner.email()).doesNotContain("Resolved");
        JsonNode hook = ApiClient.JSON.readTree(lastTo("/webhook"));
        assertThat(hook.path("type").asString()).isEqualTo("issue.deleted");
        assertThat(hook.path("data").path("reason").asString()).isEqualTo("Deleted by " + owner.email());
        assertThat(openAlertChannels(one)).as("nothing is left open about an issue that is gone").isEmpty();

        // bulk delete through the project's issues API: the same for each issue deleted
        ApiClient.Response bulkDeleted = api.delete(ownerToken, "/api/0/projects/" + org.slug() + "/" + project + "/issues/?id=" + bulk);
        assertThat(bulkDeleted.status()).as(bulkDeleted.toString()).isEqualTo(204);
        drain();
        assertThat(PAGERDUTY.incidents(paged)).allMatch(Incident::resolved);
        assertThat(lastTo("/slack")).contains("Deleted: [" + project + "] Error: deleted in bulk");
        assertThat(openAlertChannels(bulk)).isEmpty();
        assertThat(PAGERDUTY.rejected()).isEmpty();
    }

    @Test
    void aChannelSetNotToSendResolvedGetsNoResolvedMessageWhilePagerDutyStillResolves() {
        long quiet = channel("slack", Map.of("url", chat.url("/quiet"), "sendResolved", false));
        long loud = channel("slack", Map.of("url", chat.url("/loud")));
        assertThat(channels.channel(loud).orElseThrow().setting("sendResolved")).as("on by default").isEqualTo("true");
        rule(pagedChannel, quiet, loud);
        long issueId = ingest("quiet-channel-" + UUID.randomUUID(), "error", "TypeError: noisy");
        drain();
        assertThat(chat.requests()).extracting(Receiver.Request::path).containsExactlyInAnyOrder("/quiet", "/loud");

        resolveByApi(issueId, "{\"status\": \"resolved\"}");
        drain();
        assertThat(PAGERDUTY.accepted(paged)).extracting(PagerDutyReceiver.Event::action).containsExactly("trigger", "resolve");
        assertThat(PAGERDUTY.incidents(paged)).singleElement().satisfies(i -> assertThat(i.resolved()).isTrue());
        assertThat(chat.requests()).extracting(Receiver.Request::path).containsExactlyInAnyOrder("/quiet", "/loud", "/loud");
        assertThat(lastTo("/loud")).contains("Resolved: [" + project + "] TypeError: noisy");
        assertThat(db.sql("""
                SELECT d.status || ': ' || d.error FROM notification_deliveries d
                WHERE d.channel_id = ? AND d.idempotency_key LIKE 'resolve:%'""").param(quiet).query(String.class).single())
                .as("the skip is shown with the channel's deliveries").startsWith("skipped: not sent: this channel is set not to get");
        assertThat(openAlertChannels(issueId)).as("closed on the quiet channel too").isEmpty();

        // the same after a delete: the quiet channel hears nothing, PagerDuty closes the new incident
        clock.advance(Duration.ofMinutes(31));
        ingest("quiet-channel-2-" + UUID.randomUUID(), "error", "TypeError: deleted quietly");
        drain();
        long deleted = db.sql("SELECT id FROM issues WHERE project_id = ? AND title LIKE 'TypeError: deleted quietly%'").param(projectId)
                .query(Long.class).single();
        assertThat(api.delete(ownerToken, "/api/0/issues/" + deleted + "/").status()).isEqualTo(202);
        drain();
        assertThat(PAGERDUTY.incidents(paged)).hasSize(2).allMatch(Incident::resolved);
        assertThat(chat.requests().stream().filter(r -> r.path().equals("/quiet")).count()).isEqualTo(2);
        assertThat(lastTo("/loud")).contains("Deleted: [" + project + "] TypeError: deleted quietly");
    }

    @Test
    void deletingAProjectResolvesTheIncidentsOfItsIssues() {
        long slack = channel("slack", Map.of("url", chat.url("/slack")));
        rule(pagedChannel, slack);
        long open = ingest("project-gone-" + UUID.randomUUID(), "error", "TypeError: project deleted");
        drain();
        assertThat(PAGERDUTY.incidents(paged)).singleElement().satisfies(i -> assertThat(i.resolved()).isFalse());

        ApiClient.Response deleted = api.delete(ownerToken, "/api/0/projects/" + org.slug() + "/" + project + "/");
        assertThat(deleted.status()).as(deleted.toString()).isIn(202, 204);
        drain();
        assertThat(PAGERDUTY.incidents(paged)).singleElement().satisfies(i -> assertThat(i.resolved()).isTrue());
        assertThat(lastTo("/slack")).contains("Deleted: [" + project + "] TypeError: project deleted")
                .contains("Deleted by " + owner.email());
        assertThat(openAlertChannels(open)).isEmpty();
    }

    @Test
    void sendResolvedIsOnOrOffAndOnlyChatWebhookAndEmailChannelsTakeIt() {
        String base = "/api/0/organizations/" + org.slug() + "/notification-channels/";
        ApiClient.Response bad = api.post(ownerToken, base, """
                {"name": "Bad switch", "kind": "slack", "config": {"url": "%s", "sendResolved": "sometimes"}}""".formatted(chat.url("/x")));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.detail()).contains("config.sendResolved").contains("must be true or false");
        ApiClient.Response pagerDuty = api.post(ownerToken, base, """
                {"name": "Always resolves", "kind": "pagerduty", "config": {"routing_key": "%s", "sendResolved": false}}"""
                .formatted(routingKey()));
        assertThat(pagerDuty.status()).as(pagerDuty.toString()).isEqualTo(400);
        assertThat(pagerDuty.detail()).contains("config.sendResolved").contains("unknown setting");
        ApiClient.Response ok = api.post(ownerToken, base, """
                {"name": "Quiet hook", "kind": "webhook", "config": {"url": "%s", "sendResolved": false}}""".formatted(chat.url("/h")));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        assertThat(ok.json().path("config").path("sendResolved").asString()).as("shown as is, not masked").isEqualTo("false");
    }

    @Test
    void anIncidentOfAnIssueMergedIntoAnUnresolvedOneStaysOpenUntilThatOneIsResolved() {
        long slack = channel("slack", Map.of("url", chat.url("/slack")));
        rule(pagedChannel, slack);
        String targetPrint = "merge-target-" + UUID.randomUUID();
        long target = ingest(targetPrint, "error", "TypeError: kept");
        ingest(targetPrint, "error", "TypeError: kept"); // more events: it absorbs the other
        long source = ingest("merge-source-" + UUID.randomUUID(), "error", "TypeError: merged away");
        drain();
        assertThat(PAGERDUTY.incidents(paged)).hasSize(2);
        int chatBefore = chat.requests().size();

        merge(target, source);
        drain();
        assertThat(PAGERDUTY.incidents(paged)).as("the problem goes on in the issue it was merged into").noneMatch(Incident::resolved);
        assertThat(chat.requests()).as("nothing to say yet").hasSize(chatBefore);
        assertThat(openAlertChannels(source)).containsExactlyInAnyOrder(pagedChannel, slack);

        // resolving the issue that absorbed it closes both incidents, each under its own dedup key
        resolveByApi(target, "{\"status\": \"resolved\"}");
        drain();
        assertThat(PAGERDUTY.incidents(paged)).hasSize(2).allMatch(Incident::resolved);
        assertThat(PAGERDUTY.accepted(paged)).filteredOn(e -> e.action().equals("resolve")).extracting(PagerDutyReceiver.Event::dedupKey)
                .containsExactlyInAnyOrder("bugmaster/issue/" + target, "bugmaster/issue/" + source);
        assertThat(chat.requests().subList(chatBefore, chat.requests().size())).hasSize(2)
                .allSatisfy(r -> assertThat(r.body()).contains("Resolved: [" + project + "] TypeError: kept"));
        assertThat(openAlertChannels(source)).isEmpty();
        assertThat(openAlertChannels(target)).isEmpty();
        assertThat(PAGERDUTY.rejected()).isEmpty();
    }

    @Test
    void anIssueMergedIntoAResolvedOneHasItsIncidentResolvedSayingWhereItWent() {
        long slack = channel("slack", Map.of("url", chat.url("/slack")));
        rule(pagedChannel, slack);
        String targetPrint = "merge-resolved-" + UUID.randomUUID();
        long target = ingest(targetPrint, "error", "TypeError: fixed");
        ingest(targetPrint, "error", "TypeError: fixed");
        long source = ingest("merge-into-resolved-" + UUID.randomUUID(), "error", "TypeError: same bug");
        drain();
        resolveByApi(target, "{\"status\": \"resolved\"}");
        drain();
        String targetShortId = api.get(ownerToken, "/api/0/issues/" + target + "/").json().path("shortId").asString();

        merge(target, source);
        drain();
        assertThat(PAGERDUTY.incidents(paged)).hasSize(2).allMatch(Incident::resolved);
        assertThat(lastTo("/slack")).contains("Merged: [" + project + "] TypeError: same bug")
                .contains("Merged into " + targetShortId + " by " + owner.email()).contains("/issues/" + target);
        assertThat(openAlertChannels(source)).isEmpty();
        assertThat(PAGERDUTY.rejected()).isEmpty();
    }

    void merge(long... ids) {
        StringBuilder query = new StringBuilder();
        for (long id : ids) {
            query.append(query.isEmpty() ? "?" : "&").append("id=").append(id);
        }
        ApiClient.Response merged = api.put(ownerToken, "/api/0/projects/" + org.slug() + "/" + project + "/issues/" + query,
                "{\"merge\": 1}");
        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
    }

    @Test
    void anIssueNoAlertReachedIsResolvedWithoutAWord() {
        long issueId = ingest("quiet-" + UUID.randomUUID(), "error", "ReferenceError: quiet is not defined");
        drain();
        rule(pagedChannel); // made after the issue was first seen: nothing was paged about it

        resolveByApi(issueId, "{\"status\": \"resolved\"}");
        drain();
        assertThat(PAGERDUTY.accepted(paged)).isEmpty();
        assertThat(states("%")).as("nothing queued for a channel that was never told about the issue").isEmpty();
    }

    @Test
    void whilePagerDutyIsDownTheResolveWaitsBehindItsTriggerAndBothArriveInOrderUnderTheirKeys() {
        rule(pagedChannel);
        PAGERDUTY.thenAnswer(503).thenAnswer(503);
        long issueId = ingest("outage-" + UUID.randomUUID(), "fatal", "Error: payment provider unreachable");
        drain();
        assertThat(PAGERDUTY.accepted(paged)).as("PagerDuty answered 503").isEmpty();

        // resolved through the API while the trigger waits for its retry: the resolve waits behind it
        resolveByApi(issueId, "{\"status\": \"resolved\"}");
        drain();
        assertThat(states("resolve:%")).containsExactly("pending");
        assertThat(PAGERDUTY.accepted(paged)).isEmpty();

        // the retries are due: the trigger goes first (one more 503, retried), then the resolve
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(30));
            drain();
        }
        List<PagerDutyReceiver.Event> events = PAGERDUTY.accepted(paged);
        assertThat(events).extracting(PagerDutyReceiver.Event::action).containsExactly("trigger", "resolve");
        assertThat(events.get(0).json().path("payload").path("severity").asString()).isEqualTo("critical");
        assertThat(PAGERDUTY.incidents(paged)).singleElement().satisfies(i -> assertThat(i.resolved()).isTrue());
        assertThat(states("resolve:%")).containsExactly("delivered");

        // at least once, with one key per resolve and channel, the same on every attempt
        String resolveKey = db.sql("SELECT idempotency_key FROM notification_queue WHERE org_id = ? AND idempotency_key LIKE 'resolve:%'")
                .param(org.id()).query(String.class).single();
        assertThat(resolveKey).matches("resolve:s\\d+:c" + pagedChannel);
        assertThat(db.sql("SELECT status FROM notification_deliveries WHERE idempotency_key = ? ORDER BY id").param(resolveKey)
                .query(String.class).list()).containsExactly("delivered");
        String triggerKey = db.sql("SELECT idempotency_key FROM notification_queue WHERE org_id = ? AND idempotency_key LIKE 'alert:%'")
                .param(org.id()).query(String.class).single();
        assertThat(db.sql("SELECT status FROM notification_deliveries WHERE idempotency_key = ? ORDER BY id").param(triggerKey)
                .query(String.class).list()).containsExactly("failed_temporary", "failed_temporary", "delivered");

        // handled again after a crash, the resolved signal queues nothing twice
        SignalRows.rewindAlerting(db, org.id(), "issue.resolved");
        drain();
        assertThat(states("resolve:%")).containsExactly("delivered");
        assertThat(PAGERDUTY.accepted(paged)).hasSize(2);
    }

    @Test
    void aResolveWhoseTriggerNeverArrivedIsSkippedWithTheReason() {
        rule(pagedChannel);
        // the trigger waits for a retry when the issue is resolved, and then PagerDuty refuses it for good
        PAGERDUTY.thenAnswer(503).thenAnswer(400);
        long issueId = ingest("refused-" + UUID.randomUUID(), "warning", "Warning: slow checkout");
        drain();
        resolveByApi(issueId, "{\"status\": \"resolved\"}");
        drain();
        assertThat(states("resolve:%")).containsExactly("pending");
        clock.advance(Duration.ofSeconds(30));
        drain();
        assertThat(states("alert:%")).containsExactly("failed");
        assertThat(states("resolve:%")).containsExactly("skipped");
        String why = "not sent: no alert about this issue reached this channel since it was last resolved";
        assertThat(db.sql("SELECT last_error FROM notification_queue WHERE org_id = ? AND idempotency_key LIKE 'resolve:%'")
                .param(org.id()).query(String.class).single()).startsWith(why);
        assertThat(db.sql("""
                SELECT d.status || ': ' || d.error FROM notification_deliveries d
                WHERE d.channel_id = ? AND d.idempotency_key LIKE 'resolve:%'""").param(pagedChannel).query(String.class).single())
                .as("shown with the channel's deliveries").startsWith("skipped: " + why);
        assertThat(PAGERDUTY.accepted(paged)).isEmpty();
        assertThat(channelFailures(pagedChannel)).as("a skip is not a failure").isEqualTo(1);

        // an issue whose trigger had already failed for good when it was resolved: nothing is queued at all
        PAGERDUTY.thenAnswer(400);
        long refused = ingest("refused-now-" + UUID.randomUUID(), "error", "Error: refused at once");
        drain();
        resolveByApi(refused, "{\"status\": \"resolved\"}");
        drain();
        assertThat(states("resolve:%")).hasSize(1);
        assertThat(PAGERDUTY.accepted(paged)).isEmpty();
    }

    @Test
    void severityFollowsTheIssueLevel() {
        rule(pagedChannel);
        Map<String, String> expected = Map.of("fatal", "critical", "error", "error", "warning", "warning", "info", "info",
                "debug", "info");
        expected.keySet().forEach(level -> ingest("level-" + level + "-" + UUID.randomUUID(), level, "Level " + level));
        drain();
        List<Incident> incidents = PAGERDUTY.incidents(paged);
        assertThat(incidents).hasSize(5);
        for (Incident incident : incidents) {
            JsonNode payload = incident.payload();
            String level = payload.path("class").asString();
            assertThat(payload.path("severity").asString()).as("level %s", level).isEqualTo(expected.get(level));
        }
        assertThat(PAGERDUTY.rejected()).isEmpty();
    }

    @Test
    void weeklyReportsAndWorkflowMessagesNeverPageAndTheChannelIsNotBlamed() {
        for (int i = 0; i < 6; i++) {
            queue.enqueue(org.id(), io.bugmaster.notify.Recipient.channel(pagedChannel), message("report:" + UUID.randomUUID(),
                    Notification.Kind.REPORT, null));
            queue.enqueue(org.id(), io.bugmaster.notify.Recipient.channel(pagedChannel), message("workflow:" + UUID.randomUUID(),
                    Notification.Kind.WORKFLOW, "fatal"));
        }
        drain();
        assertThat(PAGERDUTY.accepted(paged)).isEmpty();
        assertThat(states("report:%")).hasSize(6).containsOnly("skipped");
        assertThat(states("workflow:%")).hasSize(6).containsOnly("skipped");
        List<Map<String, Object>> attempts = db.sql("""
                SELECT status, error FROM notification_deliveries WHERE channel_id = ? ORDER BY id""")
                .param(pagedChannel).query().listOfRows();
        assertThat(attempts).hasSize(12).allSatisfy(a -> {
            assertThat(a.get("status")).isEqualTo("skipped");
            assertThat((String) a.get("error")).startsWith("not sent: PagerDuty pages people");
        });
        assertThat(channelFailures(pagedChannel)).isZero();
        assertThat(channels.channel(pagedChannel).orElseThrow().enabled()).as("six skips in a row do not turn it off").isTrue();
    }

    Notification message(String key, Notification.Kind kind, String level) {
        return NotificationFixtures.issue(key, kind, kind == Notification.Kind.REPORT ? "report/team/1" : "issue/1", org.slug(), project, null,
                "Weekly report", null, level, 0, 0, null, null, null, null, Map.of(), null, "http://localhost:8080/orgs/" + org.slug(),
                "## New issues\n- one");
    }

    int channelFailures(long channelId) {
        return db.sql("SELECT consecutive_failures FROM notification_channels WHERE id = ?").param(channelId).query(Integer.class).single();
    }
}
