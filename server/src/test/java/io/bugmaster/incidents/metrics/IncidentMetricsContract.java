package io.bugmaster.incidents.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.User;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.incidents.AlertIntake;
import io.bugmaster.incidents.IncidentStage;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.Services;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The metrics of incidents paged, acknowledged and resolved through the real actions at clock
 * times (see {@link MetricsScenario}), read from the database and over the API, on every backend:
 * the first acknowledgement counts, never acknowledged incidents are apart, the groups, stages and
 * pages; and every bad parameter is a 400 that names it.
 */
abstract class IncidentMetricsContract extends IntegrationTest {
    @Autowired Services services;
    @Autowired EscalationPolicies policies;
    @Autowired AlertIntake intake;
    @Autowired Incidents incidents;
    @Autowired JdbcClient db;
    @Autowired IncidentMetricsService metrics;

    Tenant tenant;
    MetricsScenario s;
    ApiClient api;

    @BeforeEach
    void setUp() {
        tenant = newTenant();
        User primary = newUser("password-" + unique("p"));
        User secondary = newUser("password-" + unique("s"));
        join(tenant.owner(), tenant.org().slug(), primary, Role.MEMBER);
        join(tenant.owner(), tenant.org().slug(), secondary, Role.MEMBER);
        s = new MetricsScenario(tenant.owner(), tenant.org().slug(), primary, secondary, organizations, services, policies, intake, incidents,
                db, clock, engine).play();
        api = new ApiClient(baseUrl());
    }

    IncidentMetricsService.Report report(String days, String tz, String serviceId, String teamId, String priority) {
        return metrics.report(tenant.owner(), s.org, new MetricsParameters(days, null, null, tz, serviceId, teamId, priority));
    }

    @Test
    void timeToAcknowledgeRunsToTheFirstAcknowledgementAndNeverAcknowledgedOnesAreApart() {
        IncidentMetrics.Summary total = report("30", null, null, null, null).metrics().total();
        assertThat(total.incidents()).isEqualTo(4);
        assertThat(total.acknowledged()).isEqualTo(2);
        assertThat(total.resolvedUnacknowledged()).isEqualTo(1);
        assertThat(total.openUnacknowledged()).isEqualTo(1);
        assertThat(total.open()).isEqualTo(2);
        // #1 was acknowledged at 2 minutes, then again at 15 after it triggered again: 2 minutes counts
        assertThat(total.toAcknowledge()).isEqualTo(new IncidentMetrics.Stat(2, Duration.ofMinutes(3), Duration.ofMinutes(3), Duration.ofMinutes(4)));
        assertThat(total.toResolve()).isEqualTo(new IncidentMetrics.Stat(2, Duration.ofMinutes(25), Duration.ofMinutes(25), Duration.ofMinutes(30)));

        ResponseTimes first = metrics.responseTimes(incidents.byId(s.first.id()).orElseThrow());
        assertThat(first.toAcknowledge()).isEqualTo(Duration.ofMinutes(2));
        assertThat(first.toResolve()).isEqualTo(Duration.ofMinutes(30));
        assertThat(first.stages()).extracting(IncidentMetrics.StageTime::stage, IncidentMetrics.StageTime::total).containsExactly(
                org.assertj.core.groups.Tuple.tuple(IncidentStage.INVESTIGATING, Duration.ofMinutes(10)),
                org.assertj.core.groups.Tuple.tuple(IncidentStage.IDENTIFIED, Duration.ofMinutes(10)),
                org.assertj.core.groups.Tuple.tuple(IncidentStage.MONITORING, Duration.ofMinutes(10)));
        ResponseTimes open = metrics.responseTimes(incidents.byId(s.open.id()).orElseThrow());
        assertThat(open.toAcknowledgeText()).isEqualTo("not acknowledged yet (1m so far)");
        assertThat(open.toResolveText()).isEqualTo("open for 1m so far");
        assertThat(metrics.responseTimes(incidents.byId(s.unacknowledged.id()).orElseThrow()).toAcknowledgeText())
                .startsWith("never acknowledged");
    }

