package io.bugmaster.incidents.roles;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.Subject;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentLog;
import io.bugmaster.incidents.IncidentNotifications;
import io.bugmaster.incidents.IncidentStatus;
import io.bugmaster.incidents.IncidentTimeline;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.incidents.TimelineEntry;
import io.bugmaster.oncall.Pager;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
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
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * "Add responders": pages a member, or whoever level 1 of an escalation policy (or of a service's
 * policy) reaches now, about an incident, at the incident's urgency, through the pager (their own
 * notification rules). The page is about the incident, so like the escalation's pages it stops when
 * the incident is acknowledged or resolved. A responder answered when the incident's timeline has
 * an entry they made at or after the request ({@link Answers}).
 */
@Service
public class Responders {
    static final int MAX_MESSAGE = 500;
    static final int SHOWN = 200;

    private final Incidents incidents;
    private final ResponderStore store;
    private final EscalationPolicies policies;
    private final Services services;
    private final IncidentLog log;
    private final IncidentNotifications notifications;
    private final IncidentTimeline timeline;
    private final Pager pager;
    private final Signals signals;
    private final Directory directory;
    private final Transactions tx;
    private final Clock clock;

    Responders(Incidents incidents, ResponderStore store, EscalationPolicies policies, Services services, IncidentLog log,
            IncidentNotifications notifications, IncidentTimeline timeline, Pager pager, Signals signals, Directory directory,
            Transactions tx, Clock clock) {
        this.incidents = incidents;
        this.store = store;
        this.policies = policies;
        this.services = services;
        this.log = log;
        this.notifications = notifications;
        this.timeline = timeline;
        this.pager = pager;
        this.signals = signals;
        this.directory = directory;
        this.tx = tx;
        this.clock = clock;
    }

    /** Whom to page: exactly one of a member, an escalation policy or a service (its policy); and what to tell them. */
    public record Request(String userId, String escalationPolicyId, String serviceId, String message) {}

    /** One person asked to respond: by whom, when, through what (in words), and when they answered (null: not yet). */
    public record Responder(long id, Directory.Person user, Directory.Person requestedBy, Instant requestedAt, String through, String message,
            Instant answeredAt) {}

    public List<Responder> list(Actor actor, String orgSlug, String number) {
        return of(incidents.require(actor, orgSlug, number, Scopes.EVENT_READ).incident());
    }

    /** The incident's responders, newest request first. No access check. */
    public List<Responder> of(Incident i) {
        List<ResponderStore.Row> rows = tx.read(() -> store.of(i.id(), SHOWN));
        if (rows.isEmpty()) {
            return List.of();
        }
        List<TimelineEntry> entries = timeline.of(i);
        Set<Long> ids = new HashSet<>();
        for (ResponderStore.Row r : rows) {
            if (r.userId() != null) {
                ids.add(r.userId());
            }
            if (r.requestedBy() != null) {
                ids.add(r.requestedBy());
            }
        }
        Map<Long, Directory.Person> people = directory.people(ids);
        return rows.stream().map(r -> new Responder(r.id(), r.userId() == null ? null : people.get(r.userId()),
                r.requestedBy() == null ? null : people.get(r.requestedBy()), r.requestedAt(), r.through(), r.message(),
                r.userId() == null ? null : Answers.answeredAt(r.userId(), r.requestedAt(), entries).orElse(null))).toList();
    }

