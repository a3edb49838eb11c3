package io.bugmaster.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.User;
import io.bugmaster.notify.Receiver;
import io.bugmaster.oncall.people.ContactMethod;
import io.bugmaster.oncall.people.ContactMethods;
import io.bugmaster.testing.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * An incident's timeline as people and API clients use it: notes added, their time corrected,
 * entries pinned, automatic entries refused an edit, every attack across organizations and authors
 * refused; and what the timeline computes: whom each page reached by which contact method (through
 * real paging to a real push receiver), and the linked error issues' first events and busiest hour.
 */
abstract class TimelineContract extends OnCallFixture {
    @Autowired ContactMethods people;
    @Autowired ProjectService projects;
    @Autowired IncidentStore store;

    ApiClient api;
    String token;
    Receiver ntfy;
    Incident incident;
    AlertIntake.Integration ordersIntegration;

    @BeforeEach
    void setUp() {
        setUpOrg();
        api = new ApiClient(baseUrl());
        token = tenant.ownerToken();
        ntfy = new Receiver().answering(200, "{\"id\":\"abc\",\"event\":\"message\"}");
        Actor ana = Actor.session(primary.id(), primary.email());
        ContactMethod push = people.create(ana, new ContactMethods.Input("ntfy", "Phone", ntfy.url("/ana-" + unique("t")), "tk_abc", null));
        ContactMethod mail = people.create(ana, new ContactMethods.Input("email", "Work mail", primary.email(), null, null));
        // "at once by push, after 5 minutes by email"
        people.createRule(ana, new ContactMethods.RuleInput("high", push.id(), 0));
        people.createRule(ana, new ContactMethods.RuleInput("high", mail.id(), 5));
        ServiceDefinition s = service(policy(0, level(5, primary)).id(), Map.of());
        ordersIntegration = integration(s);
        String key = unique("orders");
        intake.apply(ordersIntegration, trigger(key, "Brands see no orders", "critical"));
        incident = incidentOf(tenant.org().id(), key);
        for (int k = 0; k < 3; k++) {
            engine.runOnce();
        }
    }

    @AfterEach
    void close() {
        ntfy.close();
    }

