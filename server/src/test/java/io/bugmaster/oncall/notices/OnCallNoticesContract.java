package io.bugmaster.oncall.notices;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.incidents.AlertIntake;
import io.bugmaster.incidents.Services;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.PolicyRules;
import io.bugmaster.oncall.schedules.ScheduleService;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.Mailboxes;
import io.bugmaster.testing.TestSchedules;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On-call notices in GoAlert's style: seed a schedule, move the clock, run the engine once, and
 * expect the email in GreenMail (or its absence): the handoff notice an hour before a weekly
 * handoff, on both sides of both DST changes in Paris; the bugmaster's notice with what is left in
 * the inbox, and the assignment moving to them at the handoff; a gap warning, once.
 */
abstract class OnCallNoticesContract extends IntegrationTest {
    static final GreenMail MAIL = Mailboxes.startOnLoopback();
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired
    ScheduleService schedules;
    @Autowired
    ProjectService projects;
    @Autowired
    EscalationPolicies policies;
    @Autowired
    Services services;
    @Autowired
    AlertIntake intake;
    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        Mailboxes.smtpSettings(registry, MAIL);
    }

    // MAIL is not stopped after a class: the SQLite and PostgreSQL tests share it (as AccountMailContract's), and it ends with the JVM

    @Override
    protected String invitationLinkSentTo(String email) {
        assertThat(MAIL.waitForIncomingEmail(30_000, 1)).isTrue();
        return Mailboxes.invitationLinkSentTo(MAIL, email);
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

    /** The engine's cycle at {@code at}: the on-call modules queue, delivery sends. */
    void runAt(Instant at) {
        clock.set(at);
        engine.runOnce();
    }

    User member(Tenant tenant, String... teams) {
        User user = newUser("pw-" + UUID.randomUUID());
        join(tenant.owner(), tenant.org().slug(), user, Role.MEMBER, teams);
        return user;
    }

    @Test
    void theIncomingPersonIsToldAnHourBeforeEachWeeklyHandoffOnBothSidesOfBothDstChanges() {
        // the schedule is made before its first turn (a schedule's past is what was recorded, not recomputed)
        clock.set(Instant.parse("2027-03-20T12:00:00Z"));
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        User ann = member(tenant);
        User bob = member(tenant);
        // Mondays 09:00 in Paris, from Monday March 22, 2027 (CET, UTC+1); summer time starts on Sunday March 28
        ZonedDateTime first = ZonedDateTime.of(2027, 3, 22, 9, 0, 0, 0, PARIS);
        TestSchedules.weekly(schedules, tenant.owner(), org, "Primary " + org, null, first, List.of(ann.id(), bob.id()));
        String subject = "You are on call on Primary " + org;

        // Bob's turn starts Monday March 29, 09:00 CEST = 07:00 UTC (a fixed week after 08:00 UTC would be wrong by an hour)
        runAt(Instant.parse("2027-03-29T05:59:00Z"));
        assertThat(mailsTo(bob.email(), subject)).as("61 minutes before").isEmpty();
        runAt(Instant.parse("2027-03-29T06:01:00Z"));
        List<MimeMessage> toBob = awaitMails(bob.email(), subject, 1);
        assertThat(toBob).hasSize(1);
        assertThat(subjectOf(toBob.get(0))).isEqualTo(subject + " from Mon Mar 29, 09:00");
        assertThat(body(toBob.get(0))).contains("starts Mon Mar 29, 09:00 (Europe/Paris) and ends Mon Apr 5, 09:00.")
                .contains("You take over from " + ann.name() + ".")
                .as("no service pages this schedule: the notice says nothing about incidents").doesNotContain("incident");
        runAt(Instant.parse("2027-03-29T06:30:00Z"));
        assertThat(mailsTo(bob.email(), subject)).as("once per shift").hasSize(1);
        assertThat(mailsTo(ann.email(), subject)).as("the outgoing person gets nothing").isEmpty();

        // winter time is back on Sunday October 31: Monday November 1, 09:00 CET = 08:00 UTC, Ann's turn (32 weeks on)
        runAt(Instant.parse("2027-11-01T06:59:00Z"));
        assertThat(mailsTo(ann.email(), subject)).as("an hour before a summer-time handoff is not an hour before this one").isEmpty();
        runAt(Instant.parse("2027-11-01T07:01:00Z"));
        List<MimeMessage> toAnn = awaitMails(ann.email(), subject, 1);
        assertThat(toAnn).hasSize(1);
        assertThat(subjectOf(toAnn.get(0))).isEqualTo(subject + " from Mon Nov 1, 09:00");
        assertThat(body(toAnn.get(0))).contains("You take over from " + bob.name() + ".");
    }

    @Test
    void theNextBugmasterIsToldWhatIsLeftInTheInboxAndGetsTheNewIssuesFromTheHandoff() {
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        ApiClient api = new ApiClient(baseUrl());
        User ann = member(tenant, org);
        User bob = member(tenant, org);
        String slug = unique("shop");
        long projectId = projects.create(tenant.owner(), org, org, "Shop", slug, "java").project().id();
        ProjectKey key = projects.listKeys(tenant.owner(), org, slug).get(0);

        // Ann's week runs from the coming Monday 09:00 (Paris); Bob's from the Monday after
        ZonedDateTime monday = clock.instant().atZone(PARIS).plusDays(1).truncatedTo(ChronoUnit.DAYS)
                .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY)).withHour(9);
        long schedule = TestSchedules.weekly(schedules, tenant.owner(), org, "Bugmaster " + org, null, monday, List.of(ann.id(), bob.id()));
        TestSchedules.markTriageRotation(api, tenant.ownerToken(), org, org, schedule);

        runAt(monday.plusHours(1).toInstant());
        long first = ingest(projectId, key, "Checkout timed out");
        long second = ingest(projectId, key, "Card declined");
        ingest(projectId, key, "Coupon expired");
        engine.runOnce();
        assertThat(assignee(api, tenant.ownerToken(), first)).isEqualTo(String.valueOf(ann.id()));
        // Ann passes one on to Bob
        ApiClient.Response passed = api.put(tenant.ownerToken(), "/api/0/issues/" + second + "/", "{\"assignedTo\": \"user:" + bob.id() + "\"}");
        assertThat(passed.status()).as(passed.toString()).isEqualTo(200);

        String subject = "You are on call on Bugmaster " + org;
        runAt(monday.plusWeeks(1).minusMinutes(59).toInstant());
        List<MimeMessage> toBob = awaitMails(bob.email(), subject, 1);
        assertThat(toBob).hasSize(1);
        assertThat(body(toBob.get(0))).contains("## You are this week's bugmaster of #" + org)
                .contains("Left in the inbox: 3 unreviewed, 1 assigned to you.")
                .contains("/orgs/" + org + "/inbox");

        // at the handoff the new issues go to Bob
        runAt(monday.plusWeeks(1).plusMinutes(1).toInstant());
        long after = ingest(projectId, key, "Refund failed");
        engine.runOnce();
        assertThat(assignee(api, tenant.ownerToken(), after)).isEqualTo(String.valueOf(bob.id()));
        assertThat(assignee(api, tenant.ownerToken(), first)).as("Ann's stay hers").isEqualTo(String.valueOf(ann.id()));
    }

    @Test
    void theIncomingPersonIsToldOfTheOpenIncidentsOfTheServicesTheSchedulePages() {
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        User ann = member(tenant);
        User bob = member(tenant);
        ZonedDateTime monday = clock.instant().atZone(PARIS).plusDays(1).truncatedTo(ChronoUnit.DAYS)
                .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY)).withHour(9);
        long schedule = TestSchedules.weekly(schedules, tenant.owner(), org, "Payments " + org, null, monday, List.of(ann.id(), bob.id()));
        // the Payments service pages whoever is on call on the schedule
        var policy = policies.create(tenant.owner(), org, new EscalationPolicies.PolicyInput("Payments", null, 0, List.of(
                new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("schedule_reference", Long.toString(schedule))), false))));
        var service = services.create(tenant.owner(), org, java.util.Map.of("name", "Payments", "escalation_policy",
                java.util.Map.of("id", Long.toString(policy.id()))));
        var key = services.createIntegration(tenant.owner(), org, Long.toString(service.id()), "events_api_v2", null);
        runAt(monday.plusHours(1).toInstant());
        intake.apply(intake.integrationByKey(key.integrationKey()).orElseThrow(), new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER,
                "card-declines", "Card declines above 5%", "payments-api", "critical", null, null, null, null, null, null, null, null));

        String subject = "You are on call on Payments " + org;
        runAt(monday.plusWeeks(1).minusMinutes(59).toInstant());
        List<MimeMessage> toBob = awaitMails(bob.email(), subject, 1);
        assertThat(toBob).hasSize(1);
        assertThat(body(toBob.get(0))).contains("## Open incidents")
                .containsPattern("- #[0-9]+ Card declines above 5% \\((triggered|acknowledged)\\) http\\S+/orgs/" + org + "/incidents/[0-9]+");
    }

    @Test
    void theSchedulesTeamIsWarnedOnceOfTheGapsInTheNextTwoWeeks() {
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        organizations.createTeam(tenant.owner(), org, "Ops", "ops");
        User ann = member(tenant, "ops");
        User outsider = member(tenant);
        Instant now = Instant.parse("2027-06-01T10:00:00Z");
        clock.set(now);
        // a daily rotation of Ann that starts in three days: nobody is on call until then
        ZonedDateTime start = now.atZone(PARIS).plusDays(3).truncatedTo(ChronoUnit.HOURS);
        TestSchedules.rotation(schedules, tenant.owner(), org, "Ops " + org, "ops", start, Duration.ofDays(1), List.of(ann.id()));
        // a covered schedule of the same team warns nobody
        TestSchedules.weekly(schedules, tenant.owner(), org, "Covered " + org, "ops", now.atZone(PARIS).minusDays(1).truncatedTo(ChronoUnit.HOURS),
                List.of(ann.id()));

        runAt(now.plusSeconds(60));
        String subject = "Nobody is on call on Ops " + org;
        List<MimeMessage> toAnn = awaitMails(ann.email(), subject, 1);
        assertThat(toAnn).hasSize(1);
        assertThat(subjectOf(toAnn.get(0))).isEqualTo(subject + " from now");
        assertThat(body(toAnn.get(0))).contains("- from now until " + NoticeMessages.at(start.toInstant(), PARIS));
        assertThat(awaitMails(tenant.user().email(), subject, 1)).as("the team's creator is on it too").hasSize(1);
        assertThat(mailsTo(outsider.email(), subject)).as("not on the team").isEmpty();
        assertThat(mailsTo(ann.email(), "Nobody is on call on Covered")).isEmpty();

        // the same gap, seen again as it goes on: no second warning
        runAt(now.plus(Duration.ofHours(5)));
        runAt(now.plus(Duration.ofDays(1)));
        assertThat(mailsTo(ann.email(), subject)).hasSize(1);
    }

    private static String subjectOf(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends an error event (its own issue) to the store endpoint; returns the new issue's id. */
    long ingest(long projectId, ProjectKey key, String message) {
        String id = UUID.randomUUID().toString().replace("-", "");
        String event = """
                {"event_id":"%s","platform":"java","level":"error","fingerprint":["%s"],"message":"%s"}"""
                .formatted(id, id, message);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                    .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return db.sql("SELECT issue_id FROM events WHERE project_id = ? AND event_id = ?").params(projectId, id).query(Long.class).single();
    }

    private static String assignee(ApiClient api, String token, long issueId) {
        ApiClient.Response issue = api.get(token, "/api/0/issues/" + issueId + "/");
        return issue.json().path("assignedTo").path("id").asString(null);
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient db;
}
