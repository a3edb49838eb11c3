package io.bugmaster.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectService;
import io.bugmaster.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retention on every database, with the test clock: finished notifications, delivery attempts and
 * processed outbox signals older than BUGMASTER_NOTIFY_RETENTION (30 days by default) are deleted by
 * the engine; pending notifications, unprocessed signals and anything younger stay.
 */
abstract class NotificationRetentionContract extends IntegrationTest {
    @Autowired JdbcClient db;
    @Autowired ProjectService projects;
    @Autowired DeliveryProperties props;

    Tenant tenant;
    long projectId;
    String tag;

    @BeforeEach
    void setUp() {
        tenant = newTenant();
        projectId = projects.create(tenant.owner(), tenant.org().slug(), tenant.org().slug(), "Shop", unique("shop"), "java")
                .project().id();
        tag = UUID.randomUUID().toString();
    }

    String queued(String state, Instant createdAt) {
        String key = tag + ":" + state + ":" + createdAt.toEpochMilli();
        db.sql("""
                INSERT INTO notification_queue (org_id, channel_id, email, idempotency_key, notification, state, attempts,
                    next_attempt_at, created_at)
                VALUES (?, NULL, 'dev@example.com', ?, '{}', ?, 1, ?, ?)""")
                .params(tenant.org().id(), key, state, clock.instant().plus(Duration.ofDays(3650)).toEpochMilli(), createdAt.toEpochMilli())
                .update();
        return key;
    }

    String attempt(Instant createdAt) {
        String key = tag + ":attempt:" + createdAt.toEpochMilli();
        db.sql("""
                INSERT INTO notification_deliveries (channel_id, email, idempotency_key, attempt, status, created_at)
                VALUES (NULL, 'dev@example.com', ?, 1, 'delivered', ?)""").params(key, createdAt.toEpochMilli()).update();
        return key;
    }

    String signal(Instant createdAt, Instant processedAt) {
        String payload = "{\"retention\":\"" + tag + ":" + createdAt.toEpochMilli() + ":" + processedAt + "\"}";
        db.sql("INSERT INTO outbox (topic, project_id, issue_id, payload, created_at, processed_at) VALUES ('retention.test', ?, NULL, ?, ?, ?)")
                .params(projectId, payload, createdAt.toEpochMilli(), processedAt == null ? null : processedAt.toEpochMilli()).update();
        return payload;
    }

    List<String> queueKeys() {
        return db.sql("SELECT idempotency_key FROM notification_queue WHERE idempotency_key LIKE ? ORDER BY id").param(tag + "%")
                .query(String.class).list();
    }

    List<String> attemptKeys() {
        return db.sql("SELECT idempotency_key FROM notification_deliveries WHERE idempotency_key LIKE ? ORDER BY id").param(tag + "%")
                .query(String.class).list();
    }

    List<String> signals() {
        return db.sql("SELECT payload FROM outbox WHERE payload LIKE ? ORDER BY id").param("%" + tag + "%").query(String.class).list();
    }

    @Test
    void theDefaultRetentionIsThirtyDays() {
        assertThat(props.notifyRetention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void finishedNotificationsAttemptsAndProcessedSignalsOlderThanTheRetentionAreDeleted() {
        Instant now = clock.instant();
        Instant old = now.minus(Duration.ofDays(31));
        Instant young = now.minus(Duration.ofDays(29));
        String oldDelivered = queued("delivered", old);
        String oldFailed = queued("failed", old);
        String oldDigested = queued("digested", old);
        String oldPending = queued("pending", old);
        String youngDelivered = queued("delivered", young);
        String oldAttempt = attempt(old);
        String youngAttempt = attempt(young);
        String oldProcessed = signal(old, old.plusSeconds(1));
        String youngProcessed = signal(old, young);
        String unprocessed = signal(old.plusSeconds(5), null);

        engine.runOnce();

        assertThat(queueKeys()).containsExactly(oldPending, youngDelivered).doesNotContain(oldDelivered, oldFailed, oldDigested);
        assertThat(attemptKeys()).containsExactly(youngAttempt).doesNotContain(oldAttempt);
        // the unprocessed signal is consumed by alerting in this cycle: processed now, so it stays
        assertThat(signals()).containsExactly(youngProcessed, unprocessed).doesNotContain(oldProcessed);

        clock.advance(Duration.ofDays(2));
        engine.runOnce();
        assertThat(queueKeys()).containsExactly(oldPending);
        assertThat(attemptKeys()).isEmpty();
        assertThat(signals()).containsExactly(unprocessed);
    }

    @Test
    void aBacklogLargerThanOneBatchIsDeletedInBatches() {
        Instant old = clock.instant().minus(Duration.ofDays(40));
        int n = NotificationRetentionModule.BATCH * 2 + 7;
        for (int i = 0; i < n; i++) {
            attempt(old.plusMillis(i));
        }
        assertThat(attemptKeys()).hasSize(n);
        engine.runOnce();
        assertThat(attemptKeys()).isEmpty();
    }
}
