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
import io.bugmaster.issues.Issue;
import io.bugmaster.issues.IssueAccess;
import io.bugmaster.issues.IssueService;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final IncidentPriorities priorities;
    private final IssueAccess issueAccess;
    private final IssueService issues;

    Incidents(OrganizationService organizations, IncidentStore store, AlertStore alerts, ServiceStore services, IncidentActions actions,
            Directory directory, Transactions tx, Clock clock, IncidentPriorities priorities, IssueAccess issueAccess, IssueService issues) {
        this.priorities = priorities;
        this.issueAccess = issueAccess;
        this.issues = issues;
        this.organizations = organizations;
        this.store = store;
        this.alerts = alerts;
        this.services = services;
        this.actions = actions;
        this.directory = directory;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * An incident with what is shown beside it: its service, its assignees and its alerts; the
     * services it impairs (its own first), the linked error issues, its priority (null until set)
     * and who declared it (null when an alert opened it and nobody set a priority, or they left).
     */
    public record View(Incident incident, ServiceDefinition service, List<Directory.Person> assignees, List<Alert> alerts,
            List<ServiceDefinition> impacted, List<LinkedIssue> linkedIssues, Priority priority, Directory.Person declaredBy) {}

    /** A linked error issue as shown: Sentry's short id, its title and project. */
    public record LinkedIssue(long id, String shortId, String title, String projectSlug, String status) {}

    /** What the list is narrowed to (as sent; each checked): statuses, stages, priority levels, an impacted service, words of the title. */
    public record ListFilter(List<String> statuses, List<String> stages, List<String> priorities, String serviceId, String query,
            Boolean declared) {
        public static ListFilter statuses(List<String> statuses, String serviceId) {
            return new ListFilter(statuses, null, null, serviceId, null, null);
        }
    }

    public Page<View> list(Actor actor, String orgSlug, List<String> statuses, String serviceId, int offset, int limit) {
        return list(actor, orgSlug, ListFilter.statuses(statuses, serviceId), offset, limit);
    }

    public Page<View> list(Actor actor, String orgSlug, ListFilter filter, int offset, int limit) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.EVENT_READ);
        long orgId = access.org().id();
        Set<String> wanted = new LinkedHashSet<>();
        for (String s : words(filter.statuses())) {
            wanted.add(IncidentStatus.parse(s).orElseThrow(() -> new InvalidInputException("statuses",
                    "unknown status '" + s + "'; use triggered, acknowledged or resolved")).id());
        }
        Set<String> stages = new LinkedHashSet<>();
        for (String s : words(filter.stages())) {
            stages.add(IncidentStage.parse(s).orElseThrow(() -> new InvalidInputException("stage",
                    "unknown stage '" + s + "'; use investigating, identified, monitoring or resolved")).id());
        }
        Set<Integer> levels = new LinkedHashSet<>();
        for (String p : words(filter.priorities())) {
            levels.add(DeclareRules.priority(p));
        }
        Long service = null;
        String serviceId = filter.serviceId();
        if (serviceId != null && !serviceId.isBlank()) {
            try {
                service = Long.parseLong(serviceId.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("service_id", "a service id is a number, got '" + serviceId + "'");
            }
        }
        String query = filter.query() == null || filter.query().isBlank() ? null : filter.query().strip();
        if (query != null && query.length() > DeclareRules.MAX_TITLE) {
            throw new InvalidInputException("query", "at most " + DeclareRules.MAX_TITLE + " characters");
        }
        IncidentStore.Filter f = new IncidentStore.Filter(wanted, stages, levels, service, query, filter.declared());
        Page<Incident> page = Page.of(store.list(orgId, f, offset, limit + 1), offset, limit);
        List<View> views = new ArrayList<>();
        List<Priority> defined = priorities.of(orgId);
        for (Incident i : page.items()) {
            views.add(view(i, false, defined));
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

    /**
     * Declares an incident: anyone who may act on incidents ({@code event:write}, every member). The
     * first service is the incident's own (its escalation policy pages, with the urgency its rule gives
     * the priority's severity); the others are impacted too. An issue of the organization may be linked.
     */
    public View declare(Actor actor, String orgSlug, DeclareRules.DeclareInput input, String via) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.EVENT_WRITE);
        long orgId = access.org().id();
        DeclareRules.Declaration d = DeclareRules.declaration(input);
        List<ServiceDefinition> impacted = servicesOf(orgId, d.serviceIds(), "service_ids");
        Priority priority = priorities.find(orgId, d.priority()).orElseThrow(() -> unknownPriority(orgId, d.priority()));
        Issue issue = d.issueId() == null ? null : issueOf(actor, orgSlug, d.issueId(), "issue_id");
        long id = tx.write(() -> {
            var now = clock.instant();
            ServiceDefinition own = impacted.get(0);
            Incident opened = actions.open(own, d.title(), own.urgencyOf(DeclareRules.severityOf(d.priority()), now), null,
                    by(actor, via), now);
            actions.declared(opened, impacted, priority, d.description(), issue == null ? null : issue.id(),
                    issue == null ? null : issue.shortId(), by(actor, via), now);
            return opened.id();
        });
        return view(store.find(id).orElseThrow(), true);
    }

    /**
     * Changes what a PUT names: title, priority (giving one to an incident an alert opened declares it), stage
     * ("resolved" resolves it; a resolved incident stays resolved), description, impacted services (never without its own).
     */
    public View update(Actor actor, String orgSlug, String number, Map<String, Object> body, String via) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.EVENT_WRITE);
        long orgId = access.org().id();
        long id = find(orgId, number).id();
        DeclareRules.Change c = DeclareRules.change(body);
        Priority priority = c.priority() == null ? null
                : priorities.find(orgId, c.priority()).orElseThrow(() -> unknownPriority(orgId, c.priority()));
        List<ServiceDefinition> impacted = c.impactedServices() == null ? null : servicesOf(orgId, c.impactedServices(), "impacted_services");
        tx.write(() -> {
            var now = clock.instant();
            By by = by(actor, via);
            Incident i = store.findForUpdate(id).orElseThrow();
            if (c.stage() != null && i.stage() == IncidentStage.RESOLVED && c.stage() != IncidentStage.RESOLVED) {
                throw new ConflictException("incident #" + i.number() + " is resolved and stays resolved; if the problem is back, declare a"
                        + " new incident and link this one in its description");
            }
            if (impacted != null && impacted.stream().noneMatch(s -> s.id() == i.serviceId())) {
                ServiceDefinition own = services.find(orgId, i.serviceId()).orElseThrow();
                throw new InvalidInputException("impacted_services", "keep '" + own.name() + "' (id " + own.id()
                        + "): it is the incident's own service, whose escalation policy pages");
            }
            List<String> labels = priorities.of(orgId).stream().map(Priority::label).toList();
            actions.changed(i, c, priority, impacted, labels, by, now);
            if (c.stage() == IncidentStage.RESOLVED && i.status() != IncidentStatus.RESOLVED) {
                actions.resolve(store.find(id).orElseThrow(), by, "Resolved by " + actor.email() + " via " + via, now);
            }
        });
        return view(store.find(id).orElseThrow(), true);
    }

    /** Links an error issue of the organization to the incident (linking it again changes nothing). */
    public View linkIssue(Actor actor, String orgSlug, String number, String issueId, String via) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.EVENT_WRITE);
        long id = find(access.org().id(), number).id();
        if (issueId == null || issueId.isBlank()) {
            throw new InvalidInputException("issue_id", "the id of an error issue of this organization, such as \"17\"");
        }
        Issue issue = issueOf(actor, orgSlug, ServiceRules.id("issue_id", issueId.strip()), "issue_id");
        tx.write(() -> {
            Incident i = store.findForUpdate(id).orElseThrow();
            if (store.issueIds(id).size() >= DeclareRules.MAX_LINKED_ISSUES && !store.issueIds(id).contains(issue.id())) {
                throw new ConflictException("incident #" + i.number() + " has " + DeclareRules.MAX_LINKED_ISSUES
                        + " linked issues already; unlink one first");
            }
            actions.linkIssue(i, issue.id(), issue.shortId(), issue.title(), by(actor, via), clock.instant());
        });
        return view(store.find(id).orElseThrow(), true);
    }

    /** Unlinks an error issue; "not found" when it is not linked. */
    public View unlinkIssue(Actor actor, String orgSlug, String number, String issueId, String via) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.EVENT_WRITE);
        long id = find(access.org().id(), number).id();
        long issue;
        try {
            issue = Long.parseLong(issueId);
        } catch (NumberFormatException e) {
            throw new NotFoundException("issue '" + issueId + "' is not linked to this incident");
        }
        String shortId = issues.issue(issue).map(Issue::shortId).orElse("#" + issue);
        boolean done = tx.write(() -> {
            Incident i = store.findForUpdate(id).orElseThrow();
            return actions.unlinkIssue(i, issue, shortId, by(actor, via), clock.instant());
        });
        if (!done) {
            throw new NotFoundException("issue '" + issueId + "' is not linked to this incident");
        }
        return view(store.find(id).orElseThrow(), true);
    }

    /** The organization's priorities, the most severe first (P1-P5 until it writes its own). */
    public List<Priority> priorities(Actor actor, String orgSlug) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.EVENT_READ);
        return priorities.of(access.org().id());
    }

    /** Replaces the organization's priorities ({@code org:write}); incidents keep their levels. */
    public List<Priority> replacePriorities(Actor actor, String orgSlug, Object body) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_WRITE);
        List<Priority> wanted = DeclareRules.priorities(body);
        tx.write(() -> priorities.replace(access.org().id(), wanted));
        return priorities.of(access.org().id());
    }

    private List<ServiceDefinition> servicesOf(long orgId, List<Long> ids, String field) {
        List<ServiceDefinition> out = new ArrayList<>();
        for (int k = 0; k < ids.size(); k++) {
            long serviceId = ids.get(k);
            out.add(services.find(orgId, serviceId).orElseThrow(() -> new InvalidInputException(field, "no service with id " + serviceId
                    + " in this organization")));
        }
        return out;
    }

    private Issue issueOf(Actor actor, String orgSlug, long issueId, String field) {
        try {
            return issueAccess.issue(actor, orgSlug, Long.toString(issueId), Scopes.EVENT_READ).issue();
        } catch (NotFoundException e) {
            throw new InvalidInputException(field, "no error issue with id " + issueId + " in this organization");
        }
    }

    private InvalidInputException unknownPriority(long orgId, int level) {
        List<Priority> defined = priorities.of(orgId);
        return new InvalidInputException("priority", "this organization's priorities are levels 1 to " + defined.size() + " ("
                + String.join(", ", defined.stream().map(Priority::label).toList()) + "); got " + level);
    }

    private static By by(Actor actor, String via) {
        return new By(actor.userId(), actor.email(), via);
    }

    /** The incident as shown, with its alerts when {@code withAlerts}. No access check: the caller has done it or speaks for Bugmaster. */
    public View view(Incident i, boolean withAlerts) {
        return view(i, withAlerts, priorities.of(i.orgId()));
    }

    private View view(Incident i, boolean withAlerts, List<Priority> defined) {
        ServiceDefinition s = services.find(i.orgId(), i.serviceId()).orElseThrow();
        List<Long> assigneeIds = store.assignees(i.id());
        List<Long> wantedPeople = new ArrayList<>(assigneeIds);
        if (i.declaredBy() != null) {
            wantedPeople.add(i.declaredBy());
        }
        Map<Long, Directory.Person> people = directory.joinedMembers(i.orgId(), wantedPeople);
        List<Directory.Person> assignees = assigneeIds.stream().map(people::get).filter(p -> p != null).toList();
        List<ServiceDefinition> impacted = store.serviceIds(i.id()).stream().map(id -> services.find(i.orgId(), id))
                .flatMap(Optional::stream).toList();
        List<LinkedIssue> linked = store.issueIds(i.id()).stream().map(issues::issue).flatMap(Optional::stream)
                .filter(issue -> issue.orgId() == i.orgId())
                .map(issue -> new LinkedIssue(issue.id(), issue.shortId(), issue.title(), issue.projectSlug(), issue.status())).toList();
        Priority priority = i.priority() == null ? null : priorityOf(defined, i.priority());
        return new View(i, s, assignees, withAlerts ? alerts.ofIncident(i.id(), MAX_ALERTS_SHOWN) : List.of(), impacted, linked, priority,
                i.declaredBy() == null ? null : people.get(i.declaredBy()));
    }

    private static Priority priorityOf(List<Priority> defined, int level) {
        return defined.stream().filter(p -> p.level() == level).findFirst()
                .orElseGet(() -> new Priority(level, "P" + level, "(no longer one of the organization's priorities)", null));
    }

    /** Comma-separated or repeated values, blanks dropped. */
    private static List<String> words(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values == null ? List.<String>of() : values) {
            for (String w : v.split(",")) {
                if (!w.isBlank()) {
                    out.add(w.strip().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** An incident and the caller's access, for the features built on incidents; checks the scope. */
    public record Found(OrgAccess access, Incident incident) {}

    /** The incident with this number in the organization, if the actor has {@code scope} there; "not found" otherwise. */
    public Found require(Actor actor, String orgSlug, String number, String scope) {
        OrgAccess access = organizations.access(actor, orgSlug).require(scope);
        return new Found(access, find(access.org().id(), number));
    }

    /** The incident by id, for engine modules (no access check). */
    public Optional<Incident> byId(long id) {
        return store.find(id);
    }

    /** The incident by id as its page shows it (service, assignees, priority), for messages that show it; no access check. */
    public Optional<View> viewById(long id) {
        return store.find(id).map(i -> view(i, false));
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
