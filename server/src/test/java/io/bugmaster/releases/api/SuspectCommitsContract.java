package io.bugmaster.releases.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectService;
import io.bugmaster.digest.DigestItem;
import io.bugmaster.digest.Digester;
import io.bugmaster.events.EventPayloads;
import io.bugmaster.releases.SuspectCommitService;
import io.bugmaster.testing.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Commits sent through the API, an issue written by the digester, and the suspect the API names. */
abstract class SuspectCommitsContract extends IntegrationTest {
    private static final String PAY_FRAMES = """
            {"platform":"java","exception":{"values":[{"type":"IllegalStateException","value":"card declined",
             "stacktrace":{"frames":[
               {"filename":"Thread.java","module":"java.lang.Thread","function":"run","in_app":false},
               {"filename":"Pay.java","module":"com.acme.checkout.Pay","function":"charge","lineno":42,"in_app":true}]}}]}}""";

    @Autowired ProjectService projects;
    @Autowired Digester digester;
    @Autowired JdbcClient db;
    @Autowired SuspectCommitService suspects;

    Http http;
    Tenant tenant;
    String org;
    long orgId;
    long projectId;

    @BeforeEach
    void tenant() {
        http = new Http(baseUrl());
        tenant = newTenant();
        org = tenant.org().slug();
        orgId = tenant.org().id();
        projectId = projects.create(tenant.owner(), org, org, "Shop", "shop", "java").project().id();
    }

    void release(String version, String commitsJson) {
        clock.advance(Duration.ofSeconds(1));
        var created = http.post(tenant.ownerToken(), "/api/0/organizations/" + org + "/releases/",
                "{\"version\":\"" + version + "\",\"projects\":[\"shop\"]" + (commitsJson == null ? "" : ",\"commits\":" + commitsJson) + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    static String commit(String sha, String timestamp, String email, String... paths) {
        StringBuilder files = new StringBuilder();
        for (String path : paths) {
            files.append(files.isEmpty() ? "" : ",").append("{\"path\":\"").append(path).append("\",\"type\":\"M\"}");
        }
        return "{\"id\":\"" + sha + "\",\"repository\":\"acme/shop\",\"message\":\"change " + sha + "\",\"author_name\":\"Dev "
                + sha + "\",\"author_email\":\"" + email + "\",\"timestamp\":\"" + timestamp + "\",\"patch_set\":[" + files + "]}";
    }

    long issue(String release, String payload) throws Exception {
        String hash = UUID.randomUUID().toString();
        var at = clock.instant();
        digester.submit(List.of(new DigestItem(orgId, projectId, UUID.randomUUID().toString().replace("-", ""),
                DigestItem.EventType.ERROR, at, at, "error", "java", release, "production", "IllegalStateException: card declined",
                "com.acme.checkout.Pay in charge", "{\"type\":\"IllegalStateException\"}", "test", List.of(hash), List.of(), null,
                EventPayloads.compress(payload.getBytes(StandardCharsets.UTF_8))))).get(10, TimeUnit.SECONDS);
        return db.sql("SELECT issue_id FROM issue_hashes WHERE project_id = ? AND hash = ?").params(projectId, hash)
                .query(Long.class).single();
    }

    JsonNode suspectsOf(long issueId) {
        var response = http.get(tenant.ownerToken(), "/api/0/issues/" + issueId + "/suspect-commits/");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    void theSuspectIsTheNewestCommitOfTheFirstReleaseThatTouchedAnInAppFrame() throws Exception {
        release("shop@1.0.0", "[" + String.join(",",
                commit("c3", "2026-11-20T12:00:00Z", "docs@acme.io", "README.md", "src/main/java/java/lang/Thread.java"),
                commit("c2", "2026-11-20T11:00:00Z", "ann@acme.io", "src/main/java/com/acme/checkout/Pay.java"),
                commit("c1", "2026-11-20T10:00:00Z", "bob@acme.io", "src/main/java/com/acme/checkout/Pay.java")) + "]");
        long issueId = issue("shop@1.0.0", PAY_FRAMES);

        JsonNode list = suspectsOf(issueId);
        assertThat(list.size()).isEqualTo(1);
        JsonNode suspect = list.get(0);
        assertThat(suspect.path("suspectCommitType").asString()).isEqualTo("via commit in release");
        assertThat(suspect.path("commit").path("id").asString()).isEqualTo("c2");
        assertThat(suspect.path("commit").path("message").asString()).isEqualTo("change c2");
        assertThat(suspect.path("commit").path("dateCreated").asString()).isEqualTo("2026-11-20T11:00:00Z");
        assertThat(suspect.path("commit").path("author").path("email").asString()).isEqualTo("ann@acme.io");
        assertThat(suspect.path("commit").path("repository").path("name").asString()).isEqualTo("acme/shop");
        assertThat(suspect.path("release").asString()).isEqualTo("shop@1.0.0");
        assertThat(suspect.path("path").asString()).isEqualTo("src/main/java/com/acme/checkout/Pay.java");
        assertThat(suspect.path("frame").path("module").asString()).isEqualTo("com.acme.checkout.Pay");
        assertThat(suspects.suspectCommit(issueId)).hasValueSatisfying(s -> assertThat(s.commit().key()).isEqualTo("c2"));

        assertThat(http.get(newTenant().ownerToken(), "/api/0/issues/" + issueId + "/suspect-commits/").status()).isEqualTo(404);
        assertThat(http.get(tenant.ownerToken(), "/api/0/issues/999999999/suspect-commits/").status()).isEqualTo(404);
    }

    @Test
    void aReleaseWithoutCommitsBorrowsTheNearestEarlierReleaseThatHasSome() throws Exception {
        release("shop@2.0.0", "[" + commit("d1", "2026-11-20T10:00:00Z", "ann@acme.io", "src/main/java/com/acme/checkout/Pay.java") + "]");
        release("shop@2.1.0", null);
        long issueId = issue("shop@2.1.0", PAY_FRAMES);
        JsonNode list = suspectsOf(issueId);
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).path("commit").path("id").asString()).isEqualTo("d1");
        assertThat(list.get(0).path("release").asString()).isEqualTo("shop@2.0.0");
    }

    @Test
    void noSuspectWhenNoCommitTouchedTheFramesOrTheIssueHasNoRelease() throws Exception {
        release("shop@3.0.0", "[" + commit("e1", "2026-11-20T10:00:00Z", "ann@acme.io", "src/main/java/com/acme/billing/Invoice.java") + "]");
        assertThat(suspectsOf(issue("shop@3.0.0", PAY_FRAMES)).size()).isZero();
        assertThat(suspectsOf(issue(null, PAY_FRAMES)).size()).isZero();
        assertThat(suspectsOf(issue("shop@3.0.0", "{\"message\":\"no stack\"}")).size()).isZero();
    }
}
