package io.bugmaster.incidents.roles.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.incidents.IncidentPanel;
import io.bugmaster.incidents.IncidentStatus;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.incidents.roles.IncidentRoles;
import io.bugmaster.incidents.roles.Responders;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.web.util.UriUtils;
import org.springframework.stereotype.Component;

/** The incident page's "Roles and responders" section: who holds which role since when, who was paged and whether they answered. */
@Component
class RolesPanel implements IncidentPanel {
    static final int LISTED = 500;

    private final IncidentRoles roles;
    private final Responders responders;
    private final Directory directory;
    private final Services services;
    private final EscalationPolicies policies;

    RolesPanel(IncidentRoles roles, Responders responders, Directory directory, Services services, EscalationPolicies policies) {
        this.roles = roles;
        this.responders = responders;
        this.directory = directory;
        this.services = services;
        this.policies = policies;
    }

    record Model(List<IncidentRoles.Holders> roles, List<Responders.Responder> responders, List<Directory.Person> members,
            List<ServiceDefinition> services, List<EscalationPolicy> policies, boolean open, String base) {}

    @Override
    public int order() {
        return 200;
    }

    @Override
    public String template() {
        return "incidents/panels/roles";
    }

    @Override
    public Object model(Actor actor, Incidents.View view) {
        var i = view.incident();
        String org = directory.orgSlug(i.orgId()).orElseThrow();
        return new Model(roles.holders(i), responders.of(i), directory.joinedMembers(i.orgId(), LISTED), services.list(actor, org, 0, LISTED).items(),
                policies.list(actor, org, 0, LISTED).items(), i.status() != IncidentStatus.RESOLVED,
                "/orgs/" + UriUtils.encodePathSegment(org, StandardCharsets.UTF_8) + "/incidents/" + i.number());
    }
}
