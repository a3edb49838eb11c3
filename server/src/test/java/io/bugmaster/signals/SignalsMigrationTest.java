package io.bugmaster.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.common.Subject;
import io.bugmaster.storage.Dialect;
import io.bugmaster.storage.Transactions;
import io.bugmaster.testing.PostgresTestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * V27 on an outbox written by the versions before it: every signal, handled or not, becomes a
 * signal with its id, time, kind and body, under its organization and subject; alerting goes on
 * from the first signal it had not handled, so an upgrade loses no queued signal and handles none
 * twice; the weekly report still finds the past week's regressions; new signals come after.
 */
class SignalsMigrationTest {
    static final long NOW = 1_800_000_000_000L;

    @Test
    void onSqlite(@TempDir Path dir) throws Exception {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + Files.createDirectories(dir).resolve("bugmaster.db"));
        keepsEveryQueuedSignal(ds, Dialect.SQLITE);
    }

    @Test
    void onPostgres() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(PostgresTestDatabase.newDatabaseUrl());
        keepsEveryQueuedSignal(ds, Dialect.POSTGRESQL);
    }

    void keepsEveryQueuedSignal(DataSource ds, Dialect dialect) {
        flyway(ds, dialect).target("26?").load().migrate();
        JdbcClient db = JdbcClient.create(ds);
        db.sql("INSERT INTO organizations (id, slug, name, created_at) VALUES (1, 'acme', 'Acme', ?), (2, 'other', 'Other', ?)")
                .params(NOW, NOW).update();
        db.sql("INSERT INTO projects (id, org_id, slug, name, created_at) VALUES (1, 1, 'shop', 'Shop', ?), (2, 2, 'app', 'App', ?)")
                .params(NOW, NOW).update();
        String issue = """
                INSERT INTO issues (id, project_id, short_number, type, title, level, metadata, status, first_seen, last_seen,
                  times_seen, user_count, grouping_strategy, created_at)
                VALUES (?, ?, ?, 'error', 'Boom', 'error', '{}', 'unresolved', ?, ?, 1, 0, 'v1', ?)""";
        db.sql(issue).params(41, 1, 1, NOW, NOW, NOW).update();
        db.sql(issue).params(42, 1, 2, NOW, NOW, NOW).update();
        db.sql(issue).params(43, 2, 1, NOW, NOW, NOW).update();
        long day = Duration.ofDays(1).toMillis();
        // handled long ago (the weekly report's history), handled, and three still queued for alerting
        outbox(db, 10, "issue.new", 1, 41L, "{\"issueId\":41,\"environment\":\"production\"}", NOW - 6 * day, NOW - 6 * day);
        outbox(db, 11, "issue.regression", 1, 41L, "{\"issueId\":41,\"release\":\"shop@1.2\"}", NOW - 2 * day, NOW - 2 * day);
        outbox(db, 12, "issue.new", 1, 42L, "{\"issueId\":42}", NOW - 10, null);
        outbox(db, 13, "issue.new", 2, 43L, "{\"issueId\":43}", NOW - 5, null);
        outbox(db, 14, "issue.resolved", 1, 41L, "{\"issueId\":41,\"actor\":\"jane@example.com\"}", NOW, null);

        flyway(ds, dialect).load().migrate();

        assertThat(db.sql("SELECT id, org_id, subject, kind, body, created_at, tx_id FROM signals ORDER BY id").query().listOfRows())
                .extracting(r -> r.get("id") + " " + r.get("org_id") + " " + r.get("subject") + " " + r.get("kind") + " "
                        + r.get("body") + " " + r.get("created_at") + " " + r.get("tx_id"))
                .containsExactly(
                        "10 1 issue:41 issue.new {\"issueId\":41,\"environment\":\"production\"} " + (NOW - 6 * day) + " 0",
                        "11 1 issue:41 issue.regression {\"issueId\":41,\"release\":\"shop@1.2\"} " + (NOW - 2 * day) + " 0",
                        "12 1 issue:42 issue.new {\"issueId\":42} " + (NOW - 10) + " 0",
                        "13 2 issue:43 issue.new {\"issueId\":43} " + (NOW - 5) + " 0",
                        "14 1 issue:41 issue.resolved {\"issueId\":41,\"actor\":\"jane@example.com\"} " + NOW + " 0");

        Transactions tx = new Transactions(new DataSourceTransactionManager(ds), dialect);
        SignalStore store = new SignalStore(db, ds, dialect);
        Signals signals = new Signals(store);
        Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
        Recorder alerting = new Recorder("alerting");
        SignalsModule module = new SignalsModule(store, SignalConsumers.of(alerting), tx, clock,
                new SignalProperties(Duration.ofDays(30)), new SimpleMeterRegistry());
        module.afterSingletonsInstantiated(); // its cursor came with the migration: kept, not moved to the end

        // a signal raised after the upgrade comes after the copied ones
        tx.write(() -> signals.raise(new NewSignal(1, Subject.issue(42), "issue.regression", Map.of("issueId", 42)),
                Instant.ofEpochMilli(NOW + 1)));
        module.consume(alerting, clock.instant());

        assertThat(alerting.seen).extracting(s -> s.id() + " " + s.kind() + " " + s.subject() + " org " + s.orgId())
                .as("what alerting had not handled, then the new one; nothing handled twice")
                .containsExactly("12 issue.new issue:42 org 1", "13 issue.new issue:43 org 2", "14 issue.resolved issue:41 org 1",
                        "15 issue.regression issue:42 org 1");
        assertThat(alerting.seen.get(2).text("actor")).isEqualTo("jane@example.com");
        assertThat(signals.raised(1, "issue.regression", Instant.ofEpochMilli(NOW - 7 * day), Instant.ofEpochMilli(NOW)))
                .as("the weekly report's look back").containsExactly(Subject.issue(41));
        assertThat(db.sql("SELECT COUNT(*) FROM signals").query(Long.class).single()).isEqualTo(6);
    }

    @Test
    void aFreshDatabaseStartsAlertingAtTheBeginning(@TempDir Path dir) {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("fresh.db"));
        flyway(ds, Dialect.SQLITE).load().migrate();
        assertThat(JdbcClient.create(ds).sql("SELECT consumer || ' ' || tx_id || ' ' || signal_id FROM signal_cursors")
                .query(String.class).list()).containsExactly("alerting 0 0");
    }

    static final class Recorder implements SignalConsumer {
        final String name;
        final List<Signal> seen = new ArrayList<>();

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void handle(List<Signal> signals, Instant now) {
            seen.addAll(signals);
        }
    }

    private static void outbox(JdbcClient db, long id, String topic, long projectId, Long issueId, String payload, long createdAt,
            Long processedAt) {
        db.sql("INSERT INTO outbox (id, topic, project_id, issue_id, payload, created_at, processed_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, topic, projectId, issueId, payload, createdAt, processedAt).update();
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource ds, Dialect dialect) {
        return Flyway.configure().dataSource(ds).locations(dialect.migrationLocation());
    }
}
