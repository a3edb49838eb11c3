package io.bugmaster.releases.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SentryCli;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.testing.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * The real sentry-cli 3.8.0 against the running server: every release and deploy command a CI
 * pipeline runs must exit 0, and the API must show what it did. The binary comes from npm
 * ({@code @sentry/cli} and its platform package), installed once per build under target/.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SentryCliSqliteTest extends IntegrationTest {
    @TempDir Path home;
    @TempDir Path repo;

    @BeforeAll
    static void install() throws Exception {
        SentryCli.install();
    }

    /** Runs sentry-cli; on failure runs it again with debug logging so the failure shows the HTTP exchange. */
    String cli(String project, Path dir, String... args) throws Exception {
        return cli(project, Map.of(), dir, args);
    }

    String cli(String project, Map<String, String> extraEnv, Path dir, String... args) throws Exception {
        return SentryCli.against(baseUrl(), ADMIN_TOKEN, "default", home).cli(project, extraEnv, dir, args);
    }

    void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        SentryCli.Result result;
        try {
            result = SentryCli.run(repo, Map.of("GIT_AUTHOR_DATE", "2026-11-20T10:00:00Z", "GIT_COMMITTER_DATE", "2026-11-20T10:00:00Z"),
                    command, 30);
        } catch (IOException missing) {
            throw new AssertionError("this test needs git to make the repository that set-commits --local reads", missing);
        }
        assertThat(result.exit()).as("git " + String.join(" ", args) + ": " + result.output()).isZero();
    }

    void commitFile(String path, String content, String message) throws Exception {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        git("add", "-A");
        git("commit", "-q", "-m", message);
    }

    String head() throws Exception {
        return Files.readString(repo.resolve(".git/" + Files.readString(repo.resolve(".git/HEAD")).strip().substring(5))).strip();
    }

    @Test
    void releaseNewFinalizeListSetCommitsAndDeployWork() throws Exception {
        ApiClient http = new ApiClient(baseUrl());
        String project = unique("cli");
        var created = http.post(ADMIN_TOKEN, "/api/0/teams/default/default/projects/",
                "{\"name\":\"" + project + "\",\"slug\":\"" + project + "\",\"platform\":\"java\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String version = project + "@1.0.0";
        String release = "/api/0/organizations/default/releases/" + ReleasesApiContract.enc(version) + "/";

        assertThat(cli(project, home, "info")).contains(ADMIN_EMAIL);

        assertThat(cli(project, home, "releases", "new", "-o", "default", "-p", project, version)).contains(version);
        JsonNode json = http.get(ADMIN_TOKEN, release).json();
        assertThat(json.path("projects").get(0).path("slug").asString()).isEqualTo(project);
        assertThat(json.path("dateStarted").isNull()).isFalse();

        cli(project, home, "releases", "finalize", "-o", "default", "-p", project, version);
        assertThat(http.get(ADMIN_TOKEN, release).json().path("dateReleased").isNull()).isFalse();

        assertThat(cli(project, home, "releases", "list", "-o", "default", "-p", project)).contains("1.0.0");

        git("init", "-q");
        git("config", "user.email", "dev@acme.io");
        git("config", "user.name", "Dev");
        git("remote", "add", "origin", "https://github.com/acme/shop.git");
        commitFile("src/main/java/com/acme/checkout/Pay.java", "class Pay {}\n", "Add payments");
        String first = head();
        commitFile("src/main/java/com/acme/checkout/Card.java", "class Card {}\n", "Add cards");
        String second = head();
        cli(project, repo, "releases", "set-commits", "-o", "default", version, "--local");
        JsonNode commits = http.get(ADMIN_TOKEN, release + "commits/").json();
        assertThat(commits.valueStream().map(c -> c.path("id").asString()).toList()).containsExactly(second, first);
        assertThat(commits.get(0).path("author").path("email").asString()).isEqualTo("dev@acme.io");
        assertThat(commits.get(0).path("message").asString()).startsWith("Add cards");
        assertThat(http.get(ADMIN_TOKEN, "/api/0/organizations/default/repos/").json().valueStream()
                .map(r -> r.path("name").asString()).toList()).contains(commits.get(0).path("repository").path("name").asString());

        // the next release gets only the commits since the previous release's last one
        String next = project + "@1.1.0";
        cli(project, home, "releases", "new", "-o", "default", "-p", project, next);
        commitFile("src/main/java/com/acme/checkout/Pay.java", "class Pay { void charge() {} }\n", "Charge cards");
        String third = head();
        cli(project, repo, "releases", "set-commits", "-o", "default", next, "--local");
        JsonNode nextCommits = http.get(ADMIN_TOKEN, "/api/0/organizations/default/releases/" + ReleasesApiContract.enc(next)
                + "/commits/").json();
        assertThat(nextCommits.valueStream().map(c -> c.path("id").asString()).toList()).containsExactly(third);

        cli(project, home, "deploys", "new", "-o", "default", "-r", version, "-e", "production");
        JsonNode deploys = http.get(ADMIN_TOKEN, release + "deploys/").json();
        assertThat(deploys.valueStream().map(d -> d.path("environment").asString()).toList()).containsExactly("production");
        assertThat(http.get(ADMIN_TOKEN, release).json().path("deployCount").asLong()).isEqualTo(1);
        assertThat(cli(project, home, "deploys", "list", "-o", "default", "-r", version)).contains("production");
        assertThat(cli(project, home, "releases", "info", "-o", "default", "-p", project, version)).contains(version);

        String throwaway = project + "@0.0.1";
        cli(project, home, "releases", "new", "-o", "default", "-p", project, throwaway);
        cli(project, home, "releases", "delete", "-o", "default", throwaway);
        assertThat(http.get(ADMIN_TOKEN, "/api/0/organizations/default/releases/" + ReleasesApiContract.enc(throwaway) + "/")
                .status()).isEqualTo(404);
    }

    @Test
    void sendEventDeliversAnEventThatBecomesAnIssue() throws Exception {
        ApiClient http = new ApiClient(baseUrl());
        String project = unique("send");
        var created = http.post(ADMIN_TOKEN, "/api/0/teams/default/default/projects/",
                "{\"name\":\"" + project + "\",\"slug\":\"" + project + "\",\"platform\":\"other\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode keys = http.get(ADMIN_TOKEN, "/api/0/projects/default/" + project + "/keys/").json();
        String dsn = "http://" + keys.get(0).path("public").asString() + "@localhost:" + port + "/" + created.json().path("id").asString();
        cli(project, Map.of("SENTRY_DSN", dsn), home, "send-event", "-m", "hello from sentry-cli 42", "--release", project + "@2.0.0",
                "-t", "origin:cli");
        JsonNode issues = http.get(ADMIN_TOKEN, "/api/0/projects/default/" + project + "/issues/").json();
        assertThat(issues.size()).isEqualTo(1);
        assertThat(issues.get(0).path("title").asString()).contains("hello from sentry-cli");
        JsonNode latest = http.get(ADMIN_TOKEN, "/api/0/issues/" + issues.get(0).path("id").asString() + "/events/latest/").json();
        assertThat(latest.toString()).contains("origin").contains(project + "@2.0.0");
    }
}
