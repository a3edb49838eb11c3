package io.bugmaster.incidents;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Page;
import io.bugmaster.incidents.IncidentActions.By;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Incidents for people: list, read, acknowledge, resolve, reassign, escalate. Reading needs
 * {@code event:read}; acting needs {@code event:write} (every member). Incidents are addressed by
 * their number in the organization; another organization's number is "not found".
 */
@Service
public class Incidents {
    static final int MAX_ALERTS_SHOWN = 100;

    private final OrganizationService organizations;
    private final IncidentStore store;
    private final AlertStore alerts;
    private final ServiceStore services;
    private final IncidentActions actions;
    private final Directory directory;
    private final Transactions tx;
    private final Clock clock;

    Incidents(OrganizationService organizations, IncidentStore store, AlertStore alerts, ServiceStore services, IncidentActions actions,
            Directory directory, Transactions tx, Clock clock) {
        this.organizations = organizations;
        this.store = store;
        this.alerts = alerts;
        this.services = services;
        this.actions = actions;
        this.directory = directory;
        this.tx = tx;
        this.clock = clock;
    }

    /** An incident with what is shown beside it: its service, its assignees and its alerts. */
    public record View(Incident incident, ServiceDefinition service, List<Directory.Person> assignees, List<Alert> alerts) {}

