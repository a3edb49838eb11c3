package io.bugmaster.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.bugmaster.accounts.EnvironmentsSeen;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.releases.ReleasesSeen;
import io.bugmaster.signals.Signals;
import io.bugmaster.signals.SignalsOfAnotherNode;
import io.bugmaster.storage.DatabaseUrl;
import io.bugmaster.storage.Dialect;
import io.bugmaster.storage.Transactions;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SignalRows;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** The write path's storage behaviour, on every database: grouping into issues, counts, workflow, signals. */
abstract class DigestContract extends IntegrationTest {
    @Autowired Digester digester;
    @Autowired DigestStore store;
    @Autowired ProjectService projects;
    @Autowired JdbcClient db;
    @Autowired DataSource dataSource;
    @Autowired Transactions tx;
    @Autowired Dialect dialect;
    @Autowired DatabaseUrl databaseUrl;
    @Autowired Signals signalBus;

    long orgId;
    long projectId;

    @BeforeEach
    void project() {
        Tenant tenant = newTenant();
        orgId = tenant.org().id();
        projectId = projects.create(tenant.owner(), tenant.org().slug(), tenant.org().slug(), "App", null, "java")
                .project().id();
    }

    DigestItem event(String hash, String release, String user, Instant at, Map<String, String> tags) {
        return new DigestItem(orgId, projectId, UUID.randomUUID().toString().replace("-", ""), DigestItem.EventType.ERROR, at,
                at, "error", "java", release, "production", "Boom: " + hash, "com.acme.App in main",
                "{\"type\":\"Boom\"}", "bugmaster:2026-11", List.of(hash), new ArrayList<>(tags.entrySet()), user,
                new byte[] {1, 2, 3});
    }

    void write(DigestItem... items) throws Exception {
        digester.submit(List.of(items)).get(10, TimeUnit.SECONDS);
    }

    long issueOf(String hash) {
        return db.sql("SELECT issue_id FROM issue_hashes WHERE project_id = ? AND hash = ?").params(projectId, hash)
                .query(Long.class).single();
    }

    Map<String, Object> issue(long id) {
        return db.sql("SELECT * FROM issues WHERE id = ?").param(id).query().singleRow();
    }

    List<String> signals(long issueId) {
        return SignalRows.kinds(db, issueId);
    }

