package io.bugmaster.incidents;

import static io.bugmaster.incidents.AlertIntake.Action.ACKNOWLEDGE;
import static io.bugmaster.incidents.AlertIntake.Action.RESOLVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.incidents.AlertIntake.Result;
import io.bugmaster.oncall.Urgency;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PagerDuty's dedup semantics, case by case (PROTOCOLS section 6), grouping and urgency, on every database. */
abstract class AlertIntakeContract extends OnCallFixture {
    ServiceDefinition service;
    AlertIntake.Integration integration;

    @BeforeEach
    void setUp() {
        setUpOrg();
        service = service(null, Map.of("urgency", "severity_based"));
        integration = integration(service);
    }

    @Test
    void aTriggerOpensAnAlertAndAnIncidentAndARepeatUpdatesIt() {
        AlertIntake.Outcome first = intake.apply(integration, trigger("disk-full", "Disk full on db-1", "critical"));
        assertThat(first).isEqualTo(new AlertIntake.Outcome("disk-full", Result.OPENED));
        Incident incident = incidentOf(tenant.org().id(), "disk-full");
        assertThat(incident.title()).isEqualTo("Disk full on db-1");
        assertThat(incident.status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(incident.urgency()).isEqualTo(Urgency.HIGH);
        assertThat(incident.number()).isEqualTo(1);

        AlertIntake.Outcome again = intake.apply(integration, trigger("disk-full", "Disk full on db-1 (99%)", "critical"));
        assertThat(again.result()).isEqualTo(Result.UPDATED);
        assertThat(db.sql("SELECT COUNT(*) FROM incidents WHERE org_id = ?").param(tenant.org().id()).query(Long.class).single()).isEqualTo(1);
        assertThat(incidents.get(owner, org, "1").alerts()).singleElement().satisfies(a -> assertThat(a.summary()).isEqualTo("Disk full on db-1 (99%)"));
    }

    @Test
    void acknowledgeAndResolveTouchOnlyTheOpenAlertAndATriggerAfterResolveOpensANewOne() {
        intake.apply(integration, trigger("k1", "CPU high", "error"));
        Incident first = incidentOf(tenant.org().id(), "k1");

        assertThat(intake.apply(integration, event(ACKNOWLEDGE, "k1")).result()).isEqualTo(Result.ACKNOWLEDGED);
        assertThat(reload(first).status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        // a repeated trigger of an acknowledged alert stays acknowledged: no new page
        assertThat(intake.apply(integration, trigger("k1", "CPU high", "error")).result()).isEqualTo(Result.UPDATED);
        assertThat(reload(first).status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);

        assertThat(intake.apply(integration, event(RESOLVE, "k1")).result()).isEqualTo(Result.RESOLVED);
        assertThat(reload(first).status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(intake.apply(integration, event(RESOLVE, "k1")).result()).as("resolve of a resolved alert").isEqualTo(Result.DROPPED);
        assertThat(intake.apply(integration, event(ACKNOWLEDGE, "k1")).result()).isEqualTo(Result.DROPPED);

        assertThat(intake.apply(integration, trigger("k1", "CPU high again", "error")).result()).isEqualTo(Result.OPENED);
        Incident second = incidentOf(tenant.org().id(), "k1");
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.number()).isEqualTo(first.number() + 1);
        assertThat(signalKinds(first)).containsExactly("incident.triggered", "incident.acknowledged", "incident.resolved");
    }

    @Test
    void unknownKeysAreDroppedAndChangeNothing() {
        assertThat(intake.apply(integration, event(ACKNOWLEDGE, "never-seen")).result()).isEqualTo(Result.DROPPED);
        assertThat(intake.apply(integration, event(RESOLVE, "never-seen")).result()).isEqualTo(Result.DROPPED);
        assertThat(db.sql("SELECT COUNT(*) FROM incidents WHERE org_id = ?").param(tenant.org().id()).query(Long.class).single()).isZero();
    }

    @Test
    void keysAreDedupedPerIntegration() {
        AlertIntake.Integration other = integration(service);
        intake.apply(integration, trigger("same", "one", "critical"));
        assertThat(intake.apply(other, trigger("same", "two", "critical")).result()).isEqualTo(Result.OPENED);
        assertThat(intake.apply(other, event(RESOLVE, "same")).result()).isEqualTo(Result.RESOLVED);
        assertThat(incidentOf(tenant.org().id(), "same").status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(db.sql("SELECT status FROM alerts WHERE scope = ? AND dedup_key = 'same'").param("integration:" + integration.id())
                .query(String.class).single()).isEqualTo("open");
    }

    @Test
    void aTriggerWithoutKeyGetsANewKey() {
        AlertIntake.Outcome o = intake.apply(integration, trigger(null, "no key", "info"));
        assertThat(o.result()).isEqualTo(Result.OPENED);
        assertThat(o.dedupKey()).hasSize(32);
        assertThat(incidentOf(tenant.org().id(), o.dedupKey()).urgency()).isEqualTo(Urgency.LOW);
    }

    @Test
    void resolvingEveryAlertOfAGroupedIncidentResolvesIt() {
        ServiceDefinition grouped = service(null, Map.of("alert_grouping", Map.of("type", "time_window", "minutes", 10)));
        AlertIntake.Integration i = integration(grouped);
        intake.apply(i, trigger("a", "first", "critical"));
        clock.advance(Duration.ofMinutes(5));
        intake.apply(i, trigger("b", "second", "critical"));
        Incident incident = incidentOf(tenant.org().id(), "a");
        assertThat(incidentOf(tenant.org().id(), "b").id()).isEqualTo(incident.id());
        intake.apply(i, event(RESOLVE, "a"));
        assertThat(reload(incident).status()).isEqualTo(IncidentStatus.TRIGGERED);
        intake.apply(i, event(RESOLVE, "b"));
        assertThat(reload(incident).status()).isEqualTo(IncidentStatus.RESOLVED);

        // outside the window, a new incident
        intake.apply(i, trigger("c", "third", "critical"));
        clock.advance(Duration.ofMinutes(11));
        intake.apply(i, trigger("d", "fourth", "critical"));
        assertThat(incidentOf(tenant.org().id(), "d").id()).isNotEqualTo(incidentOf(tenant.org().id(), "c").id());
    }

    @Test
    void groupingByFieldsJoinsAlertsAlikeInThoseFields() {
        ServiceDefinition grouped = service(null, Map.of("alert_grouping", Map.of("type", "by_fields", "fields", List.of("component"))));
        AlertIntake.Integration i = integration(grouped);
        intake.apply(i, withComponent("x1", "db"));
        intake.apply(i, withComponent("x2", "db"));
        intake.apply(i, withComponent("x3", "web"));
        assertThat(incidentOf(tenant.org().id(), "x2").id()).isEqualTo(incidentOf(tenant.org().id(), "x1").id());
        assertThat(incidentOf(tenant.org().id(), "x3").id()).isNotEqualTo(incidentOf(tenant.org().id(), "x1").id());
    }

    private static AlertIntake.InboundAlert withComponent(String key, String component) {
        return new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER, key, "alert " + key, "test", "critical", null, component, null, null,
                Map.of(), List.of(), null, null);
    }

    @Test
    void changeEventsAreStoredAndOpenNothing() {
        intake.recordChange(integration, new AlertIntake.InboundChange("Deploy shop 1.4.2", "ci", now(), Map.of("sha", "abc"), List.of()));
        assertThat(db.sql("SELECT summary FROM change_events WHERE service_id = ?").param(service.id()).query(String.class).list())
                .containsExactly("Deploy shop 1.4.2");
        assertThat(db.sql("SELECT COUNT(*) FROM incidents WHERE org_id = ?").param(tenant.org().id()).query(Long.class).single()).isZero();
    }

    @Test
    void integrationKeysAreFoundByHashAndRotationRetiresTheOldKey() {
        Services.IssuedKey k = services.createIntegration(owner, org, Long.toString(service.id()), "events_api_v2", null);
        assertThat(k.integrationKey()).matches("[0-9a-f]{32}");
        assertThat(k.url()).isEqualTo("http://localhost:8080/v2/enqueue");
        assertThat(db.sql("SELECT COUNT(*) FROM integrations WHERE key_hash = ? OR key_hint = ?").params(k.integrationKey(), k.integrationKey())
                .query(Long.class).single()).as("the key is not stored").isZero();
        Services.IssuedKey rotated = services.rotateIntegration(owner, org, Long.toString(service.id()), Long.toString(k.integration().id()));
        assertThat(intake.integrationByKey(k.integrationKey())).isEmpty();
        assertThat(intake.integrationByKey(rotated.integrationKey())).map(AlertIntake.Integration::id).contains(k.integration().id());
        assertThat(services.createIntegration(owner, org, Long.toString(service.id()), "alertmanager", null).url())
                .startsWith("http://localhost:8080/inbound/alertmanager/");
    }

    @Test
    void incidentCommandsActByNumberForMembersOnly() {
        intake.apply(integration, trigger("cmd", "by sms", "critical"));
        Incident i = incidentOf(tenant.org().id(), "cmd");
        assertThat(intake.acknowledge(tenant.org().id(), i.number(), newUser("x-" + unique("p")).id(), "sms"))
                .isEqualTo(IncidentCommands.Result.FORBIDDEN);
        assertThat(intake.acknowledge(tenant.org().id(), 9999, primary.id(), "sms")).isEqualTo(IncidentCommands.Result.NOT_FOUND);
        assertThat(intake.acknowledge(tenant.org().id(), i.number(), primary.id(), "sms")).isEqualTo(IncidentCommands.Result.DONE);
        assertThat(intake.acknowledge(tenant.org().id(), i.number(), primary.id(), "sms")).isEqualTo(IncidentCommands.Result.ALREADY);
        assertThat(intake.resolve(tenant.org().id(), i.number(), primary.id(), "sms")).isEqualTo(IncidentCommands.Result.DONE);
        assertThat(intake.resolve(tenant.org().id(), i.number(), primary.id(), "sms")).isEqualTo(IncidentCommands.Result.ALREADY);
    }
}
