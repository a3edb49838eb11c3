package io.bugmaster.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.common.Subject;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.storage.Transactions;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The signal bus on every database: one signal reaches every consumer, each from its own cursor;
 * a consumer that throws holds up no other; retention waits for every consumer and the window.
 * Consumers here are the real alerting consumer and consumers the tests make, run by a bus made
 * for the test (the server's own bus keeps running alerting as usual).
 */
abstract class SignalsContract extends IntegrationTest {
    @Autowired JdbcClient db;
    @Autowired io.bugmaster.storage.Dialect dialect;
    @Autowired ProjectService projects;
    @Autowired ChannelService channels;
    @Autowired Signals signals;
    @Autowired SignalStore store;
    @Autowired Transactions tx;
    @Autowired SignalProperties props;
    @Autowired MeterRegistry meters;
    @Autowired List<SignalConsumer> registered;

    final HttpClient http = HttpClient.newHttpClient();
    Tenant tenant;
    long projectId;
    ProjectKey key;

    @BeforeEach
    void setUp() {
        tenant = newTenant();
        String slug = unique("shop");
        projectId = projects.create(tenant.owner(), tenant.org().slug(), tenant.org().slug(), "Shop", slug, "java").project().id();
        key = projects.listKeys(tenant.owner(), tenant.org().slug(), slug).get(0);
    }

    /** Records what it is handed, of this test's organization; fails on signals {@code failsOn} picks. */
    final class Recorder implements SignalConsumer {
        final String name = "test-" + UUID.randomUUID();
        final List<Signal> seen = new ArrayList<>();
        Predicate<Signal> failsOn = s -> false;
        java.util.function.Supplier<RuntimeException> failure = () -> new IllegalStateException("this consumer cannot handle it");

        @Override
        public String name() {
            return name;
        }

        @Override
        public void handle(List<Signal> batch, Instant now) {
            for (Signal s : batch) {
                if (failsOn.test(s)) {
                    throw failure.get();
                }
            }
            batch.stream().filter(s -> s.orgId() == tenant.org().id()).forEach(seen::add);
        }

        List<String> kinds() {
            return seen.stream().map(s -> s.kind() + " " + s.subject()).toList();
        }
    }

    SignalConsumer alerting() {
        return registered.stream().filter(c -> c.name().equals("alerting")).findFirst().orElseThrow();
    }

    /**
     * The alerting consumer is the server's own, and shares its cursor with the engine's cycle, which
     * the digest pokes: that cycle may be handling some of these signals while the test's bus runs.
     * A cycle of the test's own waits for it and hands alerting whatever is left.
     */
    void finishAlerting() {
        engine.runOnce();
    }

    /** A bus with these consumers, their cursors made as at startup. */
    SignalsModule bus(SignalConsumer... consumers) {
        SignalsModule bus = new SignalsModule(store, SignalConsumers.of(consumers), tx, clock, props, meters);
        bus.afterSingletonsInstantiated();
        return bus;
    }

    long ingest(String fingerprint) {
        String id = UUID.randomUUID().toString().replace("-", "");
        String event = """
                {"event_id":"%s","platform":"java","level":"error","environment":"production","fingerprint":["%s"],
                 "exception":{"values":[{"type":"CardDeclined","value":"declined"}]}}""".formatted(id, fingerprint);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                    .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return db.sql("SELECT issue_id FROM events WHERE project_id = ? AND event_id = ?").params(projectId, id)
                .query(Long.class).single();
    }

    void alertRule(long channelId) {
        ApiClient.Response r = new ApiClient(baseUrl()).post(tenant.ownerToken(),
                "/api/0/organizations/" + tenant.org().slug() + "/alert-rules/", """
                        {"name": "every new issue", "conditions": [{"id": "first_seen_event"}],
                         "actions": [{"id": "notify_channel", "channel": "%d"}]}""".formatted(channelId));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    List<String> queuedAlerts() {
        return db.sql("SELECT idempotency_key FROM notification_queue WHERE org_id = ? AND idempotency_key LIKE 'alert:%' ORDER BY id")
                .param(tenant.org().id()).query(String.class).list();
    }

    void resolve(long issueId) {
        ApiClient.Response r = new ApiClient(baseUrl()).put(tenant.ownerToken(), "/api/0/issues/" + issueId + "/",
                "{\"status\": \"resolved\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    void raise(Subject subject, String kind, Instant at) {
        tx.write(() -> signals.raise(new NewSignal(tenant.org().id(), subject, kind, Map.of("test", true)), at));
    }

    List<String> stored() {
        return db.sql("SELECT kind || ' ' || subject FROM signals WHERE org_id = ? ORDER BY id").param(tenant.org().id())
                .query(String.class).list();
    }

    /**
     * One run of the bus once this test's signals are settled. On PostgreSQL a signal is read only
     * once older transactions have ended; another transaction of the server (its engine, poked by
     * the digest) can hold a signal back for a moment, and a run would then hand it to the first
     * consumers not yet and to the last ones already.
     */
    void run(SignalsModule bus) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos(); // bounds a hang, not a speed
        while (db.sql("SELECT COUNT(*) FROM signals WHERE org_id = ? AND NOT (" + dialect.settled("tx_id") + ")")
                .param(tenant.org().id()).query(Long.class).single() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        bus.run(clock.instant());
    }

    @Test
    void aSecondConsumerSeesEverySignalWhileAlertingHandlesThem() {
        long channel = channels.create(tenant.owner(), tenant.org().slug(),
                new ChannelService.NewChannel("ops", "webhook", Map.of("url", "http://127.0.0.1:9/hook"))).id();
        alertRule(channel);
        Recorder recorder = new Recorder();
        SignalsModule bus = bus(alerting(), recorder);

        long first = ingest("one-" + UUID.randomUUID());
        long second = ingest("two-" + UUID.randomUUID());
        resolve(first);
        run(bus);

        assertThat(recorder.kinds()).containsExactly("issue.new issue:" + first, "issue.new issue:" + second,
                "issue.resolved issue:" + first);
        assertThat(recorder.seen.get(2).text("actor")).isEqualTo(tenant.user().email());
        finishAlerting();
        assertThat(queuedAlerts()).as("alerting handled the same signals").hasSize(2)
                .anySatisfy(k -> assertThat(k).contains(":i" + first + ":")).anySatisfy(k -> assertThat(k).contains(":i" + second + ":"));

        long third = ingest("three-" + UUID.randomUUID());
        run(bus);
        assertThat(recorder.kinds()).as("each signal once, in order").containsExactly("issue.new issue:" + first,
                "issue.new issue:" + second, "issue.resolved issue:" + first, "issue.new issue:" + third);
        finishAlerting();
        assertThat(queuedAlerts()).hasSize(3);
    }

    @Test
    void aConsumerThatThrowsHoldsUpNoOther() {
        long channel = channels.create(tenant.owner(), tenant.org().slug(),
                new ChannelService.NewChannel("ops", "webhook", Map.of("url", "http://127.0.0.1:9/hook"))).id();
        alertRule(channel);
        Recorder broken = new Recorder();
        broken.failsOn = s -> true;
        Recorder recorder = new Recorder();
        SignalsModule bus = bus(broken, alerting(), recorder);

        long first = ingest("one-" + UUID.randomUUID());
        long second = ingest("two-" + UUID.randomUUID());
        run(bus);

        assertThat(recorder.kinds()).containsExactly("issue.new issue:" + first, "issue.new issue:" + second);
        finishAlerting();
        assertThat(queuedAlerts()).hasSize(2);
        assertThat(broken.seen).isEmpty();
        assertThat(store.cursor(broken.name)).as("the broken consumer skipped what it cannot handle, and is not stuck")
                .contains(store.cursor(recorder.name).orElseThrow());
        assertThat(meters.counter("bugmaster.signals.consumed", "consumer", broken.name, "outcome", "skipped").count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aSignalThatFailsOnItsOwnIsSkippedForThatConsumerOnly() {
        Subject bad = new Subject("test", UUID.randomUUID().toString());
        Recorder picky = new Recorder();
        picky.failsOn = s -> s.subject().equals(bad);
        Recorder recorder = new Recorder();
        SignalsModule bus = bus(picky, recorder);

        raise(new Subject("test", "before"), "test.one", clock.instant());
        raise(bad, "test.two", clock.instant());
        raise(new Subject("test", "after"), "test.three", clock.instant());
        run(bus);

        assertThat(picky.kinds()).as("the batch failed, so it was handed over one at a time; only the bad one is skipped")
                .containsExactly("test.one test:before", "test.three test:after");
        assertThat(recorder.kinds()).containsExactly("test.one test:before", "test.two " + bad, "test.three test:after");
    }

    @Test
    void aSignalThatFailsBecauseOfTheDatabaseIsHandedOverAgainOnTheNextRunNotSkipped() {
        Subject flaky = new Subject("test", UUID.randomUUID().toString());
        Recorder consumer = new Recorder();
        consumer.failsOn = s -> s.subject().equals(flaky);
        consumer.failure = () -> new org.springframework.dao.QueryTimeoutException("the database is restarting");
        SignalsModule bus = bus(consumer);

        raise(flaky, "test.one", clock.instant());
        raise(new Subject("test", "after"), "test.two", clock.instant());
        run(bus);
        assertThat(consumer.kinds()).as("nothing skipped, nothing passed").isEmpty();
        run(bus);
        assertThat(consumer.kinds()).isEmpty();

        consumer.failsOn = s -> false; // the database is back
        run(bus);
        assertThat(consumer.kinds()).containsExactly("test.one " + flaky, "test.two test:after");
    }

    @Test
    void aConsumerRegisteredLaterStartsAtTheSignalsCommittedByThen() {
        raise(new Subject("test", "old"), "test.old", clock.instant());
        Recorder late = new Recorder();
        SignalsModule bus = bus(late);
        raise(new Subject("test", "new"), "test.new", clock.instant());
        run(bus);
        assertThat(late.kinds()).containsExactly("test.new test:new");
    }

    @Test
    void retentionDeletesOnlyWhatEveryConsumerIsPastAndIsOlderThanTheWindow() {
        assertThat(props.signalRetention()).isEqualTo(Duration.ofDays(30));
        Instant now = clock.instant();
        Instant old = now.minus(Duration.ofDays(31));
        Recorder lagging = new Recorder();
        SignalsModule bus = bus(lagging, alerting());
        raise(new Subject("test", "old-1"), "test.old", old);
        raise(new Subject("test", "old-2"), "test.old", old);
        raise(new Subject("test", "young"), "test.young", now.minus(Duration.ofDays(29)));
        bus.consume(alerting(), now);

        bus.prune(now);
        assertThat(stored()).as("the lagging consumer has not read them").containsExactly("test.old test:old-1",
                "test.old test:old-2", "test.young test:young");

        bus.consume(lagging, now);
        raise(new Subject("test", "old-3"), "test.old", old);
        bus.consume(alerting(), now);
        bus.prune(now);
        assertThat(stored()).as("old and read by all: gone; young, or not yet read by all: kept")
                .containsExactly("test.young test:young", "test.old test:old-3");
        assertThat(lagging.kinds()).hasSize(3);
    }

    @Test
    void theWeeklyReportsLookBackIsLongerThanAnyRetentionAllowed() {
        assertThatThrownBy(() -> new SignalProperties(Duration.ofDays(7)))
                .hasMessageContaining("BUGMASTER_SIGNAL_RETENTION must be at least 8d");
        assertThat(new SignalProperties(Duration.ofDays(8)).signalRetention()).isEqualTo(Duration.ofDays(8));
    }

    @Test
    void aSignalIsRaisedOnlyInATransactionAndWithASmallBody() {
        NewSignal signal = new NewSignal(tenant.org().id(), new Subject("test", "x"), "test.alone", Map.of());
        assertThatThrownBy(() -> signals.raise(signal, clock.instant())).hasMessageContaining("in the transaction of the change");
        NewSignal big = new NewSignal(tenant.org().id(), new Subject("test", "x"), "test.big", Map.of("text", "x".repeat(5000)));
        assertThatThrownBy(() -> tx.write(() -> signals.raise(big, clock.instant()))).hasMessageContaining("at most 4096");
        assertThat(stored()).isEmpty();
    }
}
