package io.bugmaster.notify;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Retention on every database, with the test clock: finished notifications and delivery attempts
 * older than BUGMASTER_NOTIFY_RETENTION (30 days by default) are deleted by the engine; pending
 * notifications and anything younger stay. (Signals have their own retention: SignalsContract.)
 */
abstract class NotificationRetentionContract extends IntegrationTest {
    @Autowired JdbcClient db;
    @Autowired DeliveryProperties props;

    Tenant tenant;
    String tag;

    @BeforeEach
    void setUp() {
        tenant = newTenant();
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

    List<String> queueKeys() {
        return db.sql("SELECT idempotency_key FROM notification_queue WHERE idempotency_key LIKE ? ORDER BY id").param(tag + "%")
                .query(String.class).list();
    }

    List<String> attemptKeys() {
        return db.sql("SELECT idempotency_key FROM notification_deliveries WHERE idempotency_key LIKE ? ORDER BY id").param(tag + "%")
                .query(String.class).list();
    }

    @Test
    void theDefaultRetentionIsThirtyDays() {
        assertThat(props.notifyRetention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void finishedNotificationsAndAttemptsOlderThanTheRetentionAreDeleted() {
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

        engine.runOnce();

        assertThat(queueKeys()).containsExactly(oldPending, youngDelivered).doesNotContain(oldDelivered, oldFailed, oldDigested);
        assertThat(attemptKeys()).containsExactly(youngAttempt).doesNotContain(oldAttempt);

        clock.advance(Duration.ofDays(2));
        engine.runOnce();
        assertThat(queueKeys()).containsExactly(oldPending);
        assertThat(attemptKeys()).isEmpty();
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
