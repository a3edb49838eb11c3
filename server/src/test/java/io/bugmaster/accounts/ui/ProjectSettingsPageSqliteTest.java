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

/** The ingestion and environments sections of a project's settings page over real HTTP. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class ProjectSettingsPageSqliteTest extends IntegrationTest {
    static final String PASSWORD = "settings-page-password";

    @Autowired ProjectService projects;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient db;

    final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

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
                new ProjectSettings(100, null, 50000, false, List.of("ssn", "iban"), List.of("order_id"), rules, null));
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

    /** Sends one error event to the project's DSN and returns its id; it is stored when this returns. */
    String sendEvent(String type, String value, String environment) throws Exception {
        String id = java.util.UUID.randomUUID().toString().replace("-", "");
        String key = projects.listKeys(actor, org.slug(), projectSlug).get(0).publicKey();
        long projectId = projects.get(actor, org.slug(), projectSlug).project().id();
        String event = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(Map.of("event_id", id,
                "platform", "java", "level", "error", "environment", environment,
                "exception", Map.of("values", List.of(Map.of("type", type, "value", value,
                        "stacktrace", Map.of("frames", List.of(Map.of("module", "com.acme.Pay",
                                "function", "charge", "in_app", true, "lineno", 12))))))));
        HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/"
                + projectId + "/store/?sentry_key=" + key)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return id;
    }

    /** The grouping hash ingestion stored for the event's issue under the current strategy (the first one it made). */
    List<String> issueHashes(String eventId) {
        return db.sql("""
                SELECT h.hash FROM issue_hashes h JOIN events e ON e.issue_id = h.issue_id
                WHERE e.event_id = ? ORDER BY h.created_at, h.hash""").param(eventId).query(String.class).list();
    }

    @Test
    void theRulesPreviewShowsTheMatchingRuleFingerprintAndHashWithoutSavingTheRules() throws Exception {
        String eventId = sendEvent("PaymentTimeout<script>alert(1)</script>", "card declined after 30s", "production");
        String page = web.get(settingsPath).body();
        assertThat(page).contains("Test against this event").contains("value=\"" + eventId + "\"")
                .contains("PaymentTimeout&lt;script&gt;").doesNotContain("<script>alert(1)</script>");

        String previewPath = settingsPath.replace("/settings", "/fingerprint-preview");
        String rules = "logger:nothing -> never\nerror.type:PaymentTimeout* -> payment-timeouts title=\"Payments time out\"";
        HttpResponse<String> preview = web.postHtmx(settingsPath, previewPath,
                Map.of("previewEvent", eventId, "previewEventId", "", "fingerprintingRules", rules));
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        String body = preview.body().strip();
        assertThat(body).startsWith("<div id=\"fingerprint-preview-result\"").doesNotContain("<html")
                .contains("Matched rule on line <strong>2</strong>")
                .contains("error.type:PaymentTimeout* -&gt; payment-timeouts")
                .contains(">payment-timeouts</code>").contains("different group than the default")
                .contains("Payments time out").doesNotContain("<script>alert(1)</script>");
        // the default hash is the one ingestion gave the event's issue
        String defaultHash = body.replaceAll("(?s).*<code class=\"hash default-hash\">([0-9a-f]{32})</code>.*", "$1");
        assertThat(issueHashes(eventId)).contains(defaultHash);
        assertThat(projects.settings(actor, org.slug(), projectSlug)).isEqualTo(ProjectSettings.DEFAULTS);

        // a pasted id (as a UUID) wins over the picked one; rules that match nothing keep the default group
        String dashed = eventId.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
        String none = web.postHtmx(settingsPath, previewPath,
                Map.of("previewEvent", "", "previewEventId", dashed, "fingerprintingRules", "logger:nothing -> never")).body();
        assertThat(none).contains("No rule matches this event").contains("Same group as without rules");

        // bad rules, bad and unknown ids answer with the reason
        assertThat(web.postHtmx(settingsPath, previewPath, Map.of("previewEvent", eventId, "fingerprintingRules", "colour:red -> c"))
                .body()).contains("do not parse").contains("line 1");
        assertThat(web.postHtmx(settingsPath, previewPath, Map.of("previewEventId", "nope", "fingerprintingRules", "")).body())
                .contains("32 hexadecimal digits");
        assertThat(web.postHtmx(settingsPath, previewPath, Map.of("previewEventId", "0".repeat(32), "fingerprintingRules", ""))
                .body()).contains("not found");

        // without htmx: the whole settings page, with the typed rules kept in the editor and nothing saved
        HttpResponse<String> plain = web.post(settingsPath, previewPath, Map.of("previewEvent", eventId, "fingerprintingRules", rules));
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).contains("<html").contains("Matched rule on line").contains("payment-timeouts title=")
                .contains("Save ingestion settings");
        assertThat(projects.settings(actor, org.slug(), projectSlug)).isEqualTo(ProjectSettings.DEFAULTS);
    }

    @Test
    void stackTraceRulesAreSavedCheckedLineByLineAndPreviewedOnAnEventFrameByFrame() throws Exception {
        String page = web.get(settingsPath).body();
        assertThat(page).as("the Java snippet names the app's package").contains("options.addInAppInclude(&quot;com.example&quot;);");
        assertThat(page).contains("name=\"groupingEnhancements\"").contains("Built-in rules")
                .contains("family:java stack.module:org.springframework.** -app").contains("Test stack trace rules");

        String ingestionPath = settingsPath.replace("/settings", "/ingestion");
        Map<String, String> bad = form("");
        bad.put("groupingEnhancements", "stack.module:com.acme.** +app\n\nstack.module:<b>x</b> max-frames=2");
        HttpResponse<String> refused = web.post(settingsPath, ingestionPath, bad);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"stack-trace-rules-error\"").contains("line 3").contains("max-frames")
                .contains("stack.module:&lt;b&gt;x&lt;/b&gt; max-frames=2").doesNotContain("<b>x</b>");
        assertThat(projects.settings(actor, org.slug(), projectSlug)).isEqualTo(ProjectSettings.DEFAULTS);

        Map<String, String> good = form("");
        good.put("groupingEnhancements", "stack.module:com.acme.legacy.** -app");
        assertThat(web.post(settingsPath, ingestionPath, good).statusCode()).isEqualTo(302);
        assertThat(projects.settings(actor, org.slug(), projectSlug).groupingEnhancements()).isEqualTo("stack.module:com.acme.legacy.** -app");
        assertThat(web.get(settingsPath).body()).contains("stack.module:com.acme.legacy.** -app");

        // an event as the Java SDK sends it by default: no frame says whether it is in-app
        String id = java.util.UUID.randomUUID().toString().replace("-", "");
        String key = projects.listKeys(actor, org.slug(), projectSlug).get(0).publicKey();
        long projectId = projects.get(actor, org.slug(), projectSlug).project().id();
        String event = """
                {"event_id":"%s","platform":"java","exception":{"values":[{"type":"IllegalStateException","stacktrace":{"frames":[
                {"module":"java.lang.Thread","function":"run"},{"module":"com.acme.legacy.Gateway<script>","function":"call"},
                {"module":"com.acme.Checkout","function":"pay"}]}}]}}""".formatted(id).replace("\n", "");
        HttpResponse<String> stored = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/"
                + projectId + "/store/?sentry_key=" + key)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);

        String previewPath = settingsPath.replace("/settings", "/stack-trace-preview");
        String body = web.postHtmx(settingsPath, previewPath, Map.of("previewEvent", id, "previewEventId", "",
                "groupingEnhancements", "stack.module:com.acme.Checkout -app")).body().strip();
        assertThat(body).startsWith("<div id=\"stack-trace-preview-result\"").doesNotContain("<html")
                .contains("With these rules 1 of 3 frames are in-app; the SDK marked 0.")
                .contains("<caption>IllegalStateException</caption>")
                .contains("built-in rule family:java stack.module:java.** -app")
                .contains("built-in rule family:java +app")
                .contains("line 1: stack.module:com.acme.Checkout -app")
                .contains("com.acme.legacy.Gateway&lt;script&gt; in call").doesNotContain("Gateway<script>");
        assertThat(projects.settings(actor, org.slug(), projectSlug).groupingEnhancements()).as("a preview saves nothing")
                .isEqualTo("stack.module:com.acme.legacy.** -app");
        assertThat(web.postHtmx(settingsPath, previewPath, Map.of("previewEvent", id, "groupingEnhancements", "module:x +group"))
                .body()).contains("do not parse").contains("line 1");
        assertThat(web.postHtmx(settingsPath, previewPath, Map.of("previewEventId", "0".repeat(32), "groupingEnhancements", ""))
                .body()).contains("not found");
        assertThat(web.postRaw(previewPath, Map.of("previewEvent", id, "groupingEnhancements", "")).statusCode())
                .as("no CSRF token").isEqualTo(403);

        // another organization's event is not found from this project, and its frames are not shown
        User other = newUser(PASSWORD);
        Actor otherActor = Actor.session(other.id(), other.email());
        Organization otherOrg = organizations.create(otherActor, "Other", unique("other"));
        projects.create(otherActor, otherOrg.slug(), otherOrg.slug(), "Secret", "secret", "java");
        String otherKey = projects.listKeys(otherActor, otherOrg.slug(), "secret").get(0).publicKey();
        long otherProject = projects.get(otherActor, otherOrg.slug(), "secret").project().id();
        String otherId = java.util.UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> otherStored = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/"
                + otherProject + "/store/?sentry_key=" + otherKey)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(event.replace(id, otherId)
                        .replace("com.acme.Checkout", "com.secret.Vault"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(otherStored.statusCode()).isEqualTo(200);
        assertThat(web.postHtmx(settingsPath, previewPath, Map.of("previewEventId", otherId, "groupingEnhancements", "")).body())
                .contains("not found").doesNotContain("com.secret.Vault");

        // without htmx: the settings page, with the typed rules kept in the editor
        HttpResponse<String> plain = web.post(settingsPath, previewPath, Map.of("previewEvent", id,
                "groupingEnhancements", "stack.module:com.acme.Checkout -app"));
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).contains("<html").contains("With these rules 1 of 3").contains(">stack.module:com.acme.Checkout -app</textarea>");
    }

    @Test
    void environmentsAreListedEscapedAndCanBeHiddenAndShownAgain() throws Exception {
        assertThat(web.get(settingsPath).body()).contains("No environments yet");
        sendEvent("Boom", "x", "production");
        sendEvent("Boom", "x", "qa <b>#1 ü?&x");

        String page = web.get(settingsPath).body();
        assertThat(page).contains(">production</span>").contains(">qa &lt;b&gt;#1 ü?&amp;x</span>")
                .doesNotContain("<b>#1").contains("aria-label=\"Hide production\"");

        String environmentsPath = settingsPath.replace("/settings", "/environments");
        HttpResponse<String> hidden = web.post(settingsPath, environmentsPath, Map.of("name", "qa <b>#1 ü?&x", "hidden", "true"));
        assertThat(hidden.statusCode()).as(hidden.body()).isEqualTo(302);
        assertThat(WebClient.location(hidden)).endsWith(settingsPath + "#environments");
        assertThat(projects.environments(actor, org.slug(), projectSlug, io.bugmaster.accounts.ProjectEnvironment.Visibility.VISIBLE))
                .extracting(io.bugmaster.accounts.ProjectEnvironment::name).containsExactly("production");
        String reloaded = web.get(settingsPath).body();
        assertThat(reloaded).contains("hidden: it is left out of environment pickers").contains("hidden-environment")
                .contains("aria-label=\"Show qa &lt;b&gt;#1 ü?&amp;x\"");

        web.post(settingsPath, environmentsPath, Map.of("name", "qa <b>#1 ü?&x", "hidden", "false"));
        assertThat(projects.environments(actor, org.slug(), projectSlug, io.bugmaster.accounts.ProjectEnvironment.Visibility.HIDDEN))
                .isEmpty();
        assertThat(web.post(settingsPath, environmentsPath, Map.of("name", "staging", "hidden", "true")).statusCode()).isEqualTo(404);
    }
}
