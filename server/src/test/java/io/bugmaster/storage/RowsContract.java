package io.bugmaster.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.IntegrationTest;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every kind of nullable column the stores have, read through {@link Rows} on each database: NULL
 * is null (not 0, not false, not an exception), and stored values, zero and false among them, come back as stored.
 */
abstract class RowsContract extends IntegrationTest {
    @Autowired JdbcClient db;

    String table;

    @BeforeEach
    void createTable() {
        table = "rows_probe_" + unique("t").replace('-', '_');
        // the column types the migrations use: INTEGER (http_status, quotas), BIGINT (ids, epoch milliseconds), BOOLEAN
        db.sql("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, small INTEGER, big BIGINT, at BIGINT, flag BOOLEAN)").update();
    }

    @AfterEach
    void dropTable() {
        db.sql("DROP TABLE " + table).update();
    }

    record Probe(Integer small, Long big, Instant at, Boolean flag) {}

    Probe read(int id) {
        return db.sql("SELECT small, big, at, flag FROM " + table + " WHERE id = ?").param(id)
                .query((rs, n) -> new Probe(Rows.integer(rs, "small"), Rows.longValue(rs, "big"), Rows.instant(rs, "at"),
                        Rows.bool(rs, "flag"))).single();
    }

    void insert(int id, Integer small, Long big, Long at, Boolean flag) {
        db.sql("INSERT INTO " + table + " (id, small, big, at, flag) VALUES (?, ?, ?, ?, ?)").params(id, small, big, at, flag).update();
    }

    @Test
    void nullReadsAsNullInEveryKindOfColumn() {
        insert(1, null, null, null, null);
        assertThat(read(1)).isEqualTo(new Probe(null, null, null, null));
    }

    @Test
    void zeroAndFalseAreValuesNotNull() {
        insert(1, 0, 0L, 0L, false);
        assertThat(read(1)).isEqualTo(new Probe(0, 0L, Instant.EPOCH, false));
    }

    @Test
    void storedValuesComeBackAsStored() {
        Instant at = Instant.parse("2026-12-04T18:05:31.123Z");
        insert(1, 503, 9_007_199_254_740_993L, at.toEpochMilli(), true);
        insert(2, -1, Long.MIN_VALUE, -1L, false);
        assertThat(read(1)).isEqualTo(new Probe(503, 9_007_199_254_740_993L, at, true));
        assertThat(read(2)).isEqualTo(new Probe(-1, Long.MIN_VALUE, Instant.ofEpochMilli(-1), false));
    }
}
