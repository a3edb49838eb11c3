package io.bugmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.User;
import io.bugmaster.notify.Receiver;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.Mailboxes;
import io.bugmaster.testing.Poll;
import io.bugmaster.testing.RealAlertmanager;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.BrowserTest;
import io.sentry.Sentry;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10's "Done when", tried as a new user would, through the REST API, real senders and real
 * receivers: Debian's Alertmanager, unmodified, fires an alert at a service (PagerDuty Events v2)
 * whose policy pages the primary of a weekly rotation by push (an ntfy receiver on loopback); nobody
 * acknowledges for 5 fast-forwarded minutes, so the secondary is paged; the primary acknowledges by
 * following the emailed link in Chromium and clicking, which stops the escalation; Alertmanager's
 * resolve resolves the incident; the primary's iCalendar feed (read by ical4j) and {@code /oncalls/}
 * agree across the DST change; a new unowned error sent by the Java SDK is assigned to this week's
 * bugmaster.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class OnCallJourneySqliteTest extends BrowserTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final GreenMail MAIL = Mailboxes.startOnLoopback();
    static final Pattern ACK_LINK = Pattern.compile("https?://\\S+/incident-actions/[A-Za-z0-9_.~-]+");

    RealAlertmanager alertmanager;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        Mailboxes.smtpSettings(registry, MAIL);
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @Override
    protected String invitationLinkSentTo(String email) {
        assertThat(MAIL.waitForIncomingEmail(30_000, 1)).isTrue();
        String link = Mailboxes.invitationLinkSentTo(MAIL, email);
        purgeMail();
        return link;
    }

    @AfterEach
    void stop() throws Exception {
        Sentry.close();
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    @Test
    void alertmanagerPagesThePrimaryEscalatesToTheSecondaryAndAnEmailedLinkStopsIt() throws Exception {
        assumeTrue(RealAlertmanager.installed(), "prometheus-alertmanager is not installed; .ci/run installs it");
        // a Wednesday two weeks before Paris changes to summer time (Sunday March 28, 2027); everything is made now
        clock.set(Instant.parse("2027-03-17T10:00:00Z"));
        ApiClient api = new ApiClient(baseUrl());
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        String owner = tenant.ownerToken();
        User ana = newUser("pw-" + UUID.randomUUID());
        User bo = newUser("pw-" + UUID.randomUUID());
        join(tenant.owner(), org, ana, Role.MEMBER, org);
        join(tenant.owner(), org, bo, Role.MEMBER, org);
        String anaToken = token(Actor.session(ana.id(), ana.email()), List.copyOf(Scopes.ALL));
        String boToken = token(Actor.session(bo.id(), bo.email()), List.copyOf(Scopes.ALL));

        try (Receiver ntfy = new Receiver().answering(200, "{\"id\":\"m1\",\"event\":\"message\"}")) {
            // each person: push at once (their own ntfy topic) and email at once (where the one-click links arrive)
            contactAtOnce(api, anaToken, "ntfy", ntfy.url("/ana-" + unique("t")));
            contactAtOnce(api, anaToken, "email", ana.email());
            contactAtOnce(api, boToken, "ntfy", ntfy.url("/bo-" + unique("t")));

            // weekly rotations handing over on Mondays at 09:00 Paris time: Ana is primary this week, Bo secondary
            ZonedDateTime monday = ZonedDateTime.of(2027, 3, 15, 9, 0, 0, 0, PARIS);
            String primary = schedule(api, owner, org, "Primary", monday, ana, bo);
            String secondary = schedule(api, owner, org, "Secondary", monday, bo, ana);
            String policy = created(api.post(owner, "/api/0/organizations/" + org + "/escalation-policies/", """
                    {"name": "Checkout", "num_loops": 0, "escalation_rules": [
                      {"escalation_delay_in_minutes": 5, "targets": [{"type": "schedule_reference", "id": "%s"}]},
                      {"escalation_delay_in_minutes": 5, "targets": [{"type": "schedule_reference", "id": "%s"}]}]}
                    """.formatted(primary, secondary)));
            String service = created(api.post(owner, "/api/0/organizations/" + org + "/services/", """
                    {"name": "Checkout", "escalation_policy": {"id": "%s"}, "urgency": "high"}""".formatted(policy)));
            JsonNode integration = api.post(owner, "/api/0/organizations/" + org + "/services/" + service + "/integrations/",
                    "{\"type\": \"events_api_v2\"}").json();
            String routingKey = integration.path("integration_key").asString();
            assertThat(routingKey).hasSize(32);

            // Alertmanager, unmodified, with a pagerduty_configs receiver pointing at Bugmaster
            alertmanager = RealAlertmanager.start("""
                    route:
                      receiver: bugmaster
                      group_by: ['alertname']
                      group_wait: 100ms
                      group_interval: 1s
                      repeat_interval: 1h
                    receivers:
                      - name: bugmaster
                        pagerduty_configs:
                          - routing_key: '%s'
                            url: 'http://127.0.0.1:%d/v2/enqueue'
                            send_resolved: true
                    """.formatted(routingKey, port));
            String alert = "{\"labels\":{\"alertname\":\"CheckoutErrors\",\"severity\":\"critical\"},"
                    + "\"annotations\":{\"summary\":\"5% of checkouts fail\"}";
            alertmanager.post("[" + alert + "}]");

            JsonNode incident = await("an incident on Checkout", () -> openIncidents(api, owner, org), list -> list.size() == 1).get(0);
            String number = incident.path("incident_number").asString();
            assertThat(incident.path("status").asString()).isEqualTo("triggered");
            assertThat(incident.path("urgency").asString()).isEqualTo("high");

            // the primary gets the push (the engine pages level 1 as soon as it runs)
            engine.runOnce();
            await("the push to Ana", () -> pushesTo(ntfy, "/ana-"), n -> n >= 1);
            assertThat(pushesTo(ntfy, "/bo-")).isZero();

            // nobody acknowledges for 5 minutes: the secondary is paged
            clock.advance(Duration.ofMinutes(5).plusSeconds(1));
            engine.runOnce();
            await("the push to Bo", () -> pushesTo(ntfy, "/bo-"), n -> n >= 1);

            // Ana acknowledges from the link in her email: the link opens a page whose button acknowledges
            // the test server's base URL setting is http://localhost:8080; the server itself listens on a random port
            String link = ackLinkMailedTo(ana.email(), number).replace("http://localhost:8080", baseUrl());
            try (BrowserContext context = newContext()) {
                Page page = context.newPage();
                page.navigate(link);
                assertThat(status(api, owner, org, number)).as("opening the link only asks").isEqualTo("triggered");
                page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName(Pattern.compile("Acknowledge", Pattern.CASE_INSENSITIVE))).click();
                com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("body")).containsText("cknowledged");
            }
            assertThat(status(api, owner, org, number)).isEqualTo("acknowledged");

            // the escalation stopped: another 5 minutes page nobody
            int pushes = ntfy.requests().size();
            clock.advance(Duration.ofMinutes(5).plusSeconds(1));
            engine.runOnce();
            engine.runOnce();
            assertThat(ntfy.requests()).hasSize(pushes);

            // Alertmanager's resolve resolves the incident
            alertmanager.post("[" + alert + ",\"endsAt\":\"" + Instant.now().minus(Duration.ofMinutes(1)) + "\"}]");
            await("the incident resolved", () -> status(api, owner, org, number), "resolved"::equals);

            // Ana's calendar feed and /oncalls/ agree across the DST change: Bo's week ends, and Ana's starts, on
            // Monday March 29 at 09:00 summer time, 07:00 UTC (a fixed 7 x 24 h would say 08:00 UTC)
            ApiClient.Response feed = api.post(anaToken, "/api/0/organizations/" + org + "/calendar-feeds/", "{}");
            assertThat(feed.status()).as(feed.toString()).isEqualTo(201);
            // her feed has her shifts on every schedule: those on Primary are level 1's
            List<VEvent> events = events(api.get(null, URI.create(feed.json().path("url").asString()).getPath()).body()).stream()
                    .filter(e -> e.getProperty("SUMMARY").map(p -> ((net.fortuna.ical4j.model.Property) p).getValue()).orElse("")
                            .equals("On call: Primary"))
                    .toList();
            assertThat(events).as("Ana's shifts on Primary").isNotEmpty();
            for (String at : List.of("2027-03-25T12:00:00Z", "2027-03-29T06:59:00Z", "2027-03-29T07:01:00Z", "2027-03-31T12:00:00Z")) {
                Instant moment = Instant.parse(at);
                JsonNode primaryNow = levelOne(api, owner, org, policy, moment);
                boolean anaInFeed = events.stream().anyMatch(e -> start(e).compareTo(moment) <= 0 && moment.isBefore(end(e)));
                assertThat(primaryNow.path("user").path("email").asString().equals(ana.email())).as("at %s", at).isEqualTo(anaInFeed);
                if (anaInFeed) {
                    VEvent shift = events.stream().filter(e -> start(e).compareTo(moment) <= 0 && moment.isBefore(end(e))).findFirst().orElseThrow();
                    assertThat(primaryNow.path("start").asString()).isEqualTo(start(shift).toString());
                    assertThat(primaryNow.path("end").asString()).isEqualTo(end(shift).toString());
                }
            }
            assertThat(levelOne(api, owner, org, policy, Instant.parse("2027-03-29T07:01:00Z")).path("start").asString())
                    .isEqualTo("2027-03-29T07:00:00Z");

            // the team marks Primary as its bugmaster rotation; a new unowned error goes to this week's bugmaster
            assertThat(api.put(owner, "/api/0/teams/" + org + "/" + org + "/triage-rotation/",
                    "{\"schedule\": {\"id\": \"" + primary + "\"}}").status()).isEqualTo(200);
            JsonNode project = api.post(owner, "/api/0/teams/" + org + "/" + org + "/projects/",
                    "{\"name\": \"Shop\", \"platform\": \"java\"}").json();
            String slug = project.path("slug").asString();
            String dsn = api.get(owner, "/api/0/projects/" + org + "/" + slug + "/keys/").json().get(0).path("dsn").path("public").asString()
                    .replace("localhost:8080", "localhost:" + port);
            Sentry.init(options -> {
                options.setDsn(dsn);
                options.setEnableUncaughtExceptionHandler(false);
                options.setShutdownTimeoutMillis(5000);
            });
            Sentry.captureException(new IllegalStateException("coupon service timed out"));
            Sentry.flush(5000);
            JsonNode issue = await("the new issue", () -> api.get(owner, "/api/0/projects/" + org + "/" + slug + "/issues/").json(),
                    list -> list.size() == 1).get(0);
            engine.runOnce();
            JsonNode assigned = api.get(owner, "/api/0/issues/" + issue.path("id").asString() + "/").json().path("assignedTo");
            assertThat(assigned.path("id").asString()).isEqualTo(Long.toString(ana.id()));
        }
    }

    // helpers -------------------------------------------------------------------------------------------

    private static void contactAtOnce(ApiClient api, String token, String type, String address) {
        ApiClient.Response method = api.post(token, "/api/0/users/me/contact-methods/",
                "{\"type\": \"" + type + "\", \"address\": \"" + address + "\"}");
        assertThat(method.status()).as(method.toString()).isEqualTo(201);
        ApiClient.Response rule = api.post(token, "/api/0/users/me/notification-rules/",
                "{\"urgency\": \"high\", \"start_delay_in_minutes\": 0, \"contact_method\": {\"id\": \"" + method.json().path("id").asString() + "\"}}");
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
    }

    private static String schedule(ApiClient api, String token, String org, String name, ZonedDateTime start, User first, User second) {
        return created(api.post(token, "/api/0/organizations/" + org + "/schedules/", """
                {"name": "%s", "time_zone": "Europe/Paris", "schedule_layers": [{"name": "Weekly",
                  "start": "%s", "rotation_virtual_start": "%s", "rotation_turn_length_seconds": 604800,
                  "users": [{"id": "%d"}, {"id": "%d"}]}]}""".formatted(name, start.toOffsetDateTime(), start.toOffsetDateTime(),
                first.id(), second.id())));
    }

    private static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    private static List<JsonNode> openIncidents(ApiClient api, String token, String org) {
        List<JsonNode> out = new ArrayList<>();
        api.get(token, "/api/0/organizations/" + org + "/incidents/").json().forEach(out::add);
        return out;
    }

    private static String status(ApiClient api, String token, String org, String number) {
        return api.get(token, "/api/0/organizations/" + org + "/incidents/" + number + "/").json().path("status").asString();
    }

    private static long pushesTo(Receiver ntfy, String topicPrefix) {
        return ntfy.requests().stream().filter(r -> r.path().startsWith(topicPrefix)).count();
    }

    /** The one person level 1 of the policy reaches at that moment, with their shift. */
    private static JsonNode levelOne(ApiClient api, String token, String org, String policy, Instant at) {
        List<JsonNode> entries = new ArrayList<>();
        ApiClient.Response oncalls = api.get(token, "/api/0/organizations/" + org + "/oncalls/?at=" + at);
        assertThat(oncalls.status()).as(oncalls.toString()).isEqualTo(200);
        oncalls.json().forEach(entry -> {
            if (entry.path("escalation_policy").path("id").asString().equals(policy) && entry.path("escalation_level").asInt() == 1) {
                entries.add(entry);
            }
        });
        assertThat(entries).as("level 1 at %s", at).hasSize(1);
        return entries.get(0);
    }

    private static List<VEvent> events(String ics) {
        try {
            Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
            List<VEvent> out = new ArrayList<>();
            calendar.getComponents().forEach(c -> {
                if (c instanceof VEvent e) {
                    out.add(e);
                }
            });
            return out;
        } catch (java.io.IOException | net.fortuna.ical4j.data.ParserException e) {
            throw new AssertionError("the feed is not iCalendar: " + e, e);
        }
    }

    private static Instant start(VEvent e) {
        return Instant.from(e.getStartDate().orElseThrow().getDate());
    }

    private static Instant end(VEvent e) {
        return Instant.from(e.getEndDate().orElseThrow().getDate());
    }

    /** The acknowledge link in the page mailed to the person about the incident, once SMTP delivery has brought it. */
    private String ackLinkMailedTo(String address, String number) {
        return await("the page about #" + number + " mailed to " + address, () -> ackLinkIn(address, number), link -> link != null);
    }

    private static String ackLinkIn(String address, String number) {
        try {
            for (MimeMessage message : MAIL.getReceivedMessagesForDomain(address.substring(address.indexOf('@') + 1))) {
                String body = GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
                Matcher link = ACK_LINK.matcher(body);
                if (message.getAllRecipients()[0].toString().equalsIgnoreCase(address) && body.contains("#" + number) && link.find()) {
                    return link.group();
                }
            }
            return null;
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for what a real sender does on its own schedule (Alertmanager, the SDK, delivery threads), up to 60 s. */
    private static <T> T await(String what, Supplier<T> value, java.util.function.Predicate<T> done) {
        return Poll.until(Duration.ofSeconds(60), what, value, done);
    }

    private void purgeMail() {
        try {
            MAIL.purgeEmailFromAllMailboxes();
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException(e);
        }
    }

}
