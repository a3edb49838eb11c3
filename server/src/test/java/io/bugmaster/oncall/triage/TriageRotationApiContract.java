package io.bugmaster.oncall.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Role;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.oncall.schedules.ScheduleService;
import io.bugmaster.testing.TestSchedules;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The triage-rotation resource of a team: who may change it, what it refuses and why, and what it answers. */
abstract class TriageRotationApiContract extends IntegrationTest {
    @Autowired
    ScheduleService schedules;
    private ApiClient api() {
        return new ApiClient(baseUrl());
    }

    private String path(String org, String team) {
        return "/api/0/teams/" + org + "/" + team + "/triage-rotation/";
    }

    @Test
    void markReadAndUnmarkATeamsRotation() {
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        ApiClient api = api();
        assertThat(api.get(tenant.ownerToken(), path(org, org)).json().path("schedule").isNull()).as("no rotation yet").isTrue();

        ZonedDateTime start = clock.instant().atZone(ZoneId.of("UTC")).minusDays(1).truncatedTo(ChronoUnit.HOURS);
        long schedule = TestSchedules.weekly(schedules, tenant.owner(), org, "Triage", null, start, List.of(tenant.user().id()));
        ApiClient.Response put = api.put(tenant.ownerToken(), path(org, org), "{\"schedule\": {\"id\": " + schedule + "}}");
        assertThat(put.status()).as("a numeric id is accepted too: " + put).isEqualTo(200);
        ApiClient.Response got = api.get(tenant.ownerToken(), path(org, org));
        assertThat(got.json().path("team").path("slug").asString()).isEqualTo(org);
        assertThat(got.json().path("schedule").path("name").asString()).isEqualTo("Triage");
        assertThat(got.json().path("bugmaster").path("id").asString()).isEqualTo(String.valueOf(tenant.user().id()));
        // Sentry's team resource is unchanged
        ApiClient.Response team = api.get(tenant.ownerToken(), "/api/0/teams/" + org + "/" + org + "/");
        assertThat(team.json().has("schedule")).isFalse();

        assertThat(api.delete(tenant.ownerToken(), path(org, org)).status()).isEqualTo(204);
        assertThat(api.get(tenant.ownerToken(), path(org, org)).json().path("schedule").isNull()).isTrue();
        assertThat(api.delete(tenant.ownerToken(), path(org, org)).status()).as("deleting nothing is fine").isEqualTo(204);
    }

    @Test
    void badBodiesAndUnknownSchedulesAreRefusedWithTheReason() {
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        ApiClient api = api();
        for (String body : List.of("[]", "{}", "{\"schedule\": \"7\"}", "{\"schedule\": {\"id\": \"abc\"}}",
                "{\"schedule\": {\"id\": -3}}", "{\"schedule\": {\"id\": \"99999999999999999999\"}}")) {
            ApiClient.Response r = api.put(tenant.ownerToken(), path(org, org), body);
            assertThat(r.status()).as(body + " -> " + r).isEqualTo(400);
            assertThat(r.detail()).as(body).contains("schedule");
        }
        ApiClient.Response unknown = api.put(tenant.ownerToken(), path(org, org), "{\"schedule\": {\"id\": \"987654321\"}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.detail()).contains("no schedule with id 987654321 in this organization");
    }

    @Test
    void anotherOrganizationsScheduleOrTeamIsOutOfReachAndMembersCannotChangeIt() {
        Tenant ours = newTenant();
        Tenant theirs = newTenant();
        ApiClient api = api();
        ZonedDateTime start = clock.instant().atZone(ZoneId.of("UTC")).minusDays(1).truncatedTo(ChronoUnit.HOURS);
        long their = TestSchedules.weekly(schedules, theirs.owner(), theirs.org().slug(), "Theirs", null, start, List.of(theirs.user().id()));
        ApiClient.Response foreign = api.put(ours.ownerToken(), path(ours.org().slug(), ours.org().slug()),
                "{\"schedule\": {\"id\": \"" + their + "\"}}");
        assertThat(foreign.status()).as("another organization's schedule: " + foreign).isEqualTo(400);
        ApiClient.Response otherTeam = api.put(ours.ownerToken(), path(theirs.org().slug(), theirs.org().slug()),
                "{\"schedule\": {\"id\": \"" + their + "\"}}");
        assertThat(otherTeam.status()).as("another organization's team: " + otherTeam).isEqualTo(404);

        String member = memberToken(ours, Role.MEMBER);
        long mine = TestSchedules.weekly(schedules, ours.owner(), ours.org().slug(), "Ours", null, start, List.of(ours.user().id()));
        ApiClient.Response denied = api.put(member, path(ours.org().slug(), ours.org().slug()), "{\"schedule\": {\"id\": \"" + mine + "\"}}");
        assertThat(denied.status()).as("a member has no team:write: " + denied).isEqualTo(403);
        assertThat(api.delete(member, path(ours.org().slug(), ours.org().slug())).status()).isEqualTo(403);
        assertThat(api.get(member, path(ours.org().slug(), ours.org().slug())).status()).as("but may read it").isEqualTo(200);
    }
}
