package io.bugmaster.incidents.metrics;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.User;
import io.bugmaster.engine.Engine;
import io.bugmaster.incidents.AlertIntake;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
import io.bugmaster.oncall.policies.PolicyRules;
import io.bugmaster.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Four incidents of one organization, paged, acknowledged and resolved through the real actions at
 * clock times (t is 20:00 UTC):
 * <ol>
 * <li>Orders (team Payments): paged 20:00, acknowledged at +2m, triggered again when the 10 minute
 * acknowledgement timed out (paged 20:12), acknowledged again at +15m, identified at +10m,
 * monitoring at +20m, resolved at +30m;</li>
 * <li>Orders: paged 22:00, the second level 22:05, resolved at +20m without an acknowledgement;</li>
 * <li>Search (no team), P2: paged 23:00, acknowledged at +4m, still open;</li>
 * <li>Search: paged 00:00, nobody acknowledged it, open; now is 00:01.</li>
 * </ol>
 */
final class MetricsScenario {
    final Actor owner;
    final String org;
    final User primary;
    final User secondary;
    final long teamId;
    final ServiceDefinition orders;
    final ServiceDefinition search;
    final Instant t;
    Incident first;
    Incident unacknowledged;
    Incident prioritized;
    Incident open;

    private final Services services;
    private final AlertIntake intake;
    private final Incidents incidents;
    private final JdbcClient db;
    private final MutableClock clock;
    private final Engine engine;

    MetricsScenario(Actor owner, String org, User primary, User secondary, OrganizationService organizations, Services services,
            EscalationPolicies policies, AlertIntake intake, Incidents incidents, JdbcClient db, MutableClock clock, Engine engine) {
        this.owner = owner;
        this.org = org;
        this.primary = primary;
        this.secondary = secondary;
        this.services = services;
        this.intake = intake;
        this.incidents = incidents;
        this.db = db;
        this.clock = clock;
        this.engine = engine;
        // the next 20:00 UTC at least a day ahead: the clock only moves forward
        Instant day = clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS);
        this.t = day.plus(Duration.ofHours(20));
        this.teamId = organizations.createTeam(owner, org, "Payments <squad>", "payments-" + Long.toHexString(System.nanoTime())).id();
        EscalationPolicy policy = policies.create(owner, org, new EscalationPolicies.PolicyInput("Primary then secondary", null, 0, List.of(
                new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(primary.id()))), false),
                new PolicyRules.RuleInput(10, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(secondary.id()))), false))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Orders");
        body.put("team", Map.of("id", Long.toString(teamId)));
        body.put("escalation_policy", Map.of("id", Long.toString(policy.id())));
        body.put("acknowledgement_timeout", 600);
        this.orders = services.create(owner, org, body);
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("name", "Search <b>");
        other.put("escalation_policy", Map.of("id", Long.toString(policy.id())));
        other.put("acknowledgement_timeout", null);
        this.search = services.create(owner, org, other);
    }

    MetricsScenario play() {
        engine.runOnce(); // whatever other tests left is handled at the old time
        Actor byPrimary = Actor.session(primary.id(), primary.email());
        clock.set(t);
        first = fire(orders, "orders-1", "Brands see no orders");
        at(Duration.ofMinutes(2));
        incidents.acknowledge(byPrimary, org, number(first), "web");
        at(Duration.ofMinutes(10));
        stage(first, "identified"); // the stage API is the declare helper's; its rows are what the metrics read
        at(Duration.ofMinutes(12));
        engine.runOnce(); // the acknowledgement timed out: triggered again, level 1 paged again
        at(Duration.ofMinutes(15));
        incidents.acknowledge(byPrimary, org, number(first), "web");
        at(Duration.ofMinutes(20));
        stage(first, "monitoring");
        at(Duration.ofMinutes(30));
        incidents.resolve(byPrimary, org, number(first), "web");

        at(Duration.ofHours(2));
        unacknowledged = fire(orders, "orders-2", "Checkout <script>alert(1)</script> slow");
        at(Duration.ofHours(2).plusMinutes(5));
        engine.runOnce(); // nobody acknowledged: level 2 paged
        at(Duration.ofHours(2).plusMinutes(20));
        incidents.resolve(owner, org, number(unacknowledged), "web");

        at(Duration.ofHours(3));
        prioritized = fire(search, "search-1", "Search results empty");
        // the priority is set through the declare helper's API; here its column is written directly
        db.sql("UPDATE incidents SET priority = 2 WHERE id = ?").param(prioritized.id()).update();
        at(Duration.ofHours(3).plusMinutes(4));
        incidents.acknowledge(byPrimary, org, number(prioritized), "web");

        at(Duration.ofHours(4));
        open = fire(search, "search-2", "Search slow");
        at(Duration.ofHours(4).plusMinutes(1));
        return this;
    }

    Instant now() {
        return t.plus(Duration.ofHours(4).plusMinutes(1));
    }

    private Incident fire(ServiceDefinition s, String key, String summary) {
        String integrationKey = services.createIntegration(owner, org, Long.toString(s.id()), "events_api_v2", null).integrationKey();
        intake.apply(intake.integrationByKey(integrationKey).orElseThrow(), new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER, key, summary,
                "test", "critical", null, null, null, null, Map.of(), List.of(), null, null));
        engine.runOnce(); // level 1 is paged at once
        return incidents.list(owner, org, List.of(), null, 0, 1).items().get(0).incident();
    }

    private void at(Duration sinceT) {
        clock.set(t.plus(sinceT));
    }

    private void stage(Incident i, String stage) {
        db.sql("INSERT INTO incident_stage_changes (incident_id, at, stage) VALUES (?, ?, ?)").params(i.id(), clock.instant().toEpochMilli(), stage)
                .update();
        db.sql("UPDATE incidents SET stage = ? WHERE id = ?").params(stage, i.id()).update();
    }

    static String number(Incident i) {
        return Long.toString(i.number());
    }
}