    public Page<View> list(Actor actor, String orgSlug, List<String> statuses, String serviceId, int offset, int limit) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.EVENT_READ);
        long orgId = access.org().id();
        Set<String> wanted = new LinkedHashSet<>();
        for (String s : statuses == null ? List.<String>of() : statuses) {
            wanted.add(IncidentStatus.parse(s).orElseThrow(() -> new InvalidInputException("statuses",
                    "unknown status '" + s + "'; use triggered, acknowledged or resolved")).id());
        }
        Long service = null;
        if (serviceId != null && !serviceId.isBlank()) {
            try {
                service = Long.parseLong(serviceId);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("service_id", "a service id is a number, got '" + serviceId + "'");
            }
        }
        Page<Incident> page = Page.of(store.list(orgId, wanted, service, offset, limit + 1), offset, limit);
        List<View> views = new ArrayList<>();
        for (Incident i : page.items()) {
            views.add(view(i, false));
        }
        return new Page<>(views, page.offset(), page.limit(), page.hasMore());
    }

    public View get(Actor actor, String orgSlug, String number) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.EVENT_READ);
        return view(find(access.org().id(), number), true);
    }

    public Page<IncidentLogEntry> log(Actor actor, String orgSlug, String number, int offset, int limit) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.EVENT_READ);
        Incident i = find(access.org().id(), number);
        return Page.of(store.log(i.id(), offset, limit + 1), offset, limit);
    }

    public View acknowledge(Actor actor, String orgSlug, String number, String via) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.EVENT_WRITE);
        long id = find(access.org().id(), number).id();
        tx.write(() -> {
            Incident i = store.findForUpdate(id).orElseThrow();
            if (i.status() == IncidentStatus.RESOLVED) {
                throw new ConflictException("incident #" + i.number() + " is resolved; there is nothing to acknowledge");
            }
            actions.acknowledge(i, by(actor, via), clock.instant());
        });
        return view(store.find(id).orElseThrow(), true);
    }

    public View resolve(Actor actor, String orgSlug, String number, String via) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.EVENT_WRITE);
        long id = find(access.org().id(), number).id();
        tx.write(() -> {
            Incident i = store.findForUpdate(id).orElseThrow();
            actions.resolve(i, by(actor, via), "Resolved by " + actor.email() + " via " + via, clock.instant());
        });
        return view(store.find(id).orElseThrow(), true);
    }

    /** Pages these members now and makes them the assignees. */
    public View reassign(Actor actor, String orgSlug, String number, List<String> userIds, String via) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.EVENT_WRITE);
        long orgId = access.org().id();
        long id = find(orgId, number).id();
        if (userIds == null || userIds.isEmpty() || userIds.size() > 20) {
            throw new InvalidInputException("assignees", "1 to 20 user ids of members of this organization");
        }
        List<Long> ids = new ArrayList<>();
        for (int k = 0; k < userIds.size(); k++) {
            long userId = ServiceRules.id("assignees[" + k + "].id", userIds.get(k));
            if (directory.joinedMember(orgId, userId).isEmpty()) {
                throw new InvalidInputException("assignees[" + k + "].id", "no member of this organization has user id " + userId);
            }
            if (!ids.contains(userId)) {
                ids.add(userId);
            }
        }
        tx.write(() -> {
            Incident i = store.findForUpdate(id).orElseThrow();
            if (i.status() == IncidentStatus.RESOLVED) {
                throw new ConflictException("incident #" + i.number() + " is resolved; reassigning it would page nobody");
            }
            actions.reassign(i, ids, by(actor, via), clock.instant());
        });
        return view(store.find(id).orElseThrow(), true);
    }

    /** Escalates now to a level (by default the next one), paging it whatever the delay. */
    public View escalate(Actor actor, String orgSlug, String number, Integer level, String via) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.EVENT_WRITE);
        long id = find(access.org().id(), number).id();
        tx.write(() -> {
            Incident i = store.findForUpdate(id).orElseThrow();
            if (i.status() == IncidentStatus.RESOLVED) {
                throw new ConflictException("incident #" + i.number() + " is resolved; there is nobody to escalate to");
            }
            actions.escalateTo(i, level == null ? i.level() + 1 : level, by(actor, via), clock.instant());
        });
        return view(store.find(id).orElseThrow(), true);
    }

    private static By by(Actor actor, String via) {
        return new By(actor.userId(), actor.email(), via);
    }

    View view(Incident i, boolean withAlerts) {
        ServiceDefinition s = services.find(i.orgId(), i.serviceId()).orElseThrow();
        Map<Long, Directory.Person> people = directory.joinedMembers(i.orgId(), store.assignees(i.id()));
        List<Directory.Person> assignees = store.assignees(i.id()).stream().map(people::get).filter(p -> p != null).toList();
        return new View(i, s, assignees, withAlerts ? alerts.ofIncident(i.id(), MAX_ALERTS_SHOWN) : List.of());
    }

    /** An incident and the caller's access, for the features built on incidents; checks the scope. */
    public record Found(OrgAccess access, Incident incident) {}

    /** The incident with this number in the organization, if the actor has {@code scope} there; "not found" otherwise. */
    public Found require(Actor actor, String orgSlug, String number, String scope) {
        OrgAccess access = organizations.access(actor, orgSlug).require(scope);
        return new Found(access, find(access.org().id(), number));
    }

    /** The incident by id, for engine modules (no access check). */
    public java.util.Optional<Incident> byId(long id) {
        return store.find(id);
    }

    /** The services the incident impairs, its own service first. */
    public List<Long> impactedServiceIds(long incidentId) {
        return store.serviceIds(incidentId);
    }

    /** The PagerDuty change events of these services that happened in [from, to], newest first; no access check. */
    public List<ChangeEvent> changeEvents(java.util.Collection<Long> serviceIds, java.time.Instant from, java.time.Instant to, int limit) {
        return alerts.changes(serviceIds, from, to, limit);
    }

    /** The error issues linked to the incident, in the order they were linked. */
    public List<Long> linkedIssueIds(long incidentId) {
        return store.issueIds(incidentId);
    }

    private Incident find(long orgId, String number) {
        try {
            return store.findByNumber(orgId, Long.parseLong(number))
                    .orElseThrow(() -> new NotFoundException("incident '" + number + "' not found"));
        } catch (NumberFormatException e) {
            throw new NotFoundException("incident '" + number + "' not found");
        }
    }
}