    /** The clock's time as stored (milliseconds). */
    Instant nowMs() {
        return now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    String timeline() {
        return "/api/0/organizations/" + org + "/incidents/" + incident.number() + "/timeline/";
    }

    JsonNode entries(String query) {
        ApiClient.Response r = api.get(token, timeline() + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    JsonNode entry(String id) {
        for (JsonNode e : entries("")) {
            if (e.get("id").asText().equals(id)) {
                return e;
            }
        }
        return null;
    }

    JsonNode note(String tokenOf, String json) {
        ApiClient.Response r = api.post(tokenOf, timeline(), json);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    String firstLogId(String type) {
        for (JsonNode e : entries("")) {
            if (e.get("type").asText().equals(type) && e.get("id").asText().startsWith("log:")) {
                return e.get("id").asText();
            }
        }
        throw new AssertionError("no " + type + " line in " + entries(""));
    }

    @Test
    void notesAreAddedTheirTimeCorrectedEntriesPinnedAndNotesDeleted() {
        Instant opened = incident.createdAt();
        clock.advance(Duration.ofMinutes(3));
        Instant written = nowMs();
        JsonNode first = note(token, "{\"message\": \"Rolled back orders-api to 4.2.0\", \"link\": \"https://ci.example.com/runs/7\"}");
        assertThat(first.get("id").asText()).startsWith("log:");
        assertThat(first.get("type").asText()).isEqualTo("note");
        assertThat(first.get("automatic").asBoolean()).isFalse();
        assertThat(Instant.parse(first.get("at").asText())).isEqualTo(written);
        assertThat(first.get("original_at").isNull()).isTrue();
        assertThat(first.get("actor").asText()).isEqualTo(owner.email());
        assertThat(first.get("link").asText()).isEqualTo("https://ci.example.com/runs/7");
        assertThat(db.sql("SELECT body FROM signals WHERE subject = ? AND kind = 'incident.note_added'").param(incident.subject())
                .query(String.class).single()).contains("\"number\":" + incident.number()).contains("\"entry_id\":\"" + first.get("id").asText())
                .contains("\"by\":\"" + owner.email() + "\"").contains("Rolled back orders-api to 4.2.0");

        // a note about something that happened earlier keeps when it was written
        clock.advance(Duration.ofMinutes(10));
        Instant deployDone = opened.plus(Duration.ofMinutes(1));
        JsonNode earlier = note(token, "{\"message\": \"Deploy of 4.2.1 finished\", \"at\": \"" + deployDone + "\"}");
        assertThat(Instant.parse(earlier.get("at").asText())).isEqualTo(deployDone);
        assertThat(Instant.parse(earlier.get("original_at").asText())).isEqualTo(nowMs());

        List<String> ids = new ArrayList<>();
        Instant previous = Instant.EPOCH;
        for (JsonNode e : entries("")) {
            ids.add(e.get("id").asText());
            Instant at = Instant.parse(e.get("at").asText());
            assertThat(at).as("oldest first").isAfterOrEqualTo(previous);
            previous = at;
        }
        assertThat(ids.indexOf(earlier.get("id").asText())).as("placed at its corrected time").isLessThan(ids.indexOf(first.get("id").asText()))
                .isGreaterThan(ids.indexOf(firstLogId("triggered")));

        // correcting the time of a note written at its time keeps when it was written
        clock.advance(Duration.ofMinutes(1));
        Instant correctedAt = opened.plus(Duration.ofMinutes(2));
        ApiClient.Response changed = api.put(token, timeline() + first.get("id").asText() + "/",
                "{\"message\": \"Rolled back orders-api to 4.1.9\", \"at\": \"" + correctedAt.atOffset(java.time.ZoneOffset.ofHours(2)) + "\"}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("message").asText()).isEqualTo("Rolled back orders-api to 4.1.9");
        assertThat(Instant.parse(changed.json().get("at").asText())).isEqualTo(correctedAt);
        assertThat(Instant.parse(changed.json().get("original_at").asText())).isEqualTo(written);
        assertThat(Instant.parse(changed.json().get("edited_at").asText())).isEqualTo(nowMs());
        assertThat(changed.json().get("link").asText()).as("left out, kept").isEqualTo("https://ci.example.com/runs/7");
        assertThat(api.put(token, timeline() + first.get("id").asText() + "/", "{\"link\": \"\"}").json().get("link").isNull())
                .as("an empty link removes it").isTrue();

        // any entry can be pinned, an automatic one too
        String triggered = firstLogId("triggered");
        assertThat(api.put(token, timeline() + triggered + "/", "{\"pinned\": true}").json().get("pinned").asBoolean()).isTrue();
        assertThat(api.put(token, timeline() + earlier.get("id").asText(), "{\"pinned\": true}").status()).isEqualTo(200);
        JsonNode pinned = entries("?pinned=true");
        assertThat(pinned).hasSize(2);
        assertThat(pinned.get(0).get("id").asText()).isEqualTo(triggered);
        assertThat(pinned.get(1).get("id").asText()).isEqualTo(earlier.get("id").asText());
        assertThat(api.put(token, timeline() + triggered + "/", "{\"pinned\": false}").json().get("pinned").asBoolean()).isFalse();
        assertThat(entries("?pinned=true")).hasSize(1);

        assertThat(api.delete(token, timeline() + earlier.get("id").asText() + "/").status()).isEqualTo(204);
        assertThat(entry(earlier.get("id").asText())).isNull();
        assertThat(entries("?pinned=true")).as("its pin went with it").isEmpty();
        assertThat(api.delete(token, timeline() + earlier.get("id").asText() + "/").status()).isEqualTo(404);
    }

    @Test
    void automaticEntriesCannotBeEditedOrDeletedOnlyPinned() {
        String triggered = firstLogId("triggered");
        ApiClient.Response edit = api.put(token, timeline() + triggered + "/", "{\"message\": \"nothing happened\"}");
        assertThat(edit.status()).isEqualTo(400);
        assertThat(edit.detail()).contains("cannot be edited").contains("pinned");
        assertThat(api.put(token, timeline() + triggered + "/", "{\"at\": \"" + incident.createdAt() + "\"}").status()).isEqualTo(400);
        ApiClient.Response delete = api.delete(token, timeline() + triggered + "/");
        assertThat(delete.status()).isEqualTo(400);
        assertThat(delete.detail()).contains("only notes");
        String delivery = null;
        for (JsonNode e : entries("")) {
            if (e.get("type").asText().equals("delivery")) {
                delivery = e.get("id").asText();
            }
        }
        assertThat(delivery).isNotNull();
        assertThat(api.put(token, timeline() + delivery + "/", "{\"message\": \"x\"}").status()).isEqualTo(400);
        assertThat(api.put(token, timeline() + delivery + "/", "{\"pinned\": true}").json().get("pinned").asBoolean()).isTrue();
        assertThat(entry(triggered).get("message").asText()).startsWith("Triggered");
    }

    @Test
    void badInputGetsAMessageThatSaysWhatIsWrong() {
        assertThat(api.post(token, timeline(), "{\"message\": \"   \"}").detail()).contains("message").contains("empty");
        assertThat(api.post(token, timeline(), "{}").detail()).contains("message");
        ApiClient.Response tooLong = api.post(token, timeline(), ApiClient.json("message", "x".repeat(5001)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.detail()).contains("5,000").contains("5,001");
        ApiClient.Response future = api.post(token, timeline(), ApiClient.json("message", "m", "at", nowMs().plusSeconds(60).toString()));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.detail()).contains("future");
        ApiClient.Response tooEarly = api.post(token, timeline(),
                ApiClient.json("message", "m", "at", incident.createdAt().minus(Duration.ofHours(24)).minusSeconds(1).toString()));
        assertThat(tooEarly.status()).isEqualTo(400);
        assertThat(tooEarly.detail()).contains("24 hours before the incident was opened");
        assertThat(api.post(token, timeline(), ApiClient.json("message", "m", "at",
                incident.createdAt().minus(Duration.ofHours(24)).toString())).status()).as("24 hours before is allowed").isEqualTo(201);
        assertThat(api.post(token, timeline(), ApiClient.json("message", "m", "at", "yesterday at 10")).detail()).contains("ISO-8601");
        assertThat(api.post(token, timeline(), ApiClient.json("message", "m", "at", "2026-12-05T10:02:00")).detail())
                .as("a time without an offset is ambiguous").contains("offset");
        assertThat(api.post(token, timeline(), ApiClient.json("message", "m", "link", "javascript:alert(1)")).detail()).contains("http or https");
        assertThat(api.post(token, timeline(), "{\"message\": \"m\", \"colour\": \"red\"}").detail()).contains("colour");
        assertThat(api.post(token, timeline(), "{\"message\": 5").status()).isEqualTo(400);
        assertThat(api.get(token, timeline() + "?pinned=maybe").detail()).contains("pinned");
        String id = note(token, "{\"message\": \"m\"}").get("id").asText();
        assertThat(api.put(token, timeline() + id + "/", "{}").detail()).contains("nothing to change");
        assertThat(api.put(token, timeline() + id + "/", "{\"pinned\": \"yes\"}").status()).isEqualTo(400);
        assertThat(api.put(token, timeline() + "log:999999999/", "{\"pinned\": true}").status()).isEqualTo(404);
        assertThat(api.put(token, timeline() + "nonsense/", "{\"pinned\": true}").status()).isEqualTo(404);
        assertThat(api.get(token, "/api/0/organizations/" + org + "/incidents/999999/timeline/").status()).isEqualTo(404);
    }

    @Test
    void onlyTheAuthorOrAnAdminChangesANoteAndAnotherOrganizationSeesNothing() {
        String memberToken = token(Actor.session(primary.id(), primary.email()), List.copyOf(Scopes.ALL));
        String ownersNote = note(token, "{\"message\": \"Owner's note\"}").get("id").asText();
        String membersNote = note(memberToken, "{\"message\": \"Member's note\"}").get("id").asText();

        ApiClient.Response notTheirs = api.put(memberToken, timeline() + ownersNote + "/", "{\"message\": \"rewritten\"}");
        assertThat(notTheirs.status()).isEqualTo(403);
        assertThat(notTheirs.detail()).contains("only the author of a note or an admin");
        assertThat(api.delete(memberToken, timeline() + ownersNote + "/").status()).isEqualTo(403);
        assertThat(api.put(memberToken, timeline() + ownersNote + "/", "{\"pinned\": true}").status()).as("any member pins").isEqualTo(200);
        assertThat(api.put(memberToken, timeline() + membersNote + "/", "{\"message\": \"Member's note, corrected\"}").status()).isEqualTo(200);
        assertThat(api.put(token, timeline() + membersNote + "/", "{\"message\": \"Tidied by the owner\"}").status())
                .as("an admin may").isEqualTo(200);
        assertThat(entry(ownersNote).get("message").asText()).isEqualTo("Owner's note");

        String readOnly = token(owner, List.of(Scopes.EVENT_READ, Scopes.ORG_READ));
        assertThat(api.get(readOnly, timeline()).status()).isEqualTo(200);
        assertThat(api.post(readOnly, timeline(), "{\"message\": \"m\"}").status()).isEqualTo(403);
        assertThat(api.put(readOnly, timeline() + ownersNote + "/", "{\"pinned\": false}").status()).isEqualTo(403);

        Tenant other = newTenant();
        assertThat(api.get(other.ownerToken(), timeline()).status()).isEqualTo(404);
        assertThat(api.post(other.ownerToken(), timeline(), "{\"message\": \"m\"}").status()).isEqualTo(404);
        assertThat(api.put(other.ownerToken(), timeline() + ownersNote + "/", "{\"message\": \"m\"}").status()).isEqualTo(404);
        assertThat(api.delete(other.ownerToken(), timeline() + ownersNote + "/").status()).isEqualTo(404);
        // their own organization has no incident of this number, nor our note under theirs
        String theirs = "/api/0/organizations/" + other.org().slug() + "/incidents/" + incident.number() + "/timeline/";
        assertThat(api.get(other.ownerToken(), theirs).status()).isEqualTo(404);
        assertThat(entry(ownersNote)).isNotNull();
        User outsider = newUser("password-" + unique("p"));
        assertThat(api.get(token(Actor.session(outsider.id(), outsider.email()), List.copyOf(Scopes.ALL)), timeline()).status()).isEqualTo(404);
    }

    @Test
    void hostileTextIsKeptAsWrittenAndTheSignalCarriesAtMost500Characters() {
        String hostile = "<script>alert(1)</script>\" onmouseover=\"x ü 🚒 ".repeat(100);
        JsonNode n = note(token, ApiClient.json("message", hostile.strip()));
        assertThat(n.get("message").asText()).isEqualTo(hostile.strip());
        String body = db.sql("SELECT body FROM signals WHERE subject = ? AND kind = 'incident.note_added'").param(incident.subject())
                .query(String.class).single();
        String message = ApiClient.JSON.readTree(body).get("message").asText();
        assertThat(message).hasSize(500).endsWith("…");
        assertThat(hostile).startsWith(message.substring(0, 499));
    }

    @Test
    void pagesShowWhomTheyReachedByWhichContactMethodAndWhatWasStopped() {
        Instant paged = nowMs();
        assertThat(ntfy.requests()).as("the push was sent").hasSize(1);
        JsonNode push = null;
        JsonNode mail = null;
        for (JsonNode e : entries("")) {
            if (e.get("type").asText().equals("delivery")) {
                if (e.get("message").asText().contains("Push (ntfy)")) {
                    push = e;
                } else {
                    mail = e;
                }
            }
        }
        assertThat(push).isNotNull();
        assertThat(push.get("message").asText()).isEqualTo("Page to " + primary.email() + " by Push (ntfy) “Phone”: delivered");
        assertThat(Instant.parse(push.get("at").asText())).isEqualTo(paged);
        assertThat(push.get("automatic").asBoolean()).isTrue();
        assertThat(push.get("user").get("id").asText()).isEqualTo(Long.toString(primary.id()));
        assertThat(mail).isNotNull();
        assertThat(mail.get("message").asText()).isEqualTo("Page to " + primary.email() + " by Email “Work mail”: due at this time unless"
                + " the incident is acknowledged first");
        assertThat(Instant.parse(mail.get("at").asText())).isEqualTo(paged.plus(Duration.ofMinutes(5)));

        clock.advance(Duration.ofMinutes(2));
        incidents.acknowledge(Actor.session(primary.id(), primary.email()), org, Long.toString(incident.number()), "web");
        clock.advance(Duration.ofMinutes(10));
        engine.runOnce();
        JsonNode stopped = null;
        for (JsonNode e : entries("")) {
            if (e.get("type").asText().equals("delivery") && e.get("message").asText().contains("Email")) {
                stopped = e;
            }
        }
        assertThat(stopped).isNotNull();
        assertThat(stopped.get("message").asText()).contains("“Work mail”: not sent: the page was stopped");
        assertThat(ntfy.requests()).hasSize(1);
    }

    @Test
    void aPageTheReceiverRefusedSaysSoAndWhy() {
        ntfy.answering(400, "{\"code\":40010,\"error\":\"invalid topic\"}");
        String key = unique("refused");
        intake.apply(ordersIntegration, trigger(key, "Checkout slow", "critical"));
        incident = incidentOf(tenant.org().id(), key);
        for (int k = 0; k < 3; k++) {
            engine.runOnce();
        }
        JsonNode push = null;
        for (JsonNode e : entries("")) {
            if (e.get("type").asText().equals("delivery") && e.get("message").asText().contains("Push (ntfy)")) {
                push = e;
            }
        }
        assertThat(push).as(entries("").toString()).isNotNull();
        assertThat(push.get("message").asText()).startsWith("Page to " + primary.email() + " by Push (ntfy) “Phone”: failed (")
                .contains("400");
    }

    @Test
    void linkedIssuesShowTheirFirstEventsAndBusiestHourInTheWindow() throws Exception {
        String slug = unique("web");
        long projectId = projects.create(owner, org, org, "Orders web", slug, "javascript").project().id();
        ProjectKey key = projects.listKeys(owner, org, slug).get(0);
        // an incident opened after an hour of errors: 3 events, then 1 an hour later, then the incident
        Instant first = nowMs();
        String message = "TypeError: order.items is undefined " + unique("m");
        HttpClient http = HttpClient.newHttpClient();
        for (int k = 0; k < 3; k++) {
            ingest(http, projectId, key, message);
        }
        clock.advance(Duration.ofMinutes(70));
        ingest(http, projectId, key, message);
        clock.advance(Duration.ofMinutes(20));
        String dedup = unique("orders");
        intake.apply(integration(service(null, Map.of())), trigger(dedup, "Orders failing", "critical"));
        incident = incidentOf(tenant.org().id(), dedup);
        long issueId = db.sql("SELECT id FROM issues WHERE project_id = ? ORDER BY id DESC LIMIT 1").param(projectId).query(Long.class).single();
        // linking is the declaring feature's; its table is written here as it would be
        db.sql("INSERT INTO incident_issues (incident_id, issue_id, linked_at) VALUES (?, ?, ?)").params(incident.id(), issueId,
                nowMs().toEpochMilli()).update();

        JsonNode firstSeen = entry("issue:" + issueId + ":first");
        assertThat(firstSeen).as(entries("").toString()).isNotNull();
        assertThat(Instant.parse(firstSeen.get("at").asText())).isEqualTo(first);
        assertThat(firstSeen.get("message").asText()).contains("first seen").contains(message);
        assertThat(firstSeen.get("link").asText()).isEqualTo("/orgs/" + org + "/issues/" + issueId);
        JsonNode peak = entry("issue:" + issueId + ":peak");
        assertThat(Instant.parse(peak.get("at").asText())).isEqualTo(Instant.ofEpochMilli(first.toEpochMilli() / 3_600_000L * 3_600_000L));
        assertThat(peak.get("message").asText()).contains("with 3 events").contains("4 in all");

        // an issue of another organization linked by mistake shows nothing
        Tenant other = newTenant();
        String theirSlug = unique("theirs");
        long theirProject = projects.create(other.owner(), other.org().slug(), other.org().slug(), "Theirs", theirSlug, "javascript")
                .project().id();
        ingest(http, theirProject, projects.listKeys(other.owner(), other.org().slug(), theirSlug).get(0), "their secret " + unique("s"));
        long theirIssue = db.sql("SELECT id FROM issues WHERE project_id = ?").param(theirProject).query(Long.class).single();
        db.sql("INSERT INTO incident_issues (incident_id, issue_id, linked_at) VALUES (?, ?, ?)").params(incident.id(), theirIssue,
                nowMs().toEpochMilli()).update();
        assertThat(entries("").toString()).doesNotContain("their secret");
    }

    @Test
    void aFailingSourceLeavesTheRestOfTheTimeline() {
        TimelineSource broken = (i, at) -> {
            throw new IllegalStateException("the changes feature is down");
        };
        TimelineSource working = (i, at) -> List.of(new TimelineEntry("test:1", at, "test", null, null, null, "still here", null, true, false));
        List<TimelineEntry> shown = new IncidentTimeline(store, List.of(broken, working), clock).of(incident);
        assertThat(shown).extracting(TimelineEntry::message).contains("still here");
        assertThat(shown).extracting(TimelineEntry::kind).contains("triggered");
    }

    void ingest(HttpClient http, long projectId, ProjectKey key, String message) throws Exception {
        String event = """
                {"event_id":"%s","platform":"javascript","level":"error","fingerprint":["%s"],"message":"%s"}"""
                .formatted(UUID.randomUUID().toString().replace("-", ""), message, message);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
