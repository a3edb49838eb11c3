package io.bugmaster.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.storage.Dialect;
import io.bugmaster.testing.MigrationDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V20 on a queue written by the versions before it: issue alerts already delivered to a channel
 * count as open (nothing ever resolved them), so resolving their issue resolves them; rows still
 * pending get the subject that orders them; digests, failures and emails open nothing.
 */
class ResolvedFollowUpsMigrationTest {

    @Test
    void onSqlite(@TempDir Path dir) throws Exception {
        DataSource ds = MigrationDatabases.sqlite(dir);
        opensWhatWasDelivered(ds, Dialect.SQLITE);
    }

    @Test
    void onPostgres() {
        DataSource ds = MigrationDatabases.postgres();
        opensWhatWasDelivered(ds, Dialect.POSTGRESQL);
    }

    void opensWhatWasDelivered(DataSource ds, Dialect dialect) {
        MigrationDatabases.migrateTo(ds, dialect, "19");
        JdbcClient db = JdbcClient.create(ds);
        long now = 1_800_000_000_000L;
        db.sql("INSERT INTO organizations (id, slug, name, created_at) VALUES (1, 'acme', 'Acme', ?)").param(now).update();
        db.sql("""
                INSERT INTO notification_channels (id, org_id, name, kind, config, created_at)
                VALUES (1, 1, 'paged', 'pagerduty', 'x', ?), (2, 1, 'chat', 'slack', 'x', ?)""").params(now, now).update();
        row(db, 1, 1L, null, "alert:a", "issue_alert", "issue/1", "delivered", now, null);
        row(db, 2, 1L, null, "alert:b", "issue_alert", "issue/1", "delivered", now + 5, null);
        row(db, 3, 1L, null, "alert:c", "issue_alert", "issue/2", "failed", now, null);
        row(db, 4, 1L, null, "alert:d", "issue_alert", "issue/3", "digested", now, null);
        row(db, 5, 1L, null, "digest:1:0", "issue_alert", "digest/1/0", "delivered", now, now);
        row(db, 6, 2L, null, "alert:e", "issue_alert", "issue/4", "pending", now, null);
        row(db, 7, null, "jane@example.com", "alert:f", "issue_alert", "issue/5", "delivered", now, null);
        row(db, 8, 2L, null, "alert:g", "issue_alert", "issue/6", "delivered", now, null);

        MigrationDatabases.migrateToLatest(ds, dialect);

        List<Map<String, Object>> open = db.sql("SELECT channel_id, subject_key, opened_at FROM notification_open_alerts ORDER BY channel_id, subject_key")
                .query().listOfRows();
        assertThat(open).hasSize(2);
        assertThat(((Number) open.get(0).get("channel_id")).longValue()).isEqualTo(1);
        assertThat(open.get(0).get("subject_key")).isEqualTo("issue/1");
        assertThat(((Number) open.get(0).get("opened_at")).longValue()).as("the latest alert").isEqualTo(now + 5);
        assertThat(((Number) open.get(1).get("channel_id")).longValue()).isEqualTo(2);
        assertThat(open.get(1).get("subject_key")).isEqualTo("issue/6");
        assertThat(db.sql("SELECT id FROM notification_queue WHERE subject_key IS NOT NULL").query(Long.class).list())
                .as("only rows still pending need their subject").containsExactly(6L);
        assertThat(db.sql("SELECT subject_key FROM notification_queue WHERE id = 6").query(String.class).single()).isEqualTo("issue/4");
    }

    private static void row(JdbcClient db, long id, Long channelId, String email, String key, String kind, String subject, String state,
            long createdAt, Long digestWindow) {
        String notification = "{\"idempotencyKey\":\"" + key + "\",\"kind\":\"" + kind + "\",\"subjectKey\":\"" + subject
                + "\",\"title\":\"t\",\"tags\":{}}";
        db.sql("""
                INSERT INTO notification_queue (id, org_id, channel_id, email, idempotency_key, notification, state, attempts,
                    next_attempt_at, created_at, digest_window)
                VALUES (?, 1, ?, ?, ?, ?, ?, 1, ?, ?, ?)""")
                .params(id, channelId, email, key, notification, state, createdAt, createdAt, digestWindow).update();
    }
}
