package io.bugmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.oncall.schedules.ScheduleService;
import io.bugmaster.testing.Poll;
import io.bugmaster.testing.TestSchedules;
import io.sentry.Sentry;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The bugmaster rotation with the real Java SDK: a team marks a weekly schedule as its triage
 * rotation; a new error no ownership rule owns is assigned to whoever is on call on it, an owned one
 * to its owner; at the weekly handoff the next person gets the new ones; a project of a team
 * without a rotation, and a rotation with nobody on call, leave new issues unassigned.
 */
abstract class BugmasterRotationContract extends EndToEndTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    @Autowired
    ScheduleService schedules;

    @AfterEach
    void closeSentry() {
        Sentry.close();
    }

    @Test
    void newUnownedIssuesGoToThisWeeksBugmasterAndOwnedOnesToTheirOwner() {
        E2eProject project = newProject("java");
        String org = project.tenant().org().slug();
        String token = project.tenant().ownerToken();
        ApiClient api = new ApiClient(baseUrl());
        User ann = newUser("pw-" + UUID.randomUUID());
        User bob = newUser("pw-" + UUID.randomUUID());
        User owner = newUser("pw-" + UUID.randomUUID());
        join(project.tenant().owner(), org, ann, Role.MEMBER, org);
        join(project.tenant().owner(), org, bob, Role.MEMBER, org);
        join(project.tenant().owner(), org, owner, Role.MEMBER);
        // the checkout code has an owner, with automatic assignment; nothing else is owned
        ApiClient.Response ownership = api.put(token, "/api/0/projects/" + org + "/" + project.slug() + "/ownership/",
                ApiClient.json("raw", "path:*Checkout.java " + owner.email(), "autoAssignment", "Auto Assign to Issue Owner"));
        assertThat(ownership.status()).as(ownership.toString()).isEqualTo(200);

        // Ann's week started yesterday at 09:00 Paris time; Bob's starts seven days after
        ZonedDateTime handoff = clock.instant().atZone(PARIS).minusDays(1).truncatedTo(ChronoUnit.DAYS).withHour(9);
        long schedule = TestSchedules.weekly(schedules, project.tenant().owner(), org, "Bugmaster", null, handoff, List.of(ann.id(), bob.id()));
        // the project's team (named after the organization) marks it as its bugmaster rotation
        TestSchedules.markTriageRotation(api, token, org, org, schedule);
        ApiClient.Response rotation = api.get(token, "/api/0/teams/" + org + "/" + org + "/triage-rotation/");
        assertThat(rotation.json().path("schedule").path("id").asString()).isEqualTo(String.valueOf(schedule));
        assertThat(rotation.json().path("bugmaster").path("email").asString()).isEqualTo(ann.email());

        initSentry(project);
        long unowned = capture(project, () -> new IllegalArgumentException("coupon code is not valid: SUMMER"));
        long owned = capture(project, () -> (RuntimeException) catchThrowable(() -> new Checkout().pay(2)));
        engine.runOnce();
        assertThat(assignee(api, token, unowned)).isEqualTo("user:" + ann.id());
        assertThat(assignee(api, token, owned)).as("an owned issue keeps its owner").isEqualTo("user:" + owner.id());
        JsonNode activity = assignment(api, token, unowned);
        assertThat(activity.path("data").path("reason").asString()).isEqualTo("assigned to this week's bugmaster");
        assertThat(activity.path("data").path("assigneeEmail").asString()).isEqualTo(ann.email());
        assertThat(activity.path("data").path("schedule").asString()).isEqualTo("Bugmaster");

        // handled again (a second cycle): the same assignment, no second activity
        engine.runOnce();
        assertThat(activities(api, token, unowned).stream().filter(a -> a.path("type").asString().equals("assigned")).count()).isEqualTo(1);

        // the weekly handoff: new issues now go to Bob; Ann keeps hers
        clock.set(handoff.plusWeeks(1).plusMinutes(1).toInstant());
        long next = capture(project, () -> new UnsupportedOperationException("refunds are not supported for gift cards"));
        engine.runOnce();
        assertThat(assignee(api, token, next)).isEqualTo("user:" + bob.id());
        assertThat(assignee(api, token, unowned)).isEqualTo("user:" + ann.id());
    }

    @Test
    void aProjectOfATeamWithoutRotationAndARotationWithNobodyOnCallLeaveNewIssuesUnassigned() {
        E2eProject project = newProject("java");
        String org = project.tenant().org().slug();
        String token = project.tenant().ownerToken();
        ApiClient api = new ApiClient(baseUrl());
        User ann = newUser("pw-" + UUID.randomUUID());
        join(project.tenant().owner(), org, ann, Role.MEMBER, org);

        // another team, with a project of its own and no rotation, in the same organization
        organizations.createTeam(project.tenant().owner(), org, "Mobile", "mobile");
        String mobileSlug = unique("mobile");
        var mobile = projects.create(project.tenant().owner(), org, "mobile", "Mobile", mobileSlug, "java");
        E2eProject other = new E2eProject(project.tenant(), mobile.project().id(), mobileSlug,
                projects.listKeys(project.tenant().owner(), org, mobileSlug).get(0).publicKey(), port);

        // the first team's rotation starts next week: nobody is on call on it now
        ZonedDateTime later = clock.instant().atZone(PARIS).plusDays(8).truncatedTo(ChronoUnit.DAYS).withHour(9);
        long schedule = TestSchedules.weekly(schedules, project.tenant().owner(), org, "Bugmaster", null, later, List.of(ann.id()));
        TestSchedules.markTriageRotation(api, token, org, org, schedule);

        initSentry(other);
        long untouched = capture(other, () -> new IllegalArgumentException("no rotation on this team"));
        Sentry.close();
        initSentry(project);
        long nobody = capture(project, () -> new IllegalStateException("nobody is on call yet"));
        engine.runOnce();
        assertThat(assignee(api, token, untouched)).isNull();
        assertThat(assignee(api, token, nobody)).isNull();
        assertThat(activities(api, token, nobody)).noneMatch(a -> a.path("type").asString().equals("assigned"));
    }

    private void initSentry(E2eProject project) {
        Sentry.init(options -> {
            options.setDsn(project.dsn());
            options.setRelease("shop@3.0.0");
            options.setEnvironment("production");
            options.addInAppInclude("io.bugmaster.e2e");
            options.setEnableUncaughtExceptionHandler(false);
            options.setShutdownTimeoutMillis(5000);
        });
    }

    /** Sends the exception through the SDK and waits for its new issue; returns the issue's id. */
    private long capture(E2eProject project, Supplier<RuntimeException> error) {
        int before = stored(project).issues().size();
        Sentry.captureException(error.get());
        Sentry.flush(5000);
        List<StoredEvents.Issue> issues = Poll.until(Duration.ofSeconds(30), "the new issue", () -> stored(project).issues(),
                list -> list.size() > before);
        return issues.get(issues.size() - 1).id();
    }

    /** {@code user:7}, or null when the issue is unassigned. */
    private static String assignee(ApiClient api, String token, long issueId) {
        ApiClient.Response issue = api.get(token, "/api/0/issues/" + issueId + "/");
        assertThat(issue.status()).as(issue.toString()).isEqualTo(200);
        JsonNode to = issue.json().path("assignedTo");
        return to.isMissingNode() || to.isNull() ? null : to.path("type").asString() + ":" + to.path("id").asString();
    }

    private static List<JsonNode> activities(ApiClient api, String token, long issueId) {
        ApiClient.Response r = api.get(token, "/api/0/issues/" + issueId + "/activities/");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> out = new java.util.ArrayList<>();
        r.json().forEach(out::add);
        return out;
    }

    private static JsonNode assignment(ApiClient api, String token, long issueId) {
        return activities(api, token, issueId).stream().filter(a -> a.path("type").asString().equals("assigned")).findFirst()
                .orElseThrow(() -> new AssertionError("no assignment in the activity of issue " + issueId));
    }
}
