package io.bugmaster.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.User;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.issues.IssueComments;
import io.bugmaster.issues.ownership.OwnershipService;
import io.bugmaster.notify.settings.NotificationSettingsService;
import io.bugmaster.storage.Transactions;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Only an organization's accepted members hear of its issues (issue 8, the class of finding 3):
 * the people its data names (alert rule targets, assignees, subscribers, owners, mentions) are
 * resolved among its members only, never among every user of the server; and someone who leaves
 * is unassigned and unsubscribed, and is sent nothing more, not even what was queued before.
 * Emails are checked in notification_queue, where alerting and workflow emails are queued.
 */
abstract class MembersOnlyContract extends IntegrationTest {
    @Autowired ProjectService projects;
    @Autowired NotificationSettingsService settings;
    @Autowired IssueComments comments;
    @Autowired OwnershipService ownership;
    @Autowired Transactions tx;
    @Autowired JdbcClient db;

    final HttpClient http = HttpClient.newHttpClient();
    ApiClient api;
    Tenant alpha;
    String org;
    long projectId;
    String projectSlug;
    ProjectKey key;
    /** A member of Alpha and of Bravo. */
    User dave;
    String daveToken;
    /** A user of Bravo only. */
    User outsider;

    record Queued(String email, String state, String lastError, String key) {}

    @BeforeEach
    void organizations() {
        api = new ApiClient(baseUrl());
        alpha = newTenant();
        org = alpha.org().slug();
        Tenant bravo = newTenant();
        dave = newUser("daves-password");
        join(alpha.owner(), org, dave, Role.MEMBER, org);
        join(bravo.owner(), bravo.org().slug(), dave, Role.MEMBER);
        daveToken = token(Actor.session(dave.id(), dave.email()), List.copyOf(Scopes.ALL));
        outsider = newUser("outsiders-password");
        join(bravo.owner(), bravo.org().slug(), outsider, Role.MEMBER);
        projectSlug = unique("shop");
        projectId = projects.create(alpha.owner(), org, org, "Shop", projectSlug, "java").project().id();
        key = projects.listKeys(alpha.owner(), org, projectSlug).get(0);
        engine.runOnce();
    }

