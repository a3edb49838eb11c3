package io.bugmaster.incidents;

import io.bugmaster.accounts.Directory;
import io.bugmaster.oncall.notices.HandoffFacts;
import io.bugmaster.oncall.policies.EscalationPolicies;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What a handoff notice lists for the incoming person: the open incidents of the services whose
 * escalation policies page the schedule they are about to be on call on.
 */
@Service
class HandoffIncidents implements HandoffFacts {
    private final EscalationPolicies policies;
    private final ServiceStore services;
    private final IncidentStore incidents;
    private final IncidentActions actions;
    private final Directory directory;

    HandoffIncidents(EscalationPolicies policies, ServiceStore services, IncidentStore incidents, IncidentActions actions, Directory directory) {
        this.policies = policies;
        this.services = services;
        this.incidents = incidents;
        this.actions = actions;
        this.directory = directory;
    }

    @Override
    public OpenIncidents openIncidents(long orgId, long scheduleId, int limit) {
        List<Long> serviceIds = services.idsUsingPolicies(orgId, policies.policiesPaging(orgId, scheduleId));
        if (serviceIds.isEmpty()) {
            return null;
        }
        long total = incidents.countOpen(orgId, serviceIds);
        if (total == 0) {
            return new OpenIncidents(0, List.of());
        }
        String slug = directory.orgSlug(orgId).orElseThrow();
        return new OpenIncidents(total, incidents.newestOpen(orgId, serviceIds, limit).stream()
                .map(i -> new Incident(i.number(), i.title(), i.status().id(), actions.incidentUrl(slug, i.number())))
                .toList());
    }
}
