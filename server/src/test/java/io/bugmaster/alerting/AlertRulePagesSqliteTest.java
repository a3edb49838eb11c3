package io.bugmaster.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.User;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/** The alert rules pages over real HTTP: create from the form, errors shown, list, edit keeps API-only parts, escaping. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class AlertRulePagesSqliteTest extends IntegrationTest {
    static final String PASSWORD = "alert-pages-password";

    @Autowired ProjectService projects;
    @Autowired ChannelService channels;
    @Autowired AlertRuleService rules;

    User user;
    Actor actor;
    Organization org;
    long channelId;
    String base;
    String projectSlug;
    WebClient web;

    @BeforeEach
    void tenant() {
        user = newUser(PASSWORD);
        actor = Actor.session(user.id(), user.email());
        org = organizations.create(actor, "Shop", unique("shop"));
        projectSlug = unique("checkout");
        projects.create(actor, org.slug(), org.slug(), "Checkout", projectSlug, "java");
        channelId = channels.create(actor, org.slug(), new ChannelService.NewChannel("#alerts <b>ops</b>", "webhook",
                Map.of("url", "http://localhost:9/alerts"))).id();
        base = "/orgs/" + org.slug() + "/alerts";
        web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(user.email(), PASSWORD))).endsWith("/");
    }

    @Test
    void eachProjectChoosesTheTagsItsAlertMessagesShow() {
        String page = web.get(base).body();
        assertThat(page).contains("id=\"alert-tags-heading\">Tags in alert messages</h2>")
                .contains("<label for=\"alert-tags-0\">" + projectSlug + "</label>")
                .contains("Default: environment, release, level, browser, os, url")
                .contains("name=\"project\" value=\"" + projectSlug + "\"");

        HttpResponse<String> bad = web.post(base, base + "/tags", Map.of("project", projectSlug, "tags", "browser, <b>x</b>"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"alert-tags-0-error\">&#39;&lt;b&gt;x&lt;/b&gt;&#39; is not a tag key")
                .contains("value=\"browser, &lt;b&gt;x&lt;/b&gt;\"").contains("aria-invalid=\"true\"").doesNotContain("<b>x</b>");

        HttpResponse<String> saved = web.post(base, base + "/tags", Map.of("project", projectSlug, "tags", "release browser,customer.tier release"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(web.get(base).body()).contains("Alert messages of " + projectSlug + " show: release, browser, customer.tier.")
                .contains("value=\"release, browser, customer.tier\"").contains("Shows: release, browser, customer.tier");
        assertThat(rules.alertTags(actor, org.slug())).containsExactly(
                new AlertRuleService.ProjectTags(projectSlug, List.of("release", "browser", "customer.tier"), true));

        assertThat(web.post(base, base + "/tags", Map.of("project", projectSlug, "tags", "")).statusCode()).isEqualTo(302);
        assertThat(rules.alertTags(actor, org.slug()).get(0).custom()).isFalse();
        assertThat(web.postRaw(base + "/tags", Map.of("project", projectSlug, "tags", "os")).statusCode()).isEqualTo(403);
    }

    @Test
    void aRuleIsCreatedFromTheFormListedAndEdited() {
        String empty = web.get(base).body();
        assertThat(empty).contains("No alert rules yet").contains("href=\"" + base + "\"");

        String form = web.get(base + "/new").body();
        assertThat(form).contains("<label for=\"rule-name\">Name</label>").contains("<label for=\"environment\">")
                .contains("<label for=\"frequency\">").contains("name=\"_csrf\"").contains("#alerts &lt;b&gt;ops&lt;/b&gt;")
                .doesNotContain("<b>ops</b>").doesNotContain("<script>").doesNotContain("style=");

        HttpResponse<String> bad = web.post(base + "/new", base + "/new", List.of(Map.entry("name", "prod"),
                Map.entry("scopeType", "organization"), Map.entry("environment", "production"), Map.entry("frequency", "30"),
                Map.entry("channels", Long.toString(channelId))));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("conditions: at least one trigger is required");

        HttpResponse<String> created = web.post(base + "/new", base + "/new", List.of(Map.entry("name", "production <i>errors</i>"),
                Map.entry("enabled", "on"), Map.entry("scopeType", "organization"), Map.entry("triggers", "first_seen_event"),
                Map.entry("triggers", "regression_event"), Map.entry("environment", "production"), Map.entry("level", "error"),
                Map.entry("frequency", "60"), Map.entry("channels", Long.toString(channelId)), Map.entry("emailOwners", "on"),
                Map.entry("eventInterval", "1h"), Map.entry("userInterval", "1h")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);

        String list = web.get(base).body();
        assertThat(list).contains("production &lt;i&gt;errors&lt;/i&gt;").contains("new issue or regression")
                .contains("All projects (including new ones)").contains("never");

        AlertRuleService.View view = rules.list(actor, org.slug(), null, 0, 10).items().get(0);
        assertThat(view.rule().definition().environment()).isEqualTo("production");
        assertThat(view.rule().definition().frequencyMinutes()).isEqualTo(60);
        assertThat(view.rule().definition().actions()).hasSize(2);

        // an API-only filter survives an edit in the form
        rules.update(actor, org.slug(), null, Long.toString(view.rule().id()), AlertRuleJson.JSON.readTree(
                "{\"filters\": [{\"id\": \"level\", \"match\": \"gte\", \"level\": \"error\"}, "
                        + "{\"id\": \"tagged_event\", \"key\": \"browser\", \"match\": \"co\", \"value\": \"Firefox\"}]}"));
        String edit = base + "/" + view.rule().id();
        assertThat(web.get(edit).body()).contains("value=\"production\"");
        HttpResponse<String> saved = web.post(edit, edit, List.of(Map.entry("name", "prod"), Map.entry("scopeType", "organization"),
                Map.entry("triggers", "first_seen_event"), Map.entry("environment", ""), Map.entry("level", ""),
                Map.entry("frequency", "30"), Map.entry("channels", Long.toString(channelId)), Map.entry("eventCount", "100"),
                Map.entry("eventInterval", "1h"), Map.entry("userInterval", "1h")));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        AlertRule rule = rules.get(actor, org.slug(), null, Long.toString(view.rule().id())).rule();
        AlertRuleDefinition d = rule.definition();
        assertThat(rule.enabled()).isFalse();
        assertThat(d.environment()).isNull();
        assertThat(d.frequencyMinutes()).isEqualTo(30);
        assertThat(d.filters()).extracting(f -> f.kind().id()).containsExactly("tagged_event");
        assertThat(d.conditions()).containsExactly(AlertRuleDefinition.Condition.of(AlertRuleDefinition.Trigger.NEW_ISSUE),
                new AlertRuleDefinition.Condition(AlertRuleDefinition.Trigger.EVENT_FREQUENCY, 100L, AlertRuleDefinition.Interval.H1));
    }

    @Test
    void aMonitorRuleIsMadeFromTheFormWithItsTriggersAndSlugAndTheFormSaysWhichFiltersApply() {
        String form = web.get(base + "/new").body();
        assertThat(form).contains("id=\"trigger-monitor_down\"").contains("id=\"trigger-monitor_failing\"")
                .contains("id=\"trigger-monitor_recovered\"").contains("<label for=\"monitor-slug\">")
                .contains("do not apply to monitors");
        HttpResponse<String> created = web.post(base + "/new", base + "/new", List.of(Map.entry("name", "jobs"),
                Map.entry("enabled", "on"), Map.entry("scopeType", "organization"), Map.entry("triggers", "monitor_failing"),
                Map.entry("triggers", "monitor_recovered"), Map.entry("environment", ""), Map.entry("level", ""),
                Map.entry("monitorSlug", " nightly-report "), Map.entry("frequency", "30"),
                Map.entry("channels", Long.toString(channelId)), Map.entry("eventInterval", "1h"), Map.entry("userInterval", "1h")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(web.get(base).body()).contains("monitor failing or monitor recovered");
        AlertRule rule = rules.list(actor, org.slug(), null, 0, 10).items().get(0).rule();
        assertThat(rule.definition().conditions()).extracting(c -> c.trigger().id()).containsExactly("monitor_failing", "monitor_recovered");
        assertThat(rule.definition().filters()).containsExactly(new AlertRuleDefinition.Filter(AlertRuleDefinition.FilterKind.MONITOR,
                "slug", "eq", "nightly-report", null, null, null));
        assertThat(web.get(base + "/" + rule.id()).body()).contains("value=\"nightly-report\"")
                .contains("id=\"trigger-monitor_failing\" value=\"monitor_failing\" checked");
    }
}
