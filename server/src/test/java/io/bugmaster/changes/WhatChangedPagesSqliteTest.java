package io.bugmaster.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.incidents.Incident;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/**
 * The "What changed?" panel of the incident page over real HTTP, logged in: hostile change data and
 * issue titles are escaped, the checklist and decision forms need the CSRF token and land in the
 * log, a viewer reads them without forms, and a service's form names its projects.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class WhatChangedPagesSqliteTest extends WhatChangedFixture {
    static final String HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>";

    WebClient web;

    @BeforeEach
    void setUp() {
        setUpOrg();
        web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(tenant.owner().email(), PASSWORD))).endsWith("/");
    }

    String page(Incident i) {
        return "/orgs/" + org + "/incidents/" + i.number();
    }

    @Test
    void hostileChangesAndIssueTitlesAreEscapedAndTheChecklistShowsWhatTheChangesSay() {
        deploy(release(unique("shop") + "@1.0.0"));
        created(api.post(token, base() + "/changes/", ApiClient.JSON.writeValueAsString(Map.of("kind", "migration", "summary", HOSTILE,
                "who", "<b>mallory</b>", "service_ids", List.of(Long.toString(service.id())),
                "links", List.of(Map.of("href", "https://ci.example.com/run/1", "text", "<i>run</i>"))))));
        changeEvent(HOSTILE, "https://argo.example.com/x");
        newIssue(HOSTILE);
        clock.advance(Duration.ofMinutes(40));
        Incident i = incident("orders down");

        String html = web.get(page(i)).body();
        assertThat(html).contains("id=\"what-changed\"").contains("Deployed ").contains("40 min before")
                .contains("Recent changes: Yes: 1 deploy 40 min before").contains("Recent changes: Yes: 1 schema migration 40 min before")
                .contains("Cache orders by brand");
        assertThat(html).doesNotContain(HOSTILE).doesNotContain("<b>mallory</b>").doesNotContain("<i>run</i>");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").contains("&lt;b&gt;mallory&lt;/b&gt;");
        assertThat(html.split("&lt;script&gt;alert", -1).length - 1).as("the change, the change event and the issue in the panel; the change and the change event in the timeline")
                .isEqualTo(5);
    }

    @Test
    void theFormsRecordTheChecklistAndTheDecisionWithTheCsrfToken() {
        Incident i = incident("orders down");
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("symptoms", "brands see no orders");
        answers.put("availability", "partially");
        answers.put("deploy", "yes");
        answers.put("deploy_note", "shop 1.0.0 at 10:20");
        answers.put("schema", "");
        assertThat(web.postRaw(page(i) + "/checklist", answers).statusCode()).as("no CSRF token").isEqualTo(403);
        HttpResponse<String> saved = web.post(page(i), page(i) + "/checklist", answers);
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(saved)).endsWith(page(i) + "#what-changed");

        Map<String, String> decision = Map.of("strategy", "revert", "restore_minutes", "10", "fix_minutes", "2880", "note", "revert 1.0.0");
        assertThat(web.post(page(i), page(i) + "/decision", decision).statusCode()).isEqualTo(302);
        String html = web.get(page(i)).body();
        assertThat(html).contains("Decided: revert (restore ~10 min; fix ~2 days)").contains("brands see no orders")
                .contains("<option value=\"partially\" selected=\"selected\">partially</option>").contains("value=\"shop 1.0.0 at 10:20\"");
        assertThat(logKinds(i)).containsSubsequence("checklist", "checklist", "checklist", "decision");

        HttpResponse<String> bad = web.post(page(i), page(i) + "/decision", Map.of("strategy", "revert", "restore_minutes", "soon"));
        assertThat(web.get(page(i)).body()).contains("Decision not recorded: restore_minutes: a whole number of minutes, got &#39;soon&#39;");
        assertThat(bad.statusCode()).isEqualTo(302);

        User viewer = newUser(PASSWORD);
        join(tenant.owner(), org, viewer, Role.VIEWER);
        WebClient theirs = new WebClient(baseUrl());
        theirs.login(viewer.email(), PASSWORD);
        String seen = theirs.get(page(i)).body();
        assertThat(seen).contains("Decided: revert").contains("partially").doesNotContain("id=\"checklist-form\"")
                .doesNotContain("id=\"decision-form\"");
    }

    @Test
    void aServicesFormNamesItsProjects() {
        String edit = "/orgs/" + org + "/services/" + service.id() + "/edit";
        assertThat(web.get(edit).body()).contains("<option value=\"" + projectId + "\" selected=\"selected\">" + projectSlug + "</option>");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", service.name());
        form.put("urgency", "high");
        form.put("grouping", "none");
        form.put("ack_timeout", "30");
        assertThat(web.post(edit, edit, new java.util.ArrayList<>(form.entrySet())).statusCode()).isEqualTo(302);
        assertThat(services.get(tenant.owner(), org, Long.toString(service.id())).projectIds()).as("none picked: none").isEmpty();

        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(form.entrySet());
        fields.add(Map.entry("projects", Long.toString(projectId)));
        assertThat(web.post(edit, edit, fields).statusCode()).isEqualTo(302);
        assertThat(services.get(tenant.owner(), org, Long.toString(service.id())).projectIds()).containsExactly(projectId);
        assertThat(web.get("/orgs/" + org + "/services/" + service.id()).body()).contains("<dt>Projects</dt><dd>" + projectSlug + "</dd>");

        fields.add(Map.entry("projects", "999999"));
        HttpResponse<String> refused = web.post(edit, edit, fields);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Projects: this organization has no project with id 999999.");
    }
}
