package io.bugmaster.incidents.comms;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.common.Subject;
import io.bugmaster.incidents.AlertIntake;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.notify.Channel;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.notify.Receiver;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
import io.bugmaster.oncall.policies.PolicyRules;
import io.bugmaster.signals.NewSignal;
import io.bugmaster.signals.Signals;
import io.bugmaster.storage.Transactions;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.Mailboxes;
import io.bugmaster.web.WebClient;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Incident communication as people use it, with real receivers: a Slack-shaped "#incidents" and
 * "#tech-incidents" on loopback, GreenMail for subscribers and reminders. Settings are validated
 * and the organization's own; a status update reaches the stakeholder channel (or its service's)
 * and the subscribers, moves the stage through the incident's path; notes and milestones reach the
 * tech channel once each; the update reminder follows the clock; hostile text stays text.
 */
abstract class IncidentCommsContract extends IntegrationTest {
    static final GreenMail MAIL = Mailboxes.startOnLoopback();
    static final String PASSWORD = "comms-password-1";
    static final String HOSTILE = "<!channel> <script>alert('x')</script> & <https://evil.example|click>";

    @Autowired Services services;
    @Autowired EscalationPolicies policies;
    @Autowired AlertIntake intake;
    @Autowired Incidents incidents;
    @Autowired ChannelService channels;
    @Autowired Signals signals;
    @Autowired Transactions tx;
    @Autowired JdbcClient db;
    @Autowired TechChannelPosts techPosts;
    @Autowired io.bugmaster.incidents.roles.IncidentRoles roles;

