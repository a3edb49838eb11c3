package io.bugmaster.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.common.Subject;
import io.bugmaster.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class SignalsPostgresTest extends SignalsContract {
    @Autowired DataSource dataSource;

    /**
     * On PostgreSQL a signal's id is taken when it is inserted and seen when its transaction
     * commits: a transaction that inserted first (smaller id) may commit after one that inserted
     * later. A cursor that went by ids alone would pass the first and never read it.
     */
    @Test
    void aSignalCommittedAfterALaterOneIsStillRead() throws Exception {
        Recorder recorder = new Recorder();
        SignalsModule bus = bus(recorder);
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            try (PreparedStatement insert = slow.prepareStatement(
                    "INSERT INTO signals (org_id, subject, kind, body, created_at) VALUES (?, 'test:slow', 'test.slow', '{}', ?)")) {
                insert.setLong(1, tenant.org().id());
                insert.setLong(2, clock.millis());
                insert.executeUpdate();
            }
            raise(new Subject("test", "fast"), "test.fast", clock.instant());
            bus.run(clock.instant());
            assertThat(recorder.kinds()).as("nothing after a transaction still open").isEmpty();
            slow.commit();
        }
        run(bus);
        assertThat(recorder.kinds()).containsExactly("test.slow test:slow", "test.fast test:fast");
        assertThat(recorder.seen.get(0).id()).isLessThan(recorder.seen.get(1).id());
    }

    /**
     * PostgreSQL's transaction ids count the whole server. A transaction held open in another
     * database of the same server (a backup of another application, here a test's open write)
     * must not hold this database's signals back.
     */
    @Test
    void aTransactionOpenInAnotherDatabaseOfTheServerHoldsNothingBack() throws Exception {
        Recorder recorder = new Recorder();
        SignalsModule bus = bus(recorder);
        try (Connection other = DriverManager.getConnection(PostgresTestDatabase.newDatabaseUrl())) {
            other.setAutoCommit(false);
            try (PreparedStatement write = other.prepareStatement("SELECT pg_current_xact_id()")) {
                write.executeQuery().close(); // the other database's transaction now has an id, older than the signal's
            }
            raise(new Subject("test", "meanwhile"), "test.meanwhile", clock.instant());
            run(bus);
            assertThat(recorder.kinds()).containsExactly("test.meanwhile test:meanwhile");
            other.rollback();
        }
    }
}