    @Test
    void perServiceTeamPriorityStageAndPerson() {
        IncidentMetrics m = report(null, null, null, null, null).metrics();
        assertThat(m.byService()).extracting(IncidentMetrics.Group::key).containsExactly(Long.toString(s.orders.id()), Long.toString(s.search.id()));
        IncidentMetrics.Summary orders = m.byService().get(0).summary();
        assertThat(orders.incidents()).isEqualTo(2);
        assertThat(orders.toAcknowledge().median()).isEqualTo(Duration.ofMinutes(2));
        assertThat(orders.resolvedUnacknowledged()).isEqualTo(1);
        assertThat(m.byTeam()).extracting(IncidentMetrics.Group::key).containsExactly(Long.toString(s.teamId), IncidentMetrics.NONE);
        assertThat(m.byPriority()).extracting(g -> g.key(), g -> g.summary().incidents())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2", 1), org.assertj.core.groups.Tuple.tuple(IncidentMetrics.NONE, 3));
        assertThat(m.weeks().stream().mapToInt(w -> w.summary().incidents()).sum()).isEqualTo(4);

        // investigating: 10m (#1), 20m (#2), 61m (#3, open), 1m (#4, open)
        IncidentMetrics.StageTime investigating = m.stages().get(0);
        assertThat(investigating.stage()).isEqualTo(IncidentStage.INVESTIGATING);
        assertThat(investigating.incidents()).isEqualTo(4);
        assertThat(investigating.total()).isEqualTo(Duration.ofMinutes(92));
        assertThat(m.stages().get(1).total()).isEqualTo(Duration.ofMinutes(10));

        // pages: the primary at 20:00, 20:12, 22:00, 23:00 and 00:00 UTC; the secondary at 22:05
        assertThat(m.load()).containsExactly(new IncidentMetrics.Load(s.primary.id(), 5, 3), new IncidentMetrics.Load(s.secondary.id(), 1, 1));
        // in Tokyo (UTC+9) 20:00 and 20:12 are the night ones
        assertThat(report(null, "Asia/Tokyo", null, null, null).metrics().load())
                .containsExactly(new IncidentMetrics.Load(s.primary.id(), 5, 2), new IncidentMetrics.Load(s.secondary.id(), 1, 0));

        assertThat(report(null, null, Long.toString(s.search.id()), null, null).metrics().total().incidents()).isEqualTo(2);
        assertThat(report(null, null, null, Long.toString(s.teamId), null).metrics().total().incidents()).isEqualTo(2);
        assertThat(report(null, null, null, null, "P2").metrics().incidents()).extracting(c -> c.incident().id()).containsExactly(s.prioritized.id());
        assertThat(report(null, null, null, null, "none").metrics().total().incidents()).isEqualTo(3);
    }

    @Test
    void incidentsOutsideTheWindowAreNotCounted() {
        clock.set(s.t.plus(Duration.ofDays(30)).plus(Duration.ofMinutes(150)));
        // #1 and #2 (created at 20:00 and 22:00) are more than 30 days old now; #3 (23:00) and #4 are not
        assertThat(report("30", null, null, null, null).metrics().total().incidents()).isEqualTo(2);
        assertThat(report("90", null, null, null, null).metrics().total().incidents()).isEqualTo(4);
    }

