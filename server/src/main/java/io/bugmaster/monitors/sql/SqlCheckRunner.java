package io.bugmaster.monitors.sql;

import io.bugmaster.monitors.CheckResult;
import io.bugmaster.monitors.CheckRunner;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.SqlCheck;
import io.bugmaster.monitors.sources.DataSource;
import io.bugmaster.monitors.sources.DataSources;
import io.bugmaster.monitors.sources.SqlSourceProperties;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Runs SQL monitors: the monitor's query on its organization's data source, on a fresh read-only
 * connection ({@link ReplicaConnections}), in a read-only transaction with a statement timeout and a
 * row cap ({@link ReadOnlyQuery}). A query that could not run (no connection, a syntax error, a
 * timeout) is an error result with the database's words, never "no rows". The data source keeps
 * whether its last connection worked.
 */
@Component
class SqlCheckRunner implements CheckRunner {
    private final DataSources dataSources;
    private final ReplicaConnections connections;
    private final Duration timeout;
    private final Clock clock;

    SqlCheckRunner(DataSources dataSources, ReplicaConnections connections, SqlSourceProperties props, Clock clock) {
        this.dataSources = dataSources;
        this.connections = connections;
        this.timeout = props.sqlMonitorTimeout();
        this.clock = clock;
    }

    @Override
    public MonitorKind kind() {
        return MonitorKind.SQL;
    }

    @Override
    public CheckResult run(Monitor monitor, Instant now) {
        SqlCheck check = monitor.config().sql();
        Instant started = clock.instant();
        Optional<DataSource> found = dataSources.find(monitor.orgId(), check.dataSourceId());
        if (found.isEmpty() || !found.get().kind().sql()) {
            return SqlOutcomes.error("the monitor's data source " + check.dataSourceId() + " is gone", 0);
        }
        DataSource ds = found.get();
        String secret = dataSources.secret(ds).orElse(null);
        try (Connection c = connections.open(ds, secret, ReplicaConnections.CONNECT_TIMEOUT, timeout.plusSeconds(10))) {
            dataSources.checked(ds, null);
            QueryOutput out = ReadOnlyQuery.run(c, ds.kind(), check.query(), timeout);
            return SqlOutcomes.of(check, out, elapsed(started));
        } catch (ReplicaConnections.CannotConnect e) {
            dataSources.checked(ds, e.getMessage());
            return SqlOutcomes.error(e.getMessage(), elapsed(started));
        } catch (ReadOnlyQuery.TimedOut e) {
            return SqlOutcomes.error(SqlOutcomes.timedOut(timeout), elapsed(started));
        } catch (SQLException e) {
            return SqlOutcomes.error(SqlOutcomes.queryFailed(SqlMessages.of(e)), elapsed(started));
        }
    }

    private long elapsed(Instant started) {
        return Math.max(0, Duration.between(started, clock.instant()).toMillis());
    }
}