    /** Pages the people the request names now; returns their requests. */
    public List<Responder> add(Actor actor, String orgSlug, String number, Request request, String via) {
        Incident i = incidents.require(actor, orgSlug, number, Scopes.EVENT_WRITE).incident();
        long orgId = i.orgId();
        if (request == null) {
            throw new InvalidInputException(null, "send one of user_id, escalation_policy_id or service_id");
        }
        String userId = blankToNull(request.userId());
        String policyId = blankToNull(request.escalationPolicyId());
        String serviceId = blankToNull(request.serviceId());
        int named = (userId == null ? 0 : 1) + (policyId == null ? 0 : 1) + (serviceId == null ? 0 : 1);
        if (named != 1) {
            throw new InvalidInputException(null, named == 0 ? "say whom to page: one of user_id, escalation_policy_id or service_id"
                    : "page one of user_id, escalation_policy_id or service_id at a time, not " + named);
        }
        String message = blankToNull(request.message());
        if (message != null && message.length() > MAX_MESSAGE) {
            throw new InvalidInputException("message", "is at most " + MAX_MESSAGE + " characters");
        }
        if (i.status() == IncidentStatus.RESOLVED) {
            throw new ConflictException("incident #" + i.number() + " is resolved; there is nothing to respond to");
        }
        Long memberId = userId == null ? null : member(orgId, userId);
        EscalationPolicy policy = null;
        String through;
        if (policyId != null) {
            policy = policies.policy(orgId, id("escalation_policy_id", policyId)).orElseThrow(() -> new InvalidInputException(
                    "escalation_policy_id", "no escalation policy of this organization has id " + policyId));
            through = "policy " + policy.name();
        } else if (serviceId != null) {
            ServiceDefinition s = services.service(orgId, id("service_id", serviceId)).orElseThrow(() -> new InvalidInputException(
                    "service_id", "no service of this organization has id " + serviceId));
            if (s.escalationPolicyId() == null) {
                throw new InvalidInputException("service_id", "service '" + s.name() + "' has no escalation policy to page; name a person instead");
            }
            policy = policies.policy(orgId, s.escalationPolicyId()).orElseThrow();
            through = "service " + s.name() + ", policy " + policy.name();
        } else {
            through = "by name";
        }
        EscalationPolicy p = policy;
        String by = IncidentRoles.who(directory.people(List.of(actor.userId())).getOrDefault(actor.userId(),
                new Directory.Person(actor.userId(), null, actor.email())));
        List<Long> requestIds = tx.write(() -> {
            Instant now = clock.instant();
            Map<Long, String> reached = new LinkedHashMap<>();
            if (p == null) {
                reached.put(memberId, through);
            } else {
                for (EscalationPolicies.Reached r : policies.reach(p, 1, now, true)) {
                    String target = policies.describe(orgId, r.through());
                    reached.putIfAbsent(r.userId(), target == null ? through : through + ", " + target);
                }
                if (reached.isEmpty()) {
                    throw new ConflictException("level 1 of policy '" + p.name() + "' reaches nobody now (no member, or nobody on call on"
                            + " its schedules); page a person instead");
                }
            }
            Map<Long, Directory.Person> people = directory.joinedMembers(orgId, reached.keySet());
            List<Long> ids = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Map.Entry<Long, String> e : reached.entrySet()) {
                long uid = e.getKey();
                long id = store.insert(i.id(), uid, actor.userId(), now, e.getValue(), message);
                ids.add(id);
                names.add(IncidentRoles.who(people.get(uid)));
                String pageKey = i.subject() + ":responder:" + id + ":user:" + uid;
                String reason = by + " asks you to respond (" + e.getValue() + ")" + (message == null ? "" : ": " + message);
                pager.page(new Pager.PageRequest(orgId, uid, i.subject(), pageKey, i.urgency(),
                        notifications.forPerson(i, uid, pageKey, "incident.responder_requested", reason, now)));
                // the same line the escalation writes for each page: metrics and postmortems count pages from it
                log.append(i.id(), now, "notified", uid, "Bugmaster", "pager", "Paged " + people.get(uid).email() + ": " + reason);
            }
            log.append(i.id(), now, "responder", actor.userId(), actor.email(), via, "Paged " + String.join(", ", names) + " to respond ("
                    + through + "; asked by " + by + ")" + (message == null ? "" : ": " + message));
            signals.raise(new NewSignal(orgId, Subject.of("incident", i.id()), "incident.responders_added", Map.of("number", i.number(),
                    "user_ids", List.copyOf(reached.keySet()), "through", through, "by", actor.email())), now);
            return ids;
        });
        Incident after = incidents.byId(i.id()).orElseThrow();
        return of(after).stream().filter(r -> requestIds.contains(r.id())).toList();
    }

    private long member(long orgId, String userId) {
        long id = id("user_id", userId);
        if (directory.joinedMember(orgId, id).isEmpty()) {
            throw new InvalidInputException("user_id", "no member of this organization has user id " + id);
        }
        return id;
    }

    private static long id(String field, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "an id is a number, got '" + value + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
