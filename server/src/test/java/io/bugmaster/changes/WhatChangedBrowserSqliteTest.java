package io.bugmaster.changes;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.User;
import io.bugmaster.incidents.AlertIntake;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.BrowserTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/**
 * The "What changed?" section in Chromium: the deploy 40 minutes before the incident and a migration
 * are listed, the checklist shows what they answer, the responder saves the checklist and records a
 * revert; no console error (the strict CSP holds). Screenshot: target/screenshots/whatchanged-incident.png.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class WhatChangedBrowserSqliteTest extends BrowserTest {
    static final String PASSWORD = "what-changed-browser-password";

    @Autowired Services services;
    @Autowired ProjectService projects;
    @Autowired AlertIntake intake;
    @Autowired Incidents incidents;

    @Test
    void aResponderReadsWhatChangedAnswersTheChecklistAndRecordsARevert() {
        engine.runOnce();
        User user = newUser(PASSWORD);
        Actor me = Actor.session(user.id(), user.email());
        String org = unique("changes");
        organizations.create(me, "Shop", org);
        String token = token(me, List.copyOf(Scopes.ALL));
        String project = unique("shop");
        long projectId = projects.create(me, org, org, "Shop", project, "java").project().id();
        ServiceDefinition service = services.create(me, org, Map.of("name", "orders", "project_ids", List.of(Long.toString(projectId))));
        ApiClient api = new ApiClient(baseUrl());
        String base = "/api/0/organizations/" + org;
        String version = project + "@2.3.0";
        assertThat(api.post(token, base + "/releases/", "{\"version\": \"" + version + "\", \"projects\": [\"" + project + "\"]}").status())
                .isEqualTo(201);
        assertThat(api.post(token, base + "/releases/" + version + "/deploys/", "{\"environment\": \"production\"}").status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(10));
        assertThat(api.post(token, base + "/changes/", """
                {"kind": "migration", "summary": "add index on orders.brand_id", "who": "ana", "service_ids": ["%d"],
                 "links": [{"href": "https://ci.example.com/run/42", "text": "Run 42"}]}""".formatted(service.id())).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(30));
        intake.apply(intake.integrationByKey(services.createIntegration(me, org, Long.toString(service.id()), "events_api_v2", null)
                .integrationKey()).orElseThrow(), new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER, "orders", "Brands see no orders",
                "orders", "critical", null, null, null, null, Map.of(), List.of(), null, null));
        long number = incidents.list(me, org, List.of(), null, 0, 1).items().get(0).incident().number();

        List<String> consoleErrors = errors();
        try (BrowserContext context = newContext()) {
            Page page = newPage(context, consoleErrors);
            logIn(page, user.email(), PASSWORD);
            page.navigate(baseUrl() + "/orgs/" + org + "/incidents/" + number);
            assertThat(page.locator("#recent-changes tr[data-kind=deploy]")).containsText("40 min before");
            assertThat(page.locator("#recent-changes tr[data-kind=migration]")).containsText("add index on orders.brand_id");
            assertThat(page.locator("#hint-deploy")).hasText("Recent changes: Yes: 1 deploy 40 min before");
            assertThat(page.locator("#hint-schema")).hasText("Recent changes: Yes: 1 schema migration 30 min before");

            assertThat(page.locator("#checklist summary")).containsText("0 of 6 answered");
            page.locator("#checklist summary").click();
            page.locator("#checklist-symptoms").fill("Brands see no orders since 10:20");
            page.locator("#checklist-availability").selectOption("partially");
            page.locator("#checklist-deploy").selectOption("yes");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the checklist")).click();
            assertThat(page.locator("#flash")).containsText("Checklist saved");
            assertThat(page.locator("#checklist summary")).containsText("3 of 6 answered");
            assertThat(page.locator("#checklist-deploy")).hasValue("yes");

            page.locator("#decision-strategy").selectOption("revert");
            page.locator("#decision-restore").fill("10");
            page.locator("#decision-fix").fill("2880");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record the decision")).click();
            assertThat(page.locator("#fix-decision")).containsText("Decided: revert (restore ~10 min; fix ~2 days)");
            settle(page);
            screenshot(page, "whatchanged-incident");
        }
        assertThat(consoleErrors).isEmpty();
    }
}
