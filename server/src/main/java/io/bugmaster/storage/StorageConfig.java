package io.bugmaster.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.bugmaster.BugmasterProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The data source (SQLite in the data dir unless BUGMASTER_DATABASE_URL is set) and its migrations. */
@Configuration(proxyBeanMethods = false)
public class StorageConfig {
    private static final Logger log = LoggerFactory.getLogger(StorageConfig.class);

    @Bean
    DatabaseUrl databaseUrl(BugmasterProperties props) throws IOException {
        if (props.databaseUrl() != null && !props.databaseUrl().isBlank()) {
            return DatabaseUrl.parse(props.databaseUrl());
        }
        Path dir = props.dataDir().toAbsolutePath().normalize();
        Files.createDirectories(dir);
        return new DatabaseUrl("jdbc:sqlite:" + dir.resolve("bugmaster.db"), null, null);
    }

    @Bean
    Dialect dialect(DatabaseUrl url) {
        return Dialect.ofJdbcUrl(url.jdbcUrl());
    }

    /** Only on SQLite: one process per data dir. */
    @Bean(destroyMethod = "close")
    InstanceLock instanceLock(DatabaseUrl url, Dialect dialect, BugmasterProperties props) {
        return dialect == Dialect.SQLITE ? InstanceLock.acquire(sqliteFolder(url)) : InstanceLock.none();
    }

    private static Path sqliteFolder(DatabaseUrl url) {
        String file = url.jdbcUrl().substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", "");
        Path parent = Path.of(file).toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseUrl url, Dialect dialect, BugmasterProperties props, InstanceLock lock) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bugmaster");
        config.setMaximumPoolSize(props.databasePoolSize());
        if (dialect == Dialect.SQLITE) {
            SQLiteConfig sqlite = new SQLiteConfig();
            sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            sqlite.enforceForeignKeys(true);
            sqlite.setBusyTimeout(10_000);
            // A transaction takes the write lock when it begins, so its snapshot is never overtaken by a write made
            // on another connection outside Transactions.write (a single auto-commit statement): that writer waits
            // (busy timeout) instead of the transaction failing with SQLITE_BUSY_SNAPSHOT at its first write.
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            SQLiteDataSource ds = new SQLiteDataSource(sqlite);
            ds.setUrl(url.jdbcUrl());
            config.setDataSource(ds);
        } else {
            config.setJdbcUrl(url.jdbcUrl());
            config.setUsername(url.username());
            config.setPassword(url.password());
        }
        log.info("database: {} ({})", DatabaseUrl.redact(url.jdbcUrl()), dialect);
        return new HikariDataSource(config);
    }

    /** Runs the dialect's migrations before anything else touches the database. */
    @Bean
    Flyway flyway(DataSource dataSource, Dialect dialect) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect.migrationLocation())
                .load();
        flyway.migrate();
        return flyway;
    }

    @Bean
    JdbcClient jdbcClient(DataSource dataSource, Flyway migrated) {
        return JdbcClient.create(dataSource);
    }

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }
}
