package io.bugmaster.incidents;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
import io.bugmaster.oncall.policies.PolicyRules;
import io.bugmaster.testing.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the on-call tests share: an organization with people, a policy, a service, an integration, and ways to look at what happened. */
abstract class OnCallFixture extends IntegrationTest {
    @Autowired Services services;
    @Autowired EscalationPolicies policies;
    @Autowired IncidentIntake intake;
    @Autowired Incidents incidents;
    @Autowired JdbcClient db;

    Tenant tenant;
    Actor owner;
    String org;
    User primary;
    User secondary;

    void setUpOrg() {
        engine.runOnce(); // whatever other tests left is handled first
        tenant = newTenant();
        owner = tenant.owner();
        org = tenant.org().slug();
        primary = member();
        secondary = member();
    }

    User member() {
        User u = newUser("password-" + unique("p"));
        join(owner, org, u, Role.MEMBER);
        return u;
    }

    EscalationPolicy policy(int numLoops, Object[]... levels) {
        List<PolicyRules.RuleInput> rules = new ArrayList<>();
        for (Object[] level : levels) {
            List<PolicyRules.TargetInput> targets = new ArrayList<>();
            for (int k = 1; k < level.length; k++) {
                targets.add(new PolicyRules.TargetInput("user_reference", Long.toString(((User) level[k]).id())));
            }
            rules.add(new PolicyRules.RuleInput((Integer) level[0], targets, false));
        }
        return policies.create(owner, org, new EscalationPolicies.PolicyInput(unique("policy"), null, numLoops, rules));
    }

    static Object[] level(int delayMinutes, User... users) {
        Object[] out = new Object[users.length + 1];
        out[0] = delayMinutes;
        System.arraycopy(users, 0, out, 1, users.length);
        return out;
    }

    ServiceDefinition service(Long policyId, Map<String, Object> more) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(more);
        body.put("name", unique("svc"));
        if (policyId != null) {
            body.put("escalation_policy", Map.of("id", policyId.toString()));
        }
        return services.create(owner, org, body);
    }

    AlertIntake.Integration integration(ServiceDefinition s) {
        Services.IssuedKey k = services.createIntegration(owner, org, Long.toString(s.id()), "events_api_v2", null);
        return intake.integrationByKey(k.integrationKey()).orElseThrow();
    }

    static AlertIntake.InboundAlert trigger(String key, String summary, String severity) {
        return new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER, key, summary, "test", severity, null, null, null, null, Map.of(),
                List.of(), null, null);
    }

    static AlertIntake.InboundAlert event(AlertIntake.Action action, String key) {
        return new AlertIntake.InboundAlert(action, key, null, null, null, null, null, null, null, Map.of(), List.of(), null, null);
    }

    Incident incidentOf(long orgId, String dedupKey) {
        long id = db.sql("SELECT incident_id FROM alerts WHERE org_id = ? AND dedup_key = ? ORDER BY id DESC LIMIT 1").params(orgId, dedupKey)
                .query(Long.class).single();
        return db.sql("SELECT number FROM incidents WHERE id = ?").param(id).query(Long.class).optional()
                .map(n -> incidents.get(owner, org, Long.toString(n)).incident()).orElseThrow();
    }

    Incident reload(Incident i) {
        return incidents.get(owner, org, Long.toString(i.number())).incident();
    }

    /** Who was paged about the incident, in order, from its log. */
    List<Long> paged(Incident i) {
        return db.sql("SELECT user_id FROM incident_log WHERE incident_id = ? AND kind = 'notified' AND user_id IS NOT NULL ORDER BY id")
                .param(i.id()).query(Long.class).list();
    }

    List<String> logKinds(Incident i) {
        return db.sql("SELECT kind FROM incident_log WHERE incident_id = ? ORDER BY id").param(i.id()).query(String.class).list();
    }

    List<String> signalKinds(Incident i) {
        return db.sql("SELECT kind FROM signals WHERE subject = ? ORDER BY id").param("incident:" + i.id()).query(String.class).list();
    }

    Instant now() {
        return clock.instant();
    }
}
