package io.bugmaster.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.accounts.OneTimeLink;
import io.bugmaster.accounts.OneTimeLinkStore;
import io.bugmaster.testing.IntegrationTest;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.springframework.context.ApplicationContext;

abstract class EngineContract extends IntegrationTest {
    @Autowired ModuleLock moduleLock;
    @Autowired BugmasterProperties props;
    @Autowired OneTimeLinkStore links;
    @Autowired ApplicationContext context;

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
        return new Engine(EngineModules.of(modules), moduleLock, clock, new SimpleMeterRegistry(), props);
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
        Engine engine = new Engine(EngineModules.of(hung, after), moduleLock, clock, new SimpleMeterRegistry(), quick);
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
    void theServerRunsItsModulesInTheListedOrderAndEveryModuleBeanIsListed() {
        // The order of a cycle is a decision (see EngineModules.ORDER): changing it changes this test.
        assertThat(engine.moduleNames()).containsExactly(
                "issue-snooze-expiry",
                "issue-escalation",
                "incident-escalation",
                "monitor-checks",
                "monitor-deadlines",
                "signals",
                "alerting",
                "weekly-report",
                "incident-update-reminders",
                "page-steps",
                "notification-delivery",
                "slack-calls",
                "oncall-handoff-notices",
                "oncall-gap-warnings",
                "action-item-reminders",
                "outcome-counts",
                "schedule-history",
                "notification-retention",
                "link-expiry",
                "slack-retention",
                "monitor-retention");
        assertThat(context.getBeansOfType(EngineModule.class).values()).extracting(EngineModule::name)
                .containsExactlyInAnyOrderElementsOf(engine.moduleNames());
    }

    @Test
    void aCycleRunsTheModulesInTheGivenOrderAndEachSeesWhatTheEarlierOnesDid() {
        List<String> trace = new CopyOnWriteArrayList<>();
        EngineModule[] modules = new EngineModule[3];
        String[] names = {"zeta-" + unique("m"), "alpha-" + unique("m"), "mu-" + unique("m")};
        for (int i = 0; i < 3; i++) {
            String name = names[i];
            modules[i] = new EngineModule() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public void run(Instant now) {
                    trace.add(name);
                }
            };
        }
        engineWith(modules).runOnce();
        assertThat(trace).containsExactly(names);
    }

    @Test
    void eachModuleRunIsTimedAndItsLatenessIsWhatTheModulesBeforeItTook() {
        MockClock ticker = new MockClock();
        SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, ticker);
        String slowName = "slow-" + unique("m");
        EngineModule slow = new EngineModule() {
            @Override
            public String name() {
                return slowName;
            }

            @Override
            public void run(Instant now) {
                ticker.add(Duration.ofSeconds(3));
            }
        };
        String failingName = "failing-" + unique("m");
        EngineModule failing = new EngineModule() {
            @Override
            public String name() {
                return failingName;
            }

            @Override
            public void run(Instant now) {
                ticker.add(Duration.ofMillis(500));
                throw new IllegalStateException("no");
            }
        };
        Recording last = new Recording("last-" + unique("m"));
        Engine engine = new Engine(EngineModules.of(slow, failing, last), moduleLock, clock, registry, props);
        engine.runOnce();

        assertThat(duration(registry, slowName, "success").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3_000);
        assertThat(duration(registry, failingName, "failure").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(500);
        assertThat(duration(registry, failingName, "success").count()).isZero();
        assertThat(lateness(registry, slowName).totalTime(TimeUnit.MILLISECONDS)).isZero();
        assertThat(lateness(registry, failingName).totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3_000);
        assertThat(lateness(registry, last.name()).totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3_500);

        // each cycle is measured from its own due time
        engine.runOnce();
        assertThat(lateness(registry, slowName).max(TimeUnit.MILLISECONDS)).isZero();
        assertThat(lateness(registry, last.name()).count()).isEqualTo(2);
    }

    private static Timer duration(SimpleMeterRegistry registry, String module, String outcome) {
        return registry.get("bugmaster.engine.module").tag("module", module).tag("outcome", outcome).timer();
    }

    private static Timer lateness(SimpleMeterRegistry registry, String module) {
        return registry.get("bugmaster.engine.module.lateness").tag("module", module).timer();
    }

    @Test
    void prometheusShowsEachModulesDurationAndLateness() throws Exception {
        engine.runOnce();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        for (String module : engine.moduleNames()) {
            assertThat(response.body())
                    .contains("bugmaster_engine_module_seconds_count{module=\"" + module + "\",outcome=\"success\"}")
                    .contains("bugmaster_engine_module_seconds_count{module=\"" + module + "\",outcome=\"failure\"} 0")
                    .contains("bugmaster_engine_module_lateness_seconds_count{module=\"" + module + "\"}")
                    .contains("bugmaster_engine_module_lateness_seconds_max{module=\"" + module + "\"}");
        }
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