    List<Queued> emailsTo(User user) {
        return db.sql("""
                SELECT email, state, last_error, idempotency_key FROM notification_queue
                WHERE org_id = ? AND LOWER(email) = LOWER(?) ORDER BY id""")
                .params(alpha.org().id(), user.email())
                .query((rs, n) -> new Queued(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    }

    /** Sends an error event with this fingerprint; returns its issue. */
    long event(String fingerprint) {
        String id = UUID.randomUUID().toString().replace("-", "");
        String event = """
                {"event_id":"%s","platform":"java","level":"error","environment":"production",
                 "fingerprint":["%s"],"message":"card declined"}""".formatted(id, fingerprint);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                    .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ApiClient.Response r = api.get(alpha.ownerToken(), "/api/0/projects/" + org + "/" + projectSlug + "/events/" + id + "/");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return Long.parseLong(r.json().path("groupID").asString());
    }

    long newIssue() {
        return event(UUID.randomUUID().toString());
    }

    void ok(ApiClient.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 204);
    }

    String memberId(User user) {
        return api.get(alpha.ownerToken(), "/api/0/organizations/" + org + "/members/").json().valueStream()
                .filter(m -> m.path("email").asString().equals(user.email())).findFirst().orElseThrow().path("id").asString();
    }

    @Test
    void anotherOrganizationsUserIsNoRecipientOfThisOrganizationsEmails() {
        // The recipients of an alert email and of a workflow email are chosen among the project's organization's members.
        assertThat(settings.issueAlertRecipients(projectId, List.of(outsider.email(), alpha.user().email()), Set.of()))
                .containsExactly(alpha.user().email());
        assertThat(settings.issueAlertRecipients(projectId, List.of(outsider.email().toUpperCase()), Set.of(outsider.id())))
                .isEmpty();
        assertThat(settings.workflowRecipients(projectId, List.of(outsider.id(), dave.id()), alpha.user().id()))
                .containsExactly(dave.id());
    }

    @Test
    void anotherOrganizationsUserCannotBeNamedByOwnershipRulesMentionsAssignmentOrAlertRules() {
        assertThatThrownBy(() -> ownership.update(alpha.owner(), org, projectSlug,
                new OwnershipService.Change("path:src/* " + outsider.email(), null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(outsider.email());
        assertThat(ownership.importCodeowners(alpha.owner(), org, projectSlug, "*.java @them", "@them = " + outsider.email())
                .unknownOwners()).containsExactly(outsider.email());

        long issue = newIssue();
        ApiClient.Response assign = api.put(alpha.ownerToken(), "/api/0/issues/" + issue + "/",
                "{\"assignedTo\": \"" + outsider.email() + "\"}");
        assertThat(assign.status()).as(assign.toString()).isEqualTo(400);
        ok(api.post(alpha.ownerToken(), "/api/0/issues/" + issue + "/comments/", "{\"text\": \"@" + outsider.email() + " look\"}"));
        assertThat(emailsTo(outsider)).as("a mention of a non-member subscribes nobody").isEmpty();
        ApiClient.Response rule = api.post(alpha.ownerToken(), "/api/0/organizations/" + org + "/alert-rules/", """
                {"name": "to them", "conditions": [{"id": "first_seen_event"}],
                 "actions": [{"id": "notify_email", "targetType": "Member", "targetIdentifier": ["%s"]}]}"""
                .formatted(outsider.email()));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(400);
    }

    @Test
    void aMemberWhoLeavesIsUnassignedUnsubscribedAndSentNothingMore() {
        ApiClient.Response rule = api.post(alpha.ownerToken(), "/api/0/organizations/" + org + "/alert-rules/", """
                {"name": "new or back", "frequency": 5,
                 "conditions": [{"id": "first_seen_event"}, {"id": "regression_event"}],
                 "actions": [{"id": "notify_email", "targetType": "Assignee"},
                             {"id": "notify_email", "targetType": "Member", "targetIdentifier": ["%s"]},
                             {"id": "notify_email", "targetType": "Team", "targetIdentifier": "%s"}]}"""
                .formatted(dave.email(), org));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
        String assignedPrint = UUID.randomUUID().toString();
        String followedPrint = UUID.randomUUID().toString();
        long assigned = event(assignedPrint);
        long followed = event(followedPrint);
        engine.runOnce();
        int before = emailsTo(dave).size();
        assertThat(before).as("while a member, Dave hears of new issues").isEqualTo(2);
        ok(api.put(alpha.ownerToken(), "/api/0/issues/" + assigned + "/", "{\"assignedTo\": \"" + dave.email() + "\"}"));
        ok(api.post(daveToken, "/api/0/issues/" + followed + "/comments/", "{\"text\": \"watching this one\"}"));
        ok(api.put(alpha.ownerToken(), "/api/0/issues/" + assigned + "/", "{\"status\": \"resolved\"}"));
        ok(api.put(alpha.ownerToken(), "/api/0/issues/" + followed + "/", "{\"status\": \"resolved\"}"));
        engine.runOnce();
        int whileMember = emailsTo(dave).size();
        assertThat(whileMember).as("assigned: told of the assignment and the resolution; following: of the resolution")
                .isEqualTo(before + 3);

        // A workflow email to Dave is queued in the very transaction that removes him: it is not sent afterwards.
        String daveMember = memberId(dave);
        tx.write(() -> {
            comments.addComment(alpha.owner(), org, String.valueOf(followed), "one more thing");
            organizations.removeMember(alpha.owner(), org, daveMember);
        });
        engine.runOnce();
        assertThat(emailsTo(dave)).hasSize(whileMember + 1);
        Queued queuedBefore = emailsTo(dave).get(whileMember);
        assertThat(queuedBefore.key()).startsWith("workflow:");
        assertThat(queuedBefore.state()).isEqualTo("failed");
        assertThat(queuedBefore.lastError()).contains("no longer a member");
        assertThat(db.sql("SELECT COUNT(*) FROM notification_deliveries WHERE idempotency_key = ?").param(queuedBefore.key())
                .query(Long.class).single()).as("no attempt to send it").isZero();

        // Alpha's issues let go of Dave, as in Sentry.
        ApiClient.Response issue = api.get(alpha.ownerToken(), "/api/0/issues/" + assigned + "/");
        assertThat(issue.json().path("assignedTo").isNull()).as(issue.toString()).isTrue();
        ApiClient.Response activity = api.get(alpha.ownerToken(), "/api/0/issues/" + assigned + "/activities/");
        assertThat(activity.body()).contains("unassigned", "the assignee left the organization");
        assertThat(db.sql("SELECT COUNT(*) FROM issue_user_state WHERE user_id = ? AND issue_id IN (?, ?)")
                .params(dave.id(), assigned, followed).query(Long.class).single()).isZero();

        // Both issues come back (after the rule's action interval), a new one appears, people comment and resolve:
        // Dave, a user of Bravo, hears nothing of it.
        clock.advance(java.time.Duration.ofMinutes(10));
        assertThat(event(assignedPrint)).isEqualTo(assigned);
        assertThat(event(followedPrint)).isEqualTo(followed);
        newIssue();
        engine.runOnce();
        ok(api.post(alpha.ownerToken(), "/api/0/issues/" + followed + "/comments/", "{\"text\": \"still broken\"}"));
        ok(api.put(alpha.ownerToken(), "/api/0/issues/" + assigned + "/", "{\"status\": \"resolved\"}"));
        engine.runOnce();
        assertThat(emailsTo(dave)).hasSize(whileMember + 1);
        assertThat(emailsTo(alpha.user()).size()).as("the owner, on the team, still hears of them").isGreaterThanOrEqualTo(3);
        assertThat(api.get(daveToken, "/api/0/organizations/" + org + "/").status()).isEqualTo(404);
    }
}
