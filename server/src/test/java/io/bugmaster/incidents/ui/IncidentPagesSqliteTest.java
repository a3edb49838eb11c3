package io.bugmaster.incidents.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.incidents.AlertIntake;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentStatus;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
import io.bugmaster.oncall.policies.PolicyRules;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * The incident pages over real HTTP, logged in: the list (open first, filters), an incident's page
 * (alerts and runbook escaped or rendered safely, the log), its buttons (CSRF required), another
 * organization's incident refused, and the "Open" link of a page leading to this page.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class IncidentPagesSqliteTest extends IntegrationTest {
    static final String PASSWORD = "incident-pages-password";
    static final String RUNBOOK = """
            # Disk full

            1. **Check** `df -h` on the host.
            2. Read [the guide](https://runbooks.example.com/disk).

            <script>alert('runbook')</script>
            <a href="javascript:alert(1)">raw link</a>
            [click me](javascript:alert(2)) [shout](JaVaScRiPt:alert(3)) [tab](java&#9;script:alert(4))
            [data](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==) ![pic](javascript:alert(6))
            [ref][evil] <javascript:alert(7)>

            [evil]: vbscript:msgbox(8)
            """;

    @Autowired Services services;
    @Autowired EscalationPolicies policies;
    @Autowired AlertIntake intake;
    @Autowired Incidents incidents;
    @Autowired JdbcClient db;

    User user;
    User other;
    Actor me;
    String org;
    WebClient web;
    ServiceDefinition service;
    AlertIntake.Integration integration;

    @BeforeEach
    void setUp() {
        engine.runOnce(); // whatever other tests left is handled first
        user = newUser(PASSWORD);
        me = Actor.session(user.id(), user.email());
        org = unique("oncall");
        organizations.create(me, "On call", org);
        other = newUser("password-" + unique("p"));
        join(me, org, other, Role.MEMBER);
        EscalationPolicy policy = policies.create(me, org, new EscalationPolicies.PolicyInput("Checkout on-call", null, 0, List.of(
                new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(user.id()))), false),
                new PolicyRules.RuleInput(10, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(other.id()))), false))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "checkout");
        body.put("escalation_policy", Map.of("id", Long.toString(policy.id())));
        body.put("runbook", RUNBOOK);
        service = services.create(me, org, body);
        integration = intake.integrationByKey(services.createIntegration(me, org, Long.toString(service.id()), "events_api_v2", null)
                .integrationKey()).orElseThrow();
        web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(user.email(), PASSWORD))).endsWith("/");
    }

    Incident trigger(String key, String summary, Map<String, Object> details) {
        intake.apply(integration, new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER, key, summary, "db-1", "critical", null, null, null,
                null, details, List.of(), null, null));
        return incidents.list(me, org, List.of(), null, 0, 1).items().get(0).incident();
    }

    String page(Incident i) {
        return "/orgs/" + org + "/incidents/" + i.number();
    }

    @Test
    void theListShowsOpenIncidentsFirstThenResolvedAndFiltersByStatusAndService() {
        Incident resolved = trigger("k-old", "Old disk alert", Map.of());
        incidents.resolve(me, org, Long.toString(resolved.number()), "test");
        Incident open = trigger("k-new", "Orders stuck in queue", Map.of());
        engine.runOnce();

        String html = web.get("/orgs/" + org + "/incidents").body();
        assertThat(html).contains("Orders stuck in queue").contains("Old disk alert").contains("aria-current=\"page\">Incidents</a>");
        assertThat(html.indexOf("Orders stuck in queue")).isLessThan(html.indexOf("Recently resolved"));
        assertThat(html.indexOf("Recently resolved")).isLessThan(html.indexOf("Old disk alert"));
        Matcher row = Pattern.compile("id=\"incident-" + open.number() + "\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
        assertThat(row.find()).isTrue();
        assertThat(row.group(1)).contains(">checkout</a>").contains(">high<").contains(">triggered<").contains(user.email());

        String onlyResolved = web.get("/orgs/" + org + "/incidents?status=resolved").body();
        assertThat(onlyResolved).contains("Old disk alert").doesNotContain("Orders stuck in queue");
        assertThat(web.get("/orgs/" + org + "/incidents?service=" + (service.id() + 1000)).body())
                .contains("No open incident").doesNotContain("Orders stuck in queue");
        assertThat(web.get("/orgs/" + org + "/incidents?status=bogus").statusCode()).isEqualTo(400);
    }

    @Test
    void anAttackersAlertSummaryAndDetailsAreEscapedAndTheRunbookIsRenderedWithoutScriptsOrDangerousLinks() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("<script>k</script>", "<img src=x onerror=alert(9)>");
        details.put("nested", Map.of("html", "<b>bold</b>"));
        Incident i = trigger("k-xss", "<img src=x onerror=alert(1)>Disk full", details);
        String html = web.get(page(i)).body();

        assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;Disk full").doesNotContain("<img src=x")
                .contains("&lt;script&gt;k&lt;/script&gt;").doesNotContain("<script>k")
                .contains("&lt;b&gt;bold&lt;/b&gt;").doesNotContain("<b>bold</b>");
        String runbook = between(html, "id=\"runbook\">", "</section>");
        assertThat(runbook).contains("<h1>Disk full</h1>").contains("<strong>Check</strong>").contains("<code>df -h</code>")
                .contains("<a rel=\"nofollow noopener noreferrer\" href=\"https://runbooks.example.com/disk\">the guide</a>")
                .contains("&lt;script&gt;alert('runbook')&lt;/script&gt;").contains("&lt;a href=&quot;javascript:alert(1)&quot;&gt;")
                .doesNotContain("<script").doesNotContainIgnoringCase("javascript:alert(2)").doesNotContainIgnoringCase("href=\"javascript")
                .doesNotContainIgnoringCase("href=\"java").doesNotContain("href=\"data:").doesNotContain("src=\"javascript")
                .doesNotContain("href=\"vbscript").doesNotContain("<a href=\"javascript");
        assertThat(Pattern.compile("(?i)<a[^>]+href=\"(?!https://runbooks\\.example\\.com/disk\")[^\"]+\"").matcher(runbook).find())
                .as("no link but the https one keeps its address: " + runbook).isFalse();
    }

    @Test
    void theIncidentPageShowsEscalationLevelNextEscalationAlertsAndTheTimeline() {
        Incident i = trigger("k-page", "Checkout latency", Map.of("region", "eu-west-1"));
        engine.runOnce();
        String html = web.get(page(i)).body();
        assertThat(html).contains("Checkout latency").contains("id=\"incident-status\"").contains(">triggered<")
                .contains("Level 1 of 2").contains("in 5 minutes").contains("k-page").contains("region").contains("eu-west-1")
                .contains(">Checkout on-call</a>");
        String log = between(html, "id=\"timeline-heading\"", "</section>");
        assertThat(log).contains(">triggered<").contains(">notified<").contains(user.email());
        int forms = html.split("<form method=\"post\"", -1).length - 1;
        int tokens = html.split("name=\"_csrf\"", -1).length - 1;
        assertThat(forms).isGreaterThanOrEqualTo(4);
        assertThat(tokens).isEqualTo(forms);
    }

    @Test
    void acknowledgeResolveReassignAndEscalateFromThePage() {
        Incident i = trigger("k-act", "Queue backlog", Map.of());
        engine.runOnce();
        String list = web.get("/orgs/" + org + "/incidents").body();
        assertThat(list).contains("None yet.");
        assertThat(list.split("<table", -1)).as("no empty table under 'Recently resolved'").hasSize(2);
        HttpResponse<String> ack = web.post(page(i), page(i) + "/acknowledge", Map.of());
        assertThat(ack.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(ack)).endsWith(page(i));
        String after = web.get(page(i)).body();
        assertThat(after).contains("Incident #" + i.number() + " acknowledged: nobody else is paged").contains(">acknowledged<").contains("none while acknowledged");
        assertThat(incidents.get(me, org, Long.toString(i.number())).incident().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(between(after, "id=\"timeline-heading\"", "</section>")).contains(">acknowledged<").contains(">via web<");

        assertThat(web.post(page(i), page(i) + "/reassign", List.of(Map.entry("assignee", Long.toString(other.id())))).statusCode())
                .isEqualTo(302);
        assertThat(web.get(page(i)).body()).contains("Reassigned to " + other.email());
        assertThat(web.post(page(i), page(i) + "/reassign", Map.of()).statusCode()).isEqualTo(302);
        assertThat(web.get(page(i)).body()).contains("Choose 1 to 20 members");

        assertThat(web.post(page(i), page(i) + "/escalate", Map.of("level", "2")).statusCode()).isEqualTo(302);
        assertThat(web.get(page(i)).body()).contains("Escalated to level 2");
        assertThat(incidents.get(me, org, Long.toString(i.number())).incident().level()).isEqualTo(2);

        assertThat(web.post(page(i), page(i) + "/resolve", Map.of()).statusCode()).isEqualTo(302);
        String resolved = web.get(page(i)).body();
        assertThat(resolved).contains(">resolved<").doesNotContain("/acknowledge\"").doesNotContain("/resolve\"");
        assertThat(web.post("/orgs/" + org + "/incidents", page(i) + "/escalate", Map.of()).statusCode()).isEqualTo(302);
        assertThat(web.get(page(i)).body()).contains("is resolved; there is nobody to escalate to");
    }

    @Test
    void aViewerReadsTheIncidentButHasNoButtonsAndCannotAct() {
        Incident i = trigger("k-viewer", "Viewer sees this", Map.of());
        User viewer = newUser(PASSWORD);
        join(me, org, viewer, Role.VIEWER);
        WebClient theirs = new WebClient(baseUrl());
        theirs.login(viewer.email(), PASSWORD);
        String html = theirs.get(page(i)).body();
        assertThat(html).contains("Viewer sees this").doesNotContain(">Acknowledge</button>").doesNotContain("/resolve\"");
        assertThat(theirs.post(page(i), page(i) + "/acknowledge", Map.of()).statusCode()).isEqualTo(403);
        assertThat(incidents.get(me, org, Long.toString(i.number())).incident().status()).isEqualTo(IncidentStatus.TRIGGERED);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefusedAndChangeNothing() {
        Incident i = trigger("k-csrf", "CSRF target", Map.of());
        for (String action : List.of("acknowledge", "resolve", "escalate", "reassign")) {
            assertThat(web.postRaw(page(i) + "/" + action, Map.of("assignee", Long.toString(other.id()))).statusCode()).as(action).isEqualTo(403);
        }
        Incident now = incidents.get(me, org, Long.toString(i.number())).incident();
        assertThat(now.status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(incidents.log(me, org, Long.toString(i.number()), 0, 100).items()).extracting(e -> e.kind())
                .doesNotContain("acknowledged", "resolved", "reassigned", "escalated");
    }

    @Test
    void anotherOrganizationsIncidentIsNotFoundAndItsButtonsDoNothing() {
        User stranger = newUser("password-" + unique("s"));
        Actor them = Actor.session(stranger.id(), stranger.email());
        String theirOrg = unique("theirs");
        organizations.create(them, "Theirs", theirOrg);
        EscalationPolicy p = policies.create(them, theirOrg, new EscalationPolicies.PolicyInput("Theirs", null, 0, List.of(
                new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(stranger.id()))), false))));
        ServiceDefinition s = services.create(them, theirOrg, Map.of("name", "secret-svc", "escalation_policy", Map.of("id", Long.toString(p.id()))));
        AlertIntake.Integration theirs = intake.integrationByKey(services.createIntegration(them, theirOrg, Long.toString(s.id()), "generic",
                null).integrationKey()).orElseThrow();
        intake.apply(theirs, new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER, "x", "Their secret incident", null, "critical", null,
                null, null, null, Map.of(), List.of(), null, null));
        Incident mine = trigger("k-mine", "Mine", Map.of());

        String theirPage = "/orgs/" + theirOrg + "/incidents/1";
        assertThat(web.get(theirPage).statusCode()).isEqualTo(404);
        assertThat(web.get(theirPage).body()).doesNotContain("Their secret incident");
        assertThat(web.get("/orgs/" + theirOrg + "/incidents").statusCode()).isEqualTo(404);
        assertThat(web.post(page(mine), theirPage + "/acknowledge", Map.of()).statusCode()).isEqualTo(404);
        assertThat(web.post(page(mine), theirPage + "/resolve", Map.of()).statusCode()).isEqualTo(404);
        assertThat(incidents.get(them, theirOrg, "1").incident().status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(web.get("/orgs/" + org + "/incidents/999999").statusCode()).isEqualTo(404);
        assertThat(web.get("/orgs/" + org + "/incidents/not-a-number").statusCode()).isEqualTo(404);
    }

    @Test
    void theOpenLinkOfAPageLeadsToTheIncidentPage() {
        Incident i = trigger("k-link", "Paged about this", Map.of());
        engine.runOnce();
        String notification = db.sql("SELECT notification FROM notification_queue WHERE org_id = ? AND notification LIKE ? ORDER BY id DESC LIMIT 1")
                .params(organizations.access(me, org).org().id(), "%/incidents/" + i.number() + "%").query(String.class).single();
        Matcher link = Pattern.compile("http://localhost:8080(/orgs/[^\"]+/incidents/" + i.number() + ")\"").matcher(notification);
        assertThat(link.find()).as(notification).isTrue();
        HttpResponse<String> opened = web.get(link.group(1));
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains("Paged about this").contains(">Acknowledge</button>");
    }

    static String between(String html, String from, String to) {
        int start = html.indexOf(from);
        assertThat(start).as("'" + from + "' in the page").isGreaterThanOrEqualTo(0);
        int end = html.indexOf(to, start);
        return html.substring(start, end < 0 ? html.length() : end);
    }
}
