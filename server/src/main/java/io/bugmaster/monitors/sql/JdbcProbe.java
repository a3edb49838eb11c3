package io.bugmaster.monitors.sql;

import io.bugmaster.monitors.sources.DataSource;
import io.bugmaster.monitors.sources.DataSourceKind;
import io.bugmaster.monitors.sources.DataSourceProbe;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** "Test connection" for the databases: connects as a monitor would and runs {@code SELECT 1}, within {@value #SECONDS} s each. */
@Component
class JdbcProbe implements DataSourceProbe {
    static final int SECONDS = 5;
    private final ReplicaConnections connections;

    JdbcProbe(ReplicaConnections connections) {
        this.connections = connections;
    }

    @Override
    public boolean handles(DataSourceKind kind) {
        return kind.sql();
    }

    @Override
    public Optional<String> probe(DataSource source, String secret) {
        Duration limit = Duration.ofSeconds(SECONDS);
        try (Connection c = connections.open(source, secret, limit, limit.multipliedBy(2))) {
            ReadOnlyQuery.run(c, source.kind(), "SELECT 1", limit);
            return Optional.empty();
        } catch (ReplicaConnections.CannotConnect e) {
            return Optional.of(e.getMessage());
        } catch (ReadOnlyQuery.TimedOut e) {
            return Optional.of("connected, but SELECT 1 did not answer within " + SECONDS + " s");
        } catch (SQLException e) {
            return Optional.of("connected, but SELECT 1 failed: " + SqlMessages.of(e));
        }
    }
}
