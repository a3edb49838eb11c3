package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The running server's request threads: BUGMASTER_HTTP_THREADS, 64 by default rather than Tomcat's
 * 200, because every thread that compressed an event keeps native zlib memory (docs/operations.md#memory).
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class ServerThreadsSqliteTest extends IntegrationTest {
    @Autowired
    ServletWebServerApplicationContext context;

    @Test
    void theServerServesRequestsWithAtMost64Threads() {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        Object executor = server.getTomcat().getConnector().getProtocolHandler().getExecutor();
        assertThat(executor).isInstanceOfSatisfying(ThreadPoolExecutor.class,
                pool -> assertThat(pool.getMaximumPoolSize()).isEqualTo(64));
    }
}
