package io.bugmaster.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.storage.Dialect;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.PostgresTestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/** Two nodes on one PostgreSQL: while one runs a module, the other skips it. */
@ContextConfiguration(initializers = PostgresTestDatabase.class)
class ModuleLockPostgresTest extends IntegrationTest {
    @Autowired DataSource dataSource;
    @Autowired BugmasterProperties props;

    @Test
    void aSecondNodeSkipsAModuleTheFirstIsRunning() throws Exception {
        ModuleLock nodeA = new ModuleLock(dataSource, Dialect.POSTGRESQL);
        ModuleLock nodeB = new ModuleLock(dataSource, Dialect.POSTGRESQL);
        AtomicBoolean bRan = new AtomicBoolean();
        AtomicBoolean bGotOther = new AtomicBoolean();
        boolean aRan = nodeA.runExclusively("escalations", () -> {
            try {
                bRan.set(nodeB.runExclusively("escalations", () -> { }));
                bGotOther.set(nodeB.runExclusively("heartbeats", () -> { }));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(aRan).isTrue();
        assertThat(bRan).isFalse();
        assertThat(bGotOther).isTrue();
        assertThat(nodeB.runExclusively("escalations", () -> { })).isTrue();
    }

    @Test
    void anEngineWhoseModuleAnotherNodeIsRunningSkipsItAndCountsTheSkip() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String name = "shared-" + UUID.randomUUID();
        AtomicInteger runs = new AtomicInteger();
        EngineModule module = new EngineModule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(Instant now) {
                runs.incrementAndGet();
            }
        };
        Engine nodeB = new Engine(EngineModules.of(module), new ModuleLock(dataSource, Dialect.POSTGRESQL), clock, registry, props);
        new ModuleLock(dataSource, Dialect.POSTGRESQL).runExclusively(name, nodeB::runOnce);
        assertThat(runs).hasValue(0);
        assertThat(registry.get("bugmaster.engine.module").tag("module", name).tag("outcome", "skipped").timer().count())
                .isEqualTo(1);
        nodeB.runOnce();
        assertThat(runs).hasValue(1);
        assertThat(registry.get("bugmaster.engine.module").tag("module", name).tag("outcome", "success").timer().count())
                .isEqualTo(1);
    }

    @Test
    void aModuleThatFlushesThisNodesMemoryRunsEvenWhileAnotherNodeHoldsItsName() throws Exception {
        String name = "per-node-" + UUID.randomUUID();
        AtomicInteger runs = new AtomicInteger();
        EngineModule counter = new EngineModule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean perNode() {
                return true;
            }

            @Override
            public void run(Instant now) {
                runs.incrementAndGet();
            }
        };
        Engine nodeB = new Engine(EngineModules.of(counter), new ModuleLock(dataSource, Dialect.POSTGRESQL), clock,
                new SimpleMeterRegistry(), props);
        // before, node B skipped its own outcome counts while node A flushed A's, and B's waited a cycle or more
        new ModuleLock(dataSource, Dialect.POSTGRESQL).runExclusively(name, nodeB::runOnce);
        assertThat(runs).hasValue(1);
    }

    @Test
    void lockKeysAreStableAndDistinct() {
        assertThat(ModuleLock.lockKey("escalations")).isEqualTo(ModuleLock.lockKey("escalations"));
        assertThat(ModuleLock.lockKey("escalations")).isNotEqualTo(ModuleLock.lockKey("heartbeats"));
    }
}
