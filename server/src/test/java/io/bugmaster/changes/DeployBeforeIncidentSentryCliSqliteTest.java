package io.bugmaster.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.incidents.Incident;
import io.bugmaster.testing.SentryCli;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.ContextConfiguration;

/**
 * Seed 003's story as the recent-changes panel tells it: a CI pipeline records a deploy with the real
 * sentry-cli, an error issue appears 5 minutes later, and the incident declared 40 minutes after the
 * deploy shows both ("40 min before") and answers the checklist's deploy question by itself.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class DeployBeforeIncidentSentryCliSqliteTest extends WhatChangedFixture {
    static Path binary;

    @TempDir Path home;

    @BeforeAll
    static void install() throws Exception {
        binary = SentryCli.install();
    }

    String cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--url", baseUrl(), "--auth-token", token));
        command.addAll(List.of(args));
        SentryCli.Result result = SentryCli.run(home, Map.of("HOME", home.toString(), "SENTRY_ORG", org, "SENTRY_PROJECT", projectSlug,
                "SENTRY_DISABLE_UPDATE_CHECK", "true"), command, 120);
        assertThat(result.exit()).as("sentry-cli " + String.join(" ", args) + ":\n" + result.output()).isZero();
        return result.output();
    }

    @Test
    void theDeploySentryCliRecordedShowsFortyMinutesBeforeTheIncidentWithTheIssueThatFollowedIt() throws Exception {
        setUpOrg();
        String version = unique("shop") + "@2.3.0";
        cli("releases", "new", "-p", projectSlug, version);
        cli("releases", "finalize", version);
        // a pipeline reports when its deploy ran: here by the test's clock (sentry-cli would send its own wall-clock time)
        long finished = clock.instant().getEpochSecond();
        cli("releases", "deploys", version, "new", "-e", "production", "--started", Long.toString(finished - 120), "--finished",
                Long.toString(finished));
        clock.advance(Duration.ofMinutes(5));
        long issue = newIssue("TypeError: brand is undefined");
        clock.advance(Duration.ofMinutes(35));
        Incident i = incident("brands see no orders");

        WebClient web = new WebClient(baseUrl());
        web.login(tenant.owner().email(), PASSWORD);
        String html = web.get("/orgs/" + org + "/incidents/" + i.number()).body();
        int panel = html.indexOf("id=\"what-changed\"");
        assertThat(panel).isPositive();
        String section = html.substring(panel);
        assertThat(section).contains("Deployed " + version + " to production").contains("40 min before")
                .contains("Recent changes: Yes: 1 deploy 40 min before")
                .contains("/orgs/" + org + "/issues/" + issue).contains("TypeError: brand is undefined").contains("35 min before");
    }
}
