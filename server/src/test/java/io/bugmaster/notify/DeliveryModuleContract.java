package io.bugmaster.notify;

import io.bugmaster.oncall.people.ContactMethods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The delivery worker on every database, against real HTTP receivers: outages, restarts,
 * refusals, give-up and storms, with the clock fast-forwarded.
 */
abstract class DeliveryModuleContract extends IntegrationTest {
    @Autowired JdbcClient db;
    @Autowired ChannelService channels;
    @Autowired NotificationQueue queue;
    @Autowired NotificationQueueStore queueStore;
    @Autowired DeliveryModule module;
    @Autowired DeliveryStore deliveries;
    @Autowired ContactMethods contactMethods;

    Tenant tenant;
    Receiver receiver;

    @BeforeEach
    void setUp() {
        tenant = newTenant();
        receiver = new Receiver();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    long webhookChannel(String name) {
        return channels.create(tenant.owner(), tenant.org().slug(),
                new ChannelService.NewChannel(name, "webhook", Map.of("url", receiver.url("/hook")))).id();
    }

    Notification alert(String title) {
        String key = UUID.randomUUID().toString();
        return NotificationFixtures.issue(key, Notification.Kind.ALERT, "issue/" + key, tenant.org().slug(), "shop", "production", title,
                "app.js in handler", "error", 1, 1, clock.instant(), null, null, null, Map.of(), null, "http://localhost:8080/i/" + key);
    }

    String enqueue(long channelId, Notification n) {
        assertThat(queue.enqueue(tenant.org().id(), Recipient.channel(channelId), n)).isTrue();
        return n.idempotencyKey();
    }

    String state(String key) {
        return db.sql("SELECT state FROM notification_queue WHERE idempotency_key = ?").param(key).query(String.class).single();
    }

    String lastError(String key) {
        return db.sql("SELECT last_error FROM notification_queue WHERE idempotency_key = ?").param(key).query(String.class).single();
    }

    List<String> attempts(String key) {
        return db.sql("SELECT status FROM notification_deliveries WHERE idempotency_key = ? ORDER BY id").param(key)
                .query(String.class).list();
    }

    /** Runs the engine until nothing due is left (other tests' rows share the queue). */
    void drain() {
        for (int i = 0; i < 50; i++) {
            engine.runOnce();
            if (queueStore.dueIds(clock.instant(), 1).isEmpty()) {
                return;
            }
        }
    }

    /** Moves the clock in steps, running the engine after each, as a running server would. */
    void fastForward(Duration total, Duration step) {
        for (Duration d = Duration.ZERO; d.compareTo(total) < 0; d = d.plus(step)) {
            clock.advance(step);
            drain();
        }
    }

    @Test
    void aReceiverThatIsDownForTenMinutesGetsEveryNotificationOnceItIsBackExactlyOncePerKey() {
        receiver.answering(503, "down for maintenance");
        long channel = webhookChannel("ops hook");
        List<String> keys = List.of(enqueue(channel, alert("one")), enqueue(channel, alert("two")), enqueue(channel, alert("three")));
        drain();
        fastForward(Duration.ofMinutes(10), Duration.ofSeconds(20));
        assertThat(keys).allSatisfy(k -> assertThat(state(k)).isEqualTo("pending"));
        assertThat(keys).allSatisfy(k -> assertThat(attempts(k)).hasSizeGreaterThan(3).containsOnly("failed_temporary"));
        int duringOutage = receiver.requests().size();

        receiver.answering(200, "ok");
        fastForward(Duration.ofMinutes(15), Duration.ofMinutes(1));
        fastForward(Duration.ofHours(1), Duration.ofMinutes(10));

        List<Receiver.Request> afterRecovery = receiver.requests().subList(duringOutage, receiver.requests().size());
        Map<String, Long> perId = afterRecovery.stream().collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
        assertThat(perId).containsOnlyKeys(keys).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
        assertThat(keys).allSatisfy(k -> {
            assertThat(state(k)).isEqualTo("delivered");
            assertThat(attempts(k).get(attempts(k).size() - 1)).isEqualTo("delivered");
        });
        assertThat(receiver.requests().stream().map(r -> r.header("webhook-id")).distinct()).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void aWorkerThatDiesMidSendLosesNothing() {
        long channel = webhookChannel("hook");
        String key = enqueue(channel, alert("crash"));
        // a worker claims the row and dies before it sends or records anything
        long id = db.sql("SELECT id FROM notification_queue WHERE idempotency_key = ?").param(key).query(Long.class).single();
        int before = receiver.requests().size();
        // (the poke on enqueue may already have delivered it; only an unclaimed pending row can be taken)
        boolean claimed = queueStore.claim(id, clock.instant(), clock.instant().plus(Duration.ofMinutes(2)));
        if (claimed) {
            engine.runOnce();
            assertThat(receiver.requests()).as("leased by the dead worker").hasSize(before);
            assertThat(state(key)).isEqualTo("pending");
            clock.advance(Duration.ofMinutes(3));
            drain();
        } else {
            engine.runOnce(); // waits for the poked cycle that claimed it, and for its sender
        }
        assertThat(state(key)).isEqualTo("delivered");
        assertThat(receiver.requests().stream().filter(r -> key.equals(r.header("webhook-id")))).hasSize(1);
    }

    @Test
    void aRestartMidRetryLosesNothing() {
        receiver.answering(503, "");
        long channel = webhookChannel("hook");
        String key = enqueue(channel, alert("restart"));
        drain();
        assertThat(state(key)).isEqualTo("pending");
        // the server is gone for an hour: nothing runs; the rows are all it needs when it is back
        clock.advance(Duration.ofHours(1));
        receiver.answering(200, "ok");
        drain();
        assertThat(state(key)).isEqualTo("delivered");
        assertThat(attempts(key)).containsExactly("failed_temporary", "delivered");
    }

    @Test
    void retryAfterFromTheReceiverIsHonoured() {
        receiver.thenAnswer(429, "slow down", Map.of("Retry-After", "120"));
        long channel = webhookChannel("hook");
        String key = enqueue(channel, alert("busy"));
        drain();
        assertThat(state(key)).isEqualTo("pending");
        Instant next = Instant.ofEpochMilli(db.sql("SELECT next_attempt_at FROM notification_queue WHERE idempotency_key = ?")
                .param(key).query(Long.class).single());
        assertThat(Duration.between(clock.instant(), next)).isEqualTo(Duration.ofSeconds(120));
        clock.advance(Duration.ofSeconds(119));
        drain();
        assertThat(state(key)).isEqualTo("pending");
        clock.advance(Duration.ofSeconds(1));
        drain();
        assertThat(state(key)).isEqualTo("delivered");
    }

    @Test
    void aReceiverThatAnswers400IsNotRetriedAndAfterFiveSuchTheChannelIsTurnedOffWithItsReason() {
        receiver.answering(400, "invalid_payload");
        long channel = webhookChannel("bad hook");
        String first = enqueue(channel, alert("first"));
        drain();
        fastForward(Duration.ofHours(1), Duration.ofMinutes(10));
        assertThat(state(first)).isEqualTo("failed");
        assertThat(attempts(first)).containsExactly("failed_permanent");
        assertThat(lastError(first)).contains("400");
        assertThat(channels.channel(channel).orElseThrow().enabled()).isTrue();

        for (int i = 2; i <= 5; i++) {
            enqueue(channel, alert("bad " + i));
        }
        drain();
        Channel off = channels.channel(channel).orElseThrow();
        assertThat(off.enabled()).isFalse();
        assertThat(off.disabledReason()).startsWith("turned off after 5 permanent delivery failures in a row; the last: ").contains("400");
        assertThat(receiver.requests()).hasSize(5);

        String later = enqueue(channel, alert("after"));
        drain();
        assertThat(state(later)).isEqualTo("failed");
        assertThat(lastError(later)).startsWith("channel turned off: turned off after 5");
        assertThat(attempts(later)).isEmpty();
        assertThat(receiver.requests()).hasSize(5);

        // turned back on, the run of failures starts over
        channels.update(tenant.owner(), tenant.org().slug(), Long.toString(channel), new ChannelService.ChannelUpdate(null, true, null));
        receiver.answering(200, "ok");
        String again = enqueue(channel, alert("again"));
        drain();
        assertThat(state(again)).isEqualTo("delivered");
    }

    @Test
    void aNotificationThatKeepsFailingIsGivenUpAfterTheAge() {
        receiver.answering(503, "");
        long channel = webhookChannel("flaky");
        String key = enqueue(channel, alert("never"));
        drain();
        fastForward(Duration.ofHours(2), Duration.ofMinutes(11));
        assertThat(state(key)).isEqualTo("pending");
        clock.advance(Duration.ofHours(23));
        drain();
        assertThat(state(key)).isEqualTo("failed");
        assertThat(lastError(key)).startsWith("gave up after 24 h and ").contains("HTTP 503");
        int total = receiver.requests().size();
        fastForward(Duration.ofHours(1), Duration.ofMinutes(10));
        assertThat(receiver.requests()).hasSize(total);
        assertThat(channels.channel(channel).orElseThrow().enabled()).as("temporary failures never turn a channel off").isTrue();
    }

    @Test
    void aStormBecomesTenMessagesAndOneDigestWhenTheMinuteCloses() {
        long channel = webhookChannel("stormy");
        // start at the beginning of a minute so the whole burst falls in one window
        clock.set(Storms.windowEnd(Storms.windowStart(clock.instant())).plusMillis(5));
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            keys.add(enqueue(channel, alert("storm error " + i)));
        }
        drain();
        assertThat(receiver.requests()).hasSize(10);
        assertThat(keys.stream().filter(k -> state(k).equals("digested"))).hasSize(15);
        String digestKey = Storms.digestKey(channel, Storms.windowStart(clock.instant()));
        assertThat(state(digestKey)).isEqualTo("pending");

        clock.advance(Duration.ofMinutes(1));
        drain();
        assertThat(receiver.requests()).hasSize(11);
        Receiver.Request digest = receiver.requests().get(10);
        assertThat(digest.header("webhook-id")).isEqualTo(digestKey);
        assertThat(digest.json().path("data").path("title").asString()).startsWith("15 more issue alerts, ").endsWith(" UTC");
        assertThat(digest.json().path("data").path("reason").asString())
                .startsWith("Storm control: this channel gets at most 10 issue alerts a minute one by one");
        JsonNode issues = digest.json().path("data").path("issues");
        assertThat(issues.size()).isEqualTo(15);
        assertThat(issues.get(0).path("title").asString()).isEqualTo("storm error 10");
        assertThat(issues.get(14).path("title").asString()).isEqualTo("storm error 24");
        assertThat(digest.json().path("data").path("moreIssues").asInt()).isZero();
        assertThat(state(digestKey)).isEqualTo("delivered");

        // the next minute starts afresh
        enqueue(channel, alert("calm again"));
        drain();
        assertThat(receiver.requests()).hasSize(12);
    }

    @Test
    void anEmailToOnePersonIsAttemptedAndRecordedWithTheAddress() {
        Notification n = alert("for a person");
        String member = tenant.user().email();
        assertThat(queue.enqueue(tenant.org().id(), Recipient.email(member), n)).isTrue();
        drain();
        // this server has no SMTP settings: a permanent failure that says so, recorded against the address
        assertThat(state(n.idempotencyKey())).isEqualTo("failed");
        assertThat(lastError(n.idempotencyKey())).contains("BUGMASTER_SMTP_HOST");
        assertThat(db.sql("SELECT email FROM notification_deliveries WHERE idempotency_key = ?").param(n.idempotencyKey())
                .query(String.class).list()).containsExactly(member);
    }

    @Test
    void anEmailToSomeoneWhoIsNotAMemberOfTheOrganizationIsNeverAttempted() {
        Notification n = alert("for an outsider");
        assertThat(queue.enqueue(tenant.org().id(), Recipient.email("jane@example.com"), n)).isTrue();
        drain();
        assertThat(state(n.idempotencyKey())).isEqualTo("failed");
        assertThat(lastError(n.idempotencyKey())).contains("no longer a member");
        assertThat(db.sql("SELECT COUNT(*) FROM notification_deliveries WHERE idempotency_key = ?").param(n.idempotencyKey())
                .query(Long.class).single()).isZero();
    }

    /** Waits (at most 30 s) for a row another thread is sending to reach a state; returns the state it has then. */
    String awaitState(String key, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!state(key).equals(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return state(key);
    }

    @Test
    void aSlowReceiverHoldsUpNeitherTheEngineNorAnyOtherReceiver() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // the server's own loop stays out of it (enqueueing pokes it): this test's thread runs the engine's step
        engine.stop();
        try (Receiver slow = new Receiver()) {
            CountDownLatch slowHasIt = slow.holdingAnswersUntil(release);
            CountDownLatch fastHasIt = receiver.holdingAnswersUntil(new CountDownLatch(0));
            long slowChannel = channels.create(tenant.owner(), tenant.org().slug(),
                    new ChannelService.NewChannel("slow", "webhook", Map.of("url", slow.url("/hook")))).id();
            long fastChannel = webhookChannel("fast");
            String toSlow = enqueue(slowChannel, alert("to the slow receiver"));
            String toFast = enqueue(fastChannel, alert("to the fast receiver"));

            // the engine's step hands the rows to the senders and returns while the slow receiver still holds its request
            module.run(clock.instant());
            assertThat(attempts(toSlow)).as("returned before the slow receiver answered (or timed out)").isEmpty();
            assertThat(slowHasIt.await(30, TimeUnit.SECONDS)).as("the slow receiver got its request").isTrue();
            assertThat(fastHasIt.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(awaitState(toFast, "delivered")).as("the other receiver's message went out meanwhile").isEqualTo("delivered");
            assertThat(release.getCount()).as("the slow receiver has not answered").isEqualTo(1);
            assertThat(state(toSlow)).isEqualTo("pending");

            // later messages to other receivers do not queue behind it either; the slow one's next waits for its answer
            String toFastAgain = enqueue(fastChannel, alert("to the fast receiver again"));
            String toSlowAgain = enqueue(slowChannel, alert("to the slow receiver again"));
            module.run(clock.instant());
            assertThat(awaitState(toFastAgain, "delivered")).isEqualTo("delivered");
            assertThat(state(toSlowAgain)).isEqualTo("pending");
            assertThat(slow.requests()).as("one request at a time to a receiver that has not answered").hasSize(1);

            release.countDown();
            module.awaitIdle();
            assertThat(state(toSlow)).isEqualTo("delivered");
            engine.start();
            drain();
            assertThat(state(toSlowAgain)).isEqualTo("delivered");
            assertThat(slow.requests()).extracting(r -> r.json().path("data").path("title").asString())
                    .containsExactly("to the slow receiver", "to the slow receiver again");
        } finally {
            release.countDown();
            if (!engine.isRunning()) {
                engine.start();
            }
        }
    }

    @Test
    void aDeliveryRecordsTheReceiversReferenceToItsMessageWhenItGivesOne() {
        long slack = channels.create(tenant.owner(), tenant.org().slug(),
                new ChannelService.NewChannel("slack app", "slack", Map.of("url", receiver.url("/api/chat.postMessage")))).id();
        receiver.thenAnswer(200, "{\"ok\":true,\"channel\":\"C0123ABC\",\"ts\":\"1733324400.000100\"}", Map.of());
        String app = enqueue(slack, alert("to the app"));
        drain();
        String hook = enqueue(webhookChannel("plain"), alert("to a webhook"));
        drain();
        assertThat(db.sql("SELECT message_ref FROM notification_deliveries WHERE idempotency_key = ?").param(app)
                .query(String.class).single()).isEqualTo("C0123ABC/1733324400.000100");
        assertThat(db.sql("SELECT COUNT(*) FROM notification_deliveries WHERE idempotency_key = ? AND message_ref IS NULL").param(hook)
                .query(Long.class).single()).as("a webhook's answer names no message").isEqualTo(1);
        assertThat(deliveries.recent(slack, 0, 1).get(0).messageRef()).isEqualTo("C0123ABC/1733324400.000100");
    }

    @Test
    void aRecipientIsAChannelAnAddressOrAContactMethodWhichOnCallWillDeliverTo() {
        long channel = webhookChannel("recipients");
        assertThat(Recipient.channel(channel).key()).isEqualTo("c" + channel);
        assertThat(Recipient.email("Jane@Example.com").key()).isEqualTo("ejane@example.com");
        assertThat(Recipient.contactMethod(7).key()).isEqualTo("m7");
        assertThatThrownBy(() -> Recipient.email(" ")).hasMessageContaining("needs an address");

        // a person's contact method (on-call stores it): the worker asks on-call how to reach it and records the attempt with it
        long method = contactMethods.create(tenant.owner(), new ContactMethods.Input("webhook", "my hook", receiver.url("/me"), null, null))
                .id();
        Notification n = alert("for a phone");
        assertThat(queue.enqueue(tenant.org().id(), Recipient.contactMethod(method), n)).isTrue();
        assertThat(queue.enqueue(tenant.org().id(), Recipient.contactMethod(method), n)).as("a repeat of the key").isFalse();
        drain();
        assertThat(receiver.only().path()).isEqualTo("/me");
        assertThat(receiver.only().header("webhook-id")).isEqualTo(n.idempotencyKey());
        assertThat(state(n.idempotencyKey())).isEqualTo("delivered");
        assertThat(db.sql("SELECT contact_method_id FROM notification_deliveries WHERE idempotency_key = ?").param(n.idempotencyKey())
                .query(Long.class).single()).isEqualTo(method);

        // turned off: not sent, saying why
        contactMethods.update(tenant.owner(), Long.toString(method), new ContactMethods.Input(null, null, null, null, false));
        Notification off = alert("while off");
        queue.enqueue(tenant.org().id(), Recipient.contactMethod(method), off);
        drain();
        assertThat(receiver.requests()).hasSize(1);
        assertThat(state(off.idempotencyKey())).isEqualTo("failed");
        assertThat(lastError(off.idempotencyKey())).isEqualTo(DeliveryModule.CONTACT_METHOD_OFF);
    }

    @Test
    void enqueueingWakesTheWorkerSoDeliveryNeedsNoEngineTick() throws InterruptedException {
        // the engine's interval is an hour here and the test runs no cycle: only the poke can deliver
        long channel = webhookChannel("poked");
        String key = enqueue(channel, alert("poked"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // bounds a hang, not a speed
        while (System.nanoTime() < deadline && receiver.requests().isEmpty()) {
            Thread.sleep(10);
        }
        assertThat(receiver.requests()).as("delivered by the poke, without engine.runOnce()").hasSize(1);
        assertThat(receiver.only().header("webhook-id")).isEqualTo(key);
    }
}
