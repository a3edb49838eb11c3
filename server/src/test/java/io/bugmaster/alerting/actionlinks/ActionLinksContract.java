package io.bugmaster.alerting.actionlinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.issues.Issue;
import io.bugmaster.issues.IssueViews.Activity;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.Recipient;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.web.WebClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Action links under attack, over HTTP, as someone without a session: "Resolve" and "Ignore for
 * 1h" come in a real alert through a real webhook receiver; opening one never acts (scanners and
 * unfurlers open links), its button acts once, and an expired, used, changed or misdirected link,
 * or one whose issue or recipient is gone, gets a page that says so with a 4xx, never a 500.
 */
abstract class ActionLinksContract extends ActionLinksTestBase {

    @Test
    void theAlertCarriesResolveAndIgnoreForAnHourAfterOpen() {
        Alerted a = alerted("TypeError: cart is undefined");
        JsonNode actions = hook.requests().get(hook.requests().size() - 1).json().path("data").path("actions");
        assertThat(actions.get(1).path("label").asString()).isEqualTo("Resolve");
        assertThat(actions.get(2).path("label").asString()).isEqualTo("Ignore for 1h");
        assertThat(a.resolve()).isNotEqualTo(a.ignore());
    }

    @Test
    void openingALinkShowsWhatItWillDoAndActsOnNothing() {
        Alerted a = alerted("TypeError: cart is undefined");
        for (int i = 0; i < 3; i++) { // a mail scanner, a chat unfurler, the person
            HttpResponse<String> page = stranger.get(a.resolve());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).contains("Resolve this issue?", "TypeError: cart is undefined", "<form method=\"post\">",
                    "Webhook message to the channel “" + channelName + "”");
            assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
            assertThat(stranger.get(a.ignore()).statusCode()).isEqualTo(200);
        }
        assertThat(issue(a.issueId()).status()).isEqualTo("unresolved");
        assertThat(activities(a.issueId())).noneMatch(x -> x.type().startsWith("set_"));
    }

    @Test
    void theButtonResolvesOnceAsTheSystemAndTheActivitySaysThroughWhichMessage() {
        Alerted a = alerted("TypeError: cart is undefined");
        // the owner follows the issue (commenting subscribes)
        assertThat(new ApiClient(baseUrl()).post(tenant.ownerToken(), "/api/0/issues/" + a.issueId() + "/comments/",
                "{\"text\": \"Looking\"}").status()).isEqualTo(201);
        HttpResponse<String> done = post(a.resolve());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("Issue resolved", "Open the issue");
        assertThat(issue(a.issueId()).status()).isEqualTo("resolved");
        Activity resolved = activities(a.issueId()).stream().filter(x -> x.type().equals("set_resolved")).findFirst().orElseThrow();
        assertThat(resolved.userId()).as("the system acted, not a user").isNull();
        assertThat(resolved.dataJson()).contains("Webhook message to the channel");
        // whoever follows the issue is told how it was resolved
        assertThat(db.sql("SELECT notification FROM notification_queue WHERE org_id = ? AND idempotency_key LIKE ?")
                .params(tenant.org().id(), "workflow:a" + resolved.id() + ":%").query(String.class).list())
                .singleElement().asString().contains("Someone, through a link in a Webhook message to the channel");

        // the issue's page tells people, logged in, how it was resolved
        WebClient owner = new WebClient(baseUrl());
        assertThat(WebClient.location(owner.login(tenant.user().email(), OWNER_PASSWORD))).endsWith("/");
        assertThat(owner.get("/orgs/" + tenant.org().slug() + "/issues/" + a.issueId()).body())
                .contains("Resolved through a link in a Webhook message to the channel “" + channelName + "”.");

        // reopened by hand, the same link does not act again: a second click, a second tab, a replay
        ApiClient.Response reopened = new ApiClient(baseUrl()).put(tenant.ownerToken(), "/api/0/issues/" + a.issueId() + "/",
                "{\"status\": \"unresolved\"}");
        assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
        HttpResponse<String> again = post(a.resolve());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("This link was already used", "each link acts once");
        assertThat(stranger.get(a.resolve()).statusCode()).isEqualTo(409);
        assertThat(issue(a.issueId()).status()).isEqualTo("unresolved");
    }

    @Test
    void twoClicksAtOnceActOnce() throws Exception {
        Alerted a = alerted("TypeError: cart is undefined");
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Integer>> clicks = List.of(
                    two.submit(() -> { go.await(); return new WebClient(baseUrl()).postRaw(a.resolve(), Map.of()).statusCode(); }),
                    two.submit(() -> { go.await(); return new WebClient(baseUrl()).postRaw(a.resolve(), Map.of()).statusCode(); }));
            go.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var click : clicks) {
                statuses.add(click.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            two.shutdownNow();
        }
        assertThat(activities(a.issueId())).filteredOn(x -> x.type().equals("set_resolved")).hasSize(1);
    }

    @Test
    void ignoreForAnHourIgnoresUntilAnHourFromNow() {
        Alerted a = alerted("RangeError: quantity out of range");
        Instant now = clock.instant();
        HttpResponse<String> done = post(a.ignore());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("Issue ignored for 1 hour");
        Issue ignored = issue(a.issueId());
        assertThat(ignored.status()).isEqualTo("ignored");
        assertThat(ignored.statusDetails().ignoreUntil()).isEqualTo(now.plus(Duration.ofHours(1)).toEpochMilli());
        // the other link of the same message still works, once
        assertThat(post(a.resolve()).statusCode()).isEqualTo(200);
        assertThat(issue(a.issueId()).status()).isEqualTo("resolved");
    }

    @Test
    void anExpiredLinkIsRefusedAndPointsToTheIssue() {
        Alerted a = alerted("TypeError: cart is undefined");
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        for (HttpResponse<String> page : List.of(stranger.get(a.resolve()), post(a.resolve()))) {
            assertThat(page.statusCode()).isEqualTo(410);
            assertThat(page.body()).contains("This link has expired", "7 days",
                    "/orgs/" + tenant.org().slug() + "/issues/" + a.issueId());
        }
        assertThat(issue(a.issueId()).status()).isEqualTo("unresolved");
    }

    @Test
    void aChangedOrMadeUpTokenIsRefusedWithA404() {
        Alerted a = alerted("TypeError: cart is undefined");
        String link = a.resolve();
        String token = link.substring("/actions/".length());
        String[] parts = token.split("\\.");
        // the resolve link's signature on the ignore link's payload; a flipped character; cut short; made up; absurdly long
        String swapped = "/actions/" + parts[0] + "." + a.ignore().substring("/actions/".length()).split("\\.")[1] + "." + parts[2];
        char c = parts[1].charAt(5);
        String flipped = "/actions/" + parts[0] + "." + parts[1].substring(0, 5) + (c == 'A' ? 'B' : 'A') + parts[1].substring(6) + "."
                + parts[2];
        for (String bad : List.of(swapped, flipped, link.substring(0, link.length() - 3), "/actions/v1.abc.def", "/actions/x",
                "/actions/" + "A".repeat(5000), "/actions/%00%3Cscript%3E")) {
            for (HttpResponse<String> page : List.of(stranger.get(bad), post(bad))) {
                assertThat(page.statusCode()).as("%s: %s", bad, page.body()).isBetween(400, 499);
                if (page.statusCode() == 404 && page.body().contains("This link is not valid")) {
                    assertThat(page.body()).contains("Log in");
                }
            }
        }
        assertThat(stranger.get(flipped).body()).contains("This link is not valid");
        assertThat(post(swapped).body()).contains("This link is not valid");
        assertThat(issue(a.issueId()).status()).isEqualTo("unresolved");
    }

    @Test
    void aLinkOfOneOrganizationCannotActOnAnotherOrganizationsIssue() {
        Alerted ours = alerted("TypeError: cart is undefined");
        long theirs = ingestInto(newTenant(), "TypeError: their issue");
        // a token signed for this organization that names the other organization's issue (a mistake or a forgery with the key)
        Notification message = Notification.of("k", Notification.Kind.ALERT, "issue:" + theirs, "issue.alert", "x", "t");
        Notification withLinks = actionLinks.addTo(message, tenant.org().id(), theirs, Recipient.channel(channelId), clock.instant());
        String misdirected = path(withLinks.actions().get(0).url());
        for (HttpResponse<String> page : List.of(stranger.get(misdirected), post(misdirected))) {
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.body()).contains("This issue is gone").doesNotContain("their issue");
        }
        assertThat(issue(theirs).status()).isEqualTo("unresolved");
        assertThat(issue(ours.issueId()).status()).isEqualTo("unresolved");
    }

    @Test
    void thePageEscapesAHostileIssueTitle() {
        String hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        Alerted a = alerted(hostile);
        for (HttpResponse<String> page : List.of(stranger.get(a.resolve()), post(a.resolve()))) {
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
                    .doesNotContain("<script>alert").doesNotContain("<img src=x");
        }
    }

    @Test
    void aLinkToADeletedIssueOrARemovedChannelSaysSo() {
        Alerted deleted = alerted("TypeError: cart is undefined");
        issueChanges.delete(tenant.owner(), tenant.org().slug(), Long.toString(deleted.issueId()));
        for (HttpResponse<String> page : List.of(stranger.get(deleted.resolve()), post(deleted.resolve()))) {
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.body()).contains("This issue is gone", "Log in");
        }

        Alerted orphan = alerted("RangeError: quantity out of range");
        channels.delete(tenant.owner(), tenant.org().slug(), Long.toString(channelId));
        for (HttpResponse<String> page : List.of(stranger.get(orphan.resolve()), post(orphan.resolve()))) {
            assertThat(page.statusCode()).isEqualTo(403);
            assertThat(page.body()).contains("This link no longer acts", "Open the issue");
        }
        assertThat(issue(orphan.issueId()).status()).isEqualTo("unresolved");
    }

    @Test
    void aLinkEmailedToAPersonStopsActingWhenTheyLeaveTheOrganization() {
        long issueId = ingest("TypeError: cart is undefined");
        String member = unique("member") + "@example.com";
        Notification message = Notification.of("k", Notification.Kind.ALERT, "issue:" + issueId, "issue.alert", "x", "t");
        String toOwner = path(actionLinks.addTo(message, tenant.org().id(), issueId, Recipient.email(tenant.user().email()),
                clock.instant()).actions().get(0).url());
        String toStranger = path(actionLinks.addTo(message, tenant.org().id(), issueId, Recipient.email(member), clock.instant())
                .actions().get(0).url());
        assertThat(stranger.get(toStranger).statusCode()).as("not a member's address").isEqualTo(403);
        HttpResponse<String> page = stranger.get(toOwner);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("an email to " + tenant.user().email().toLowerCase());
    }

}
