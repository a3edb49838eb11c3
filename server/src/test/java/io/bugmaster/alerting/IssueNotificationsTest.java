package io.bugmaster.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.notify.Notification;
import io.bugmaster.notify.NotificationFixtures;
import io.bugmaster.notify.email.EmailMessages;
import io.bugmaster.notify.pagerduty.PagerDutyEvents;
import io.bugmaster.notify.slack.SlackMessages;
import io.bugmaster.notify.teams.AdaptiveCards;
import io.bugmaster.notify.webhook.WebhookPayloads;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An issue as a transport-neutral notification: every transport renders it as it rendered the
 * issue message before, and a row queued by the release before (an issue's facts in named fields)
 * is sent exactly as the message made today.
 */
class IssueNotificationsTest {
    static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");
    static final String LINK = "https://bugs.example.com/orgs/acme/issues/42/";

    static IssueNotifications.Snapshot snapshot() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("browser", "Firefox <120>");
        tags.put("release", "shop@1.2.3");
        return new IssueNotifications.Snapshot(42, "acme", "shop", "production", "TypeError: cart is <undefined>", "checkout.js in submit",
                "error", 1234, 56, NOW.minus(Duration.ofHours(3)), "shop@1.2.3", "abc1234", "Jane Dev", tags, "jane@example.com", LINK);
    }

    static List<String> rendered(Notification n) {
        return List.of(SlackMessages.blocks(n).toString(), SlackMessages.attachments(n).toString(), AdaptiveCards.message(n).toString(),
                PagerDutyEvents.event("rk", n).toString(), WebhookPayloads.body(n, NOW), EmailMessages.of(n).toString());
    }

    @Test
    void theCoreRecordHasNoIssueFieldsTheIssueIsInItsParts() {
        Notification n = IssueNotifications.alert("k", snapshot(), "Regression in shop@1.2.3", "Checkout errors", NOW);
        assertThat(n.subject()).isEqualTo("issue:42");
        assertThat(n.subjectPath()).as("PagerDuty dedup keys and open alerts keep their old spelling").isEqualTo("issue/42");
        assertThat(n.event()).isEqualTo("issue.alert");
        assertThat(n.source()).isEqualTo("shop");
        assertThat(n.text()).isEqualTo("checkout.js in submit");
        assertThat(n.severity()).isEqualTo("error");
        assertThat(n.facts()).containsExactly(Map.entry("Project", "shop"), Map.entry("Environment", "production"),
                Map.entry("Level", "error"), Map.entry("Events", "1234"), Map.entry("Users", "56"),
                Map.entry("First seen", "Dec 4, 12:00 UTC (3 hours ago)"), Map.entry("Release", "shop@1.2.3"),
                Map.entry("Suspect commit", "abc1234 by Jane Dev"), Map.entry("Assignee", "jane@example.com"));
        assertThat(n.actions()).containsExactly(new Notification.Action(Notification.Action.Type.OPEN, "Open in Bugmaster", LINK));
        assertThat(n.link()).isEqualTo(LINK);
        assertThat(n.data()).containsEntry("users", 56L).containsEntry("assignee", "jane@example.com");
    }

    @Test
    void aRowQueuedByTheReleaseBeforeIsSentAsTheMessageMadeToday() {
        IssueNotifications.Snapshot s = snapshot();
        Notification today = IssueNotifications.alert("k", s, "Regression in shop@1.2.3", "Checkout errors", NOW);
        Notification queuedBefore = NotificationFixtures.issue("k", Notification.Kind.ALERT, "issue/42", "acme", "shop", "production",
                s.title(), s.culprit(), "error", 1234, 56, s.firstSeen(), "shop@1.2.3", "abc1234", "Jane Dev", s.tags(),
                "jane@example.com", LINK).withReason("Regression in shop@1.2.3", "Checkout errors", NOW);
        assertThat(rendered(queuedBefore)).isEqualTo(rendered(today));

        Notification resolved = IssueNotifications.resolve("r", s, "Resolved by jane@example.com", NOW);
        Notification resolvedBefore = NotificationFixtures.issue("r", Notification.Kind.RESOLVE, "issue/42", "acme", "shop",
                "production", s.title(), s.culprit(), "error", 1234, 56, s.firstSeen(), "shop@1.2.3", "abc1234", "Jane Dev", s.tags(),
                "jane@example.com", LINK).withReason("Resolved by jane@example.com", null, NOW);
        assertThat(rendered(resolvedBefore)).isEqualTo(rendered(resolved));
    }

    @Test
    void whatTheQueueStoresIsSentUnchanged() {
        Notification today = IssueNotifications.alert("k", snapshot(), "New issue", null, NOW);
        Notification back = NotificationFixtures.queued(NotificationFixtures.stored(today));
        assertThat(rendered(back)).isEqualTo(rendered(today));
        assertThat(back.facts()).isEqualTo(today.facts());
        assertThat(back.actions()).isEqualTo(today.actions());
    }

    @Test
    void anIssueThatIsGoneClosesItsAlertsSayingWhatHappenedEverywhere() {
        Notification deleted = IssueNotifications.gone("d", "issue.deleted", snapshot(), AlertReasons.deleted("jane@example.com"), NOW);
        assertThat(deleted.headline()).isEqualTo("Deleted: [shop] TypeError: cart is <undefined>");
        assertThat(PagerDutyEvents.event("R0123456789abcdef0123456789abcde", deleted).path("event_action").asString())
                .isEqualTo("resolve");
        assertThat(PagerDutyEvents.dedupKey(deleted)).isEqualTo("bugmaster/issue/42");
        EmailMessages.Email email = EmailMessages.of(deleted);
        assertThat(email.subject()).as("threads with the alert").isEqualTo("Re: [shop] TypeError: cart is <undefined>");
        assertThat(email.text()).startsWith("Deleted: [shop] TypeError: cart is <undefined>\nDeleted by jane@example.com\n");
        Notification merged = IssueNotifications.gone("m", "issue.merged", snapshot(), AlertReasons.merged("SHOP-7", "jane@example.com"),
                NOW);
        assertThat(merged.headline()).isEqualTo("Merged: [shop] TypeError: cart is <undefined>");
        assertThat(merged.why()).isEqualTo("Merged into SHOP-7 by jane@example.com");
        assertThat(IssueNotifications.resolve("r", snapshot(), "Resolved", NOW).headline()).startsWith("Resolved: ");
    }
}
