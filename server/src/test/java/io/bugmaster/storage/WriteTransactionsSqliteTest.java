package io.bugmaster.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * A write transaction on SQLite is not overtaken by a single statement written on another
 * connection outside {@link Transactions#write} (some stores' one-statement writes are): before the
 * transactions began with the write lock, the transaction read, the other statement committed, and
 * the transaction's own write then failed with SQLITE_BUSY_SNAPSHOT (a 500 to an API client).
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class WriteTransactionsSqliteTest extends IntegrationTest {
    @Autowired JdbcClient db;
    @Autowired Transactions tx;

    String table;

    @BeforeEach
    void createTable() {
        table = "write_probe_" + unique("t").replace('-', '_');
        db.sql("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)").update();
        db.sql("INSERT INTO " + table + " (id, n) VALUES (1, 0), (2, 0)").update();
    }

    @AfterEach
    void dropTable() {
        db.sql("DROP TABLE " + table).update();
    }

    @Test
    void aStatementWrittenOutsideTheLockWaitsForTheTransactionInsteadOfBreakingIt() throws Exception {
        CompletableFuture<Integer> outside = new CompletableFuture<>();
        tx.write(() -> {
            int before = db.sql("SELECT n FROM " + table + " WHERE id = 1").query(Integer.class).single();
            // another thread, another connection, no Transactions.write: one auto-commit statement
            CompletableFuture.runAsync(() -> outside.complete(db.sql("UPDATE " + table + " SET n = n + 1 WHERE id = 2").update()));
            try {
                // it cannot commit while this transaction holds the write lock (before the fix it committed at once)
                outside.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException expected) {
                // waiting, as it should
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            db.sql("UPDATE " + table + " SET n = ? WHERE id = 1").param(before + 1).update();
        });
        assertThat(outside.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(db.sql("SELECT n FROM " + table + " ORDER BY id").query(Integer.class).list()).containsExactly(1, 1);
    }
}