    @Test
    void theApiGivesSecondsAndWords() {
        ApiClient.Response r = api.get(tenant.ownerToken(), "/api/0/organizations/" + s.org + "/incident-metrics/?days=30&tz=Asia/Tokyo");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode json = r.json();
        assertThat(json.get("window").get("days").asInt()).isEqualTo(30);
        assertThat(json.get("window").get("tz").asText()).isEqualTo("Asia/Tokyo");
        assertThat(api.get(tenant.ownerToken(), "/api/0/organizations/" + s.org + "/incident-metrics/").json().get("window").get("tz").asText())
                .isEqualTo("UTC");
        JsonNode summary = json.get("summary");
        assertThat(summary.get("incidents").asInt()).isEqualTo(4);
        assertThat(summary.get("never_acknowledged").asInt()).isEqualTo(2);
        assertThat(summary.get("mtta").get("median_seconds").asLong()).isEqualTo(180);
        assertThat(summary.get("mtta").get("p90").asText()).isEqualTo("4m");
        assertThat(summary.get("mttr").get("mean_seconds").asLong()).isEqualTo(1500);
        assertThat(summary.get("mttr").get("median").asText()).isEqualTo("25m");
        assertThat(json.get("by_service").get(0).get("name").asText()).isEqualTo("Orders");
        assertThat(json.get("by_team").get(0).get("name").asText()).isEqualTo("Payments <squad>");
        assertThat(json.get("by_team").get(1).get("id").isNull()).isTrue();
        assertThat(json.get("by_priority").get(0).get("label").asText()).isEqualTo("P2");
        assertThat(json.get("by_priority").get(1).get("level").isNull()).isTrue();
        assertThat(json.get("stages").get(0).get("total_seconds").asLong()).isEqualTo(92 * 60);
        assertThat(json.get("on_call_load").get(0).get("user").get("email").asText()).isEqualTo(s.primary.email());
        assertThat(json.get("on_call_load").get(0).get("night_pages").asInt()).isEqualTo(2);
        JsonNode week = json.get("weeks").get(0);
        assertThat(week.get("week").asText()).matches("\\d{4}-W\\d{2}");
        assertThat(api.get(tenant.ownerToken(), "/api/0/organizations/" + s.org + "/incident-metrics/?priority=none").json()
                .get("summary").get("incidents").asInt()).isEqualTo(3);
    }

    @Test
    void aBadParameterIsA400ThatNamesIt() {
        String base = "/api/0/organizations/" + s.org + "/incident-metrics/?";
        for (String[] bad : new String[][] {{"days=7d", "days"}, {"days=0", "days"}, {"days=1000", "days"}, {"tz=Nowhere/Land", "tz"},
                {"service_id=abc", "service_id"}, {"service_id=999999999", "service_id"}, {"team_id=0", "team_id"},
                {"team_id=999999999", "team_id"}, {"priority=urgent", "priority"}, {"priority=9", "priority"},
                {"from=last-week", "from"}, {"to=2026-01-01", "from"}, {"from=2026-02-01&to=2026-01-01", "to"},
                {"days=30&from=2026-01-01", "days"}}) {
            ApiClient.Response r = api.get(tenant.ownerToken(), base + bad[0]);
            assertThat(r.status()).as(bad[0] + ": " + r).isEqualTo(400);
            assertThat(r.detail()).as(bad[0]).startsWith(bad[1] + ":");
        }
        // another organization's service and team are unknown here
        Tenant other = newTenant();
        long theirTeam = organizations.createTeam(other.owner(), other.org().slug(), "Theirs", unique("theirs")).id();
        assertThat(api.get(tenant.ownerToken(), base + "team_id=" + theirTeam).detail()).contains("no team with id " + theirTeam);
        assertThat(api.get(tenant.ownerToken(), base + "service_id=" + s.orders.id()).status()).isEqualTo(200);
        assertThat(api.get(other.ownerToken(), base + "service_id=" + s.orders.id()).status()).as("not their organization").isEqualTo(404);
        assertThat(api.get(other.ownerToken(), "/api/0/organizations/" + other.org().slug() + "/incident-metrics/?service_id=" + s.orders.id())
                .detail()).contains("no service with id " + s.orders.id());
        // reading needs event:read
        String noRead = token(tenant.owner(), List.of(Scopes.PROJECT_READ));
        assertThat(api.get(noRead, base + "days=30").status()).isEqualTo(403);
        assertThatThrownBy(() -> metrics.report(Actor.session(other.user().id(), other.user().email()), s.org,
                new MetricsParameters(null, null, null, null, null, null, null))).isInstanceOf(NotFoundException.class);
    }
}
