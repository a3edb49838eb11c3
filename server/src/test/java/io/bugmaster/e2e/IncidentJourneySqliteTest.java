package io.bugmaster.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.User;
import io.bugmaster.notify.Receiver;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.Poll;
import io.bugmaster.testing.SentryCli;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.BrowserTest;
import io.sentry.Sentry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11's "Done when": seed 003's story, tried as a new user would, in Chromium (screenshots
 * under target/screenshots) and through the REST API with real senders and receivers. A support
 * person declares "Brands see no orders" as P2 on the Orders service; the global on-call is paged
 * (a push to a loopback ntfy receiver) and acknowledges; the Orders squad's escalated member is
 * added as a responder and paged; an incident manager is assigned; status updates reach a
 * "#incidents" Slack receiver and technical notes a "#tech-incidents" one; the recent-changes panel
 * shows the deploy sentry-cli recorded 40 minutes earlier and the error issue (sent by the Java SDK)
 * that appeared after it; the revert is recorded; the incident is resolved; the postmortem draft
 * holds the whole timeline, the deploy and the issue; an action item is assigned; the metrics show
 * the incident's time to acknowledge and to resolve.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class IncidentJourneySqliteTest extends BrowserTest {
    @TempDir Path home;

    @AfterEach
    void closeSdk() {
        Sentry.close();
    }

    @Test
    void aSupportPersonDeclaresTheTeamRunsTheIncidentAndThePostmortemTellsTheWholeStory() throws Exception {
        // the Java SDK stamps its events with the wall clock: the test clock starts there and moves on by hand
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(start);
        ApiClient api = new ApiClient(baseUrl());
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        String owner = tenant.ownerToken();
        String supportPassword = "pw-" + UUID.randomUUID();
        User sofia = newUser(supportPassword); // support: notices the problem, is no engineer
        String geocPassword = "pw-" + UUID.randomUUID();
        User geoc = newUser(geocPassword); // the global engineer on-call
        User carl = newUser("pw-" + UUID.randomUUID()); // the Orders squad's escalated member
        User ines = newUser("pw-" + UUID.randomUUID()); // the incident manager
        for (User u : List.of(sofia, geoc, carl, ines)) {
            join(tenant.owner(), org, u, Role.MEMBER, org);
        }
        String geocToken = token(Actor.session(geoc.id(), geoc.email()), List.copyOf(Scopes.ALL));
        String carlToken = token(Actor.session(carl.id(), carl.email()), List.copyOf(Scopes.ALL));
        String inesToken = token(Actor.session(ines.id(), ines.email()), List.copyOf(Scopes.ALL));

        try (Receiver ntfy = new Receiver().answering(200, "{\"id\":\"m1\",\"event\":\"message\"}");
                SlackReceiver slack = new SlackReceiver()) {
            contactAtOnce(api, geocToken, "ntfy", ntfy.url("/geoc-" + unique("t")));
            contactAtOnce(api, carlToken, "ntfy", ntfy.url("/carl-" + unique("t")));

            // daily rotations with one person each: the global on-call, and the Orders squad's escalated member
            ZonedDateTime midnight = start.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).minusDays(1);
            String global = schedule(api, owner, org, "Global on-call", midnight, geoc);
            String squad = schedule(api, owner, org, "Orders squad", midnight, carl);
            String globalPolicy = policy(api, owner, org, "Global on-call", global);
            String squadPolicy = policy(api, owner, org, "Orders squad", squad);

            // the shop project, released and deployed with sentry-cli (a CI pipeline's steps)
            JsonNode project = api.post(owner, "/api/0/teams/" + org + "/" + org + "/projects/",
                    "{\"name\": \"Shop\", \"slug\": \"shop-" + unique("p") + "\", \"platform\": \"java\"}").json();
            String shop = project.path("slug").asString();
            // an acknowledged Orders incident triggers again after an hour: the default 30 minutes would rightly re-page
            // the global on-call before this story's resolve, 32 minutes after the acknowledgement, whenever the engine runs between
            String orders = created(api.post(owner, "/api/0/organizations/" + org + "/services/", """
                    {"name": "Orders", "escalation_policy": {"id": "%s"}, "urgency": "high", "project_ids": ["%s"],
                     "acknowledgement_timeout": 3600}"""
                    .formatted(globalPolicy, project.path("id").asString())));

            // the two channels of seed 003, and the situation room
            String incidentsChannel = createChannel(api, owner, org, "#incidents", slack.url("/incidents"));
            String techChannel = createChannel(api, owner, org, "#tech-incidents", slack.url("/tech-incidents"));
            ApiClient.Response settings = api.put(owner, "/api/0/organizations/" + org + "/incident-settings/", """
                    {"situation_room_url": "https://meet.example.com/situation-room", "stakeholder_channel_id": "%s",
                     "tech_channel_id": "%s"}""".formatted(incidentsChannel, techChannel));
            assertThat(settings.status()).as(settings.toString()).isEqualTo(200);

            String version = shop + "@1.4.0";
            SentryCli cli = SentryCli.against(baseUrl(), owner, org, home);
            cli.cli(shop, Map.of(), home, "releases", "new", "-o", org, "-p", shop, version);
            cli.cli(shop, Map.of(), home, "releases", "finalize", "-o", org, "-p", shop, version);
            // the deploy's times come from the test clock (sentry-cli would otherwise stamp its own wall clock)
            long finished = clock.instant().getEpochSecond();
            cli.cli(shop, Map.of(), home, "deploys", "new", "-o", org, "-r", version, "-e", "production", "--started",
                    Long.toString(finished - 120), "--finished", Long.toString(finished));

            // a few minutes after the deploy, the new code fails: the Java SDK reports it
            clock.advance(Duration.ofMinutes(5));
            String dsn = api.get(owner, "/api/0/projects/" + org + "/" + shop + "/keys/").json().get(0).path("dsn").path("public")
                    .asString().replace("localhost:8080", "localhost:" + port);
            Sentry.init(options -> {
                options.setDsn(dsn);
                options.setRelease(version);
                options.setEnvironment("production");
                options.setEnableUncaughtExceptionHandler(false);
                options.setShutdownTimeoutMillis(5000);
            });
            Sentry.captureException(new IllegalStateException("account orders query returned no rows for brand 22798"));
            Sentry.flush(5000);
            JsonNode issue = await("the new issue", () -> list(api.get(owner, "/api/0/projects/" + org + "/" + shop + "/issues/").json()),
                    l -> l.size() == 1).get(0);
            String issueTitle = issue.path("title").asString();

            // 35 minutes later, support hears from two brands: Sofia declares the incident from the top bar
            clock.advance(Duration.ofMinutes(35));
            String number;
            try (BrowserContext context = newContext()) {
                Page page = context.newPage();
                logIn(page, sofia.email(), supportPassword);
                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Declare incident")).first().click();
                page.getByLabel("Title").fill("Brands see no orders");
                page.getByLabel("Service whose on-call is paged").selectOption(new com.microsoft.playwright.options.SelectOption()
                        .setLabel("Orders"));
                page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName(Pattern.compile("\\bP2\\b"))).check();
                page.getByLabel(Pattern.compile("^What you see")).fill("Two brands reached support: their order list is empty (brand 22798).");
                screenshot(page, "incident-journey-1-declare");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Declare incident")).click();
                assertThat(page.locator("h1")).containsText("Brands see no orders");
                number = page.url().replaceAll(".*/incidents/(\\d+).*", "$1");
                screenshot(page, "incident-journey-2-declared");
            }
            JsonNode declared = incident(api, owner, org, number);
            assertThat(declared.path("priority").path("label").asString()).isEqualTo("P2");
            assertThat(declared.path("stage").asString()).isEqualTo("investigating");
            assertThat(declared.path("declared_by").path("email").asString()).isEqualTo(sofia.email());

            // the global on-call is paged at once, and acknowledges a minute later
            engine.runOnce();
            await("the push to the global on-call", () -> pushesTo(ntfy, "/geoc-"), n -> n >= 1);
            clock.advance(Duration.ofMinutes(1));
            ok(api.post(geocToken, "/api/0/organizations/" + org + "/incidents/" + number + "/acknowledge/", "{}"));
            ok(api.post(geocToken, "/api/0/organizations/" + org + "/incidents/" + number + "/roles/",
                    "{\"role\": \"global_on_call\", \"user_id\": \"" + geoc.id() + "\"}"));

            // he pulls in the Orders squad: its escalated member is paged
            clock.advance(Duration.ofMinutes(2));
            ok(api.post(geocToken, "/api/0/organizations/" + org + "/incidents/" + number + "/responders/",
                    "{\"escalation_policy_id\": \"" + squadPolicy + "\", \"message\": \"Order lists are empty for some brands\"}"));
            engine.runOnce();
            await("the push to the squad's escalated member", () -> pushesTo(ntfy, "/carl-"), n -> n >= 1);
            ok(api.post(geocToken, "/api/0/organizations/" + org + "/incidents/" + number + "/roles/",
                    "{\"role\": \"escalated_squad_member\", \"user_id\": \"" + carl.id() + "\"}"));
            ok(api.post(geocToken, "/api/0/organizations/" + org + "/incidents/" + number + "/roles/",
                    "{\"role\": \"incident_manager\", \"user_id\": \"" + ines.id() + "\"}"));

            // the incident manager tells the stakeholders; the engineers talk in the tech channel
            clock.advance(Duration.ofMinutes(1));
            ok(api.post(inesToken, "/api/0/organizations/" + org + "/incidents/" + number + "/status-updates/",
                    "{\"message\": \"Some brands see an empty order list. We are on it.\", \"stage\": \"investigating\"}"));
            ok(api.post(carlToken, "/api/0/organizations/" + org + "/incidents/" + number + "/timeline/",
                    "{\"message\": \"Suspect: perf change on account orders in " + version + "\"}"));
            engine.runOnce();
            awaitSent("the status update in #incidents", () -> texts(slack, "/incidents"),
                    t -> t.stream().anyMatch(s -> s.contains("We are on it")));
            awaitSent("the technical note in #tech-incidents", () -> texts(slack, "/tech-incidents"),
                    t -> t.stream().anyMatch(s -> s.contains("Suspect: perf change")));
            assertThat(texts(slack, "/incidents")).as("notes stay with the engineers").noneMatch(s -> s.contains("Suspect: perf change"));
            assertThat(slack.all()).allSatisfy(a -> assertThat(a.problems()).isEmpty());

            // what changed? the panel answers: the deploy 40 minutes before, and the issue that appeared after it
            JsonNode changes = ok(api.get(carlToken, "/api/0/organizations/" + org + "/incidents/" + number + "/recent-changes/"));
            assertThat(changes.toString()).contains(version).contains(issueTitle);
            try (BrowserContext context = newContext()) {
                Page page = context.newPage();
                logIn(page, geoc.email(), geocPassword);
                page.navigate(baseUrl() + "/orgs/" + org + "/incidents/" + number);
                assertThat(page.locator("body")).containsText(version);
                assertThat(page.locator("body")).containsText("40 min");
                assertThat(page.locator("#suspects")).containsText(issueTitle);
                assertThat(page.locator("body")).containsText("Incident manager");
                // that issue is the one: linked to the incident from the suspects
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Link .* to this incident$"))).click();
                assertThat(page.locator("#linked-issues")).containsText(issueTitle);
                // and the issue's page names the incident
                page.locator("#linked-issues a").first().click();
                assertThat(page.locator("#references")).containsText("#" + number + " Brands see no orders (P2, investigating)");
                page.goBack();
                assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join the situation room")))
                        .hasAttribute("href", "https://meet.example.com/situation-room");
                screenshot(page, "incident-journey-3-what-changed");
            }

            // the fix: revert the change; then monitor and resolve
            clock.advance(Duration.ofMinutes(4));
            ok(api.post(carlToken, "/api/0/organizations/" + org + "/incidents/" + number + "/decision/",
                    "{\"strategy\": \"revert\", \"restore_minutes\": 10, \"fix_minutes\": 2880,"
                            + " \"note\": \"Revert the perf change; fix the query for good next sprint\"}"));
            clock.advance(Duration.ofMinutes(10));
            ok(api.post(inesToken, "/api/0/organizations/" + org + "/incidents/" + number + "/status-updates/",
                    "{\"message\": \"The change was reverted; order lists are back. Monitoring.\", \"stage\": \"monitoring\"}"));
            clock.advance(Duration.ofMinutes(15));
            ok(api.put(inesToken, "/api/0/organizations/" + org + "/incidents/" + number + "/", "{\"stage\": \"resolved\"}"));
            JsonNode resolved = incident(api, owner, org, number);
            assertThat(resolved.path("status").asString()).isEqualTo("resolved");
            assertThat(resolved.path("stage").asString()).isEqualTo("resolved");

            // the postmortem draft tells the whole story; an action item is assigned
            JsonNode postmortem = ok(api.post(inesToken, "/api/0/organizations/" + org + "/incidents/" + number + "/postmortem/", "{}"));
            String body = postmortem.path("body").asString();
            assertThat(body).contains("## Summary").contains("## Timeline").contains("Brands see no orders")
                    .contains(version).contains(issueTitle).contains("Acknowledged").contains("Incident manager")
                    .contains("We are on it").contains("Suspect: perf change").contains("revert");
            assertThat(body).as("the global on-call's page and the squad member's").contains("**Notifications:** 2 pages sent to 2 people");
            ok(api.post(inesToken, "/api/0/organizations/" + org + "/incidents/" + number + "/action-items/",
                    "{\"title\": \"Add a test for the brand order list\", \"owner_id\": \"" + carl.id() + "\", \"due_date\": \""
                            + start.atZone(ZoneOffset.UTC).toLocalDate().plusDays(14) + "\"}"));
            try (BrowserContext context = newContext()) {
                Page page = context.newPage();
                logIn(page, geoc.email(), geocPassword);
                page.navigate(baseUrl() + "/orgs/" + org + "/incidents/" + number);
                screenshot(page, "incident-journey-4-resolved");
                page.navigate(baseUrl() + "/orgs/" + org + "/incidents/" + number + "/postmortem");
                assertThat(page.locator("body")).containsText("Add a test for the brand order list");
                screenshot(page, "incident-journey-5-postmortem");

                // the metrics: acknowledged a minute after it was declared, resolved 33 minutes after
                page.navigate(baseUrl() + "/orgs/" + org + "/incidents/metrics");
                assertThat(page.locator("#mtta-median")).hasText("1m");
                assertThat(page.locator("#mttr-median")).hasText("33m");
                assertThat(page.locator("#counted-" + number)).containsText("Brands see no orders");
                screenshot(page, "incident-journey-6-metrics");
            }
            JsonNode metrics = ok(api.get(owner, "/api/0/organizations/" + org + "/incident-metrics/?days=30"));
            JsonNode summary = metrics.path("summary");
            assertThat(summary.path("incidents").asInt()).isEqualTo(1);
            assertThat(summary.path("mtta").path("median_seconds").asLong()).isEqualTo(60);
            assertThat(summary.path("mttr").path("median_seconds").asLong()).isEqualTo(33 * 60);
            assertThat(metrics.path("on_call_load").size()).as("the on-call load: both people paged").isEqualTo(2);
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

    private static String schedule(ApiClient api, String token, String org, String name, ZonedDateTime start, User who) {
        return created(api.post(token, "/api/0/organizations/" + org + "/schedules/", """
                {"name": "%s", "time_zone": "UTC", "schedule_layers": [{"name": "Daily",
                  "start": "%s", "rotation_virtual_start": "%s", "rotation_turn_length_seconds": 86400,
                  "users": [{"id": "%d"}]}]}""".formatted(name, start.toOffsetDateTime(), start.toOffsetDateTime(), who.id())));
    }

    private static String policy(ApiClient api, String token, String org, String name, String schedule) {
        return created(api.post(token, "/api/0/organizations/" + org + "/escalation-policies/", """
                {"name": "%s", "num_loops": 0, "escalation_rules": [
                  {"escalation_delay_in_minutes": 10, "targets": [{"type": "schedule_reference", "id": "%s"}]}]}
                """.formatted(name, schedule)));
    }

    private static String createChannel(ApiClient api, String token, String org, String name, String url) {
        return created(api.post(token, "/api/0/organizations/" + org + "/notification-channels/",
                "{\"name\": \"" + name + "\", \"kind\": \"slack\", \"config\": {\"url\": \"" + url + "\"}}"));
    }

    private static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    private static JsonNode ok(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 201);
        return response.json();
    }

    private static JsonNode incident(ApiClient api, String token, String org, String number) {
        return ok(api.get(token, "/api/0/organizations/" + org + "/incidents/" + number + "/"));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static long pushesTo(Receiver ntfy, String topicPrefix) {
        return ntfy.requests().stream().filter(r -> r.path().startsWith(topicPrefix)).count();
    }

    private static List<String> texts(SlackReceiver slack, String path) {
        return slack.accepted(path).stream().map(SlackReceiver.Arrival::body).toList();
    }

    /**
     * Waits for a message the engine sends, running it on each look as its tick would: in the full suite this server
     * has served many tests, and the signal consumers may have other organizations' signals to work through first.
     */
    private <T> T awaitSent(String what, Supplier<T> value, Predicate<T> done) {
        return await(what, () -> {
            engine.runOnce();
            return value.get();
        }, done);
    }

    /** Waits for what a real sender does on its own schedule (the SDK, delivery threads), up to 60 s. */
    private static <T> T await(String what, Supplier<T> value, Predicate<T> done) {
        return Poll.until(Duration.ofSeconds(60), what, value, done);
    }
}
