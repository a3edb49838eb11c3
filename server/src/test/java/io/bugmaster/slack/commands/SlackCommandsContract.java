package io.bugmaster.slack.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentStatus;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.incidents.TimelineEntry;
import io.bugmaster.incidents.comms.IncidentComms;
import io.bugmaster.incidents.roles.IncidentRoles;
import io.bugmaster.incidents.timeline.TimelineNotes;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
import io.bugmaster.oncall.policies.PolicyRules;
import io.bugmaster.slack.SlackActions;
import io.bugmaster.slack.channels.SlackIncidentChannels;
import io.bugmaster.slack.inbound.SlackHandlers;
import io.bugmaster.slack.inbound.SlackReply;
import io.bugmaster.slack.inbound.SlackRequest;
import io.bugmaster.slack.install.SlackInstallation;
import io.bugmaster.slack.install.SlackInstallations;
import io.bugmaster.slack.messages.SlackMessageLog;
import io.bugmaster.slack.people.SlackPeople;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.FakeSlack;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.Poll;
import io.bugmaster.testing.SlackSigned;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /bugmaster} as Slack sends it (signed by Slack's SDK) against a local Slack: on-call now
 * and next answered in the reply itself, the declare modal opened and submitted (the incident, its
 * channel with the responders invited and the card), ack/resolve by number or by channel, the
 * open incidents, usage, and every refusal as a message that says what to do. Pins and the
 * timeline reaction in an incident's channel land on its timeline once.
 */
abstract class SlackCommandsContract extends IntegrationTest {
    @Autowired SlackInstallations installations;
    @Autowired SlackPeople people;
    @Autowired SlackIncidentChannels incidentChannels;
    @Autowired SlackMessageLog messageLog;
    @Autowired Incidents incidents;
    @Autowired Services services;
    @Autowired EscalationPolicies policies;
    @Autowired TimelineNotes notes;
    @Autowired List<SlackHandlers.Modals> modals;
    @Autowired IncidentRoles roles;
    @Autowired IncidentComms comms;

    Tenant tenant;
    String org;
    FakeSlack.Workspace ws;
    SlackSigned slack;
    SlackInstallation installation;
    String ownerSlack;
    User bob;
    String bobSlack;
    User dave;
    String daveSlack;
    ServiceDefinition checkout;
    EscalationPolicy policy;
    Instant shiftStart;

    @BeforeEach
    void connect() {
        tenant = newTenant();
        org = tenant.org().slug();
        ws = FakeSlack.shared().workspace(unique("ws"));
        installation = installations.save(tenant.owner(), org, new SlackInstallations.Settings(ws.botToken, ws.signingSecret, null, null));
        slack = new SlackSigned(baseUrl(), ws.signingSecret);
        ownerSlack = ws.addUser(tenant.user().email());
        bob = member();
        bobSlack = ws.addUser(bob.email());
        people.link(installation, bobSlack, bob.id(), SlackPeople.VIA_LINK);
        dave = member();
        daveSlack = ws.addUser(dave.email());
        shiftStart = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        ApiClient.Response schedule = new ApiClient(baseUrl()).post(tenant.ownerToken(), "/api/0/organizations/" + org + "/schedules/", """
                {"name": "Primary", "time_zone": "UTC", "schedule_layers": [{"name": "Days", "start": "%s", "rotation_virtual_start": "%s",
                 "rotation_turn_length_seconds": 86400, "users": [{"id": %d}, {"id": %d}]}]}"""
                .formatted(shiftStart, shiftStart, tenant.user().id(), bob.id()));
        assertThat(schedule.status()).as(schedule.toString()).isEqualTo(201);
        policy = policies.create(tenant.owner(), org, new EscalationPolicies.PolicyInput("Checkout on-call", null, 1, List.of(
                new PolicyRules.RuleInput(10, List.of(new PolicyRules.TargetInput("schedule_reference", schedule.json().path("id").asString())),
                        false),
                new PolicyRules.RuleInput(10, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(bob.id()))), false),
                new PolicyRules.RuleInput(10, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(dave.id()))), false))));
        checkout = services.create(tenant.owner(), org, Map.of("name", "Checkout", "escalation_policy", Map.of("id", Long.toString(policy.id()))));
    }

    User member() {
        User u = newUser("password-" + unique("p"));
        join(tenant.owner(), org, u, Role.MEMBER);
        return u;
    }

    Map<String, String> form(String text, String userId, String channelId, String responseUrl) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "legacy-verification-token");
        f.put("team_id", ws.teamId);
        f.put("team_domain", ws.name);
        f.put("channel_id", channelId);
        f.put("channel_name", "general");
        f.put("user_id", userId);
        f.put("user_name", "someone");
        f.put("command", "/bugmaster");
        f.put("text", text);
        f.put("api_app_id", "A0BUGMASTER");
        f.put("response_url", responseUrl);
        f.put("trigger_id", ws.triggerId());
        return f;
    }

    ApiClient.Response command(String text, String userId) {
        return command(text, userId, ws.channel(unique("general")));
    }

    ApiClient.Response command(String text, String userId, String channelId) {
        ApiClient.Response r = slack.command(clock.instant(), form(text, userId, channelId, ws.responseUrl()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r;
    }

    static String text(ApiClient.Response r) {
        assertThat(r.json().path("response_type").asString()).isEqualTo("ephemeral");
        return r.json().path("text").asString();
    }

    // --- help, refusals ---

    @Test
    void helpAndAnUnknownCommandShowTheUsage() {
        assertThat(text(command("help", ownerSlack))).contains("/bugmaster oncall [team]").contains("/bugmaster incident [title]")
                .contains("/bugmaster ack [number]").contains("/bugmaster status");
        assertThat(text(command("", ownerSlack))).contains("/bugmaster resolve [number]");
        assertThat(text(command("page <!channel>", ownerSlack))).contains("`/bugmaster page` is not a command I know")
                .contains("/bugmaster help");
    }

    @Test
    void anUnlinkedPersonGetsTheOneTimeLinkAndNothingHappens() {
        String stranger = ws.addUser(unique("stranger") + "@elsewhere.example");
        String answer = text(command("incident Checkout is down", stranger));
        assertThat(answer).contains("not linked").containsPattern("<http[^|>]+/slack/link\\?token=[^|>]+\\|Connect it>");
        assertThat(ws.calls("views.open")).isEmpty();
        assertThat(text(command("ack 1", stranger))).contains("/slack/link?token=");
        assertThat(incidents.list(tenant.owner(), org, List.of(), null, 0, 10).items()).isEmpty();
    }

    @Test
    void aCommandFromAnotherWorkspaceSigningWithTheSameAppIsRefused() {
        Map<String, String> f = form("status", ownerSlack, ws.channel(unique("c")), ws.responseUrl());
        f.put("team_id", "T0OTHERTEAM");
        String answer = text(slack.command(clock.instant(), f));
        assertThat(answer).contains("not the one connected");
    }

    // --- oncall ---

    @Test
    void oncallAnswersInTheReplyWithEachLevelNowAndNext() {
        String answer = text(command("oncall", ownerSlack));
        Instant handover = shiftStart.plus(Duration.ofDays(1));
        assertThat(answer).contains("*Checkout on-call* (Checkout)");
        assertThat(answer).contains("Level 1: <@" + ownerSlack + "> until <!date^" + handover.getEpochSecond() + "^")
                .contains("; next <@" + bobSlack + ">");
        assertThat(answer).contains("Level 2: <@" + bobSlack + ">");
        assertThat(answer).as("an unlinked person is named, not looked up").contains("Level 3: " + dave.name());
        assertThat(ws.calls("users.lookupByEmail")).isEmpty();
    }

    @Test
    void oncallForATeamShowsItsServicesOnly() {
        var team = organizations.createTeam(tenant.owner(), org, "Payments", unique("payments"));
        services.create(tenant.owner(), org, Map.of("name", "Ledger", "team", Map.of("id", Long.toString(team.id()))));
        String answer = text(command("oncall " + team.slug(), ownerSlack));
        assertThat(answer).contains("for team Payments").contains("*Ledger*: no escalation policy").doesNotContain("Checkout");
        assertThat(text(command("oncall payments-nope", ownerSlack))).contains("no team 'payments-nope'").contains(team.slug());
        assertThat(text(command("oncall <!channel>", ownerSlack))).as("what was typed is shown, never a mention")
                .contains("no team '&lt;!channel&gt;'").doesNotContain("<!channel>");
    }

    // --- incident: the modal ---

    @Test
    void incidentOpensTheDeclareModalWithTheOrganizationsChoices() {
        ApiClient.Response r = command("incident Checkout is down &amp; carts &lt;empty&gt;", ownerSlack);
        assertThat(r.body()).as("answered with an empty 200: the modal is the answer").isEmpty();
        eventually("the form opened", () -> !ws.calls("views.open").isEmpty());
        FakeSlack.Call open = ws.calls("views.open").get(0);
        assertThat(open.ok()).as(open.reply().toString()).isTrue();
        JsonNode view = open.args().path("view");
        assertThat(view.path("callback_id").asString()).isEqualTo(SlackActions.DECLARE_MODAL);
        Map<String, JsonNode> blocks = new LinkedHashMap<>();
        view.path("blocks").forEach(b -> blocks.put(b.path("block_id").asString(), b));
        assertThat(blocks.keySet()).containsExactly("title", "priority", "service", "description", "channel");
        assertThat(blocks.get("title").path("element").path("initial_value").asString()).as("Slack's escapes undone: plain text")
                .isEqualTo("Checkout is down & carts <empty>");
        assertThat(blocks.get("priority").path("element").path("options")).hasSize(5);
        assertThat(blocks.get("priority").path("hint").path("text").asString()).contains("If unsure, pick the higher");
        assertThat(blocks.get("service").path("element").path("options").get(0).path("text").path("text").asString()).isEqualTo("Checkout");
        assertThat(blocks.get("description").path("element").path("multiline").asBoolean()).isTrue();
        assertThat(blocks.get("channel").path("element").path("initial_options")).as("the installation creates channels by default")
                .hasSize(1);
    }

    @Test
    void aModalSlackWillNotOpenIsSaidWithTheWebAlternative() {
        ws.failNext("views.open", "expired_trigger_id");
        String responseUrl = ws.responseUrl();
        ApiClient.Response r = slack.command(clock.instant(), form("incident", ownerSlack, ws.channel(unique("general")), responseUrl));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).as("answered at once; the form opens after").isEmpty();
        eventually("the refusal told through response_url", () -> !ws.responses(responseUrl).isEmpty());
        assertThat(ws.responses(responseUrl).get(0).path("text").asString()).contains("expired_trigger_id")
                .contains("/orgs/" + org + "/incidents/new");
    }

    // --- incident: the submission ---

    SlackHandlers.Modals declareModal() {
        return modals.stream().filter(m -> m.callbackIds().contains(SlackActions.DECLARE_MODAL)).findFirst().orElseThrow();
    }

    ObjectNode submission(String userId, String title, String priority, String serviceId, String description, boolean channel,
            String responseUrl, String originChannel) {
        ObjectNode p = ApiClient.JSON.createObjectNode().put("type", "view_submission").put("api_app_id", "A0BUGMASTER");
        p.putObject("team").put("id", ws.teamId).put("domain", ws.name);
        p.putObject("user").put("id", userId).put("username", "someone").put("team_id", ws.teamId);
        ObjectNode view = p.putObject("view").put("id", "V0DECLARE").put("type", "modal").put("callback_id", SlackActions.DECLARE_MODAL)
                .put("private_metadata", ApiClient.json("channel_id", originChannel, "response_url", responseUrl));
        ObjectNode values = view.putObject("state").putObject("values");
        values.putObject("title").putObject("title").put("type", "plain_text_input").put("value", title);
        ObjectNode pr = values.putObject("priority").putObject("priority").put("type", "static_select");
        if (priority != null) {
            pr.putObject("selected_option").put("value", priority);
        } else {
            pr.putNull("selected_option");
        }
        ObjectNode sv = values.putObject("service").putObject("service").put("type", "static_select");
        if (serviceId != null) {
            sv.putObject("selected_option").put("value", serviceId);
        }
        values.putObject("description").putObject("description").put("type", "plain_text_input").put("value", description);
        var selected = values.putObject("channel").putObject("channel").put("type", "checkboxes").putArray("selected_options");
        if (channel) {
            selected.addObject().put("value", "create");
        }
        return p;
    }

    SlackReply submit(ObjectNode payload) {
        return declareModal().submission(new SlackRequest(installation, "payload=" + payload, 0), payload);
    }

    /** Waits for work done after Slack got its answer (the incident's channel, a pin), polling, at most 30 s. */
    static void eventually(String what, BooleanSupplier done) {
        Poll.until(Duration.ofSeconds(30), what, done::getAsBoolean, Boolean::booleanValue);
    }

    Incident onlyIncident() {
        List<Incidents.View> all = incidents.list(tenant.owner(), org, List.of(), null, 0, 10).items();
        assertThat(all).hasSize(1);
        return all.get(0).incident();
    }

    List<String> logLines(Incident i) {
        List<String> out = new ArrayList<>();
        incidents.log(tenant.owner(), org, Long.toString(i.number()), 0, 200).items().forEach(e -> out.add(e.message()));
        return out;
    }

    @Test
    void theSubmissionDeclaresAndTheIncidentGetsItsChannelWithTheRespondersAndTheCard() {
        User carol = member();
        String carolSlack = ws.addUser(carol.email());
        String origin = ws.channel(unique("ops"));
        String responseUrl = ws.responseUrl();
        SlackReply reply = submit(submission(carolSlack, "  Checkout is DOWN (500s) ", "1", Long.toString(checkout.id()),
                "Since 10:02, every payment fails", true, responseUrl, origin));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).as("the modal closes").isNull();

        Incident i = onlyIncident();
        assertThat(i.title()).isEqualTo("Checkout is DOWN (500s)");
        assertThat(i.priority()).isEqualTo(1);
        assertThat(i.declaredBy()).isEqualTo(carol.id());
        assertThat(i.description()).isEqualTo("Since 10:02, every payment fails");

        String name = "inc-" + i.number() + "-checkout-is-down-500s";
        eventually("the declarer told", () -> !ws.responses(responseUrl).isEmpty());
        String channel = ws.channelId(name);
        assertThat(channel).as("channel " + name + " among " + ws.channelNames()).isNotNull();
        assertThat(incidentChannels.incidentOf(tenant.org().id(), channel)).contains(i.id());
        assertThat(ws.members(channel)).as("the declarer, and the owner whom level 1 pages (on call on the schedule)")
                .contains(carolSlack, ownerSlack, ws.botUserId).doesNotContain(bobSlack);
        assertThat(ws.topic(channel)).startsWith("P1 · Checkout is DOWN (500s) · ").endsWith("/orgs/" + org + "/incidents/" + i.number());
        List<JsonNode> posted = ws.messages(channel);
        assertThat(posted).hasSize(1);
        assertThat(posted.get(0).toString()).contains(SlackActions.INCIDENT_ACKNOWLEDGE).contains("incident:" + i.id());
        assertThat(messageLog.about(tenant.org().id(), "incident:" + i.id())).extracting(SlackMessageLog.Posted::channel).containsExactly(channel);
        JsonNode told = ws.responses(responseUrl).get(0);
        assertThat(told.path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(told.path("text").asString()).contains("#" + i.number() + " Checkout is DOWN (500s)").contains("<#" + channel + ">");
    }

    @Test
    void aTakenChannelNameGetsASuffix() {
        ws.channel("inc-1-checkout-is-down");
        String responseUrl = ws.responseUrl();
        submit(submission(ownerSlack, "Checkout is down", "2", Long.toString(checkout.id()), null, true, responseUrl, null));
        assertThat(onlyIncident().number()).isEqualTo(1);
        eventually("the declarer told", () -> !ws.responses(responseUrl).isEmpty());
        assertThat(ws.channelId("inc-1-checkout-is-down-2")).isNotNull();
        assertThat(incidentChannels.channelOf(onlyIncident().id()).orElseThrow().name()).isEqualTo("inc-1-checkout-is-down-2");
    }

    @Test
    void aChannelSlackRefusesIsWrittenOnTheIncidentAndTheDeclarationStands() {
        ws.failNext("conversations.create", "restricted_action");
        String responseUrl = ws.responseUrl();
        submit(submission(ownerSlack, "Checkout is down", "2", Long.toString(checkout.id()), null, true, responseUrl, null));
        Incident i = onlyIncident();
        eventually("the declarer told", () -> !ws.responses(responseUrl).isEmpty());
        assertThat(logLines(i)).contains("Slack channel #inc-1-checkout-is-down could not be created: restricted_action");
        assertThat(incidentChannels.channelOf(i.id())).isEmpty();
        assertThat(ws.responses(responseUrl).get(0).path("text").asString()).contains("declared.");
    }

    @Test
    void withoutTheChannelBoxNoChannelIsCreated() {
        String responseUrl = ws.responseUrl();
        submit(submission(ownerSlack, "Checkout is down", "3", Long.toString(checkout.id()), "", false, responseUrl, null));
        eventually("the declarer told", () -> !ws.responses(responseUrl).isEmpty());
        assertThat(ws.calls("conversations.create")).isEmpty();
        assertThat(onlyIncident().description()).isNull();
    }

    @Test
    void anInvalidSubmissionShowsErrorsUnderItsFieldsAndDeclaresNothing() {
        SlackReply reply = submit(submission(ownerSlack, "   ", null, "999999", null, true, null, null));
        JsonNode json = ApiClient.JSON.readTree(reply.json());
        assertThat(json.path("response_action").asString()).isEqualTo("errors");
        assertThat(json.path("errors").path("title").asString()).contains("title");
        assertThat(json.path("errors").path("priority").asString()).contains("If unsure, pick the higher");
        assertThat(json.path("errors").path("service").asString()).contains("no longer exists");
        JsonNode tooLong = ApiClient.JSON.readTree(submit(submission(ownerSlack, "x".repeat(201), "9", Long.toString(checkout.id()), null,
                false, null, null)).json());
        assertThat(tooLong.path("errors").path("title").asString()).contains("200");
        assertThat(tooLong.path("errors").path("priority").asString()).contains("no longer exists");
        assertThat(incidents.list(tenant.owner(), org, List.of(), null, 0, 10).items()).isEmpty();
    }

    @Test
    void anUnlinkedPersonCannotSubmit() {
        String stranger = ws.addUser(unique("stranger") + "@elsewhere.example");
        JsonNode json = ApiClient.JSON.readTree(submit(submission(stranger, "Checkout is down", "1", Long.toString(checkout.id()), null,
                false, null, null)).json());
        assertThat(json.path("errors").path("title").asString()).contains("not linked").contains("/slack/link?token=");
        assertThat(incidents.list(tenant.owner(), org, List.of(), null, 0, 10).items()).isEmpty();
    }

    // --- ack, resolve, status ---

    Incident declaredWithChannel() {
        String responseUrl = ws.responseUrl();
        submit(submission(ownerSlack, "Checkout is down", "1", Long.toString(checkout.id()), null, true, responseUrl, null));
        eventually("the declarer told", () -> !ws.responses(responseUrl).isEmpty());
        return onlyIncident();
    }

    @Test
    void ackAndResolveTakeANumberOrTheChannelTheyAreTypedIn() {
        Incident i = declaredWithChannel();
        String channel = incidentChannels.channelOf(i.id()).orElseThrow().channel();
        assertThat(text(command("ack", bobSlack, channel))).contains("#" + i.number()).contains("acknowledged");
        assertThat(incidents.get(tenant.owner(), org, Long.toString(i.number())).incident().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(text(command("ack", bobSlack, channel))).contains("acknowledged already");
        assertThat(text(command("ack", bobSlack))).as("elsewhere, without a number").contains("Which incident?");
        assertThat(text(command("resolve #" + i.number(), bobSlack))).contains("resolved");
        Incident resolved = incidents.get(tenant.owner(), org, Long.toString(i.number())).incident();
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(logLines(resolved)).anySatisfy(l -> assertThat(l).contains(bob.email()).contains("Slack"));
        assertThat(text(command("ack " + i.number(), bobSlack))).contains("is resolved");
        assertThat(text(command("resolve " + i.number(), bobSlack))).contains("resolved already");
        assertThat(logLines(resolved).stream().filter(l -> l.startsWith("Resolved by"))).hasSize(1);
        assertThat(text(command("ack 4242", bobSlack))).contains("4242").contains("not found");
        assertThat(text(command("resolve checkout", bobSlack))).contains("such as 7 or #7");
        assertThat(text(command("resolve <@" + ownerSlack + ">", bobSlack))).contains("got '&lt;@" + ownerSlack + "&gt;'");
    }

    @Test
    void statusListsTheOpenIncidents() {
        assertThat(text(command("status", ownerSlack))).contains("No open incidents");
        Incident i = declaredWithChannel();
        clock.advance(Duration.ofMinutes(12));
        String answer = text(command("status", ownerSlack));
        assertThat(answer).contains("#" + i.number() + " Checkout is down").contains("triggered").contains("P1").contains("Checkout")
                .contains("opened 12 min ago").contains("/orgs/" + org + "/incidents/" + i.number());
    }

    @Test
    void aViewerIsToldTheyMayNotActAndNothingChanges() {
        Incident i = declaredWithChannel();
        User viewer = newUser("password-" + unique("v"));
        join(tenant.owner(), org, viewer, Role.VIEWER);
        String viewerSlack = ws.addUser(viewer.email());
        assertThat(text(command("resolve " + i.number(), viewerSlack))).contains("You may not do that").contains("role");
        assertThat(incidents.get(tenant.owner(), org, Long.toString(i.number())).incident().status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(text(command("status", viewerSlack))).as("reading is theirs").contains("#" + i.number());
        JsonNode refused = ApiClient.JSON.readTree(submit(submission(viewerSlack, "Another", "1", Long.toString(checkout.id()), null, false,
                null, null)).json());
        assertThat(refused.path("errors").path("title").asString()).contains("Bugmaster refused");
        assertThat(incidents.list(tenant.owner(), org, List.of(), null, 0, 10).items()).hasSize(1);
    }

    @Test
    void anotherOrganizationsIncidentIsNotFound() {
        Tenant other = newTenant();
        ServiceDefinition theirs = services.create(other.owner(), other.org().slug(), Map.of("name", "Theirs"));
        incidents.declare(other.owner(), other.org().slug(), new io.bugmaster.incidents.DeclareRules.DeclareInput("theirs",
                List.of(Long.toString(theirs.id())), "1", null, null), "web");
        assertThat(text(command("resolve 1", ownerSlack))).contains("not found");
        assertThat(incidents.list(other.owner(), other.org().slug(), List.of("triggered"), null, 0, 10).items()).hasSize(1);
    }

    @Test
    void statusUpdatesAndRoleChangesAreAnnouncedInTheIncidentsChannelAndNewPeopleInvited() {
        Incident i = declaredWithChannel();
        String channel = incidentChannels.channelOf(i.id()).orElseThrow().channel();
        String n = Long.toString(i.number());
        roles.assign(tenant.owner(), org, n, "incident_manager", Long.toString(bob.id()), "web");
        comms.post(tenant.owner(), org, n, "Payments recover <!channel>; monitoring", "monitoring");
        eventually("both announcements posted", () -> {
            engine.runOnce();
            return ws.messages(channel).size() >= 3;
        });
        List<String> texts = ws.messages(channel).stream().map(m -> m.path("text").asString()).toList();
        assertThat(texts).contains("<@" + bobSlack + "> is now Incident manager (assigned by " + tenant.user().email() + ")");
        assertThat(texts).anySatisfy(t -> assertThat(t).startsWith(":loudspeaker: Status update (monitoring) by " + tenant.user().email())
                .contains("Payments recover &lt;!channel&gt;; monitoring"));
        eventually("the new incident manager invited", () -> ws.members(channel).contains(bobSlack));
        incidents.escalate(tenant.owner(), org, n, 3, "web");
        eventually("level 3, paged now, invited (found by email)", () -> {
            engine.runOnce();
            return ws.members(channel).contains(daveSlack);
        });
    }

    // --- pins and the timeline reaction ---

    String pinAdded(String eventId, String userId, String channel, String ts, String author, String text) {
        ObjectNode cb = ApiClient.JSON.createObjectNode().put("token", "legacy").put("team_id", ws.teamId).put("api_app_id", "A0BUGMASTER")
                .put("type", "event_callback").put("event_id", eventId).put("event_time", clock.instant().getEpochSecond());
        ObjectNode e = cb.putObject("event").put("type", "pin_added").put("user", userId).put("channel_id", channel)
                .put("event_ts", ts);
        ObjectNode item = e.putObject("item").put("type", "message").put("channel", channel).put("created_by", userId);
        item.putObject("message").put("type", "message").put("user", author).put("text", text).put("ts", ts)
                .put("permalink", "https://" + ws.name + ".slack.com/archives/" + channel + "/p" + ts.replace(".", ""));
        return cb.toString();
    }

    String reactionAdded(String eventId, String userId, String reaction, String channel, String ts) {
        ObjectNode cb = ApiClient.JSON.createObjectNode().put("token", "legacy").put("team_id", ws.teamId).put("api_app_id", "A0BUGMASTER")
                .put("type", "event_callback").put("event_id", eventId).put("event_time", clock.instant().getEpochSecond());
        ObjectNode e = cb.putObject("event").put("type", "reaction_added").put("user", userId).put("reaction", reaction)
                .put("item_user", userId).put("event_ts", ts);
        e.putObject("item").put("type", "message").put("channel", channel).put("ts", ts);
        return cb.toString();
    }

    List<TimelineEntry> timelineNotes(Incident i) {
        return notes.list(tenant.owner(), org, Long.toString(i.number()), false).stream().filter(TimelineEntry::note).toList();
    }

    void event(String json) {
        assertThat(slack.event(clock.instant(), json).status()).isEqualTo(200);
    }

    @Test
    void pinsAndTheTimelineReactionLandOnTheTimelineOnce() {
        Incident i = declaredWithChannel();
        String channel = incidentChannels.channelOf(i.id()).orElseThrow().channel();
        String elsewhere = ws.channel(unique("random"));
        String rollback = ws.say(channel, bobSlack, "Rolling back deploy 4411 <@" + ownerSlack + ">");
        String cause = ws.say(channel, ownerSlack, "Cause: the new TLS bundle");
        String chatter = ws.say(channel, ownerSlack, "coffee?");
        String other = ws.say(elsewhere, ownerSlack, "unrelated");

        // ignored: another channel, another reaction, the bot's own reaction, another workspace
        event(pinAdded("Ev01", ownerSlack, elsewhere, other, ownerSlack, "unrelated"));
        event(reactionAdded("Ev02", ownerSlack, "thumbsup", channel, chatter));
        event(reactionAdded("Ev03", ws.botUserId, "pushpin", channel, chatter));
        event(reactionAdded("Ev04", ownerSlack, "pushpin", channel, chatter).replace(ws.teamId, "T0ELSEWHERE"));

        String pin = pinAdded("Ev10", ownerSlack, channel, rollback, bobSlack, "Rolling back deploy 4411 <@" + ownerSlack + ">");
        event(pin);
        // Slack's retry of the same event, and the same message pinned again later
        ApiClient.Response retry = slack.post("/slack/events", pin, "application/json", String.valueOf(clock.instant().getEpochSecond() + 1),
                slack.signature(clock.instant().plusSeconds(1), pin), Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));
        assertThat(retry.status()).isEqualTo(200);
        event(pinAdded("Ev11", bobSlack, channel, rollback, bobSlack, "Rolling back deploy 4411"));
        event(reactionAdded("Ev12", bobSlack, "pushpin", channel, rollback));
        event(reactionAdded("Ev13", bobSlack, "pushpin", channel, cause));

        // work after the answer runs in order: once the last one is written, the earlier ones are done
        eventually("the reaction's note", () -> timelineNotes(i).size() >= 2);
        List<TimelineEntry> written = timelineNotes(i);
        assertThat(written).extracting(TimelineEntry::message).containsExactly(
                "\uD83D\uDCCC Rolling back deploy 4411 <@" + ownerSlack + "> — <@" + bobSlack + "> in Slack",
                "\uD83D\uDCCC Cause: the new TLS bundle — <@" + ownerSlack + "> in Slack");
        assertThat(written.get(0).link()).isEqualTo("https://" + ws.name + ".slack.com/archives/" + channel + "/p" + rollback.replace(".", ""));
        assertThat(written.get(1).link()).as("a reaction's link is asked of Slack").contains("/archives/" + channel + "/p");
        assertThat(written.get(0).userId()).as("pinned by the owner, linked").isEqualTo(tenant.user().id());
        assertThat(written.get(1).userId()).as("marked by bob, linked").isEqualTo(bob.id());
        assertThat(ws.calls("conversations.history")).as("only the reaction on a message not yet on the timeline fetched it").hasSize(1);
    }

    @Test
    void aPinByAPersonWhoIsNotAMemberIsWrittenUnderTheirSlackId() {
        Incident i = declaredWithChannel();
        String channel = incidentChannels.channelOf(i.id()).orElseThrow().channel();
        String guest = ws.addUser(unique("guest") + "@vendor.example");
        String ts = ws.say(channel, guest, "Vendor side: our API had a blip");
        event(pinAdded("Ev20", guest, channel, ts, guest, "Vendor side: our API had a blip"));
        eventually("the pin's note", () -> !timelineNotes(i).isEmpty());
        TimelineEntry note = timelineNotes(i).get(0);
        assertThat(note.userId()).isNull();
        assertThat(note.actor()).isEqualTo("Slack user " + guest);
        assertThat(note.message()).endsWith("— <@" + guest + "> in Slack");
    }
}
