package io.bugmaster.accounts.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.ProjectSettings;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/** The ingestion section of a project's settings page over real HTTP. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class ProjectSettingsPageSqliteTest extends IntegrationTest {
    static final String PASSWORD = "settings-page-password";

    @Autowired ProjectService projects;

    Actor actor;
    Organization org;
    String projectSlug;
    String settingsPath;
    WebClient web;

    @BeforeEach
    void tenant() {
        User user = newUser(PASSWORD);
        actor = Actor.session(user.id(), user.email());
        org = organizations.create(actor, "Shop", unique("shop"));
        projectSlug = unique("checkout");
        projects.create(actor, org.slug(), org.slug(), "Checkout", projectSlug, "java");
        settingsPath = "/orgs/" + org.slug() + "/projects/" + projectSlug + "/settings";
        web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(user.email(), PASSWORD))).endsWith("/");
    }

    Map<String, String> form(String rules) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("perMinute", "100");
        form.put("perHour", "");
        form.put("perMonth", "50000");
        form.put("sensitiveFields", "ssn\r\n\r\n  iban \r\n");
        form.put("safeFields", "order_id");
        form.put("fingerprintingRules", rules);
        return form;
    }

    @Test
    void savedQuotasAndRulesShowOnReloadAndReachIngestion() {
        String page = web.get(settingsPath).body();
        assertThat(page).contains("Ingestion").contains("name=\"fingerprintingRules\"").contains("error.type:*Timeout* -&gt; timeouts")
                .contains("name=\"dataScrubber\"");

        String rules = "error.type:*Timeout* -> timeouts\nlogger:com.acme.* -> acme";
        HttpResponse<String> saved = web.post(settingsPath, settingsPath.replace("/settings", "/ingestion"), form(rules));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(WebClient.location(saved)).endsWith(settingsPath + "#ingestion");

        String reloaded = web.get(settingsPath).body();
        assertThat(reloaded).contains("Ingestion settings saved.").contains("value=\"100\"").contains("value=\"50000\"")
                .contains("logger:com.acme.* -&gt; acme").contains("ssn\niban").contains("order_id")
                .doesNotContain("name=\"dataScrubber\" type=\"checkbox\" value=\"on\" checked");
        assertThat(projects.settings(actor, org.slug(), projectSlug)).isEqualTo(
                new ProjectSettings(100, null, 50000, false, List.of("ssn", "iban"), List.of("order_id"), rules));
    }

    @Test
    void aBadRuleShowsItsLineAndChangesNothing() {
        HttpResponse<String> bad = web.post(settingsPath, settingsPath.replace("/settings", "/ingestion"),
                form("error.type:*Timeout* -> timeouts\n\ncolour:red -> c"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"fingerprinting-rules-error\"").contains("line 3")
                .contains("colour:red -&gt; c").contains("value=\"100\"").contains("aria-invalid=\"true\"");
        assertThat(projects.settings(actor, org.slug(), projectSlug)).isEqualTo(ProjectSettings.DEFAULTS);

        HttpResponse<String> badQuota = web.post(settingsPath, settingsPath.replace("/settings", "/ingestion"),
                Map.of("perMinute", "lots", "dataScrubber", "on"));
        assertThat(badQuota.statusCode()).isEqualTo(422);
        assertThat(badQuota.body()).contains("id=\"quota-minute-error\"").contains("must be a whole number").contains("value=\"lots\"");
        assertThat(projects.settings(actor, org.slug(), projectSlug)).isEqualTo(ProjectSettings.DEFAULTS);
    }
}
