package io.bugmaster.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.User;
import io.bugmaster.notify.email.EmailMessages;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The weekly report with the test clock crossing Monday 08:00 UTC (the default schedule): each team
 * member who did not turn it off gets one report email, once, summing up new, regressed and
 * unassigned issues of the team's projects.
 */
@org.springframework.test.context.TestPropertySource(properties = "bugmaster.weekly-report=MON 08:00")
abstract class WeeklyReportContract extends IntegrationTest {
    @Autowired ProjectService projects;
    @Autowired JdbcClient db;
    final HttpClient http = HttpClient.newHttpClient();

    record Row(String email, String key, String notification) {}

    List<Row> reports(long orgId) {
        return db.sql("SELECT email, idempotency_key, notification FROM notification_queue WHERE org_id = ? AND idempotency_key LIKE 'report:%' ORDER BY id")
                .param(orgId).query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    void ingest(long projectId, ProjectKey key, String fingerprint, String message) {
        String id = UUID.randomUUID().toString().replace("-", "");
        String event = """
                {"event_id":"%s","platform":"java","level":"error","fingerprint":["%s"],"message":"%s"}"""
                .formatted(id, fingerprint, message);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                    .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eachMemberWhoWantsItGetsOneReportOfTheTeamsWeek() {
        Instant start = clock.instant().plus(Duration.ofHours(2));
        Instant monday8 = ZonedDateTime.ofInstant(start, ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                .truncatedTo(ChronoUnit.DAYS).withHour(8).toInstant();
        clock.set(monday8.minus(Duration.ofHours(1)));
        engine.runOnce();

        ApiClient api = new ApiClient(baseUrl());
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        organizations.createTeam(tenant.owner(), org, "Payments", "payments");
        User reader = newUser("pw-" + UUID.randomUUID());
        join(tenant.owner(), org, reader, Role.MEMBER, "payments");
        User optedOut = newUser("pw-" + UUID.randomUUID());
        join(tenant.owner(), org, optedOut, Role.MEMBER, "payments");
        ApiClient.Response off = api.put(token(Actor.session(optedOut.id(), optedOut.email()), List.copyOf(Scopes.ALL)),
                "/api/0/users/me/notification-settings/", "{\"defaults\": {\"weeklyReport\": false}}");
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        String slug = unique("shop");
        long projectId = projects.create(tenant.owner(), org, "payments", "Shop", slug, "java").project().id();
        ProjectKey key = projects.listKeys(tenant.owner(), org, slug).get(0);

        String regressing = "fp-" + UUID.randomUUID();
        ingest(projectId, key, regressing, "Checkout <b>timed out</b>");
        ingest(projectId, key, "fp-" + UUID.randomUUID(), "Card declined");
        ApiClient.Response issues = api.get(tenant.ownerToken(), "/api/0/projects/" + org + "/" + slug + "/issues/?query=");
        assertThat(issues.json()).hasSize(2);
        String regressingId = null;
        for (var issue : issues.json()) {
            if (issue.path("title").asString().contains("timed out")) {
                regressingId = issue.path("id").asString();
            }
        }
        ApiClient.Response resolved = api.put(tenant.ownerToken(), "/api/0/issues/" + regressingId + "/", "{\"status\":\"resolved\"}");
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        ingest(projectId, key, regressing, "Checkout <b>timed out</b>");
        engine.runOnce();
        assertThat(reports(tenant.org().id())).as("not Monday 08:00 yet").isEmpty();

        clock.set(monday8.plus(Duration.ofMinutes(1)));
        engine.runOnce();
        List<Row> rows = reports(tenant.org().id());
        assertThat(rows).extracting(Row::email).containsExactlyInAnyOrder(tenant.user().email(), reader.email());
        String week = WeeklyReports.isoWeek(monday8);
        long team = db.sql("SELECT id FROM teams WHERE org_id = ? AND slug = 'payments'").param(tenant.org().id()).query(Long.class).single();
        assertThat(rows).extracting(Row::key).contains("report:" + team + ":" + week + ":" + reader.id());

        var notification = ApiClient.JSON.readTree(rows.get(0).notification());
        assertThat(notification.path("kind").asString()).isEqualTo("report");
        assertThat(notification.path("title").asString())
                .isEqualTo("Weekly report " + week + " for #payments: 2 new, 1 regressed, 2 unassigned");
        // the email as the delivery worker builds it: a text and an HTML part, titles escaped, issue links
        io.bugmaster.notify.Notification n = io.bugmaster.notify.NotificationFixtures.queued(rows.get(0).notification());
        EmailMessages.Email email = EmailMessages.of(n);
        assertThat(email.subject()).startsWith("Weekly report " + week);
        assertThat(email.text()).contains("## " + slug + ": 2 new, 1 regressed, 2 unassigned").contains("Regressed issues (1):")
                .contains("Checkout <b>timed out</b>").contains("http://localhost:8080/orgs/" + org + "/issues/" + regressingId);
        assertThat(email.html()).contains("Checkout &lt;b&gt;timed out&lt;/b&gt;").doesNotContain("<b>timed out")
                .contains("<a href=\"http://localhost:8080/orgs/" + org + "/issues/" + regressingId + "\">")
                .contains("<h3");

        clock.advance(Duration.ofHours(2));
        engine.runOnce();
        assertThat(reports(tenant.org().id())).as("once per team per week").hasSize(2);
        clock.advance(Duration.ofDays(7));
        engine.runOnce();
        assertThat(reports(tenant.org().id())).as("and again the next week").hasSize(4);
    }
}
