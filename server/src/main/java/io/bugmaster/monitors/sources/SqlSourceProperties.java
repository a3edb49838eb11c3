package io.bugmaster.monitors.sources;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SQL monitors' settings, bound from {@code BUGMASTER_*} variables; documented in docs/configuration.md
 * (Monitors).
 *
 * @param sqlMonitorTimeout how long one SQL monitor's query may run (the database's statement timeout,
 *        and a cancel from here when it does not keep it); connecting has at most 10 s of it
 * @param sqliteSourcesDir the directory whose SQLite files organizations may query; unset: SQLite data
 *        sources are off (a file path on this server could otherwise name any file Bugmaster can read,
 *        its own database included)
 */
@ConfigurationProperties(prefix = "bugmaster")
public record SqlSourceProperties(@DefaultValue("30s") Duration sqlMonitorTimeout, Path sqliteSourcesDir) {
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    public SqlSourceProperties {
        if (sqlMonitorTimeout.compareTo(Duration.ofSeconds(1)) < 0 || sqlMonitorTimeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("BUGMASTER_SQL_MONITOR_TIMEOUT must be from 1s to 5m, got: " + sqlMonitorTimeout);
        }
        if (sqliteSourcesDir != null && !sqliteSourcesDir.isAbsolute()) {
            throw new IllegalArgumentException("BUGMASTER_SQLITE_SOURCES_DIR must be an absolute path, got: " + sqliteSourcesDir);
        }
    }
}
