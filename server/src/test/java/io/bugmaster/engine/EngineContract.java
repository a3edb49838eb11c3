package io.bugmaster.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.accounts.OneTimeLink;
import io.bugmaster.accounts.OneTimeLinkStore;
import io.bugmaster.testing.IntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

abstract class EngineContract extends IntegrationTest {
    @Autowired ModuleLock moduleLock;
    @Autowired BugmasterProperties props;
    @Autowired OneTimeLinkStore links;

    /** A module that records the time it was given. */
    static final class Recording implements EngineModule {
        final List<Instant> runs = new CopyOnWriteArrayList<>();
        final String name;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void run(Instant now) {
            runs.add(now);
        }
    }

    private Engine engineWith(EngineModule... modules) {
        return new Engine(List.of(modules), moduleLock, clock, new SimpleMeterRegistry(), props);
    }

    @Test
    void theLoopRunsEveryModuleWithTheTimeOfTheOneClock() {
        Recording a = new Recording("a-" + unique("m"));
        Recording b = new Recording("b-" + unique("m"));
        Engine engine = engineWith(a, b);
        clock.advance(Duration.ofDays(3));
        Instant expected = clock.instant();
        engine.runOnce();
        assertThat(a.runs).containsExactly(expected);
        assertThat(b.runs).containsExactly(expected);
        assertThat(engine.statuses().get(a.name()).lastRunAt()).isEqualTo(expected);
    }

    @Test
    void aFailingModuleDoesNotStopTheOthersAndItsErrorIsKept() {
        String failingName = "failing-" + unique("m");
        EngineModule failing = new EngineModule() {
            @Override
            public String name() {
                return failingName;
            }

            @Override
            public void run(Instant now) {
                throw new IllegalStateException("database on fire");
            }
        };
        Recording after = new Recording("after-" + unique("m"));
        Engine engine = engineWith(failing, after);
        engine.runOnce();
        engine.runOnce();
        assertThat(after.runs).hasSize(2);
        Engine.ModuleStatus status = engine.statuses().get(failing.name());
        assertThat(status.lastError()).contains("database on fire");
        assertThat(status.failures()).isEqualTo(2);
        assertThat(engine.statuses().get(after.name()).lastError()).isNull();
    }

    @Test
    void aHungModuleIsCutOffAtItsTimeoutAndTheNextModuleRuns() {
        AtomicBoolean interrupted = new AtomicBoolean();
        EngineModule hung = new EngineModule() {
            @Override
            public String name() {
                return "hung";
            }

            @Override
            public void run(Instant now) {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            }
        };
        Recording after = new Recording("after-hung-" + unique("m"));
        BugmasterProperties quick = new BugmasterProperties(props.dataDir(), props.databaseUrl(), props.databasePoolSize(),
                props.baseUrl(), null, null, null, props.defaultOrganization(), props.engineInterval(),
                Duration.ofSeconds(2), props.setupLinkLifetime(), props.loginMaxFailures(), props.loginLockout(),
                props.loginAccountMaxFailures(), null);
        Engine engine = new Engine(List.of(hung, after), moduleLock, clock, new SimpleMeterRegistry(), quick);
        // without the module timeout this cycle would never end; the bound only catches that hang
        assertTimeoutPreemptively(Duration.ofSeconds(60), engine::runOnce);
        assertThat(after.runs).hasSize(1);
        assertThat(engine.statuses().get("hung").lastError()).contains("timed out");
    }

    @Test
    void pokingRunsACycleWithoutWaitingForTheInterval() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(1);
        EngineModule counting = new EngineModule() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public void run(Instant now) {
                runs.incrementAndGet();
                ran.countDown();
            }
        };
        Engine engine = engineWith(counting);
        engine.start();
        try {
            engine.poke();
            assertThat(ran.await(30, TimeUnit.SECONDS)).as("a cycle ran (the bound only catches a hang)").isTrue();
        } finally {
            engine.stop();
        }
        assertThat(runs.get()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theLinkExpiryModuleExpiresSetupLinksWhenTimeMovesOn() {
        String hash = "hash-" + unique("setup");
        Instant start = clock.instant();
        links.insert(OneTimeLink.Purpose.SETUP, hash, null, null, null, null, start, start.plus(Duration.ofHours(24)));
        engine.runOnce();
        assertThat(links.findByHash(hash).orElseThrow().state()).isEqualTo(OneTimeLink.State.ACTIVE);
        clock.advance(Duration.ofHours(25));
        engine.runOnce();
        assertThat(links.findByHash(hash).orElseThrow().state()).isEqualTo(OneTimeLink.State.EXPIRED);
        clock.advance(Duration.ofDays(31));
        engine.runOnce();
        assertThat(links.findByHash(hash)).isEmpty();
    }
}
