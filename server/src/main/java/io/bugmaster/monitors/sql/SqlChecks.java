package io.bugmaster.monitors.sql;

import io.bugmaster.monitors.CheckResult;
import io.bugmaster.monitors.SqlCheck;
import io.bugmaster.monitors.sources.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One run of an SQL check on a data source: connect ({@link ReplicaConnections}), run the query
 * ({@link ReadOnlyQuery}), judge it ({@link SqlOutcomes}). Whatever goes wrong becomes an error
 * result in the database's words; nothing is thrown.
 */
final class SqlChecks {
    private final ReplicaConnections connections;
    private final Duration timeout;
    private final Clock clock;

    SqlChecks(ReplicaConnections connections, Duration timeout, Clock clock) {
        this.connections = connections;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The result, and why the data source could not be reached (null: it could). */
    record Ran(CheckResult result, String connectError) {}

    Ran run(DataSource ds, String secret, SqlCheck check) {
        Instant started = clock.instant();
        try (Connection c = connections.open(ds, secret, ReplicaConnections.CONNECT_TIMEOUT, timeout.plusSeconds(10))) {
            QueryOutput out;
            try {
                out = ReadOnlyQuery.run(c, ds.kind(), check.query(), timeout);
            } catch (ReadOnlyQuery.TimedOut e) {
                return new Ran(SqlOutcomes.error(SqlOutcomes.timedOut(timeout), elapsed(started)), null);
            } catch (SQLException e) {
                return new Ran(SqlOutcomes.error(SqlOutcomes.queryFailed(SqlMessages.of(e)), elapsed(started)), null);
            }
            return new Ran(SqlOutcomes.of(check, out, elapsed(started)), null);
        } catch (ReplicaConnections.CannotConnect e) {
            return new Ran(SqlOutcomes.error(e.getMessage(), elapsed(started)), e.getMessage());
        } catch (SQLException closing) {
            // the query's result is in; a connection that fails to close changes nothing about it
            return new Ran(SqlOutcomes.error(SqlOutcomes.queryFailed(SqlMessages.of(closing)), elapsed(started)), null);
        }
    }

    private long elapsed(Instant started) {
        return Math.max(0, Duration.between(started, clock.instant()).toMillis());
    }
}
