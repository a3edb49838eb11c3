package io.bugmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.icegreen.greenmail.util.GreenMail;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.Mailboxes;
import io.bugmaster.testing.Poll;
import io.bugmaster.testing.SqliteTestDatabase;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryId;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 5's "Done when", tried as a new user would, over real HTTP and SMTP everywhere: a
 * production-only org-wide alert rule (created through the REST API) posts a new issue sent by the
 * real Java SDK to a Slack-style webhook and emails its owner (ownership API, GreenMail), with no
 * engine tick to help (the interval is an hour: the write path pokes the engine); a flood of 10,000
 * events of that issue produces no further message; a receiver that is down for ten
 * (fast-forwarded) minutes gets the regression once it is back, exactly once.
 *
 * <p>How fast the message arrives is measured by {@code benchmarks/run-alerts.sh}, not here: a test
 * on a busy machine proves what happens, not how quickly. Where the test must know that the engine
 * has dealt with everything (before it checks that nothing more was sent), it runs a cycle itself.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class AlertsEndToEndSqliteTest extends EndToEndTest {
    static final GreenMail MAIL = Mailboxes.startOnLoopback();
    static final String SLACK_PATH = "/services/T0E2E/B0E2E/alerts";
    static final String WARMUP_PATH = "/services/T0E2E/B0E2E/warmup";
    static final int FLOOD = 10_000;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        Mailboxes.smtpSettings(registry, MAIL);
        // no tick during the test (the test base's hour): every alert below is sent because the write path poked the engine
        registry.add("bugmaster.engine-interval", () -> "1h");
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    /** Joining a member goes through the emailed invitation; the mailbox is then emptied for the counts below. */
    @Override
    protected String invitationLinkSentTo(String email) {
        assertThat(MAIL.waitForIncomingEmail(30_000, 1)).isTrue();
        String link = Mailboxes.invitationLinkSentTo(MAIL, email);
        try {
            MAIL.purgeEmailFromAllMailboxes();
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException(e);
        }
        return link;
    }

    @AfterEach
    void closeSentry() {
        Sentry.close();
    }

    @Test
    void productionRulePostsToSlackAndEmailsTheOwnerOnceDespiteFloodsAndOutages() throws Exception {
        E2eProject project = newProject("java");
        String org = project.tenant().org().slug();
        String token = project.tenant().ownerToken();
        ApiClient api = new ApiClient(baseUrl());
        User owner = newUser("password-" + UUID.randomUUID());
        join(project.tenant().owner(), org, owner, Role.MEMBER);

        try (SlackReceiver slack = new SlackReceiver()) {
            // channels, as an admin sets them up; warm-up channels are tested once (the "send test notification" button)
            String channelId = createChannel(api, token, org, "{\"name\": \"#alerts\", \"kind\": \"slack\", \"config\": {\"url\": \""
                    + slack.url(SLACK_PATH) + "\"}}");
            String warmSlack = createChannel(api, token, org, "{\"name\": \"#warmup\", \"kind\": \"slack\", \"config\": {\"url\": \""
                    + slack.url(WARMUP_PATH) + "\"}}");
            String warmMail = createChannel(api, token, org,
                    "{\"name\": \"warm-up mail\", \"kind\": \"email\", \"config\": {\"to\": \"warmup@example.com\"}}");
            for (String id : List.of(warmSlack, warmMail)) {
                ApiClient.Response test = api.post(token, "/api/0/organizations/" + org + "/notification-channels/" + id + "/test/", "{}");
                assertThat(test.status()).as(test.toString()).isEqualTo(200);
                assertThat(test.json().path("ok").asBoolean()).as(test.toString()).isTrue();
            }

            // the owner of the in-app code, with automatic assignment
            ApiClient.Response ownership = api.put(token, "/api/0/projects/" + org + "/" + project.slug() + "/ownership/",
                    ApiClient.json("raw", "path:*Checkout.java " + owner.email(), "fallthrough", false,
                            "autoAssignment", "Auto Assign to Issue Owner"));
            assertThat(ownership.status()).as(ownership.toString()).isEqualTo(200);

            // the rule: whole organization, production only, new issues and regressions, to Slack and the issue owners
            ApiClient.Response rule = api.post(token, "/api/0/organizations/" + org + "/alert-rules/", """
                    {"name": "production: new and regressed", "scope": {"type": "organization"}, "environment": "production",
                     "conditions": [{"id": "first_seen_event"}, {"id": "regression_event"}],
                     "actions": [{"id": "notify_channel", "channel": "%s"}, {"id": "notify_email", "targetType": "IssueOwners"}],
                     "frequency": 5}""".formatted(channelId));
            assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
            assertThat(rule.json().path("scope").path("type").asString()).isEqualTo("organization");

            Sentry.init(options -> {
                options.setDsn(project.dsn());
                options.setRelease("shop@2.4.1");
                options.setEnvironment("production");
                options.addInAppInclude("io.bugmaster.e2e");
                options.setEnableUncaughtExceptionHandler(false);
                options.setShutdownTimeoutMillis(5000);
            });

            // a staging issue (a new issue, outside the rule) warms the SDK's connection and the server's path, and must stay quiet
            SentryEvent staging = new SentryEvent();
            Message message = new Message();
            message.setMessage("staging only: cache warm-up failed");
            staging.setMessage(message);
            staging.setLevel(SentryLevel.ERROR);
            staging.setEnvironment("staging");
            Sentry.captureEvent(staging);
            Sentry.flush(5000);
            Poll.until(Duration.ofSeconds(30), "the staging issue", () -> stored(project).issues(), issues -> issues.size() == 1);
            engine.runOnce(); // its signal is dealt with: a message would have been sent in this cycle
            assertThat(slack.arrivals(SLACK_PATH)).as("a staging issue is not sent by a production-only rule").isEmpty();

            // 1. a new production error: Slack and the owner's inbox, without an engine tick
            Checkout checkout = new Checkout();
            Throwable error = catchThrowable(() -> checkout.pay(2));
            SentryId eventId = Sentry.captureException(error);
            Poll.until(Duration.ofSeconds(30), "the Slack message", () -> slack.accepted(SLACK_PATH), list -> !list.isEmpty());
            Poll.until(Duration.ofSeconds(30), "the owner's email", () -> mailsTo(owner.email()), list -> !list.isEmpty());
            assertThat(slack.all()).as("every request was a valid Slack message").allSatisfy(a -> assertThat(a.problems()).isEmpty());

            List<StoredEvents.Issue> issues = stored(project).issues();
            StoredEvents.Issue issue = issues.stream().filter(i -> i.title().contains("IllegalStateException")).findFirst().orElseThrow();
            String link = "/orgs/" + org + "/issues/" + issue.id();
            SlackReceiver.Arrival posted = slack.accepted(SLACK_PATH).get(0);
            String slackText = posted.body();
            assertThat(posted.json().path("text").asString()).contains("IllegalStateException").contains(project.slug()).contains(link);
            assertThat(slackText).contains("payment failed for order 2").contains("*Project*\\n" + project.slug())
                    .contains("*Environment*\\nproduction").contains("*Level*\\nerror").contains("*Assignee*\\n" + owner.email())
                    .contains("*Release*\\nshop@2.4.1").contains(link);

            List<MimeMessage> mails = mailsTo(owner.email());
            assertThat(mails).hasSize(1);
            MimeMessage mail = mails.get(0);
            assertThat(mail.getSubject()).contains("IllegalStateException").contains(project.slug());
            String text = textPart(mail);
            assertThat(text).contains("payment failed for order 2").contains("Project: " + project.slug())
                    .contains("Environment: production").contains("Level: error").contains("Assignee: " + owner.email()).contains(link);
            assertThat(mail.getHeader("X-Bugmaster-Notification")).isNotNull();

            // 2. a flood of 10,000 events of that one issue: not one more message
            StoredEvents.Event first = stored(project).awaitEvents(2).get(eventId.toString());
            String eventJson = first.payload().toString();
            int[] outcome = flood(project, eventJson, FLOOD);
            System.out.printf("flood: %d events accepted (%d answers 429, retried)%n", outcome[0], outcome[1]);
            assertThat(outcome[0]).isEqualTo(FLOOD);
            // acknowledged means committed
            assertThat(stored(project).issues().stream().filter(i -> i.id() == issue.id()).findFirst().orElseThrow().timesSeen())
                    .isEqualTo(FLOOD + 1);
            assertThat(stored(project).issues()).hasSize(2);
            engine.runOnce(); // every signal of the flood is dealt with
            assertThat(slack.arrivals(SLACK_PATH)).as("one message for the issue, whatever its volume").hasSize(1);
            assertThat(mailsTo(owner.email())).hasSize(1);

            // 3. the receiver goes down; the issue is resolved and regresses (past the rule's 5-minute action interval)
            slack.switchOff();
            ApiClient.Response resolved = api.put(token, "/api/0/issues/" + issue.id() + "/", "{\"status\": \"resolved\"}");
            assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(6));
            post(project, eventJson);
            Poll.until(Duration.ofSeconds(30), "the resolution tried while the receiver is down", () -> slack.arrivals(SLACK_PATH),
                    list -> list.stream().anyMatch(a -> a.status() == 503));
            // ten minutes down, fast-forwarded a minute at a time with an engine cycle each (as the tick would);
            // the worker retries the resolution with backoff as the minutes pass; the regression waits behind it
            for (int minute = 0; minute < 10; minute++) {
                clock.advance(Duration.ofMinutes(1));
                engine.runOnce();
            }
            long failed = slack.arrivals(SLACK_PATH).stream().filter(a -> a.status() == 503).count();
            System.out.printf("resolution: %d attempts answered 503 while the receiver was down%n", failed);
            assertThat(failed).as("retried while down, with backoff (not every poke)").isBetween(2L, 9L);
            assertThat(slack.accepted(SLACK_PATH)).hasSize(1);

            // back on; the next retry is at most the backoff cap (10 minutes, +20% jitter) away; the next cycles send both
            slack.switchOn();
            clock.advance(Duration.ofMinutes(13));
            engine.runOnce(); // the resolution, queued first, goes first
            engine.runOnce(); // then the regression queued behind it
            assertThat(slack.accepted(SLACK_PATH)).as("the resolution and the regression delivered once the receiver is back").hasSize(3);
            engine.runOnce(); // one more cycle: nothing is sent twice
            List<SlackReceiver.Arrival> accepted = slack.accepted(SLACK_PATH);
            assertThat(accepted).as("the new issue, its resolution and its regression, each exactly once, in order").hasSize(3);
            assertThat(accepted.get(1).json().path("text").asString()).startsWith("Resolved: ");
            accepted = List.of(accepted.get(0), accepted.get(2));
            assertThat(accepted.get(1).body()).contains(link).contains("*Environment*\\nproduction");
            // each says why it was sent: the trigger, the release and the rule
            assertThat(accepted.get(0).json().path("text").asString()).startsWith("New issue in shop@2.4.1: ");
            assertThat(accepted.get(1).json().path("text").asString()).startsWith("Regression in shop@2.4.1: ");
            assertThat(accepted.get(1).body()).contains("Regression in shop@2.4.1 · alert rule “production: new and regressed”");
            assertThat(slack.all()).allSatisfy(a -> assertThat(a.problems()).isEmpty());
            // the owner is the assignee, so resolving the issue also sent them a workflow email
            assertThat(mailsTo(owner.email())).as("the owner's alert emails: new issue and regression")
                    .filteredOn(m -> text(m).contains("(notification alert:")).hasSize(2);
            assertThat(mailsTo(owner.email())).as("the owner's workflow email: the issue was resolved")
                    .filteredOn(m -> text(m).contains("(notification workflow:")).hasSize(1);
        }
    }

    private static String createChannel(ApiClient api, String token, String org, String json) {
        ApiClient.Response created = api.post(token, "/api/0/organizations/" + org + "/notification-channels/", json);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** The message's text part (GreenMail keeps the MIME structure). */
    private static String text(MimeMessage m) {
        try {
            return com.icegreen.greenmail.util.GreenMailUtil.getBody(m);
        } catch (RuntimeException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<MimeMessage> mailsTo(String email) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            try {
                Address[] to = m.getAllRecipients();
                if (to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(email))) {
                    out.add(m);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static String textPart(Part part) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = textPart(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
            return null;
        }
        return part.isMimeType("text/plain") ? part.getContent().toString() : null;
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static byte[] envelope(String eventJson) {
        String id = UUID.randomUUID().toString().replace("-", "");
        ObjectNode event = (ObjectNode) StoredEvents.JSON.readTree(eventJson);
        event.put("event_id", id);
        String payload = event.toString();
        return ("{\"event_id\":\"" + id + "\"}\n{\"type\":\"event\"}\n" + payload + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static int post(E2eProject project, String eventJson) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(project.envelopeUrl())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-sentry-envelope")
                .header("X-Sentry-Auth", RawSentry.auth(project.publicKey()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope(eventJson))).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts {@code count} copies of the event (new ids) as fast as 8 connections can; returns {accepted, 429s}. */
    private static int[] flood(E2eProject project, String eventJson, int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                workers.add(pool.submit(() -> {
                    while (next.getAndIncrement() < count) {
                        while (true) {
                            int status = post(project, eventJson);
                            if (status == 200) {
                                ok.incrementAndGet();
                                break;
                            }
                            if (status != 429 && status != 503) {
                                throw new IllegalStateException("envelope answered " + status);
                            }
                            limited.incrementAndGet();
                            Thread.sleep(20);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get(10, TimeUnit.MINUTES); // bounds a hang, whatever the machine's load
            }
        } finally {
            pool.shutdownNow();
        }
        return new int[] {ok.get(), limited.get()};
    }
}
