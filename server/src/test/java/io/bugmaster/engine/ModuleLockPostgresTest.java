package io.bugmaster.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.storage.Dialect;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.PostgresTestDatabase;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/** Two nodes on one PostgreSQL: while one runs a module, the other skips it. */
@ContextConfiguration(initializers = PostgresTestDatabase.class)
class ModuleLockPostgresTest extends IntegrationTest {
    @Autowired DataSource dataSource;

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
    void lockKeysAreStableAndDistinct() {
        assertThat(ModuleLock.lockKey("escalations")).isEqualTo(ModuleLock.lockKey("escalations"));
        assertThat(ModuleLock.lockKey("escalations")).isNotEqualTo(ModuleLock.lockKey("heartbeats"));
    }
}