    /** Another node's digest store on the same database. */
    record Node(DigestStore store, AutoCloseable pool) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            pool.close();
        }
    }

    /**
     * A second node: on PostgreSQL with its own connection pool, as another process has. SQLite
     * has one node per data dir, so a second writer can only be in the same process, where it
     * shares the one writer lock.
     */
    Node secondNode() {
        if (!dialect.hasAdvisoryLocks()) {
            return new Node(new DigestStore(db, dataSource, tx, dialect, clock, signalBus, new ReleasesSeen(db, dataSource, dialect),
                    new EnvironmentsSeen(db)), () -> { });
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("second-node");
        config.setMaximumPoolSize(3);
        config.setJdbcUrl(databaseUrl.jdbcUrl());
        config.setUsername(databaseUrl.username());
        config.setPassword(databaseUrl.password());
        HikariDataSource pool = new HikariDataSource(config);
        Transactions itsTransactions = new Transactions(new JdbcTransactionManager(pool), dialect);
        JdbcClient itsDb = JdbcClient.create(pool);
        return new Node(new DigestStore(itsDb, pool, itsTransactions, dialect, clock, SignalsOfAnotherNode.on(pool, dialect),
                new ReleasesSeen(itsDb, pool, dialect), new EnvironmentsSeen(itsDb)), pool);
    }

    /** Both nodes write their batch at the same moment; returns what each wrote (both must commit). */
    List<DigestStore.Written> race(ExecutorService racers, DigestStore a, List<DigestItem> batchA, DigestStore b,
            List<DigestItem> batchB) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<DigestStore.Written> first = racers.submit(() -> {
            start.await(30, TimeUnit.SECONDS);
            return a.write(batchA);
        });
        Future<DigestStore.Written> second = racers.submit(() -> {
            start.await(30, TimeUnit.SECONDS);
            return b.write(batchB);
        });
        return List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));
    }

    long count(String sql, Object... params) {
        return db.sql(sql).params(params).query(Long.class).single();
    }

    static Set<String> ids(DigestStore.Written written) {
        return written.stored().stream().map(DigestItem::eventId).collect(Collectors.toSet());
    }

    @Test
    void twoNodesRacingOnTheSameNewFingerprintsCreateEachIssueOnceAndLoseNoEvent() throws Exception {
        int rounds = 25;
        int fingerprints = 4;
        Set<String> submitted = new HashSet<>();
        Set<String> storedByA = new HashSet<>();
        Set<String> storedByB = new HashSet<>();
        long signalsWritten = 0;
        ExecutorService racers = Executors.newFixedThreadPool(2);
        try (Node other = secondNode()) {
            for (int r = 0; r < rounds; r++) {
                List<DigestItem> a = new ArrayList<>();
                List<DigestItem> b = new ArrayList<>();
                for (int k = 0; k < fingerprints; k++) {
                    String fp = "race-" + r + "-" + k;
                    for (int j = 0; j < 3; j++) {
                        a.add(event(fp, "app@3.0.0", "u" + j, clock.instant(), Map.of("node", "a")));
                        b.add(event(fp, "app@3.0.0", "u" + (j + 1), clock.instant(), Map.of("node", "b")));
                    }
                }
                // the same event sent to both nodes (an SDK retrying through a load balancer)
                DigestItem both = event("race-" + r + "-0", "app@3.0.0", "u0", clock.instant(), Map.of("node", "both"));
                a.add(both);
                b.add(both);
                Collections.reverse(b);
                a.forEach(i -> submitted.add(i.eventId()));
                b.forEach(i -> submitted.add(i.eventId()));
                List<DigestStore.Written> written = race(racers, store, a, other.store(), b);
                storedByA.addAll(ids(written.get(0)));
                storedByB.addAll(ids(written.get(1)));
                signalsWritten += written.get(0).signals() + written.get(1).signals();
            }
        } finally {
            racers.shutdownNow();
        }
        long issues = rounds * fingerprints;
        assertThat(count("SELECT COUNT(*) FROM issues WHERE project_id = ?", projectId)).isEqualTo(issues);
        assertThat(count("SELECT COUNT(*) FROM issue_hashes WHERE project_id = ?", projectId)).isEqualTo(issues);
        assertThat(count("""
                SELECT COUNT(*) FROM (SELECT title FROM events WHERE project_id = ? GROUP BY title
                HAVING COUNT(DISTINCT issue_id) > 1) split""", projectId)).as("fingerprints split over issues").isZero();
        // every event stored, by exactly one node
        assertThat(count("SELECT COUNT(*) FROM events WHERE project_id = ?", projectId)).isEqualTo(submitted.size());
        assertThat(storedByA).doesNotContainAnyElementsOf(storedByB);
        Set<String> storedByEither = new HashSet<>(storedByA);
        storedByEither.addAll(storedByB);
        assertThat(storedByEither).isEqualTo(submitted);
        // what is kept per issue adds up to its events
        assertThat(count("""
                SELECT COUNT(*) FROM issues i WHERE i.project_id = ? AND (
                  i.times_seen <> (SELECT COUNT(*) FROM events e WHERE e.issue_id = i.id)
                  OR i.times_seen <> (SELECT SUM(h.events) FROM issue_hourly h WHERE h.issue_id = i.id)
                  OR i.times_seen <> (SELECT SUM(t.times_seen) FROM issue_tags t WHERE t.issue_id = i.id AND t.key = 'node')
                  OR i.user_count <> (SELECT COUNT(DISTINCT e.user_key) FROM events e WHERE e.issue_id = i.id)
                  OR i.user_count <> (SELECT COUNT(*) FROM issue_users u WHERE u.issue_id = i.id))""", projectId))
                .as("issues whose counts do not match their events").isZero();
        // one issue.new per issue, numbered without gaps
        assertThat(count("SELECT COUNT(*) FROM signals WHERE org_id = ? AND kind = 'issue.new'", orgId)).isEqualTo(issues);
        assertThat(count("SELECT COUNT(DISTINCT subject) FROM signals WHERE org_id = ? AND kind = 'issue.new'", orgId))
                .isEqualTo(issues);
        assertThat(signalsWritten).isEqualTo(issues);
        assertThat(count("SELECT MAX(short_number) FROM issues WHERE project_id = ?", projectId)).isEqualTo(issues);
        assertThat(releaseCounter("app@3.0.0", "new_issues")).isEqualTo(issues);
        assertThat(count("SELECT COUNT(*) FROM environments WHERE project_id = ?", projectId)).isEqualTo(1);
    }

    @Test
    void twoNodesRacingOnTheSameRegressionsRecordEachRegressionOnce() throws Exception {
        List<String> fingerprints = List.of("again-1", "again-2", "again-3", "again-4");
        for (String fp : fingerprints) {
            write(event(fp, "app@5.0.0", null, clock.instant(), Map.of()));
        }
        List<Long> issueIds = fingerprints.stream().map(this::issueOf).toList();
        int rounds = 20;
        ExecutorService racers = Executors.newFixedThreadPool(2);
        try (Node other = secondNode()) {
            for (int r = 1; r <= rounds; r++) {
                for (long id : issueIds) {
                    db.sql("UPDATE issues SET status = 'resolved', substatus = NULL, resolved_at = ? WHERE id = ?")
                            .params(clock.millis(), id).update();
                }
                clock.advance(Duration.ofMinutes(1));
                String release = "app@5." + r + ".0";
                List<DigestItem> a = new ArrayList<>();
                List<DigestItem> b = new ArrayList<>();
                for (String fp : fingerprints) {
                    a.add(event(fp, release, "u-a", clock.instant(), Map.of("node", "a")));
                    b.add(event(fp, release, "u-b", clock.instant(), Map.of("node", "b")));
                }
                Collections.reverse(b); // the other node meets the issues in the other order
                race(racers, store, a, other.store(), b);
                for (long id : issueIds) {
                    assertThat(issue(id).get("substatus")).isEqualTo("regressed");
                }
                assertThat(releaseCounter(release, "regressions")).as(release).isEqualTo(fingerprints.size());
            }
        } finally {
            racers.shutdownNow();
        }
        for (long id : issueIds) {
            assertThat(signals(id)).as("signals of issue %d", id).filteredOn("issue.regression"::equals).hasSize(rounds);
            assertThat(count("SELECT COUNT(*) FROM issue_activity WHERE issue_id = ? AND type = 'set_regression'", id))
                    .isEqualTo(rounds);
            assertThat(issue(id).get("times_seen")).isIn(1L + 2L * rounds, (int) (1 + 2 * rounds));
        }
    }

    @Test
    void eventsWithTheSameHashShareAnIssueWithCountsUsersTagsAndHours() throws Exception {
        // From the top of an hour, so the first two events share an hourly bucket whatever the time of the run.
        Instant t0 = clock.instant().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        write(event("h1", "app@1.0.0", "u1", t0, Map.of("browser", "Firefox")),
                event("h1", "app@1.0.0", "u2", t0.plusSeconds(60), Map.of("browser", "Chrome")),
                event("h2", "app@1.0.0", "u1", t0, Map.of()));
        write(event("h1", "app@1.1.0", "u1", t0.plus(Duration.ofHours(2)), Map.of("browser", "Chrome")));
        long issue = issueOf("h1");
        assertThat(issueOf("h2")).isNotEqualTo(issue);
        Map<String, Object> row = issue(issue);
        assertThat(((Number) row.get("times_seen")).longValue()).isEqualTo(3);
        assertThat(((Number) row.get("user_count")).longValue()).isEqualTo(2);
        assertThat(((Number) row.get("first_seen")).longValue()).isEqualTo(t0.toEpochMilli());
        assertThat(((Number) row.get("last_seen")).longValue()).isEqualTo(t0.plus(Duration.ofHours(2)).toEpochMilli());
        assertThat(row.get("first_release")).isEqualTo("app@1.0.0");
        assertThat(row.get("last_release")).isEqualTo("app@1.1.0");
        assertThat(row.get("status")).isEqualTo("unresolved");
        assertThat(row.get("substatus")).isEqualTo("new");
        assertThat(db.sql("SELECT times_seen FROM issue_tags WHERE issue_id = ? AND key = 'browser' AND value = 'Chrome'")
                .param(issue).query(Long.class).single()).isEqualTo(2);
        assertThat(db.sql("SELECT SUM(events) FROM issue_hourly WHERE issue_id = ?").param(issue).query(Long.class).single())
                .isEqualTo(3);
        assertThat(db.sql("SELECT COUNT(*) FROM issue_hourly WHERE issue_id = ?").param(issue).query(Long.class).single())
                .isEqualTo(2);
        assertThat(signals(issue)).containsExactly("issue.new");
        assertThat(db.sql("SELECT new_issues FROM release_projects rp JOIN releases r ON r.id = rp.release_id "
                + "WHERE r.version = 'app@1.0.0' AND rp.project_id = ?").param(projectId).query(Long.class).single()).isEqualTo(2);
        assertThat(db.sql("SELECT name FROM environments WHERE project_id = ?").param(projectId).query(String.class).list())
                .containsExactly("production");
        assertThat(db.sql("SELECT short_number FROM issues WHERE project_id = ? ORDER BY short_number").param(projectId)
                .query(Long.class).list()).containsExactly(1L, 2L);
    }

    /**
     * The releases and environments a batch names are written through their owners (releases,
     * accounts) in the batch's one transaction: a batch that fails after its last write leaves
     * none of them behind, as it leaves no event.
     */
    @Test
    void aBatchThatFailsLeavesNoReleaseOrEnvironmentBehind() {
        Transactions failing = new Transactions(new JdbcTransactionManager(dataSource), dialect) {
            @Override
            public <T> T write(java.util.function.Supplier<T> work) {
                return super.write(() -> {
                    work.get();
                    throw new IllegalStateException("the batch fails after its last write");
                });
            }
        };
        DigestStore failingStore = new DigestStore(db, dataSource, failing, dialect, clock, signalBus, new ReleasesSeen(db, dataSource, dialect),
                new EnvironmentsSeen(db));
        String environments = "SELECT COUNT(*) FROM environments WHERE project_id = ?";
        long before = db.sql(environments).param(projectId).query(Long.class).single();
        DigestItem item = event("rolled-back", "app@9.9.9-" + UUID.randomUUID(), "ana", clock.instant(), Map.of());

        assertThatThrownBy(() -> failingStore.write(List.of(item))).hasMessageContaining("fails after its last write");

        assertThat(db.sql("SELECT COUNT(*) FROM releases WHERE org_id = ? AND version = ?").params(orgId, item.release())
                .query(Long.class).single()).isZero();
        assertThat(db.sql(environments).param(projectId).query(Long.class).single()).isEqualTo(before);
        assertThat(db.sql("SELECT COUNT(*) FROM events WHERE event_id = ?").param(item.eventId()).query(Long.class).single())
                .isZero();
        store.write(List.of(item));
        assertThat(db.sql("SELECT COUNT(*) FROM releases WHERE org_id = ? AND version = ?").params(orgId, item.release())
                .query(Long.class).single()).as("the same batch, not failing").isEqualTo(1);
        assertThat(db.sql(environments).param(projectId).query(Long.class).single()).isEqualTo(before + (before == 0 ? 1 : 0));
    }

    @Test
    void aRepeatedEventIdIsStoredOnce() throws Exception {
        DigestItem once = event("dup", null, null, clock.instant(), Map.of());
        write(once, once);
        write(once);
        assertThat(issue(issueOf("dup")).get("times_seen")).isIn(1, 1L);
        assertThat(db.sql("SELECT COUNT(*) FROM events WHERE project_id = ?").param(projectId).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void anEventMatchingAnOldHashJoinsItsIssueAndAttachesTheNewHash() throws Exception {
        write(event("old-strategy-hash", null, null, clock.instant(), Map.of()));
        DigestItem newer = event("new-strategy-hash", null, null, clock.instant(), Map.of());
        DigestItem both = new DigestItem(newer.orgId(), newer.projectId(), newer.eventId(), newer.type(), newer.timestamp(),
                newer.received(), newer.level(), newer.platform(), newer.release(), newer.environment(), newer.title(),
                newer.culprit(), newer.metadataJson(), "bugmaster:next", List.of("new-strategy-hash", "old-strategy-hash"),
                newer.tags(), null, newer.payload());
        write(both);
        assertThat(issueOf("new-strategy-hash")).isEqualTo(issueOf("old-strategy-hash"));
    }

    @Test
    void aResolvedIssueRegressesOnANewEventAndRaisesASignal() throws Exception {
        write(event("reg", "app@1.0.0", null, clock.instant(), Map.of()));
        long issue = issueOf("reg");
        db.sql("UPDATE issues SET status = 'resolved', substatus = NULL WHERE id = ?").param(issue).update();
        write(event("reg", "app@1.0.0", null, clock.instant(), Map.of()));
        assertThat(issue(issue).get("status")).isEqualTo("unresolved");
        assertThat(issue(issue).get("substatus")).isEqualTo("regressed");
        assertThat(signals(issue)).containsExactly("issue.new", "issue.regression");
    }

    long releaseCounter(String version, String column) {
        return db.sql("SELECT rp." + column + " FROM release_projects rp JOIN releases r ON r.id = rp.release_id"
                + " WHERE r.org_id = ? AND r.version = ? AND rp.project_id = ?").params(orgId, version, projectId)
                .query(Long.class).optional().orElse(-1L);
    }

    @Test
    void aRegressionCountsAgainstTheReleaseOfTheEventThatRegressedTheIssue() throws Exception {
        write(event("rel-a", "app@2.0.0", null, clock.instant(), Map.of()),
                event("rel-b", "app@2.0.0", null, clock.instant(), Map.of()));
        db.sql("UPDATE issues SET status = 'resolved', substatus = NULL WHERE id IN (?, ?)")
                .params(issueOf("rel-a"), issueOf("rel-b")).update();
        // Both regress on events of 2.0.1. (The items of one submit may land in different batches,
        // so the test does not rely on which of two events of an issue a batch sees as newest.)
        write(event("rel-a", "app@2.0.1", null, clock.instant(), Map.of()),
                event("rel-b", "app@2.0.1", null, clock.instant(), Map.of()));
        assertThat(releaseCounter("app@2.0.1", "regressions")).isEqualTo(2);
        assertThat(releaseCounter("app@2.0.1", "new_issues")).isZero();
        assertThat(releaseCounter("app@2.0.0", "regressions")).isZero();
        assertThat(releaseCounter("app@2.0.0", "new_issues")).isEqualTo(2);
        // More events of an issue that is already unresolved are no regression.
        write(event("rel-a", "app@2.0.1", null, clock.instant(), Map.of()));
        assertThat(releaseCounter("app@2.0.1", "regressions")).isEqualTo(2);
        // A regression on an event without a release counts nowhere.
        db.sql("UPDATE issues SET status = 'resolved', substatus = NULL WHERE id = ?").param(issueOf("rel-b")).update();
        write(event("rel-b", null, null, clock.instant(), Map.of()));
        assertThat(issue(issueOf("rel-b")).get("substatus")).isEqualTo("regressed");
        assertThat(releaseCounter("app@2.0.1", "regressions")).isEqualTo(2);
    }

    @Test
    void resolvedInNextReleaseIgnoresTheOldReleaseAndRegressesOnANewerOne() throws Exception {
        write(event("next", "app@1.0.0", null, clock.instant(), Map.of()));
        long issue = issueOf("next");
        db.sql("UPDATE issues SET status = 'resolved', status_details = ? WHERE id = ?")
                .params("{\"inNextRelease\":true,\"resolvedAfter\":\"app@1.0.0\"}", issue).update();
        write(event("next", "app@1.0.0", null, clock.instant(), Map.of()), event("next", null, null, clock.instant(), Map.of()));
        assertThat(issue(issue).get("status")).isEqualTo("resolved");
        write(event("next", "app@1.0.1", null, clock.instant(), Map.of()));
        assertThat(issue(issue).get("status")).isEqualTo("unresolved");
        assertThat(signals(issue)).containsExactly("issue.new", "issue.regression");
    }

    @Test
    void anIssueIgnoredUntilTenMoreEventsWakesUpOnTheTenth() throws Exception {
        write(event("snooze", null, null, clock.instant(), Map.of()));
        long issue = issueOf("snooze");
        db.sql("UPDATE issues SET status = 'ignored', status_details = ? WHERE id = ?")
                .params("{\"ignoreCount\":10,\"baseTimesSeen\":1}", issue).update();
        for (int i = 0; i < 9; i++) {
            write(event("snooze", null, null, clock.instant(), Map.of()));
        }
        assertThat(issue(issue).get("status")).isEqualTo("ignored");
        write(event("snooze", null, null, clock.instant(), Map.of()));
        assertThat(issue(issue).get("status")).isEqualTo("unresolved");
        assertThat(signals(issue)).containsExactly("issue.new", "issue.snooze_expired");
    }

    @Test
    void transactionsAreStoredWithoutAnIssue() throws Exception {
        DigestItem e = event("tx", null, null, clock.instant(), Map.of());
        write(new DigestItem(e.orgId(), e.projectId(), e.eventId(), DigestItem.EventType.TRANSACTION, e.timestamp(), e.received(),
                "info", "java", null, "production", "GET /checkout", null, "{}", "none", List.of(), List.of(), null,
                e.payload()));
        assertThat(db.sql("SELECT COUNT(*) FROM events WHERE project_id = ? AND type = 'transaction' AND issue_id IS NULL")
                .param(projectId).query(Long.class).single()).isEqualTo(1);
        assertThat(db.sql("SELECT COUNT(*) FROM issues WHERE project_id = ?").param(projectId).query(Long.class).single()).isZero();
    }

    @Test
    void manyConcurrentRequestsAreAllWrittenInFewBatches() throws Exception {
        List<CompletableFuture<List<DigestItem>>> acks = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            acks.add(digester.submit(List.of(event("bulk-" + (i % 7), "app@2.0.0", "u" + (i % 50), clock.instant(), Map.of("i", "x")))));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(db.sql("SELECT SUM(times_seen) FROM issues WHERE project_id = ?").param(projectId).query(Long.class).single())
                .isEqualTo(2000);
        assertThat(db.sql("SELECT COUNT(*) FROM issues WHERE project_id = ?").param(projectId).query(Long.class).single())
                .isEqualTo(7);
    }

    @Test
    void aFullQueueRefusesAtOnceInsteadOfGrowing() {
        Digester tiny = new Digester(store, new SimpleMeterRegistry(), 2, 10);
        assertThatThrownBy(() -> tiny.submit(List.of(event("q", null, null, clock.instant(), Map.of()))))
                .isInstanceOf(QueueFullException.class);
        tiny.start();
        try {
            List<DigestItem> three = List.of(event("q", null, null, clock.instant(), Map.of()),
                    event("q", null, null, clock.instant(), Map.of()), event("q", null, null, clock.instant(), Map.of()));
            assertThatThrownBy(() -> tiny.submit(three)).isInstanceOf(QueueFullException.class)
                    .satisfies(e -> assertThat(((QueueFullException) e).retryAfterSeconds()).isPositive());
        } finally {
            tiny.stop();
        }
    }

    @Test
    void theCommitSaysWhichEventsWereWrittenAndWhichWereDuplicates() throws Exception {
        DigestItem first = event("dup", null, null, clock.instant(), Map.of());
        DigestItem again = new DigestItem(orgId, projectId, first.eventId(), DigestItem.EventType.ERROR, first.timestamp(),
                first.received(), "error", "java", null, "production", "Boom: dup", null, "{}", "bugmaster:2026-11",
                List.of("dup"), List.of(), null, new byte[] {4});
        DigestItem other = event("dup", null, null, clock.instant(), Map.of());
        assertThat(digester.submit(List.of(first)).get(10, TimeUnit.SECONDS)).containsExactly(first);
        assertThat(digester.submit(List.of(again, other)).get(10, TimeUnit.SECONDS)).containsExactly(other);
        DigestItem one = event("dup", null, null, clock.instant(), Map.of());
        DigestItem sameId = new DigestItem(orgId, projectId, one.eventId(), DigestItem.EventType.ERROR, one.timestamp(),
                one.received(), "error", "java", null, "production", "Boom: dup", null, "{}", "bugmaster:2026-11",
                List.of("dup"), List.of(), null, new byte[] {5});
        assertThat(digester.submit(List.of(one, sameId)).get(10, TimeUnit.SECONDS)).containsExactly(one);
        assertThat(db.sql("SELECT COUNT(*) FROM events WHERE project_id = ?").param(projectId).query(Long.class).single())
                .isEqualTo(3);
    }
}
