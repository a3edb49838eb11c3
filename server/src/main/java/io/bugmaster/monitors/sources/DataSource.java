package io.bugmaster.monitors.sources;

import java.time.Instant;

/**
 * A read-only connection to a team's own database or Prometheus, as stored: {@code url} is a JDBC URL
 * ({@code jdbc:postgresql://replica:5432/shop}, {@code jdbc:mysql://...}, {@code jdbc:sqlite:/path})
 * or the Prometheus API's base URL; {@code hasSecret}: a password (or bearer token) is stored,
 * encrypted; it is read only through {@link DataSources#secret}. {@code checkedAt} / {@code checkError}:
 * the last connection test and what it found (null: it worked).
 */
public record DataSource(long id, long orgId, String name, DataSourceKind kind, String url, String username, boolean hasSecret,
        Instant checkedAt, String checkError, Instant createdAt, Instant updatedAt) {}
