package io.bugmaster.incidents.roles;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Subject;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentLog;
import io.bugmaster.incidents.IncidentNotifications;
import io.bugmaster.incidents.IncidentStatus;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.notify.Notification;
import io.bugmaster.oncall.Pager;
import io.bugmaster.oncall.Urgency;
import io.bugmaster.signals.NewSignal;
import io.bugmaster.signals.Signals;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * Incident roles: an organization's definitions (everyone reads them; {@code org:write} changes
 * them) and who holds each on an incident ({@code event:write}, every member). One holder per role
 * at a time: assigning another person ends the holder's assignment. The new holder is told through
 * the pager at low urgency (their own low-urgency notification rules: by default an email at once,
 * push or SMS if they chose so), under a page key of the assignment, unless they assigned themselves.
 */
@Service
public class IncidentRoles {
    static final int ASSIGNMENTS_SHOWN = 500;

    private final OrganizationService organizations;
    private final Incidents incidents;
    private final IncidentRoleStore store;
    private final IncidentLog log;
    private final IncidentNotifications notifications;
    private final Pager pager;
    private final Signals signals;
    private final Directory directory;
    private final Transactions tx;
    private final Clock clock;

    IncidentRoles(OrganizationService organizations, Incidents incidents, IncidentRoleStore store, IncidentLog log,
            IncidentNotifications notifications, Pager pager, Signals signals, Directory directory, Transactions tx, Clock clock) {
        this.organizations = organizations;
        this.incidents = incidents;
        this.store = store;
        this.log = log;
        this.notifications = notifications;
        this.pager = pager;
        this.signals = signals;
        this.directory = directory;
        this.tx = tx;
        this.clock = clock;
    }

    // --- definitions ---

