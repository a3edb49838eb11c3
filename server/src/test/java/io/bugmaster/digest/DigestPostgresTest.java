package io.bugmaster.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/**
 * The write path on PostgreSQL, plus the races of two nodes forced into their worst interleaving:
 * the test holds a row lock that both nodes need after they have read, waits until both wait for
 * it, and lets them go. Each of these failed before the digest checked again what it had read.
 */
@ContextConfiguration(initializers = PostgresTestDatabase.class)
class DigestPostgresTest extends DigestContract {
    ExecutorService racers;

    @BeforeEach
    void racers() {
        racers = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopRacers() {
        racers.shutdownNow();
    }

    /** A transaction of the test's own that runs {@code lockingSelect} (a SELECT ... FOR ...) and holds its locks. */
    Connection holdLock(String lockingSelect, Object... params) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (PreparedStatement statement = connection.prepareStatement(lockingSelect)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeQuery().close();
        }
        return connection;
    }

    /** Waits until {@code n} sessions on this database wait for a lock (bounded). */
    void awaitLockWaiters(int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                < n) {
            assertThat(System.nanoTime()).as("%d sessions waiting for a lock within 30 s", n).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    Future<DigestStore.Written> writeAsync(DigestStore node, DigestItem... items) {
        return racers.submit(() -> node.write(List.of(items)));
    }

    static DigestStore.Written done(Future<DigestStore.Written> write) throws Exception {
        return write.get(60, TimeUnit.SECONDS);
    }

    @Test
    void whenBothNodesLookUpANewFingerprintBeforeEitherCommitsOnlyOneCreatesTheIssue() throws Exception {
        write(event("earlier", null, null, clock.instant(), Map.of())); // the project's issue counter exists
        List<DigestStore.Written> written = new ArrayList<>();
        try (Node other = secondNode();
                Connection counter = holdLock("SELECT * FROM project_counters WHERE project_id = ? FOR UPDATE", projectId)) {
            // both read the hash (unknown) and then need the counter to number a new issue
            var a = writeAsync(store, event("contested", "app@7.0.0", "u1", clock.instant(), Map.of()));
            var b = writeAsync(other.store(), event("contested", "app@7.0.0", "u2", clock.instant(), Map.of()));
            awaitLockWaiters(2);
            counter.commit();
            written.add(done(a));
            written.add(done(b));
        }
        long issue = issueOf("contested");
        assertThat(count("SELECT COUNT(*) FROM issues WHERE project_id = ?", projectId)).isEqualTo(2);
        assertThat(count("SELECT COUNT(DISTINCT issue_id) FROM events WHERE project_id = ? AND title = 'Boom: contested'",
                projectId)).isEqualTo(1);
        assertThat(issue(issue).get("times_seen")).isEqualTo(2L);
        assertThat(issue(issue).get("user_count")).isEqualTo(2L);
        assertThat(signals(issue)).containsExactly("issue.new");
        assertThat(written).extracting(DigestStore.Written::signals).containsExactlyInAnyOrder(0, 1);
        assertThat(releaseCounter("app@7.0.0", "new_issues")).isEqualTo(1);
    }

    @Test
    void whenBothNodesReadAResolvedIssueBeforeEitherCommitsOnlyOneRecordsTheRegression() throws Exception {
        write(event("reopened", "app@8.0.0", null, clock.instant(), Map.of()));
        long issue = issueOf("reopened");
        db.sql("UPDATE issues SET status = 'resolved', substatus = NULL WHERE id = ?").param(issue).update();
        try (Node other = secondNode();
                Connection row = holdLock("SELECT id FROM issues WHERE id = ? FOR NO KEY UPDATE", issue)) {
            // both read the status (resolved) and then wait to update the issue's counts
            var a = writeAsync(store, event("reopened", "app@8.0.1", null, clock.instant(), Map.of()));
            var b = writeAsync(other.store(), event("reopened", "app@8.0.1", null, clock.instant(), Map.of()));
            awaitLockWaiters(2);
            row.commit();
            done(a);
            done(b);
        }
        assertThat(issue(issue).get("substatus")).isEqualTo("regressed");
        assertThat(issue(issue).get("times_seen")).isEqualTo(3L);
        assertThat(signals(issue)).containsExactly("issue.new", "issue.regression");
        assertThat(count("SELECT COUNT(*) FROM issue_activity WHERE issue_id = ? AND type = 'set_regression'", issue)).isEqualTo(1);
        assertThat(releaseCounter("app@8.0.1", "regressions")).isEqualTo(1);
    }

    @Test
    void anEventSentToBothNodesAtOnceIsStoredByOneAndCountedOnce() throws Exception {
        write(event("twice", null, null, clock.instant(), Map.of()));
        long issue = issueOf("twice");
        DigestItem retried = event("twice", null, "u1", clock.instant(), Map.of("browser", "Firefox"));
        List<DigestStore.Written> written = new ArrayList<>();
        try (Node other = secondNode();
                Connection row = holdLock("SELECT id FROM issues WHERE id = ? FOR NO KEY UPDATE", issue)) {
            // neither has seen the event id; one inserts it and waits on the issue, the other waits on that insert
            var a = writeAsync(store, retried);
            var b = writeAsync(other.store(), retried);
            awaitLockWaiters(2);
            row.commit();
            written.add(done(a));
            written.add(done(b));
        }
        assertThat(written).extracting(w -> w.stored().size()).containsExactlyInAnyOrder(0, 1);
        assertThat(count("SELECT COUNT(*) FROM events WHERE project_id = ? AND event_id = ?", projectId, retried.eventId()))
                .isEqualTo(1);
        assertThat(issue(issue).get("times_seen")).isEqualTo(2L);
        assertThat(issue(issue).get("user_count")).isEqualTo(1L);
        assertThat(count("SELECT SUM(times_seen) FROM issue_tags WHERE issue_id = ?", issue)).isEqualTo(1);
    }

    @Test
    void aNewIssueWhoseOnlyEventTheOtherNodeStoredFirstIsNotLeftBehindEmpty() throws Exception {
        write(event("known", null, null, clock.instant(), Map.of()));
        long known = issueOf("known");
        DigestItem event = event("known", null, null, clock.instant(), Map.of());
        // the same event id, grouped differently by the other node (say, during an upgrade of the grouping)
        DigestItem regrouped = new DigestItem(orgId, projectId, event.eventId(), DigestItem.EventType.ERROR, event.timestamp(),
                event.received(), "error", "java", null, "production", "Boom: regrouped", null, "{}", "bugmaster:next",
                List.of("regrouped"), List.of(), null, new byte[] {6});
        DigestStore.Written byOther;
        try (Node other = secondNode();
                Connection row = holdLock("SELECT id FROM issues WHERE id = ? FOR NO KEY UPDATE", known)) {
            var a = writeAsync(store, event);
            awaitLockWaiters(1); // the first has inserted the event and waits on its issue
            var b = writeAsync(other.store(), regrouped);
            awaitLockWaiters(2); // the second has created an issue and waits on the first's insert of the event id
            row.commit();
            assertThat(done(a).stored()).hasSize(1);
            byOther = done(b);
        }
        assertThat(byOther.stored()).isEmpty();
        assertThat(byOther.signals()).isZero();
        assertThat(count("SELECT COUNT(*) FROM issues WHERE project_id = ?", projectId)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM issue_hashes WHERE project_id = ? AND hash = 'regrouped'", projectId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM signals WHERE org_id = ? AND kind = 'issue.new'", orgId)).isEqualTo(1);
    }
}