    Receiver stakeholders;
    Receiver tech;
    Receiver ordersRoom;
    ApiClient api;
    Tenant tenant;
    String org;
    User oncall;
    String memberToken;
    ServiceDefinition checkout;
    AlertIntake.Integration checkoutIntegration;
    Channel incidentsChannel;
    Channel techChannel;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        Mailboxes.smtpSettings(registry, MAIL);
    }

    // MAIL is not stopped after a class: the SQLite and PostgreSQL tests share it, and it ends with the JVM

    @Override
    protected String invitationLinkSentTo(String email) {
        assertThat(MAIL.waitForIncomingEmail(30_000, 1)).isTrue();
        return Mailboxes.invitationLinkSentTo(MAIL, email);
    }

    @BeforeEach
    void setUp() {
        engine.runOnce(); // whatever other tests left is handled first
        stakeholders = new Receiver();
        tech = new Receiver();
        ordersRoom = new Receiver();
        api = new ApiClient(baseUrl());
        tenant = newTenant();
        org = tenant.org().slug();
        oncall = newUser(PASSWORD);
        join(tenant.owner(), org, oncall, Role.MEMBER);
        memberToken = token(Actor.session(oncall.id(), oncall.email()), List.copyOf(io.bugmaster.accounts.Scopes.ALL));
        EscalationPolicy policy = policies.create(tenant.owner(), org, new EscalationPolicies.PolicyInput(unique("policy"), null, 0, List.of(
                new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(oncall.id()))), false))));
        checkout = service("Checkout", policy);
        checkoutIntegration = integration(checkout);
        incidentsChannel = channels.create(tenant.owner(), org, new ChannelService.NewChannel("#incidents", "slack",
                Map.of("url", stakeholders.url("/services/T0/B1/incidents"))));
        techChannel = channels.create(tenant.owner(), org, new ChannelService.NewChannel("#tech-incidents", "slack",
                Map.of("url", tech.url("/services/T0/B2/tech"))));
    }

    @AfterEach
    void tearDown() {
        stakeholders.close();
        tech.close();
        ordersRoom.close();
    }

    ServiceDefinition service(String name, EscalationPolicy policy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name + " " + unique("s"));
        body.put("escalation_policy", Map.of("id", Long.toString(policy.id())));
        return services.create(tenant.owner(), org, body);
    }

    AlertIntake.Integration integration(ServiceDefinition s) {
        return intake.integrationByKey(services.createIntegration(tenant.owner(), org, Long.toString(s.id()), "events_api_v2", null)
                .integrationKey()).orElseThrow();
    }

    /** An incident opened by an alert, with a priority set as the declare form sets it (P2: a reminder every 60 minutes). */
    Incident incident(AlertIntake.Integration integration, String title, Integer priority) {
        intake.apply(integration, new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER, unique("k"), title, "test", "critical", null, null,
                null, null, Map.of(), List.of(), null, null));
        Incident i = incidents.list(tenant.owner(), org, List.of(), null, 0, 1).items().get(0).incident();
        if (priority != null) {
            db.sql("UPDATE incidents SET priority = ? WHERE id = ?").params(priority, i.id()).update();
        }
        return incidents.byId(i.id()).orElseThrow();
    }

    String base() {
        return "/api/0/organizations/" + org;
    }

    void useChannels() {
        ApiClient.Response r = api.put(tenant.ownerToken(), base() + "/incident-settings/", """
                {"situation_room_url": "https://meet.example.com/incidents", "stakeholder_channel_id": "%d", "tech_channel_id": %d}"""
                .formatted(incidentsChannel.id(), techChannel.id()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    List<JsonNode> slackMessages(Receiver r) {
        return r.requests().stream().map(Receiver.Request::json).toList();
    }

    /** Slack's incoming-webhook format: a text fallback and Block Kit sections of mrkdwn text within Slack's limits. */
    static void assertSlackFormat(JsonNode message) {
        assertThat(message.get("text").isString()).isTrue();
        assertThat(message.get("blocks").isArray()).isTrue();
        for (JsonNode block : message.get("blocks")) {
            assertThat(block.get("type").asString()).isIn("section", "context", "actions");
            if (block.has("text")) {
                assertThat(block.get("text").get("type").asString()).isEqualTo("mrkdwn");
                assertThat(block.get("text").get("text").asString().length()).isLessThanOrEqualTo(3000);
            }
            if (block.has("fields")) {
                assertThat(block.get("fields").size()).isLessThanOrEqualTo(10);
            }
        }
    }

    static String allText(JsonNode message) {
        StringBuilder out = new StringBuilder(message.get("text").asString());
        for (JsonNode block : message.get("blocks")) {
            if (block.has("text")) {
                out.append('\n').append(block.get("text").get("text").asString());
            }
            for (JsonNode f : block.path("fields")) {
                out.append('\n').append(f.get("text").asString());
            }
        }
        return out.toString();
    }

    static List<MimeMessage> mailsTo(String email, String subjectPart) {
        return Mailboxes.to(MAIL, email, subjectPart);
    }

    static List<MimeMessage> awaitMails(String email, String subjectPart, int count) {
        return Mailboxes.await(MAIL, email, subjectPart, count);
    }

    static String body(MimeMessage m) {
        return Mailboxes.body(m);
    }

    @Test
    void settingsAreValidatedAndOnlyAnAdminChangesThem() {
        ApiClient.Response empty = api.get(memberToken, base() + "/incident-settings/");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("situation_room_url").isNull()).isTrue();
        assertThat(empty.json().get("services")).isEmpty();

        assertThat(api.put(memberToken, base() + "/incident-settings/", "{\"situation_room_url\": \"https://meet.example.com/x\"}").status())
                .as("a member who is not an admin").isEqualTo(403);
        for (String bad : List.of("javascript:alert(1)", "ftp://files.example.com/x", "https://", "meet.example.com/x", "https://a b.example.com")) {
            ApiClient.Response r = api.put(tenant.ownerToken(), base() + "/incident-settings/", "{\"situation_room_url\": \"" + bad + "\"}");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.detail()).as(bad).contains("situation_room_url");
        }
        Tenant other = newTenant();
        Channel theirs = channels.create(other.owner(), other.org().slug(), new ChannelService.NewChannel("theirs", "slack",
                Map.of("url", stakeholders.url("/theirs"))));
        assertThat(api.put(tenant.ownerToken(), base() + "/incident-settings/", "{\"stakeholder_channel_id\": \"" + theirs.id() + "\"}").detail())
                .contains("stakeholder_channel_id").contains("no notification channel with id " + theirs.id());
        assertThat(api.put(tenant.ownerToken(), base() + "/incident-settings/", "{\"tech_channel_id\": \"twelve\"}").detail())
                .contains("tech_channel_id").contains("number");
        ServiceDefinition theirService = services.create(other.owner(), other.org().slug(), Map.of("name", "theirs"));
        assertThat(api.put(tenant.ownerToken(), base() + "/incident-settings/", """
                {"services": [{"service_id": "%d", "stakeholder_channel_id": "%d"}]}""".formatted(theirService.id(), incidentsChannel.id()))
                .detail()).contains("services[0].service_id").contains("no service with id " + theirService.id());
        assertThat(api.put(tenant.ownerToken(), base() + "/incident-settings/", "{\"colour\": \"red\"}").detail()).contains("colour");

        useChannels();
        ApiClient.Response saved = api.put(tenant.ownerToken(), base() + "/incident-settings/", """
                {"services": [{"service_id": %d, "stakeholder_channel_id": "%d", "tech_channel_id": null}]}"""
                .formatted(checkout.id(), techChannel.id()));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        JsonNode s = saved.json();
        assertThat(s.get("situation_room_url").asString()).as("fields left out keep their values").isEqualTo("https://meet.example.com/incidents");
        assertThat(s.get("stakeholder_channel_id").asString()).isEqualTo(Long.toString(incidentsChannel.id()));
        assertThat(s.get("tech_channel_id").asString()).isEqualTo(Long.toString(techChannel.id()));
        assertThat(s.get("services").get(0).get("service_id").asString()).isEqualTo(Long.toString(checkout.id()));
        assertThat(s.get("services").get(0).get("stakeholder_channel_id").asString()).isEqualTo(Long.toString(techChannel.id()));
        assertThat(s.get("services").get(0).get("tech_channel_id").isNull()).isTrue();

        // deleting a channel clears the settings that named it, and the confirmation says so
        assertThat(channels.uses(tenant.owner(), org, Long.toString(techChannel.id()))).extracting(u -> u.name())
                .contains("Incident tech channel of the organization", "Incident stakeholder channel of service " + checkout.id());
        channels.delete(tenant.owner(), org, Long.toString(techChannel.id()));
        JsonNode after = api.get(tenant.ownerToken(), base() + "/incident-settings/").json();
        assertThat(after.get("tech_channel_id").isNull()).isTrue();
        assertThat(after.get("services")).isEmpty();
        assertThat(after.get("stakeholder_channel_id").asString()).isEqualTo(Long.toString(incidentsChannel.id()));
    }

    @Test
    void aStatusUpdateReachesTheStakeholderChannelAndTheSubscribersAndMovesTheStage() {
        useChannels();
        Incident i = incident(checkoutIntegration, "Brands see no orders", 2);
        String n = Long.toString(i.number());
        String path = base() + "/incidents/" + n;
        engine.runOnce(); // pages the on-call; nothing yet for the channels
        stakeholders.requests().forEach(r -> assertThat(r.body()).doesNotContain("Brands see no orders"));

        // a member subscribes themselves, and the support person who reported it is subscribed by a member
        ApiClient.Response me = api.post(memberToken, path + "/subscribers/", "{}");
        assertThat(me.status()).as(me.toString()).isEqualTo(201);
        assertThat(me.json().get("email").asString()).isEqualTo(oncall.email());
        assertThat(api.post(memberToken, path + "/subscribers/", "{}").status()).as("subscribed already").isEqualTo(200);
        User support = newUser("pw-" + UUID.randomUUID());
        join(tenant.owner(), org, support, Role.MEMBER);
        String stakeholder = support.email();
        assertThat(api.post(memberToken, path + "/subscribers/", "{\"email\": \"" + stakeholder.toUpperCase() + "\"}").status()).isEqualTo(201);
        assertThat(api.post(memberToken, path + "/subscribers/", "{\"email\": \"outsider@example.com\"}").detail())
                .as("only members hear of the organization's incidents").contains("no member of this organization has the address");
        String viewer = memberToken(tenant, Role.VIEWER);
        assertThat(api.post(viewer, path + "/subscribers/", "{\"email\": \"x@example.com\"}").status())
                .as("a viewer subscribes only themselves").isEqualTo(403);
        assertThat(api.post(viewer, path + "/subscribers/", "{}").status()).isEqualTo(201);
        assertThat(api.delete(viewer, path + "/subscribers/").status()).isEqualTo(204);
        assertThat(api.delete(viewer, path + "/subscribers/").status()).isEqualTo(404);
        assertThat(api.post(memberToken, path + "/subscribers/", "{\"email\": \"not-an-address\"}").detail()).contains("email");
        assertThat(api.get(memberToken, path + "/subscribers/").json()).hasSize(2);

        clock.advance(Duration.ofMinutes(5));
        ApiClient.Response posted = api.post(memberToken, path + "/status-updates/",
                "{\"message\": \"We found the cause: the A/B test. Reverting now; next update in 30 minutes.\", \"stage\": \"identified\"}");
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        assertThat(posted.json().get("stage").asString()).isEqualTo("identified");
        assertThat(posted.json().get("stakeholder_channel").get("name").asString()).isEqualTo("#incidents");
        assertThat(posted.json().get("subscribers_emailed").asInt()).isEqualTo(2);
        Incident identified = incidents.byId(i.id()).orElseThrow();
        assertThat(identified.stage().id()).isEqualTo("identified");
        assertThat(db.sql("SELECT stage FROM incident_stage_changes WHERE incident_id = ? ORDER BY at, stage").param(i.id()).query(String.class)
                .list()).containsExactly("investigating", "identified");
        engine.runOnce();

        List<JsonNode> toStakeholders = slackMessages(stakeholders);
        assertThat(toStakeholders).hasSize(1);
        JsonNode update = toStakeholders.get(0);
        assertSlackFormat(update);
        assertThat(allText(update)).contains("[#" + n + " P2] Identified: Brands see no orders")
                .contains("We found the cause: the A/B test. Reverting now; next update in 30 minutes.")
                .contains("*Stage*\nIdentified").contains("*Priority*\nP2").contains(checkout.name()).contains(oncall.email())
                .contains("/orgs/" + org + "/incidents/" + n);
        List<MimeMessage> mails = awaitMails(stakeholder, "[#" + n + " P2] Identified: Brands see no orders", 1);
        assertThat(mails).hasSize(1);
        assertThat(body(mails.get(0))).contains("We found the cause: the A/B test.");
        assertThat(awaitMails(oncall.email(), "Identified: Brands see no orders", 1)).hasSize(1);

        // the stage change is a milestone for the engineers, posted once however often the signal is handled
        List<JsonNode> toTech = slackMessages(tech);
        assertThat(toTech).hasSize(1);
        assertSlackFormat(toTech.get(0));
        assertThat(allText(toTech.get(0))).contains("[#" + n + " P2] Stage: Brands see no orders").contains("Stage investigating -&gt; identified by " + oncall.email());

        JsonNode listed = api.get(memberToken, path + "/status-updates/").json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("posted_by").get("id").asString()).isEqualTo(Long.toString(oncall.id()));
        assertThat(db.sql("SELECT kind FROM incident_log WHERE incident_id = ? ORDER BY id").param(i.id()).query(String.class).list())
                .contains("stage", "status_update");
        assertThat(db.sql("SELECT kind FROM signals WHERE subject = ? ORDER BY id").param("incident:" + i.id()).query(String.class).list())
                .contains("incident.stage_changed", "incident.status_update");

        // resolving through an update resolves the incident; a resolved incident does not go back
        assertThat(api.post(memberToken, path + "/status-updates/", "{\"message\": \"Fixed by the revert.\", \"stage\": \"resolved\"}").status())
                .isEqualTo(201);
        assertThat(incidents.byId(i.id()).orElseThrow().status().id()).isEqualTo("resolved");
        ApiClient.Response back = api.post(memberToken, path + "/status-updates/", "{\"message\": \"Again?\", \"stage\": \"investigating\"}");
        assertThat(back.status()).isEqualTo(409);
        assertThat(back.detail()).contains("resolved");
        assertThat(api.get(memberToken, path + "/status-updates/").json()).as("the refused update is not kept").hasSize(2);
        engine.runOnce();
        assertThat(slackMessages(tech)).extracting(m -> allText(m)).anyMatch(t -> t.contains("Resolved: Brands see no orders"));
    }

    @Test
    void twoRolesAssignedAtTheSameMomentAreEachAnnouncedInTheTechChannel() {
        useChannels();
        Incident i = incident(checkoutIntegration, "Two roles at once", 2);
        engine.runOnce();
        int before = slackMessages(tech).size();
        // one transaction: both log lines carry the same millisecond and no consumer sees one without the other
        tx.write(() -> {
            roles.assign(tenant.owner(), org, Long.toString(i.number()), "incident_manager", Long.toString(tenant.user().id()), "test");
            roles.assign(tenant.owner(), org, Long.toString(i.number()), "global_on_call", Long.toString(oncall.id()), "test");
        });
        // the engine runs on each look, as its tick would: in a full run the consumer may have other tests' signals to work through
        List<String> announced = io.bugmaster.testing.Poll.until(java.time.Duration.ofSeconds(60), "two role announcements", () -> {
            engine.runOnce();
            return slackMessages(tech).stream().skip(before).map(m -> allText(m)).filter(t -> t.contains("Role: Two roles")).toList();
        }, l -> l.size() >= 2);
        assertThat(announced).hasSize(2);
        assertThat(announced).anyMatch(t -> t.contains("is now Incident manager")).anyMatch(t -> t.contains("is now Global on-call"));
    }

    @Test
    void badUpdatesAndOtherOrganizationsAreRefusedWithAReason() {
        Incident i = incident(checkoutIntegration, "Checkout slow", null);
        String path = base() + "/incidents/" + i.number() + "/status-updates/";
        assertThat(api.post(memberToken, path, "{\"message\": \"  \"}").detail()).contains("message").contains("required");
        assertThat(api.post(memberToken, path, "{\"message\": \"" + "x".repeat(2001) + "\"}").detail()).contains("at most 2000");
        assertThat(api.post(memberToken, path, "{\"message\": \"ok\", \"stage\": \"fixed\"}").detail())
                .contains("stage").contains("investigating, identified, monitoring or resolved");
        assertThat(api.post(memberToken, path, "{\"message\": \"ok\", \"colour\": \"red\"}").status()).isEqualTo(400);
        assertThat(api.post(memberToken(tenant, Role.VIEWER), path, "{\"message\": \"ok\"}").status()).isEqualTo(403);

        Tenant other = newTenant();
        String theirs = "/api/0/organizations/" + other.org().slug() + "/incidents/" + i.number();
        assertThat(api.post(other.ownerToken(), base() + "/incidents/" + i.number() + "/status-updates/", "{\"message\": \"x\"}").status())
                .isIn(403, 404);
        assertThat(api.post(other.ownerToken(), theirs + "/status-updates/", "{\"message\": \"x\"}").status()).isEqualTo(404);
        assertThat(api.get(other.ownerToken(), theirs + "/subscribers/").status()).isEqualTo(404);
        assertThat(api.get(memberToken, path).json()).isEmpty();

        // with no stakeholder channel the update stays on the incident, and says so
        ApiClient.Response alone = api.post(memberToken, path, "{\"message\": \"Looking into it\"}");
        assertThat(alone.status()).isEqualTo(201);
        assertThat(alone.json().get("stakeholder_channel").isNull()).isTrue();
        assertThat(alone.json().get("stage").asString()).isEqualTo("investigating");
    }

    @Test
    void aServiceWithItsOwnChannelsGetsItsIncidentsUpdatesAndNotes() {
        useChannels();
        Channel orders = channels.create(tenant.owner(), org, new ChannelService.NewChannel("#orders", "slack",
                Map.of("url", ordersRoom.url("/services/T0/B3/orders"))));
        EscalationPolicy policy = policies.create(tenant.owner(), org, new EscalationPolicies.PolicyInput(unique("policy"), null, 0, List.of(
                new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(oncall.id()))), false))));
        ServiceDefinition ordersService = service("Orders", policy);
        assertThat(api.put(tenant.ownerToken(), base() + "/incident-settings/", """
                {"services": [{"service_id": "%d", "stakeholder_channel_id": "%d", "tech_channel_id": "%d"}]}"""
                .formatted(ordersService.id(), orders.id(), orders.id())).status()).isEqualTo(200);
        Incident i = incident(integration(ordersService), "Orders missing", 1);
        engine.runOnce();
        assertThat(api.post(memberToken, base() + "/incidents/" + i.number() + "/status-updates/", "{\"message\": \"" + HOSTILE.replace("'", "\\u0027")
                + "\"}").status()).isEqualTo(201);
        // a technical note, as the timeline raises it
        tx.write(() -> signals.raise(new NewSignal(i.orgId(), Subject.of("incident", i.id()), "incident.note_added",
                Map.of("number", i.number(), "entry_id", "log:1", "by", oncall.email(), "message", "Rolled back orders-api to 1.4.1")), clock.instant()));
        engine.runOnce();
        // the note's signal handled again (a crash before the bus's commit): it is not posted twice
        io.bugmaster.signals.Signal note = db.sql("SELECT * FROM signals WHERE subject = ? AND kind = 'incident.note_added'")
                .param("incident:" + i.id()).query((rs, k) -> new io.bugmaster.signals.Signal(rs.getLong("id"), rs.getLong("org_id"),
                        Subject.parse(rs.getString("subject")), rs.getString("kind"), rs.getString("body"),
                        java.time.Instant.ofEpochMilli(rs.getLong("created_at")))).single();
        tx.write(() -> techPosts.handle(List.of(note), clock.instant()));
        engine.runOnce();

        assertThat(stakeholders.requests()).isEmpty();
        assertThat(tech.requests()).isEmpty();
        List<JsonNode> toOrders = slackMessages(ordersRoom);
        assertThat(toOrders).hasSize(2);
        toOrders.forEach(IncidentCommsContract::assertSlackFormat);
        String update = allText(toOrders.get(0));
        assertThat(update).contains("[#" + i.number() + " P1] Investigating: Orders missing")
                .contains("&lt;!channel&gt; &lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;https://evil.example|click&gt;")
                .doesNotContain("<!channel>").doesNotContain("<https://evil.example");
        assertThat(allText(toOrders.get(1))).contains("[#" + i.number() + " P1] Note: Orders missing").contains("Rolled back orders-api to 1.4.1")
                .contains("Note by " + oncall.email());
    }

    @Test
    void anOpenIncidentWithoutAnUpdateRemindsItsPeopleOncePerPeriod() {
        Incident i = incident(checkoutIntegration, "Payments failing " + UUID.randomUUID(), 2);
        engine.runOnce(); // pages the on-call, who is now assigned
        // they acknowledge at once, as people do: that stops the page, not the reminders to come
        incidents.acknowledge(Actor.session(oncall.id(), oncall.email()), org, Long.toString(i.number()), "test");
        String subject = "Post a status update: " + i.title();

        clock.advance(Duration.ofMinutes(59));
        engine.runOnce();
        assertThat(mailsTo(oncall.email(), subject)).as("59 minutes after the declaration").isEmpty();

        clock.advance(Duration.ofMinutes(2));
        engine.runOnce();
        List<MimeMessage> first = awaitMails(oncall.email(), subject, 1);
        assertThat(first).hasSize(1);
        assertThat(body(first.get(0))).contains("No status update for 1 hour 1 minute");
        engine.runOnce();
        clock.advance(Duration.ofMinutes(30));
        engine.runOnce();
        assertThat(mailsTo(oncall.email(), subject)).as("one reminder per period").hasSize(1);

        // an update restarts the clock: 59 minutes later nothing, 61 minutes later the next reminder
        assertThat(api.post(memberToken, base() + "/incidents/" + i.number() + "/status-updates/", "{\"message\": \"Working on it\"}").status())
                .isEqualTo(201);
        clock.advance(Duration.ofMinutes(59));
        engine.runOnce();
        assertThat(mailsTo(oncall.email(), subject)).hasSize(1);
        clock.advance(Duration.ofMinutes(2));
        engine.runOnce();
        assertThat(awaitMails(oncall.email(), subject, 2)).hasSize(2);
        assertThat(db.sql("SELECT message FROM incident_log WHERE incident_id = ? AND kind = 'reminder' ORDER BY id").param(i.id())
                .query(String.class).list()).hasSize(2).allMatch(m -> m.contains(oncall.email()));

        // once someone manages the incident, the reminder is theirs alone
        assertThat(api.post(memberToken, base() + "/incidents/" + i.number() + "/roles/",
                "{\"role\": \"incident_manager\", \"user_id\": \"" + tenant.user().id() + "\"}").status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(61));
        engine.runOnce();
        assertThat(awaitMails(tenant.user().email(), subject, 1)).hasSize(1);
        assertThat(mailsTo(oncall.email(), subject)).as("the on-call is not reminded while a manager is").hasSize(2);

        // a resolved incident is never reminded about
        incidents.resolve(tenant.owner(), org, Long.toString(i.number()), "test");
        clock.advance(Duration.ofHours(3));
        engine.runOnce();
        assertThat(mailsTo(oncall.email(), subject)).hasSize(2);
        assertThat(mailsTo(tenant.user().email(), subject)).hasSize(1);
    }

    @Test
    void theIncidentPageShowsTheRoomTheUpdatesAndTheSubscribersEscaped() {
        Incident i = incident(checkoutIntegration, "Search down", 3);
        WebClient web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(oncall.email(), PASSWORD))).endsWith("/");
        String page = "/orgs/" + org + "/incidents/" + i.number();

        String before = web.get(page).body();
        assertThat(before).contains("id=\"updates-no-channel\"").contains("No stakeholder channel is set")
                .doesNotContain("situation-room").contains("An admin chooses it");
        useChannels();
        String html = web.get(page).body();
        assertThat(html).contains("<a id=\"situation-room\" href=\"https://meet.example.com/incidents\" target=\"_blank\" rel=\"noopener noreferrer\">")
                .contains("Updates go to <strong>#incidents</strong>").contains("#tech-incidents").doesNotContain("updates-no-channel")
                .contains("a reminder goes out in 4 hours");

        assertThat(web.post(page, page + "/status-updates", Map.of("message", HOSTILE, "stage", "monitoring")).statusCode()).isEqualTo(302);
        assertThat(web.post(page, page + "/subscribe", Map.of()).statusCode()).isEqualTo(302);
        String after = web.get(page).body();
        assertThat(after).contains("&lt;!channel&gt; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain("<script>alert(")
                .contains("Unsubscribe me").contains(oncall.email()).contains(">monitoring<");
        assertThat(incidents.byId(i.id()).orElseThrow().stage().id()).isEqualTo("monitoring");
        assertThat(web.postRaw(page + "/status-updates", Map.of("message", "no token")).statusCode()).as("CSRF").isEqualTo(403);

        String refused = web.post(page, page + "/status-updates", Map.of("message", " ")).headers().firstValue("Location").orElse("");
        assertThat(refused).endsWith(page + "#updates");
        assertThat(web.get(page).body()).contains("Message is required").doesNotContain("Message: is required");

        // the settings page: a member reads it, only an admin saves, and a bad link is refused next to its field
        String settingsPage = "/orgs/" + org + "/settings/incidents";
        String settings = web.get(settingsPage).body();
        assertThat(settings).contains("https://meet.example.com/incidents").contains("Only admins and owners change these settings");
        assertThat(web.post(settingsPage, settingsPage, Map.of("situationRoomUrl", "https://meet.example.com/mine")).statusCode()).isEqualTo(403);
        WebClient admin = new WebClient(baseUrl());
        User adminUser = newUser(PASSWORD);
        join(tenant.owner(), org, adminUser, Role.ADMIN);
        assertThat(WebClient.location(admin.login(adminUser.email(), PASSWORD))).endsWith("/");
        var badLink = admin.post(settingsPage, settingsPage, Map.of("situationRoomUrl", "javascript:alert(1)", "stakeholderChannelId",
                Long.toString(incidentsChannel.id())));
        assertThat(badLink.statusCode()).isEqualTo(422);
        assertThat(badLink.body()).contains("id=\"situation-room-url-error\">The situation room must start with https:// or http://")
                .contains("value=\"javascript:alert(1)\"");
        assertThat(api.get(memberToken, base() + "/incident-settings/").json().get("situation_room_url").asString())
                .as("nothing saved").isEqualTo("https://meet.example.com/incidents");
    }
}