    public List<IncidentRole> list(Actor actor, String orgSlug) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.EVENT_READ);
        return of(access.org().id());
    }

    /** The organization's roles in order, the defaults made first if it never had any. No access check: callers have done it. */
    public List<IncidentRole> of(long orgId) {
        List<IncidentRole> roles = tx.read(() -> store.roles(orgId));
        if (!roles.isEmpty()) {
            return roles;
        }
        return tx.write(() -> {
            store.ensureDefaults(orgId, clock.instant());
            return store.roles(orgId);
        });
    }

    public IncidentRole get(Actor actor, String orgSlug, String id) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.EVENT_READ);
        return find(access.org().id(), id);
    }

    public IncidentRole create(Actor actor, String orgSlug, RoleRules.Input input) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_WRITE);
        long orgId = access.org().id();
        RoleRules.Checked c = RoleRules.check(input, null);
        return tx.write(() -> {
            store.ensureDefaults(orgId, clock.instant());
            if (store.count(orgId) >= RoleRules.MAX_ROLES) {
                throw new ConflictException("an organization has at most " + RoleRules.MAX_ROLES + " incident roles; delete one first");
            }
            long id = store.insert(orgId, c, clock.instant())
                    .orElseThrow(() -> new ConflictException("a role with the slug '" + c.slug() + "' exists already"));
            return store.role(orgId, id).orElseThrow();
        });
    }

    public IncidentRole update(Actor actor, String orgSlug, String id, RoleRules.Input input) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_WRITE);
        long orgId = access.org().id();
        IncidentRole current = find(orgId, id);
        RoleRules.Checked c = RoleRules.check(input, current);
        return tx.write(() -> {
            if (store.slugTaken(orgId, c.slug(), current.id())) {
                throw new ConflictException("a role with the slug '" + c.slug() + "' exists already");
            }
            store.update(orgId, current.id(), c);
            return store.role(orgId, current.id()).orElseThrow(() -> new NotFoundException("role '" + id + "' not found"));
        });
    }

    /** Deletes a role, in use or not: whoever holds it on an incident stops holding it (the incident's log says so). */
    public void delete(Actor actor, String orgSlug, String id) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_WRITE);
        long orgId = access.org().id();
        IncidentRole role = find(orgId, id);
        String by = who(actor);
        tx.write(() -> {
            Instant now = clock.instant();
            if (!store.delete(orgId, role.id(), now)) {
                return;
            }
            for (IncidentRoleStore.AssignmentRow a : store.openAssignmentsOf(role.id())) {
                store.end(a.id(), actor.userId(), now);
                pager.stop(orgId, assignmentSubject(a.incidentId(), a.id()));
                log.append(a.incidentId(), now, "role", actor.userId(), actor.email(), "settings", name(a.userId()) + " is no longer "
                        + role.name() + ": " + by + " deleted the role");
            }
        });
    }

    // --- assignments ---

    /** One assignment: who, since when and by whom, until when (null while held) and who ended it. */
    public record Assignment(long id, Directory.Person user, Instant assignedAt, Directory.Person assignedBy, Instant endedAt,
            Directory.Person endedBy) {}

    /** A role on an incident: its holder now (null: nobody) and its past holders, newest first. {@code deleted}: the role was deleted since. */
    public record Holders(IncidentRole role, boolean deleted, Assignment holder, List<Assignment> past) {}

    public List<Holders> holders(Actor actor, String orgSlug, String number) {
        return holders(incidents.require(actor, orgSlug, number, Scopes.EVENT_READ).incident());
    }

    /** Every role of the organization with its holder on the incident, then the deleted roles it had. No access check. */
    public List<Holders> holders(Incident i) {
        List<IncidentRole> roles = of(i.orgId());
        List<IncidentRoleStore.AssignmentRow> rows = tx.read(() -> store.assignments(i.id(), ASSIGNMENTS_SHOWN));
        Set<Long> userIds = new HashSet<>();
        for (IncidentRoleStore.AssignmentRow r : rows) {
            addIfPresent(userIds, r.userId());
            addIfPresent(userIds, r.assignedBy());
            addIfPresent(userIds, r.endedBy());
        }
        Map<Long, Directory.Person> people = directory.people(userIds);
        Map<Long, List<IncidentRoleStore.AssignmentRow>> byRole = new LinkedHashMap<>();
        for (IncidentRoleStore.AssignmentRow r : rows) {
            byRole.computeIfAbsent(r.roleId(), k -> new ArrayList<>()).add(r);
        }
        List<Holders> out = new ArrayList<>();
        for (IncidentRole role : roles) {
            out.add(holders(role, false, byRole.remove(role.id()), people));
        }
        byRole.forEach((roleId, list) -> {
            IncidentRoleStore.AssignmentRow any = list.get(0);
            out.add(holders(new IncidentRole(roleId, i.orgId(), "", any.roleName(), "", Integer.MAX_VALUE), true, list, people));
        });
        return out;
    }

    private static Holders holders(IncidentRole role, boolean deleted, List<IncidentRoleStore.AssignmentRow> rows, Map<Long, Directory.Person> people) {
        Assignment holder = null;
        List<Assignment> past = new ArrayList<>();
        for (IncidentRoleStore.AssignmentRow r : rows == null ? List.<IncidentRoleStore.AssignmentRow>of() : rows) {
            Assignment a = new Assignment(r.id(), person(people, r.userId()), r.assignedAt(), person(people, r.assignedBy()), r.endedAt(),
                    person(people, r.endedBy()));
            if (r.endedAt() == null) {
                holder = a;
            } else {
                past.add(0, a);
            }
        }
        return new Holders(role, deleted, holder, past);
    }

    /**
     * Makes a member the holder of a role on the incident ({@code role}: its slug or id), ending the
     * current holder's assignment. Assigning the holder again changes nothing.
     */
    public Holders assign(Actor actor, String orgSlug, String number, String role, String userId, String via) {
        Incidents.Found found = incidents.require(actor, orgSlug, number, Scopes.EVENT_WRITE);
        Incident i = found.incident();
        long orgId = i.orgId();
        IncidentRole r = role(orgId, role).orElseThrow(() -> new InvalidInputException("role", unknownRole(orgId, role)));
        long uid = memberId(orgId, userId);
        Directory.Person person = directory.joinedMember(orgId, uid).orElseThrow();
        String by = who(actor);
        try {
            tx.write(() -> {
                Instant now = clock.instant();
                Optional<IncidentRoleStore.AssignmentRow> current = store.holder(i.id(), r.id());
                if (current.isPresent() && current.get().userId() != null && current.get().userId() == uid) {
                    return;
                }
                current.ifPresent(c -> end(i, c, actor));
                long assignmentId = store.assign(i.id(), r.id(), uid, actor.userId(), now);
                String said = who(person) + " is now " + r.name() + " (assigned by " + by
                        + (current.isPresent() ? "; " + name(current.get().userId()) + " was until now" : "") + ")";
                log.append(i.id(), now, "role", actor.userId(), actor.email(), via, said);
                // the signal carries its own words: two assignments in one millisecond have log lines a reader could not tell apart
                signals.raise(new NewSignal(orgId, Subject.of("incident", i.id()), "incident.role_assigned", Map.of("number", i.number(),
                        "role", r.slug(), "role_name", r.name(), "user_id", uid, "by", actor.email(), "said", said)), now);
                if (uid != actor.userId() && i.status() != IncidentStatus.RESOLVED) {
                    String pageKey = assignmentSubject(i.id(), assignmentId);
                    Notification n = notifications.forPerson(i, uid, pageKey, "incident.role_assigned", "You are now " + r.name()
                            + " on this incident (assigned by " + by + ")", now);
                    // a push about it goes at low priority too, whatever the incident's urgency
                    Map<String, Object> data = new LinkedHashMap<>(n.data());
                    data.put("urgency", "low");
                    pager.page(new Pager.PageRequest(orgId, uid, pageKey, pageKey, Urgency.LOW, n.withData(data)));
                }
            });
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException("someone else assigned " + r.name() + " at the same moment; look again and retry");
        }
        return holders(i).stream().filter(h -> !h.deleted() && h.role().id() == r.id()).findFirst().orElseThrow();
    }

    /** Ends the current holder's assignment of the role on the incident; nobody holding it is fine (nothing to do). */
    public void unassign(Actor actor, String orgSlug, String number, String role, String via) {
        Incident i = incidents.require(actor, orgSlug, number, Scopes.EVENT_WRITE).incident();
        IncidentRole r = role(i.orgId(), role).orElseThrow(() -> new NotFoundException(unknownRole(i.orgId(), role)));
        String by = who(actor);
        tx.write(() -> store.holder(i.id(), r.id()).ifPresent(c -> {
            if (end(i, c, actor)) {
                log.append(i.id(), clock.instant(), "role", actor.userId(), actor.email(), via, name(c.userId()) + " is no longer " + r.name()
                        + " (unassigned by " + by + ")");
            }
        }));
    }

    private boolean end(Incident i, IncidentRoleStore.AssignmentRow a, Actor actor) {
        boolean ended = store.end(a.id(), actor.userId(), clock.instant());
        if (ended) {
            // a later step of the old holder's notification ("after 10 minutes by SMS") is no longer wanted
            pager.stop(i.orgId(), assignmentSubject(i.id(), a.id()));
        }
        return ended;
    }

    /** The pager's subject and key of an assignment's notification: one per assignment, stopped when it ends. */
    static String assignmentSubject(long incidentId, long assignmentId) {
        return "incident:" + incidentId + ":role-assignment:" + assignmentId;
    }

    private Optional<IncidentRole> role(long orgId, String ref) {
        String r = ref == null ? "" : ref.strip();
        if (r.isEmpty()) {
            throw new InvalidInputException("role", "is required: a role's slug (incident_manager) or id");
        }
        of(orgId); // the defaults exist before anyone assigns one
        if (r.chars().allMatch(Character::isDigit) && r.length() < 19) {
            return tx.read(() -> store.role(orgId, Long.parseLong(r)));
        }
        return tx.read(() -> store.roleBySlug(orgId, r));
    }

    private String unknownRole(long orgId, String ref) {
        return "no role '" + ref + "' in this organization; its roles are " + String.join(", ", of(orgId).stream().map(IncidentRole::slug).toList());
    }

    private long memberId(long orgId, String userId) {
        String u = userId == null ? "" : userId.strip();
        if (u.isEmpty()) {
            throw new InvalidInputException("user_id", "is required: the id of a member of this organization");
        }
        long id;
        try {
            id = Long.parseLong(u);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("user_id", "a user id is a number, got '" + u + "'");
        }
        if (directory.joinedMember(orgId, id).isEmpty()) {
            throw new InvalidInputException("user_id", "no member of this organization has user id " + id);
        }
        return id;
    }

    private IncidentRole find(long orgId, String id) {
        try {
            return tx.read(() -> store.role(orgId, Long.parseLong(id.strip()))).orElseThrow(() -> new NotFoundException("role '" + id + "' not found"));
        } catch (NumberFormatException e) {
            throw new NotFoundException("role '" + id + "' not found");
        }
    }

    private String who(Actor actor) {
        return name(actor.userId());
    }

    private String name(Long userId) {
        if (userId == null) {
            return "someone whose account is gone";
        }
        Directory.Person p = directory.people(List.of(userId)).get(userId);
        return p == null ? "user " + userId : who(p);
    }

    /** A person in the log: their name, or their email when they have none. */
    public static String who(Directory.Person p) {
        return p.name() == null || p.name().isBlank() ? p.email() : p.name();
    }

    private static Directory.Person person(Map<Long, Directory.Person> people, Long id) {
        return id == null ? null : people.get(id);
    }

    private static void addIfPresent(Set<Long> ids, Long id) {
        if (id != null) {
            ids.add(id);
        }
    }
}
