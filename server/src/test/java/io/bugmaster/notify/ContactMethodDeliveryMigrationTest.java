package io.bugmaster.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * V35 on a queue and delivery log written before it (SQLite rebuilds both tables): every row and
 * column survives, and a row names exactly one of a channel, an address or a contact method.
 */
class ContactMethodDeliveryMigrationTest {

    @Test
    void onSqlite(@TempDir Path dir) throws Exception {
        keepsEveryRow(MigrationDatabases.sqlite(dir), Dialect.SQLITE);
    }

    @Test
    void onPostgres() {
        keepsEveryRow(MigrationDatabases.postgres(), Dialect.POSTGRESQL);
    }

    void keepsEveryRow(DataSource ds, Dialect dialect) {
        MigrationDatabases.migrateTo(ds, dialect, "33");
        JdbcClient db = JdbcClient.create(ds);
        long now = 1_800_000_000_000L;
        db.sql("INSERT INTO organizations (id, slug, name, created_at) VALUES (1, 'acme', 'Acme', ?)").param(now).update();
        db.sql("INSERT INTO users (id, email, name, password_hash, created_at) VALUES (1, 'jane@example.com', 'Jane', '{noop}x', ?)")
                .param(now).update();
        db.sql("INSERT INTO notification_channels (id, org_id, name, kind, config, created_at) VALUES (1, 1, 'chat', 'slack', 'x', ?)")
                .param(now).update();
        db.sql("""
                INSERT INTO notification_queue (id, org_id, channel_id, email, idempotency_key, notification, state, attempts,
                    next_attempt_at, last_error, created_at, claimed_until, folded_into, digest_window, subject_key)
                VALUES (1, 1, 1, NULL, 'k1', '{}', 'pending', 2, ?, 'HTTP 503', ?, ?, NULL, NULL, 'issue/1'),
                       (2, 1, NULL, 'jane@example.com', 'k2', '{}', 'delivered', 1, ?, NULL, ?, NULL, 'digest:1', 7, NULL)""")
                .params(now + 1, now, now + 2, now, now).update();
        db.sql("""
                INSERT INTO notification_deliveries (id, channel_id, email, idempotency_key, attempt, status, http_status, error,
                    created_at, message_ref)
                VALUES (1, 1, NULL, 'k1', 1, 'failed_temporary', 503, 'busy', ?, NULL),
                       (2, NULL, 'jane@example.com', 'k2', 1, 'delivered', NULL, NULL, ?, 'msg-1')""")
                .params(now, now).update();

        MigrationDatabases.migrateToLatest(ds, dialect);

        List<Map<String, Object>> queue = db.sql("""
                SELECT id, channel_id, email, idempotency_key, state, attempts, next_attempt_at, last_error, claimed_until, folded_into,
                    digest_window, subject_key, contact_method_id FROM notification_queue ORDER BY id""").query().listOfRows();
        assertThat(queue).hasSize(2);
        assertThat(queue.get(0)).containsEntry("idempotency_key", "k1").containsEntry("last_error", "HTTP 503")
                .containsEntry("subject_key", "issue/1").containsEntry("email", null).containsEntry("contact_method_id", null);
        assertThat(((Number) queue.get(0).get("claimed_until")).longValue()).isEqualTo(now + 2);
        assertThat(((Number) queue.get(0).get("attempts")).intValue()).isEqualTo(2);
        assertThat(queue.get(1)).containsEntry("email", "jane@example.com").containsEntry("folded_into", "digest:1");
        assertThat(((Number) queue.get(1).get("digest_window")).longValue()).isEqualTo(7);
        List<Map<String, Object>> deliveries = db.sql("""
                SELECT id, channel_id, email, idempotency_key, status, http_status, error, message_ref FROM notification_deliveries ORDER BY id""")
                .query().listOfRows();
        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.get(0)).containsEntry("error", "busy").containsEntry("status", "failed_temporary");
        assertThat(((Number) deliveries.get(0).get("http_status")).intValue()).isEqualTo(503);
        assertThat(deliveries.get(1)).containsEntry("message_ref", "msg-1").containsEntry("email", "jane@example.com");

        // new rows go on with the next ids, and may name a contact method, but only one receiver
        db.sql("""
                INSERT INTO contact_methods (id, user_id, kind, name, address, config, enabled, created_at)
                VALUES (5, 1, 'sms', 'phone', '+14155550100', 'x', TRUE, ?)""").param(now).update();
        if (dialect == Dialect.SQLITE) {
            // the rebuilt table goes on counting (PostgreSQL's identity was never touched; these test rows set ids by hand)
            db.sql("""
                    INSERT INTO notification_queue (org_id, contact_method_id, idempotency_key, notification, state, attempts, next_attempt_at,
                        created_at) VALUES (1, 5, 'k3', '{}', 'pending', 0, ?, ?)""").params(now, now).update();
            assertThat(db.sql("SELECT id FROM notification_queue WHERE idempotency_key = 'k3'").query(Long.class).single()).isEqualTo(3);
        } else {
            db.sql("""
                    INSERT INTO notification_queue (id, org_id, contact_method_id, idempotency_key, notification, state, attempts,
                        next_attempt_at, created_at) VALUES (3, 1, 5, 'k3', '{}', 'pending', 0, ?, ?)""").params(now, now).update();
        }
        assertThatThrownBy(() -> db.sql("""
                INSERT INTO notification_queue (id, org_id, channel_id, contact_method_id, idempotency_key, notification, state, attempts,
                    next_attempt_at, created_at) VALUES (4, 1, 1, 5, 'k4', '{}', 'pending', 0, ?, ?)""").params(now, now).update())
                .hasMessageContaining("notification_queue_target");
        assertThatThrownBy(() -> db.sql("""
                INSERT INTO notification_deliveries (id, idempotency_key, attempt, status, created_at) VALUES (5, 'k5', 1, 'delivered', ?)""")
                .param(now).update()).hasMessageContaining("notification_deliveries_target");
        // deleting a contact method drops what was queued for it
        db.sql("DELETE FROM contact_methods WHERE id = 5").update();
        assertThat(db.sql("SELECT COUNT(*) FROM notification_queue WHERE idempotency_key = 'k3'").query(Long.class).single()).isZero();
    }
}
