package io.bugmaster.incidents.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.User;
import io.bugmaster.incidents.AlertIntake;
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
import org.springframework.test.context.ContextConfiguration;

/** The service pages over real HTTP: the form and its errors, integrations with their key shown once, CSRF, other organizations. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class ServicePagesSqliteTest extends IntegrationTest {
    static final String PASSWORD = "service-pages-password";
    static final Pattern KEY = Pattern.compile("id=\"integration-key\">([0-9a-f]{32})<");

    @Autowired Services services;
    @Autowired EscalationPolicies policies;
    @Autowired AlertIntake intake;

    User user;
    Actor me;
    String org;
    String base;
    WebClient web;
    EscalationPolicy policy;

    @BeforeEach
    void setUp() {
        user = newUser(PASSWORD);
        me = Actor.session(user.id(), user.email());
        org = unique("svc");
        organizations.create(me, "Services", org);
        base = "/orgs/" + org + "/services";
        policy = policies.create(me, org, new EscalationPolicies.PolicyInput("Primary", null, 0, List.of(new PolicyRules.RuleInput(5,
                List.of(new PolicyRules.TargetInput("user_reference", Long.toString(user.id()))), false))));
        web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(user.email(), PASSWORD))).endsWith("/");
    }

    Map<String, String> form(String name) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("description", "Takes the orders");
        f.put("team", "");
        f.put("escalation_policy", Long.toString(policy.id()));
        f.put("runbook", "Restart **the consumer**.");
        f.put("urgency", "severity_based");
        f.put("support_time_zone", "UTC");
        f.put("support_start", "09:00");
        f.put("support_end", "17:00");
        f.put("ack_timeout", "20");
        f.put("auto_resolve", "240");
        f.put("grouping", "time_window");
        f.put("grouping_minutes", "15");
        f.put("grouping_fields", "");
        return f;
    }

    @Test
    void aServiceIsCreatedAndEditedThroughTheForm() {
        HttpResponse<String> created = web.post(base + "/new", base, form("checkout"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String page = WebClient.location(created);
        assertThat(page).matches(".*/orgs/" + org + "/services/\\d+");
        String html = web.get(page.substring(page.indexOf("/orgs/"))).body();
        assertThat(html).contains("Service &#39;checkout&#39; created").contains(">Primary</a>").contains("20 minutes")
                .contains("after 240 minutes without a new alert").contains("alerts within 15 minutes join the open incident")
                .contains("<strong>the consumer</strong>").contains("No integration yet");
        ServiceDefinition s = services.list(me, org, 0, 10).items().get(0);
        assertThat(s.acknowledgementTimeout()).isEqualTo(1200);
        assertThat(s.urgencyRule()).isEqualTo(ServiceDefinition.UrgencyRule.SEVERITY_BASED);

        String edit = base + "/" + s.id() + "/edit";
        assertThat(web.get(edit).body()).contains("value=\"checkout\"").contains("value=\"20\"").contains("Restart **the consumer**.");
        Map<String, String> changed = form("checkout");
        changed.put("ack_timeout", "");
        changed.put("urgency", "support_hours");
        changed.put("support_time_zone", "Europe/Paris");
        changed.put("escalation_policy", "");
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(changed.entrySet());
        fields.add(Map.entry("support_days", "1"));
        fields.add(Map.entry("support_days", "5"));
        assertThat(web.post(edit, edit, fields).statusCode()).isEqualTo(302);
        ServiceDefinition after = services.get(me, org, Long.toString(s.id()));
        assertThat(after.acknowledgementTimeout()).isNull();
        assertThat(after.escalationPolicyId()).isNull();
        assertThat(after.supportHours().timeZone().getId()).isEqualTo("Europe/Paris");
        assertThat(after.supportHours().days()).containsExactlyInAnyOrder(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY);
        assertThat(web.get(base + "/" + s.id()).body()).contains("This service has no escalation policy: its incidents page nobody");
    }

    @Test
    void badInputIsShownNextToItsFieldWithWhatWasTyped() {
        Map<String, String> bad = form("<b>typed</b>");
        bad.put("ack_timeout", "soon");
        HttpResponse<String> r = web.post(base + "/new", base, bad);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("id=\"ack_timeout-error\"").contains("minutes is a whole number from 1 to 10080, got &#39;soon&#39;")
                .contains("value=\"&lt;b&gt;typed&lt;/b&gt;\"").doesNotContain("<b>typed</b>");

        Map<String, String> zone = form("zoned");
        zone.put("urgency", "support_hours");
        zone.put("support_time_zone", "Mars/Olympus");
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(zone.entrySet());
        fields.add(Map.entry("support_days", "2"));
        HttpResponse<String> z = web.post(base + "/new", base, fields);
        assertThat(z.statusCode()).isEqualTo(422);
        assertThat(z.body()).contains("id=\"support_hours-error\"").contains("an IANA time zone such as Europe/Paris");

        assertThat(web.post(base + "/new", base, form("dup")).statusCode()).isEqualTo(302);
        HttpResponse<String> dup = web.post(base + "/new", base, form("dup"));
        assertThat(dup.statusCode()).isEqualTo(422);
        assertThat(dup.body()).contains("id=\"name-error\"").contains("already exists");

        Map<String, String> window = form("windowless");
        window.put("grouping_minutes", "");
        HttpResponse<String> w = web.post(base + "/new", base, window);
        assertThat(w.statusCode()).isEqualTo(422);
        assertThat(w.body()).contains("id=\"grouping-error\"").contains("the window in minutes");
    }

    @Test
    void anIntegrationKeyIsShownOnceWithExamplesAndCanBeRotatedAndDeleted() {
        ServiceDefinition s = services.create(me, org, Map.of("name", "api"));
        String page = base + "/" + s.id();
        assertThat(web.post(page, page + "/integrations", Map.of("type", "events_api_v2", "name", "Prometheus")).statusCode()).isEqualTo(302);
        String shown = web.get(page).body();
        Matcher key = KEY.matcher(shown);
        assertThat(key.find()).as(shown).isTrue();
        String k = key.group(1);
        assertThat(shown).contains("http://localhost:8080/v2/enqueue").contains("&quot;routing_key&quot;: &quot;" + k + "&quot;")
                .contains("pagerduty_configs:\n      - url: http://localhost:8080/v2/enqueue\n        routing_key: " + k);
        assertThat(intake.integrationByKey(k)).isPresent();
        String again = web.get(page).body();
        assertThat(again).doesNotContain(k).contains("…" + k.substring(28));

        String integrationId = Long.toString(intake.integrationByKey(k).orElseThrow().id());
        assertThat(web.post(page, page + "/integrations/" + integrationId + "/rotate", Map.of()).statusCode()).isEqualTo(302);
        Matcher rotated = KEY.matcher(web.get(page).body());
        assertThat(rotated.find()).isTrue();
        assertThat(rotated.group(1)).isNotEqualTo(k);
        assertThat(intake.integrationByKey(k)).isEmpty();
        assertThat(intake.integrationByKey(rotated.group(1))).isPresent();

        assertThat(web.post(page, page + "/integrations", Map.of("type", "alertmanager")).statusCode()).isEqualTo(302);
        String am = web.get(page).body();
        Matcher amKey = KEY.matcher(am);
        assertThat(amKey.find()).isTrue();
        assertThat(am).contains("webhook_configs:\n      - url: http://localhost:8080/inbound/alertmanager/" + amKey.group(1));
        assertThat(web.post(page, page + "/integrations", Map.of("type", "generic")).statusCode()).isEqualTo(302);
        String generic = web.get(page).body();
        Matcher gKey = KEY.matcher(generic);
        assertThat(gKey.find()).isTrue();
        assertThat(generic).contains("curl -X POST &#39;http://localhost:8080/inbound/generic/" + gKey.group(1) + "&#39;");

        assertThat(web.post(page, page + "/integrations", Map.of("type", "smoke-signals")).statusCode()).isEqualTo(302);
        assertThat(web.get(page).body()).contains("one of events_api_v2, alertmanager, generic");

        assertThat(web.post(page, page + "/integrations/" + integrationId + "/delete", Map.of()).statusCode()).isEqualTo(302);
        assertThat(intake.integrationByKey(rotated.group(1))).isEmpty();
    }

    @Test
    void namesAndRunbooksAreEscaped() {
        ServiceDefinition s = services.create(me, org, Map.of("name", "<script>n()</script>", "description", "<img src=x onerror=d()>",
                "runbook", "<iframe src=//evil></iframe> [x](javascript:r())"));
        String list = web.get(base).body();
        assertThat(list).contains("&lt;script&gt;n()&lt;/script&gt;").doesNotContain("<script>n()").doesNotContain("<img src=x");
        String page = web.get(base + "/" + s.id()).body();
        assertThat(page).doesNotContain("<script>n()").doesNotContain("<img src=x").doesNotContain("<iframe")
                .doesNotContainIgnoringCase("href=\"javascript");
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        ServiceDefinition s = services.create(me, org, Map.of("name", "kept"));
        String page = base + "/" + s.id();
        assertThat(web.postRaw(base, form("sneaky")).statusCode()).isEqualTo(403);
        assertThat(web.postRaw(page + "/integrations", Map.of("type", "generic")).statusCode()).isEqualTo(403);
        assertThat(web.postRaw(page + "/delete", Map.of()).statusCode()).isEqualTo(403);
        assertThat(web.postRaw(page + "/edit", form("renamed")).statusCode()).isEqualTo(403);
        assertThat(services.list(me, org, 0, 10).items()).extracting(ServiceDefinition::name).containsExactly("kept");
        assertThat(services.integrations(me, org, Long.toString(s.id()))).isEmpty();
    }

    @Test
    void anotherOrganizationsServiceIsNotFound() {
        User stranger = newUser("password-" + unique("s"));
        Actor them = Actor.session(stranger.id(), stranger.email());
        String theirOrg = unique("theirs");
        organizations.create(them, "Theirs", theirOrg);
        ServiceDefinition theirs = services.create(them, theirOrg, Map.of("name", "their-secret-service"));
        ServiceDefinition mine = services.create(me, org, Map.of("name", "mine"));
        String mineUrl = base + "/" + mine.id();
        // their id under my organization, and their organization's address
        for (String path : List.of(base + "/" + theirs.id(), base + "/" + theirs.id() + "/edit", "/orgs/" + theirOrg + "/services",
                "/orgs/" + theirOrg + "/services/" + theirs.id())) {
            HttpResponse<String> r = web.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).doesNotContain("their-secret-service");
        }
        assertThat(web.post(mineUrl, base + "/" + theirs.id() + "/delete", Map.of()).statusCode()).isEqualTo(404);
        assertThat(web.post(mineUrl, base + "/" + theirs.id() + "/integrations", Map.of("type", "generic")).statusCode()).isEqualTo(404);
        assertThat(services.integrations(them, theirOrg, Long.toString(theirs.id()))).isEmpty();
        assertThat(services.get(them, theirOrg, Long.toString(theirs.id())).name()).isEqualTo("their-secret-service");
        // their policy given to my service: refused by the field
        EscalationPolicy theirPolicy = policies.create(them, theirOrg, new EscalationPolicies.PolicyInput("Theirs", null, 0, List.of(
                new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(stranger.id()))), false))));
        Map<String, String> f = form("borrowing");
        f.put("escalation_policy", Long.toString(theirPolicy.id()));
        HttpResponse<String> r = web.post(base + "/new", base, f);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("id=\"escalation_policy-error\"").contains("no escalation policy with id " + theirPolicy.id())
                .doesNotContain(">Theirs<");
    }
}
