package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.Poll;
import io.bugmaster.testing.PostgresTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * On PostgreSQL, an event that joins an issue while the issue is being deleted (another node's
 * digester commits it meanwhile) goes with the issue, and so do its attachments: the deletion
 * locks the issue before it lists the events.
 */
@ContextConfiguration(initializers = PostgresTestDatabase.class)
class IssueDeletionRacePostgresTest extends IntegrationTest {
    @Autowired ProjectService projects;
    @Autowired IngestStore ingestStore;
    @Autowired JdbcClient db;
    @Autowired DataSource dataSource;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anEventThatJoinsTheIssueDuringItsDeletionLosesItsAttachmentsWithIt() throws Exception {
        Tenant tenant = newTenant();
        String slug = unique("p");
        long projectId = projects.create(tenant.owner(), tenant.org().slug(), tenant.org().slug(), "App", slug, "java").project().id();
        ProjectKey key = projects.listKeys(tenant.owner(), tenant.org().slug(), slug).get(0);
        String first = IngestContract.newId();
        String envelope = "{\"event_id\":\"" + first + "\"}\n{\"type\":\"event\"}\n"
                + IngestContract.exception("Noisy", "1").replace("$ID", first).replace("\n", "") + "\n";
        assertThat(http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/envelope/"))
                .header("X-Sentry-Auth", "Sentry sentry_version=7,sentry_client=test/1.0,sentry_key=" + key.publicKey())
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        long issueId = db.sql("SELECT issue_id FROM events WHERE project_id = ? AND event_id = ?").params(projectId, first)
                .query(Long.class).single();

        // the attachment of an event that another node is storing into the issue, not committed yet
        String joining = IngestContract.newId();
        ingestStore.write(projectId, new IngestStore.SideItems(List.of(new IngestStore.Attachment(joining, "late.log", null, null,
                new byte[1_234])), List.of(), List.of(), List.of()), clock.instant(), 1_000_000);
        assertThat(ingestStore.attachmentBytes(projectId)).isEqualTo(1_234);
        try (Connection otherNode = dataSource.getConnection()) {
            otherNode.setAutoCommit(false);
            try (PreparedStatement insert = otherNode.prepareStatement("""
                    INSERT INTO events (project_id, issue_id, event_id, type, occurred_at, received_at, payload)
                    VALUES (?, ?, ?, 'error', ?, ?, ?)""")) {
                long now = Instant.now(clock).toEpochMilli();
                insert.setLong(1, projectId);
                insert.setLong(2, issueId);
                insert.setString(3, joining);
                insert.setLong(4, now);
                insert.setLong(5, now);
                insert.setBytes(6, new byte[] {0});
                insert.executeUpdate();
            }

            CompletableFuture<HttpResponse<String>> deleting = http.sendAsync(HttpRequest.newBuilder(
                            URI.create(baseUrl() + "/api/0/issues/" + issueId + "/")).DELETE()
                    .header("Authorization", "Bearer " + tenant.ownerToken()).build(), HttpResponse.BodyHandlers.ofString());
            waitUntilADeletionWaitsForALock(deleting);
            otherNode.commit();
            assertThat(deleting.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        }
        assertThat(db.sql("SELECT COUNT(*) FROM events WHERE project_id = ?").param(projectId).query(Long.class).single()).isZero();
        assertThat(db.sql("SELECT COUNT(*) FROM attachments WHERE project_id = ?").param(projectId).query(Long.class).single())
                .isZero();
        assertThat(ingestStore.attachmentBytes(projectId)).isZero();
    }

    private void waitUntilADeletionWaitsForALock(CompletableFuture<?> deleting) {
        Poll.until(Duration.ofSeconds(60), "the deletion waiting for the other node's lock", () -> {
            assertThat(deleting).as("the deletion waits for the other node's transaction").isNotDone();
            return db.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                    .query(Long.class).single();
        }, waiting -> waiting > 0);
    }
}
