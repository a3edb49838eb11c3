package io.bugmaster.monitors.sources;

import java.util.Locale;
import java.util.Optional;

/**
 * What a data source connects to: a database for SQL monitors (postgresql, mysql for MySQL and
 * MariaDB, sqlite for a database file on this server) or a Prometheus-compatible HTTP API for
 * metric monitors (prometheus).
 */
public enum DataSourceKind {
    POSTGRESQL, MYSQL, SQLITE, PROMETHEUS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean sql() {
        return this != PROMETHEUS;
    }

    public static Optional<DataSourceKind> parse(String id) {
        for (DataSourceKind k : values()) {
            if (k.id().equals(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
