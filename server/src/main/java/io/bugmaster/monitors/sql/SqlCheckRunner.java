package io.bugmaster.monitors.sql;

import io.bugmaster.monitors.CheckResult;
import io.bugmaster.monitors.CheckRunner;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.SqlCheck;
import io.bugmaster.monitors.sources.DataSource;
import io.bugmaster.monitors.sources.DataSources;
import io.bugmaster.monitors.sources.SqlSourceProperties;
import java.time.Clock;
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
    private final SqlChecks checks;

    SqlCheckRunner(DataSources dataSources, ReplicaConnections connections, SqlSourceProperties props, Clock clock) {
        this.dataSources = dataSources;
        this.checks = new SqlChecks(connections, props.sqlMonitorTimeout(), clock);
    }

    @Override
    public MonitorKind kind() {
        return MonitorKind.SQL;
    }

    @Override
    public CheckResult run(Monitor monitor, Instant now) {
        SqlCheck check = monitor.config().sql();
        Optional<DataSource> found = dataSources.find(monitor.orgId(), check.dataSourceId()).filter(ds -> ds.kind().sql());
        if (found.isEmpty()) {
            return SqlOutcomes.error("the monitor's data source " + check.dataSourceId() + " is gone", 0);
        }
        DataSource ds = found.get();
        SqlChecks.Ran ran = checks.run(ds, dataSources.secret(ds).orElse(null), check);
        dataSources.checked(ds, ran.connectError());
        return ran.result();
    }
}
