package io.bugmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.slack.SlackActions;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.FakeSlack;
import io.bugmaster.testing.Poll;
import io.bugmaster.testing.SlackSigned;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.BrowserTest;
import io.sentry.Sentry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 12's "Done when", as a new team follows docs/slack.md: an admin connects the workspace
 * (API, token and signing secret) and makes "#alerts-production" a Slack app channel of a
 * production alert rule; a new error sent by the Java SDK appears there with buttons; Ana (linked
 * by her Slack email) clicks Resolve, signed by Slack's own SDK, and the issue is resolved and the
 * message says so; a second issue resolved on the web page (Chromium) updates its message too;
 * {@code /bugmaster incident} opens the modal, whose submission declares the incident with its own
 * channel and the on-call invited; {@code /bugmaster oncall} answers in its reply; a replayed and a
 * forged click are refused and change nothing. Slack's Web API is the local fake, which checks
 * every call against Slack's documented methods.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SlackJourneySqliteTest extends BrowserTest {
    private static final String PASSWORD = "slack journey password";

    @Autowired
    ProjectService projects;

    @AfterEach
    void closeSentry() {
        Sentry.close();
    }

    @Test
    void aTeamTriagesAndRunsAnIncidentFromSlack() {
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        String admin = tenant.ownerToken();
        ApiClient api = new ApiClient(baseUrl());
        User ana = newUser(PASSWORD);
        join(tenant.owner(), org, ana, Role.MEMBER);
        String project = unique("shop");
        projects.create(tenant.owner(), org, org, "Shop", project, "java");

        // the workspace, as Slack has it once the app is created from the manifest and installed
        FakeSlack.Workspace ws = FakeSlack.shared().workspace(unique("acme"));
        String anaSlack = ws.addUser(ana.email());
        String ownerSlack = ws.addUser(tenant.user().email());
        String alerts = ws.channel("alerts-production");

        // 1. connect: the token and the signing secret from the app's pages
        ApiClient.Response connected = api.put(admin, "/api/0/organizations/" + org + "/integrations/slack/",
                ApiClient.json("bot_token", ws.botToken, "signing_secret", ws.signingSecret));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        assertThat(connected.body()).doesNotContain(ws.botToken).doesNotContain(ws.signingSecret).contains(ws.name);

        // 2. the channel and the production rule
        ApiClient.Response channel = api.post(admin, "/api/0/organizations/" + org + "/notification-channels/",
                "{\"name\": \"#alerts-production\", \"kind\": \"slack_app\", \"config\": {\"channel\": \"" + alerts + "\"}}");
        assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
        ApiClient.Response rule = api.post(admin, "/api/0/organizations/" + org + "/alert-rules/", """
                {"name": "production: new issues", "scope": {"type": "organization"}, "environment": "production",
                 "conditions": [{"id": "first_seen_event"}], "actions": [{"id": "notify_channel", "channel": "%s"}], "frequency": 5}"""
                .formatted(channel.json().path("id").asString()));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);

        // 3. a new production error, sent by the Java SDK, appears in the channel with buttons
        String dsn = api.get(admin, "/api/0/projects/" + org + "/" + project + "/keys/").json().get(0).path("dsn").path("public").asString()
                .replace("localhost:8080", "localhost:" + port);
        Sentry.init(options -> {
            options.setDsn(dsn);
            options.setRelease("shop@3.1.0");
            options.setEnvironment("production");
            options.setEnableUncaughtExceptionHandler(false);
            options.setShutdownTimeoutMillis(5000);
        });
        Sentry.captureException(new IllegalStateException("checkout failed for cart 42"));
        Sentry.flush(5000);
        JsonNode first = awaitMessages(ws, alerts, 1).get(0);
        String firstTs = first.path("ts").asString();
        JsonNode resolve = element(first, SlackActions.ISSUE_RESOLVE);
        assertThat(resolve.path("type").asString()).isEqualTo("button");
        String firstIssue = resolve.path("value").asString().substring("issue:".length());
        assertThat(element(first, SlackActions.ISSUE_IGNORE).path("type").asString()).isEqualTo("static_select");
        assertThat(element(first, SlackActions.ISSUE_ASSIGN).path("type").asString()).isEqualTo("static_select");
        assertThat(element(first, SlackActions.OPEN).path("url").asString()).endsWith("/orgs/" + org + "/issues/" + firstIssue);
        assertThat(shown(first)).contains("checkout failed for cart 42").contains("Unresolved");

        // 4. Ana clicks Resolve: Slack signs the click; she is linked by her Slack email; the message says who resolved it
        SlackSigned slack = new SlackSigned(baseUrl(), ws.signingSecret);
        Instant clickedAt = clock.instant();
        String click = click(ws, anaSlack, alerts, firstTs, SlackActions.ISSUE_RESOLVE, "issue:" + firstIssue).toString();
        String clickBody = SlackSigned.form(Map.of("payload", click));
        String clickSignature = slack.signature(clickedAt, clickBody);
        ApiClient.Response clicked = slack.post("/slack/interactions", clickBody, "application/x-www-form-urlencoded",
                String.valueOf(clickedAt.getEpochSecond()), clickSignature, Map.of());
        assertThat(clicked.status()).as(clicked.toString()).isEqualTo(200);
        assertThat(status(api, admin, firstIssue)).isEqualTo("resolved");
        JsonNode updated = awaitMessage(ws, alerts, firstTs, m -> shown(m).contains("Resolved by " + ana.email()));
        assertThat(shown(updated)).contains("from Slack");
        assertThat(findElement(updated, SlackActions.ISSUE_RESOLVE)).as("a resolved issue offers no Resolve").isNull();
        assertThat(ws.messages(alerts)).as("updated in place, no second message").hasSize(1);

        // 5. another issue, resolved on the web: its message follows
        Sentry.captureException(new UnsupportedOperationException("gift cards cannot be refunded"));
        Sentry.flush(5000);
        JsonNode second = awaitMessages(ws, alerts, 2).get(1);
        String secondTs = second.path("ts").asString();
        String secondIssue = element(second, SlackActions.ISSUE_RESOLVE).path("value").asString().substring("issue:".length());
        try (BrowserContext context = newContext()) {
            Page page = context.newPage();
            logIn(page, ana.email(), PASSWORD);
            page.navigate(baseUrl() + "/orgs/" + org + "/issues/" + secondIssue);
            page.locator("button[name=action][value=resolve]").first().click();
            page.waitForURL(u -> u.contains("/issues/" + secondIssue));
            screenshot(page, "slack-journey-web-resolve");
        }
        assertThat(status(api, admin, secondIssue)).isEqualTo("resolved");
        awaitMessage(ws, alerts, secondTs, m -> shown(m).contains("Resolved by " + ana.email()));

        // 6. the on-call: a schedule of the owner behind the Checkout service
        Instant shiftStart = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        ApiClient.Response schedule = api.post(admin, "/api/0/organizations/" + org + "/schedules/", """
                {"name": "Checkout primary", "time_zone": "UTC", "schedule_layers": [{"name": "Days", "start": "%s",
                 "rotation_virtual_start": "%s", "rotation_turn_length_seconds": 86400, "users": [{"id": %d}]}]}"""
                .formatted(shiftStart, shiftStart, tenant.user().id()));
        assertThat(schedule.status()).as(schedule.toString()).isEqualTo(201);
        ApiClient.Response policy = api.post(admin, "/api/0/organizations/" + org + "/escalation-policies/", """
                {"name": "Checkout on-call", "num_loops": 1, "escalation_rules": [{"escalation_delay_in_minutes": 10,
                 "targets": [{"type": "schedule_reference", "id": "%s"}]}]}""".formatted(schedule.json().path("id").asString()));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        ApiClient.Response service = api.post(admin, "/api/0/organizations/" + org + "/services/",
                "{\"name\": \"Checkout\", \"escalation_policy\": {\"id\": \"" + policy.json().path("id").asString() + "\"}}");
        assertThat(service.status()).as(service.toString()).isEqualTo(201);
        String serviceId = service.json().path("id").asString();

        // 7. /bugmaster oncall answers in its reply (no follow-up needed)
        ApiClient.Response oncall = slack.command(clock.instant(), command(ws, anaSlack, alerts, "oncall"));
        assertThat(oncall.status()).isEqualTo(200);
        assertThat(oncall.json().path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(oncall.json().path("text").asString() + oncall.json().path("blocks")).contains("Checkout on-call")
                .contains("Level 1").contains(tenant.user().email());

        // 8. /bugmaster incident: the modal, then its submission declares the incident with its own channel
        String trigger = ws.triggerId();
        Map<String, String> incidentCommand = command(ws, anaSlack, alerts, "incident Checkout is down");
        incidentCommand.put("trigger_id", trigger);
        ApiClient.Response opened = slack.command(clock.instant(), incidentCommand);
        assertThat(opened.status()).isEqualTo(200);
        FakeSlack.Call views = Poll.until(Duration.ofSeconds(30), "views.open", () -> ws.calls("views.open"), l -> !l.isEmpty()).get(0);
        assertThat(views.ok()).as(views.reply().toString()).isTrue();
        JsonNode modal = views.args().path("view");
        assertThat(modal.path("callback_id").asString()).isEqualTo(SlackActions.DECLARE_MODAL);
        ObjectNode submission = submission(ws, anaSlack, modal, serviceId);
        ApiClient.Response submitted = slack.interaction(clock.instant(), submission.toString());
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
        assertThat(submitted.body() == null ? "" : submitted.body()).doesNotContain("errors");
        JsonNode incident = Poll.until(Duration.ofSeconds(30), "the declared incident",
                () -> api.get(admin, "/api/0/organizations/" + org + "/incidents/").json(), l -> l.size() == 1).get(0);
        assertThat(incident.path("title").asString()).isEqualTo("Checkout is down");
        String number = incident.path("incident_number").asString();
        String incidentChannelName = "inc-" + number + "-checkout-is-down";
        String incidentChannel = Poll.until(Duration.ofSeconds(30), "the incident's channel", () -> ws.channelId(incidentChannelName),
                id -> id != null && !ws.messages(id).isEmpty());
        assertThat(ws.members(incidentChannel)).as("the declarer and the on-call whom level 1 pages").contains(anaSlack, ownerSlack);
        JsonNode card = ws.messages(incidentChannel).get(0);
        assertThat(shown(card)).contains("Checkout is down");
        assertThat(element(card, SlackActions.INCIDENT_ACKNOWLEDGE).path("value").asString()).startsWith("incident:");

        // 9. a replayed click and a forged one are refused and change nothing
        assertThat(api.put(admin, "/api/0/issues/" + firstIssue + "/", "{\"status\": \"unresolved\"}").status()).isEqualTo(200);
        ApiClient.Response replayed = slack.post("/slack/interactions", clickBody, "application/x-www-form-urlencoded",
                String.valueOf(clickedAt.getEpochSecond()), clickSignature, Map.of());
        assertThat(replayed.status()).isEqualTo(401);
        SlackSigned forger = new SlackSigned(baseUrl(), "f0rgedf0rgedf0rgedf0rgedf0rged00");
        String again = click(ws, anaSlack, alerts, firstTs, SlackActions.ISSUE_RESOLVE, "issue:" + firstIssue).toString();
        assertThat(forger.interaction(clock.instant(), again).status()).isEqualTo(401);
        assertThat(status(api, admin, firstIssue)).as("neither the replay nor the forgery resolved it").isEqualTo("unresolved");
    }

    // --- Slack's side ---

    /** A slash command's form as Slack sends it. */
    private Map<String, String> command(FakeSlack.Workspace ws, String user, String channel, String text) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "deprecated-verification-token");
        f.put("team_id", ws.teamId);
        f.put("team_domain", ws.name);
        f.put("channel_id", channel);
        f.put("channel_name", "alerts-production");
        f.put("user_id", user);
        f.put("user_name", "ana");
        f.put("command", "/bugmaster");
        f.put("text", text);
        f.put("api_app_id", "A0BUGMASTER");
        f.put("response_url", ws.responseUrl());
        f.put("trigger_id", ws.triggerId());
        return f;
    }

    /** A button click as Slack sends it (block_actions), on the message at channel/ts. */
    private static ObjectNode click(FakeSlack.Workspace ws, String user, String channel, String ts, String actionId, String value) {
        ObjectNode p = ApiClient.JSON.createObjectNode().put("type", "block_actions").put("api_app_id", "A0BUGMASTER")
                .put("trigger_id", ws.triggerId()).put("response_url", ws.responseUrl());
        p.putObject("user").put("id", user).put("username", "ana").put("team_id", ws.teamId);
        p.putObject("team").put("id", ws.teamId).put("domain", ws.name);
        p.putObject("container").put("type", "message").put("message_ts", ts).put("channel_id", channel).put("is_ephemeral", false);
        p.putObject("channel").put("id", channel).put("name", "alerts-production");
        p.putObject("message").put("ts", ts).put("type", "message");
        p.putArray("actions").addObject().put("type", "button").put("action_id", actionId).put("block_id", "actions").put("value", value)
                .put("action_ts", ts);
        return p;
    }

    /** The modal's submission (view_submission) as Slack sends it: the values of its inputs, the options taken from the modal itself. */
    private static ObjectNode submission(FakeSlack.Workspace ws, String user, JsonNode modal, String serviceId) {
        ObjectNode p = ApiClient.JSON.createObjectNode().put("type", "view_submission").put("api_app_id", "A0BUGMASTER");
        p.putObject("team").put("id", ws.teamId).put("domain", ws.name);
        p.putObject("user").put("id", user).put("username", "ana").put("team_id", ws.teamId);
        ObjectNode view = p.putObject("view").put("id", "V0MODAL").put("type", "modal")
                .put("callback_id", modal.path("callback_id").asString()).put("private_metadata", modal.path("private_metadata").asString(""));
        ObjectNode values = view.putObject("state").putObject("values");
        for (JsonNode block : modal.path("blocks")) {
            if (!block.path("type").asString().equals("input")) {
                continue;
            }
            JsonNode element = block.path("element");
            String actionId = element.path("action_id").asString();
            ObjectNode value = values.putObject(block.path("block_id").asString()).putObject(actionId)
                    .put("type", element.path("type").asString());
            switch (element.path("type").asString()) {
                case "plain_text_input" -> value.put("value", actionId.equals("description")
                        ? "Customers see an error at payment; started after the 14:00 deploy." : element.path("initial_value").asString(""));
                case "static_select" -> {
                    JsonNode chosen = null;
                    for (JsonNode option : element.path("options")) {
                        String v = option.path("value").asString();
                        if (chosen == null || v.equals(serviceId) || option.path("text").path("text").asString().startsWith("P2")) {
                            chosen = option;
                        }
                    }
                    value.set("selected_option", chosen);
                }
                case "checkboxes" -> value.putArray("selected_options").add(element.path("options").get(0));
                default -> { }
            }
        }
        return p;
    }

    // --- reading Slack's messages ---

    private List<JsonNode> awaitMessages(FakeSlack.Workspace ws, String channel, int count) {
        return await("message " + count + " in the channel", () -> ws.messages(channel), l -> l.size() >= count);
    }

    private JsonNode awaitMessage(FakeSlack.Workspace ws, String channel, String ts, Predicate<JsonNode> done) {
        return await("the message at " + ts, () -> ws.message(channel, ts), m -> m != null && done.test(m));
    }

    /** Waits while running the engine on each look, as its tick would (the test server's tick is an hour). */
    private <T> T await(String what, Supplier<T> read, Predicate<T> done) {
        return Poll.until(Duration.ofSeconds(60), what, () -> {
            engine.runOnce();
            return read.get();
        }, done);
    }

    private static String status(ApiClient api, String token, String issueId) {
        return api.get(token, "/api/0/issues/" + issueId + "/").json().path("status").asString();
    }

    /** Every text of a message: its fallback text and its blocks' texts. */
    private static String shown(JsonNode message) {
        List<String> texts = new ArrayList<>();
        texts.add(message.path("text").asString(""));
        collect(message.path("blocks"), texts);
        return String.join("\n", texts);
    }

    private static void collect(JsonNode node, List<String> into) {
        if (node.isObject()) {
            if (node.path("text").isString()) {
                into.add(node.path("text").asString());
            }
            node.properties().forEach(e -> collect(e.getValue(), into));
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, into));
        }
    }

    private static JsonNode element(JsonNode message, String actionId) {
        JsonNode found = findElement(message, actionId);
        assertThat(found).as("an element " + actionId + " in " + message).isNotNull();
        return found;
    }

    private static JsonNode findElement(JsonNode message, String actionId) {
        for (JsonNode block : message.path("blocks")) {
            for (JsonNode e : block.path("elements")) {
                if (e.path("action_id").asString().equals(actionId)) {
                    return e;
                }
            }
            if (block.path("accessory").path("action_id").asString().equals(actionId)) {
                return block.path("accessory");
            }
        }
        return null;
    }
}
