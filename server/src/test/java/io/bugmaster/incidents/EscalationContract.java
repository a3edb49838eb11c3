package io.bugmaster.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Team;
import io.bugmaster.accounts.User;
import io.bugmaster.oncall.policies.EscalationPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Escalation scenarios in GoAlert's style: seed, move the clock, run the engine once, expect pages
 * (the incident's log records each page with the person). The clock is moved, never slept on.
 */
abstract class EscalationContract extends OnCallFixture {
    @Autowired IncidentStore incidentStore;
    @Autowired ServiceStore serviceStore;
    @Autowired IncidentActions actions;
    @Autowired io.bugmaster.storage.Transactions tx;
    @Autowired org.springframework.beans.factory.ObjectProvider<io.bugmaster.engine.Engine> engines;

    EscalationPolicy twoLevels;

    @BeforeEach
    void setUp() {
        setUpOrg();
        twoLevels = policy(0, level(5, primary), level(10, secondary));
    }

    Incident fire(ServiceDefinition s, String key) {
        intake.apply(integration(s), trigger(key, "Orders stuck", "critical"));
        engine.runOnce();
        return incidentOf(tenant.org().id(), key);
    }

    void after(Duration d) {
        clock.advance(d);
        engine.runOnce();
    }

    @Test
    void nobodyAcknowledgesSoLevelTwoIsPagedAfterLevelOnesDelay() {
        Incident i = fire(service(twoLevels.id(), Map.of()), "e1");
        assertThat(paged(i)).containsExactly(primary.id());
        assertThat(reload(i).level()).isEqualTo(1);

        after(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(paged(i)).containsExactly(primary.id());

        after(Duration.ofSeconds(1));
        assertThat(paged(i)).containsExactly(primary.id(), secondary.id());
        Incident now = reload(i);
        assertThat(now.level()).isEqualTo(2);
        assertThat(incidents.get(owner, org, Long.toString(i.number())).assignees()).extracting(p -> p.id()).containsExactly(secondary.id());
        assertThat(signalKinds(i)).containsExactly("incident.triggered", "incident.escalated");
        assertThat(logKinds(i)).containsExactly("triggered", "notified", "escalated", "notified");
    }

    @Test
    void deletingAServiceStopsThePagesOfItsOpenIncidents() {
        ServiceDefinition s = service(twoLevels.id(), Map.of());
        Incident i = fire(s, "e10");
        assertThat(paged(i)).containsExactly(primary.id());
        assertThat(openPages(i)).isEqualTo(1);

        services.delete(owner, org, Long.toString(s.id()));
        // the page is stopped: a rule "after 5 minutes by SMS" of the person would not wake them for an incident that is gone
        assertThat(openPages(i)).isZero();
    }

    private long openPages(Incident i) {
        return db.sql("SELECT COUNT(*) FROM pages WHERE org_id = ? AND subject = ? AND stopped_at IS NULL")
                .params(i.orgId(), i.subject()).query(Long.class).single();
    }

    @Test
    void anAcknowledgementStopsTheEscalation() {
        Incident i = fire(service(twoLevels.id(), Map.of()), "e2");
        clock.advance(Duration.ofMinutes(2));
        incidents.acknowledge(owner, org, Long.toString(i.number()), "web");
        // less than the default acknowledgement timeout (30 minutes)
        after(Duration.ofMinutes(27));
        assertThat(paged(i)).containsExactly(primary.id());
        assertThat(reload(i).status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(signalKinds(i)).containsExactly("incident.triggered", "incident.acknowledged");
    }

    @Test
    void thePolicyRepeatsThenSaysNobodyAnsweredAndTellsTheTeam() {
        Team team = organizations.createTeam(owner, org, "Payments", unique("payments"));
        User teammate = newUser("password-" + unique("t"));
        join(owner, org, teammate, Role.MEMBER, team.slug());
        EscalationPolicy looping = policy(1, level(5, primary), level(5, secondary));
        Incident i = fire(service(looping.id(), Map.of("team", Map.of("id", Long.toString(team.id())))), "e3");
        for (int k = 0; k < 5; k++) {
            after(Duration.ofMinutes(5));
        }
        assertThat(paged(i)).containsExactly(primary.id(), secondary.id(), primary.id(), secondary.id());
        assertThat(logKinds(i)).endsWith("exhausted");
        assertThat(reload(i).nextEscalationAt()).isNull();
        assertThat(db.sql("SELECT email FROM notification_queue WHERE idempotency_key LIKE ?").param("incident:" + i.id() + ":exhausted:%")
                .query(String.class).list()).contains(teammate.email()).doesNotContain(primary.email(), secondary.email());
        after(Duration.ofHours(1));
        assertThat(paged(i)).hasSize(4);
    }

    @Test
    void anAcknowledgementThatTimesOutTriggersAgainFromLevelOne() {
        Incident i = fire(service(twoLevels.id(), Map.of("acknowledgement_timeout", 600)), "e4");
        incidents.acknowledge(owner, org, Long.toString(i.number()), "web");
        after(Duration.ofMinutes(9));
        assertThat(reload(i).status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        after(Duration.ofMinutes(1));
        assertThat(reload(i).status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(paged(i)).containsExactly(primary.id(), primary.id());
        assertThat(logKinds(i)).contains("retriggered");
        after(Duration.ofMinutes(5));
        assertThat(paged(i)).containsExactly(primary.id(), primary.id(), secondary.id());
    }

    @Test
    void anIncidentResolvesItselfAfterTheAutoResolveTimeout() {
        Map<String, Object> settings = new java.util.HashMap<>();
        settings.put("auto_resolve_timeout", 3600);
        settings.put("acknowledgement_timeout", null); // an acknowledgement never times out here
        Incident i = fire(service(twoLevels.id(), settings), "e5");
        incidents.acknowledge(owner, org, Long.toString(i.number()), "web");
        after(Duration.ofMinutes(59));
        assertThat(reload(i).status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        after(Duration.ofMinutes(1));
        assertThat(reload(i).status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(incidents.get(owner, org, Long.toString(i.number())).alerts()).allSatisfy(a -> assertThat(a.status()).isEqualTo("resolved"));
        assertThat(signalKinds(i)).endsWith("incident.resolved");
    }

    @Test
    void lowUrgencyPagesLevelOneAndNeverEscalates() {
        Incident i = fire(service(twoLevels.id(), Map.of("urgency", "low")), "e6");
        after(Duration.ofHours(3));
        assertThat(paged(i)).containsExactly(primary.id());
        assertThat(reload(i).level()).isEqualTo(1);
    }

    @Test
    void escalatingByHandPagesTheNextLevelNow() {
        Incident i = fire(service(twoLevels.id(), Map.of()), "e7");
        incidents.escalate(owner, org, Long.toString(i.number()), null, "web");
        assertThat(paged(i)).containsExactly(primary.id(), secondary.id());
        User third = member();
        incidents.reassign(owner, org, Long.toString(i.number()), List.of(Long.toString(third.id())), "web");
        assertThat(paged(i)).containsExactly(primary.id(), secondary.id(), third.id());
    }

    @Test
    void twoEnginesThatSeeTheSameDeadlinePageOnce() throws Exception {
        ServiceDefinition s = service(twoLevels.id(), Map.of());
        intake.apply(integration(s), trigger("e8", "Orders stuck", "critical"));
        Incident i = incidentOf(tenant.org().id(), "e8");
        IncidentEscalationModule one = new IncidentEscalationModule(incidentStore, serviceStore, policies, actions, tx, engines);
        IncidentEscalationModule two = new IncidentEscalationModule(incidentStore, serviceStore, policies, actions, tx, engines);
        race(one, two, clock.instant());
        assertThat(paged(i)).containsExactly(primary.id());
        Instant later = clock.instant().plus(Duration.ofMinutes(5));
        race(one, two, later);
        assertThat(paged(i)).containsExactly(primary.id(), secondary.id());
    }

    /** Both modules run the step for one incident at the same moment, as two nodes would. */
    private void race(IncidentEscalationModule one, IncidentEscalationModule two, Instant at) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> {
            await(start);
            one.run(at);
        });
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> {
            await(start);
            two.run(at);
        });
        CompletableFuture.allOf(a, b).get();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
