package io.bugmaster.incidents;

import io.bugmaster.accounts.Directory;
import io.bugmaster.common.Subject;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.NotificationQueue;
import io.bugmaster.notify.Recipient;
import io.bugmaster.notify.SecretBox;
import io.bugmaster.oncall.Pager;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
import io.bugmaster.signals.NewSignal;
import io.bugmaster.signals.Signals;
import io.bugmaster.BugmasterProperties;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The changes of an incident's state and what each brings, in the caller's transaction: the log
 * line, the signal ({@code incident.triggered}, {@code .acknowledged}, {@code .escalated},
 * {@code .resolved}), the pages and their stops. Every change is a conditional update on the
 * incident's version, so of two nodes or two clicks one acts and the other finds it done.
 */
@Component
class IncidentActions {
    /** How long a one-click link in a page works. */
    static final Duration LINK_LIFETIME = Duration.ofDays(7);
    static final String LINK_KEY_PURPOSE = "incident-links";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IncidentStore incidents;
    private final AlertStore alerts;
    private final ServiceStore services;
    private final EscalationPolicies policies;
    private final Pager pager;
    private final Signals signals;
    private final Directory directory;
    private final NotificationQueue queue;
    private final byte[] linkKey;
    private final String baseUrl;

    IncidentActions(IncidentStore incidents, AlertStore alerts, ServiceStore services, EscalationPolicies policies, Pager pager,
            Signals signals, Directory directory, NotificationQueue queue, SecretBox secrets, BugmasterProperties props) {
        this.incidents = incidents;
        this.alerts = alerts;
        this.services = services;
        this.policies = policies;
        this.pager = pager;
        this.signals = signals;
        this.directory = directory;
        this.queue = queue;
        this.linkKey = secrets.derive(LINK_KEY_PURPOSE);
        this.baseUrl = props.baseUrlTrimmed();
    }

    byte[] linkKey() {
        return linkKey;
    }

    /** Who acted and how, for the log and the signals: a person (userId) or the system (null), in words. */
    record By(Long userId, String actor, String via) {
        static By system(String via) {
            return new By(null, "Bugmaster", via);
        }
    }

    /** A new incident, triggered, with level 1 due at once (the engine pages it, poked after commit). */
    Incident open(ServiceDefinition s, String title, io.bugmaster.oncall.Urgency urgency, String groupKey, By by, Instant now) {
        requireTransaction();
        long number = incidents.nextNumber(s.orgId());
        Instant autoResolve = s.autoResolveTimeout() == null ? null : now.plusSeconds(s.autoResolveTimeout());
        long id = incidents.insert(s.orgId(), number, s.id(), title, urgency, groupKey, now, autoResolve, now);
        incidents.addService(id, s.id());
        incidents.stageEntered(id, IncidentStage.INVESTIGATING, by.userId(), now);
        incidents.log(id, now, "triggered", by.userId(), by.actor(), by.via(), "Triggered through " + by.via() + " (" + urgencyWord(urgency)
                + " urgency)");
        signal(s.orgId(), id, "incident.triggered", Map.of("number", number, "service_id", s.id(), "urgency", urgencyWord(urgency)), now);
        return incidents.find(id).orElseThrow();
    }

    /** What a person adds to an incident they declare: priority, description, the other impacted services, the linked issue. */
    void declared(Incident i, List<ServiceDefinition> impacted, Priority priority, String description, Long issueId, String issueShortId,
            By by, Instant now) {
        requireTransaction();
        incidents.declared(i.id(), priority.level(), description, by.userId());
        impacted.forEach(s -> incidents.addService(i.id(), s.id()));
        if (issueId != null) {
            incidents.linkIssue(i.id(), issueId, by.userId(), now);
        }
        incidents.log(i.id(), now, "declared", by.userId(), by.actor(), by.via(), "Declared by " + by.actor() + " as " + priority.label()
                + " on " + names(impacted) + (issueShortId == null ? "" : "; linked issue " + issueShortId));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("number", i.number());
        body.put("priority", priority.level());
        body.put("label", priority.label());
        body.put("by", by.actor());
        body.put("service_ids", impacted.stream().map(ServiceDefinition::id).toList());
        signal(i.orgId(), i.id(), "incident.declared", body, now);
    }

    /** Applies a person's changes (the caller checked them) with a log line and a signal for the priority and the stage. */
    void changed(Incident i, DeclareRules.Change c, Priority priority, List<ServiceDefinition> impacted, List<String> labels, By by,
            Instant now) {
        requireTransaction();
        if (c.title() != null && !c.title().equals(i.title())) {
            incidents.setTitle(i.id(), c.title());
            incidents.log(i.id(), now, "title", by.userId(), by.actor(), by.via(), "Title changed by " + by.actor() + " to '" + c.title() + "'");
        }
        if (c.descriptionSent() && !java.util.Objects.equals(c.description(), i.description())) {
            incidents.setDescription(i.id(), c.description());
            incidents.log(i.id(), now, "description", by.userId(), by.actor(), by.via(), "Description "
                    + (c.description() == null ? "removed" : "changed") + " by " + by.actor());
        }
        if (priority != null && !Integer.valueOf(priority.level()).equals(i.priority())) {
            incidents.setPriority(i.id(), priority.level(), by.userId());
            String from = i.priority() == null ? null : label(labels, i.priority());
            incidents.log(i.id(), now, "priority", by.userId(), by.actor(), by.via(), from == null
                    ? "Declared by " + by.actor() + " as " + priority.label() : "Priority " + from + " -> " + priority.label() + " by " + by.actor());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("number", i.number());
            body.put("from", i.priority());
            body.put("to", priority.level());
            body.put("label", priority.label());
            body.put("by", by.actor());
            signal(i.orgId(), i.id(), "incident.priority_changed", body, now);
        }
        if (impacted != null) {
            List<Long> before = incidents.serviceIds(i.id());
            List<Long> after = impacted.stream().map(ServiceDefinition::id).toList();
            List<ServiceDefinition> added = impacted.stream().filter(s -> !before.contains(s.id())).toList();
            List<Long> removed = before.stream().filter(id -> !after.contains(id)).toList();
            if (!added.isEmpty() || !removed.isEmpty()) {
                added.forEach(s -> incidents.addService(i.id(), s.id()));
                List<String> removedNames = removed.stream().map(id -> services.find(i.orgId(), id).map(ServiceDefinition::name)
                        .orElse("#" + id)).toList();
                removed.forEach(id -> incidents.removeService(i.id(), id));
                incidents.log(i.id(), now, "services", by.userId(), by.actor(), by.via(), "Impacted services changed by " + by.actor()
                        + (added.isEmpty() ? "" : "; added " + names(added)) + (removed.isEmpty() ? "" : "; removed "
                        + String.join(", ", removedNames)));
            }
        }
        if (c.stage() != null) {
            enterStage(i, c.stage(), by, now);
        }
    }

    /**
     * Moves an open incident to a stage other than resolved (resolving goes through {@link #resolve}), with its
     * stage-change row, a log line and {@code incident.stage_changed}; false when it is there already or resolved.
     */
    boolean enterStage(Incident i, IncidentStage stage, By by, Instant now) {
        requireTransaction();
        if (stage == i.stage() || stage == IncidentStage.RESOLVED || !incidents.setStage(i.id(), stage)) {
            return false;
        }
        incidents.stageEntered(i.id(), stage, by.userId(), now);
        incidents.log(i.id(), now, "stage", by.userId(), by.actor(), by.via(), "Stage " + i.stage().id() + " -> " + stage.id()
                + " by " + by.actor());
        signal(i.orgId(), i.id(), "incident.stage_changed", Map.of("number", i.number(), "from", i.stage().id(), "to", stage.id(),
                "by", by.actor()), now);
        return true;
    }

    /** Links an error issue; false when it was linked already. */
    boolean linkIssue(Incident i, long issueId, String shortId, String title, By by, Instant now) {
        requireTransaction();
        if (!incidents.linkIssue(i.id(), issueId, by.userId(), now)) {
            return false;
        }
        incidents.log(i.id(), now, "issue_linked", by.userId(), by.actor(), by.via(), "Linked issue " + shortId + " (" + title + ") by "
                + by.actor());
        return true;
    }

    /** Unlinks an error issue; false when it was not linked. */
    boolean unlinkIssue(Incident i, long issueId, String shortId, By by, Instant now) {
        requireTransaction();
        if (!incidents.unlinkIssue(i.id(), issueId)) {
            return false;
        }
        incidents.log(i.id(), now, "issue_unlinked", by.userId(), by.actor(), by.via(), "Unlinked issue " + shortId + " by " + by.actor());
        return true;
    }

    private static String names(List<ServiceDefinition> services) {
        return String.join(", ", services.stream().map(ServiceDefinition::name).toList());
    }

    private static String label(List<String> labels, int level) {
        return level >= 1 && level <= labels.size() ? labels.get(level - 1) : "P" + level;
    }

    /** Acknowledges a triggered incident; false when it is not triggered (already acknowledged or resolved). */
    boolean acknowledge(Incident i, By by, Instant now) {
        requireTransaction();
        if (i.status() != IncidentStatus.TRIGGERED) {
            return false;
        }
        ServiceDefinition s = services.find(i.orgId(), i.serviceId()).orElseThrow();
        Instant ackTimeout = s.acknowledgementTimeout() == null ? null : now.plusSeconds(s.acknowledgementTimeout());
        if (!incidents.transition(i.id(), i.version(), IncidentStatus.ACKNOWLEDGED, i.level(), i.loop(), null, ackTimeout,
                i.autoResolveAt(), now, null)) {
            return false;
        }
        alerts.acknowledgeAllOf(i.id(), now);
        incidents.log(i.id(), now, "acknowledged", by.userId(), by.actor(), by.via(), "Acknowledged by " + by.actor() + " via " + by.via()
                + (ackTimeout == null ? "" : "; it triggers again if not resolved in " + minutes(s.acknowledgementTimeout())));
        signal(i.orgId(), i.id(), "incident.acknowledged", Map.of("number", i.number(), "by", by.actor(), "via", by.via()), now);
        pager.stop(i.orgId(), i.subject());
        return true;
    }

    /** Resolves an incident that is not resolved, with its alerts; false when it already was. */
    boolean resolve(Incident i, By by, String why, Instant now) {
        requireTransaction();
        if (i.status() == IncidentStatus.RESOLVED) {
            return false;
        }
        if (!incidents.transition(i.id(), i.version(), IncidentStatus.RESOLVED, i.level(), i.loop(), null, null, null, i.acknowledgedAt(),
                now)) {
            return false;
        }
        alerts.resolveAllOf(i.id(), now);
        incidents.stageEntered(i.id(), IncidentStage.RESOLVED, by.userId(), now);
        incidents.log(i.id(), now, "resolved", by.userId(), by.actor(), by.via(), why);
        signal(i.orgId(), i.id(), "incident.resolved", Map.of("number", i.number(), "by", by.actor(), "via", by.via()), now);
        pager.stop(i.orgId(), i.subject());
        return true;
    }

    /** Applies the escalation step due now, if the incident is still as it was read; false when another node did it first. */
    boolean escalate(Incident i, EscalationCalculator.Step step, Instant now) {
        requireTransaction();
        ServiceDefinition s = services.find(i.orgId(), i.serviceId()).orElseThrow();
        Optional<EscalationPolicy> policy = policy(s);
        switch (step.kind()) {
            case AUTO_RESOLVE -> {
                return resolve(i, By.system("auto-resolve"), "Resolved automatically: no new alert for "
                        + minutes(s.autoResolveTimeout() == null ? 0 : s.autoResolveTimeout()), now);
            }
            case NO_POLICY, EXHAUSTED -> {
                if (!incidents.transition(i.id(), i.version(), i.status(), step.level(), step.loop(), null, i.ackTimeoutAt(),
                        i.autoResolveAt(), i.acknowledgedAt(), null)) {
                    return false;
                }
                if (step.kind() == EscalationCalculator.Kind.NO_POLICY) {
                    incidents.log(i.id(), now, "exhausted", null, "Bugmaster", "escalation",
                            "Nobody was paged: service '" + s.name() + "' has no escalation policy with a level");
                } else if (i.urgency() == io.bugmaster.oncall.Urgency.HIGH) {
                    exhausted(i, s, policy.orElse(null), now);
                }
                return true;
            }
            default -> {
                IncidentStatus status = IncidentStatus.TRIGGERED;
                Instant ackTimeout = null;
                if (!incidents.transition(i.id(), i.version(), status, step.level(), step.loop(), step.nextEscalationAt(), ackTimeout,
                        i.autoResolveAt(), i.acknowledgedAt(), null)) {
                    return false;
                }
                if (step.kind() == EscalationCalculator.Kind.RETRIGGER) {
                    alerts.reopenAcknowledged(i.id(), now);
                    incidents.log(i.id(), now, "retriggered", null, "Bugmaster", "acknowledgement timeout",
                            "Triggered again: acknowledged but not resolved within " + minutes(s.acknowledgementTimeout() == null ? 0
                                    : s.acknowledgementTimeout()));
                    signal(i.orgId(), i.id(), "incident.triggered", Map.of("number", i.number(), "service_id", s.id(), "retrigger", true), now);
                } else if (step.kind() == EscalationCalculator.Kind.ESCALATE) {
                    incidents.log(i.id(), now, "escalated", null, "Bugmaster", "escalation", "Escalated to level " + step.level()
                            + (step.loop() > 0 ? " (repeat " + step.loop() + " of " + policy.map(EscalationPolicy::numLoops).orElse(0) + ")" : "")
                            + ": not acknowledged in time");
                    signal(i.orgId(), i.id(), "incident.escalated", Map.of("number", i.number(), "level", step.level(), "loop", step.loop()), now);
                }
                Incident after = incidents.find(i.id()).orElseThrow();
                policy.ifPresent(p -> page(after, s, p, step.level(), step.loop(), now));
                return true;
            }
        }
    }

    /** Escalates now, by hand, to the next level (or a chosen one), whatever its delay. */
    boolean escalateTo(Incident i, int level, By by, Instant now) {
        requireTransaction();
        ServiceDefinition s = services.find(i.orgId(), i.serviceId()).orElseThrow();
        EscalationPolicy p = policy(s).orElseThrow(() -> new io.bugmaster.common.ConflictException(
                "service '" + s.name() + "' has no escalation policy to escalate along"));
        if (level < 1 || level > p.rules().size()) {
            throw new io.bugmaster.common.InvalidInputException("escalation_level", "policy '" + p.name() + "' has levels 1 to " + p.rules().size());
        }
        Instant next = i.urgency() == io.bugmaster.oncall.Urgency.HIGH ? now.plus(Duration.ofMinutes(p.level(level).escalationDelayInMinutes())) : null;
        if (!incidents.transition(i.id(), i.version(), IncidentStatus.TRIGGERED, level, i.loop(), next, null, i.autoResolveAt(),
                i.acknowledgedAt(), null)) {
            return false;
        }
        incidents.log(i.id(), now, "escalated", by.userId(), by.actor(), by.via(), "Escalated to level " + level + " by " + by.actor());
        signal(i.orgId(), i.id(), "incident.escalated", Map.of("number", i.number(), "level", level, "loop", i.loop(), "by", by.actor()), now);
        page(incidents.find(i.id()).orElseThrow(), s, p, level, i.loop(), now);
        return true;
    }

    /** Reassigns to these people (members of the organization): they are paged now, and the escalation starts over from them. */
    void reassign(Incident i, List<Long> userIds, By by, Instant now) {
        requireTransaction();
        ServiceDefinition s = services.find(i.orgId(), i.serviceId()).orElseThrow();
        // the escalation goes on from the current level (a policy edited since may have fewer levels: then none is due)
        Instant next = policy(s).filter(p -> i.urgency() == io.bugmaster.oncall.Urgency.HIGH)
                .map(p -> p.level(Math.max(1, i.level()))).map(r -> now.plus(Duration.ofMinutes(r.escalationDelayInMinutes()))).orElse(null);
        if (!incidents.transition(i.id(), i.version(), IncidentStatus.TRIGGERED, Math.max(1, i.level()), i.loop(), next, null,
                i.autoResolveAt(), i.acknowledgedAt(), null)) {
            throw new io.bugmaster.common.ConflictException("the incident changed meanwhile; try again");
        }
        Map<Long, Directory.Person> people = directory.joinedMembers(i.orgId(), userIds);
        incidents.setAssignees(i.id(), userIds, now);
        incidents.log(i.id(), now, "reassigned", by.userId(), by.actor(), by.via(), "Reassigned by " + by.actor() + " to "
                + String.join(", ", userIds.stream().map(id -> people.get(id).email()).toList()));
        Incident after = incidents.find(i.id()).orElseThrow();
        String slug = directory.orgSlug(i.orgId()).orElse("");
        for (long userId : userIds) {
            pageOne(after, s, slug, userId, "reassigned:" + after.version(), "Reassigned to you by " + by.actor(), now);
        }
    }

    private Optional<EscalationPolicy> policy(ServiceDefinition s) {
        return s.escalationPolicyId() == null ? Optional.empty() : policies.policy(s.orgId(), s.escalationPolicyId());
    }

    /** Pages the people a level reaches now, each once per incident, level and loop; they become the assignees. */
    private void page(Incident i, ServiceDefinition s, EscalationPolicy p, int level, int loop, Instant now) {
        List<EscalationPolicies.Reached> reached = policies.reach(p, level, now, true);
        if (reached.isEmpty()) {
            incidents.log(i.id(), now, "notified", null, "Bugmaster", "escalation", "Level " + level + " of policy '" + p.name()
                    + "' reaches nobody now (no member, or nobody on call on its schedules)");
            return;
        }
        String slug = directory.orgSlug(i.orgId()).orElse("");
        incidents.setAssignees(i.id(), reached.stream().map(EscalationPolicies.Reached::userId).toList(), now);
        for (EscalationPolicies.Reached r : reached) {
            String through = policies.describe(i.orgId(), r.through());
            pageOne(i, s, slug, r.userId(), "level:" + level + ":loop:" + loop,
                    "Level " + level + " of '" + p.name() + "'" + (through == null ? "" : " (" + through + ")"), now);
        }
    }

    private void pageOne(Incident i, ServiceDefinition s, String orgSlug, long userId, String step, String reason, Instant now) {
        Optional<Directory.Person> person = directory.joinedMember(i.orgId(), userId);
        if (person.isEmpty()) {
            return;
        }
        String pageKey = i.subject() + ":" + step + ":user:" + userId;
        Notification n = notification(i, s, orgSlug, userId, pageKey, reason, now);
        pager.page(new Pager.PageRequest(i.orgId(), userId, i.subject(), pageKey, i.urgency(), n));
        incidents.log(i.id(), now, "notified", userId, "Bugmaster", "pager", "Paged " + person.get().email() + ": " + reason);
    }

    /** The page for one person: "[#42] summary", the service as source, its facts, the runbook, and the person's own links. */
    Notification notification(Incident i, ServiceDefinition s, String orgSlug, long userId, String key, String reason, Instant now) {
        return notification(i, s, orgSlug, userId, key, "incident.triggered", reason, now);
    }

    /** The same page under another event name ({@code incident.role_assigned}), for the features built on incidents. */
    Notification notification(Incident i, ServiceDefinition s, String orgSlug, long userId, String key, String event, String reason,
            Instant now) {
        List<Notification.Field> fields = new ArrayList<>();
        fields.add(new Notification.Field("Service", s.name()));
        fields.add(new Notification.Field("Urgency", urgencyWord(i.urgency())));
        fields.add(new Notification.Field("Status", i.status().id()));
        if (i.level() > 0) {
            fields.add(new Notification.Field("Escalation level", Integer.toString(i.level())));
        }
        fields.add(Notification.Field.time("Triggered", i.createdAt()));
        String page = incidentUrl(orgSlug, i.number());
        List<Notification.Link> links = new ArrayList<>();
        links.add(new Notification.Link(Notification.OPEN, page));
        if (s.runbook() != null) {
            links.add(new Notification.Link("Runbook", page + "#runbook"));
        }
        Instant expires = now.plus(LINK_LIFETIME);
        List<Notification.Action> actions = List.of(new Notification.Action(Notification.Action.Type.OPEN, Notification.OPEN, page),
                new Notification.Action(Notification.Action.Type.ACKNOWLEDGE, "Acknowledge",
                        linkUrl(new IncidentLinkToken.Claims(IncidentLinkToken.Action.ACKNOWLEDGE, i.orgId(), i.id(), userId, expires, randomId()))),
                new Notification.Action(Notification.Action.Type.RESOLVE, "Resolve",
                        linkUrl(new IncidentLinkToken.Claims(IncidentLinkToken.Action.RESOLVE, i.orgId(), i.id(), userId, expires, randomId()))));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("incident_number", i.number());
        data.put("service", Map.of("id", Long.toString(s.id()), "name", s.name()));
        data.put("urgency", urgencyWord(i.urgency()));
        data.put("status", i.status().id());
        data.put("escalation_level", i.level());
        return Notification.of(key, Notification.Kind.ALERT, i.subject(), event, orgSlug, "[#" + i.number() + "] " + i.title())
                .withContext(s.name(), null, null, i.urgency() == io.bugmaster.oncall.Urgency.HIGH ? "critical" : "warning",
                        alerts.count(i.id(), Alert.OPEN) + alerts.count(i.id(), Alert.ACKNOWLEDGED))
                .withFields(fields).withLinks(links).withActions(actions).withReason(reason, null, now).withData(data);
    }

    /** Nobody acknowledged after the last level of the last loop: the log says so, and the service's team is told by email. */
    private void exhausted(Incident i, ServiceDefinition s, EscalationPolicy p, Instant now) {
        String policyName = p == null ? "(none)" : p.name();
        List<String> emails = s.teamId() == null ? List.of() : directory.teamMemberEmails(s.teamId());
        String told = s.teamId() == null ? "service '" + s.name() + "' has no team to tell"
                : emails.isEmpty() ? "its team has no members to tell" : "told its team by email (" + emails.size() + ")";
        incidents.log(i.id(), now, "exhausted", null, "Bugmaster", "escalation", "Nobody acknowledged after the last level of policy '"
                + policyName + "'" + (p != null && p.numLoops() > 0 ? " repeated " + p.numLoops() + " times" : "") + "; " + told);
        String slug = directory.orgSlug(i.orgId()).orElse("");
        for (String email : emails) {
            Notification n = Notification.of(i.subject() + ":exhausted:" + i.version() + ":" + email, Notification.Kind.ALERT, i.subject(),
                    "incident.escalation_exhausted", slug, "[#" + i.number() + "] Nobody acknowledged: " + i.title())
                    .withContext(s.name(), null, null, "critical", 0)
                    .withFields(List.of(new Notification.Field("Service", s.name()), new Notification.Field("Escalation policy", policyName),
                            Notification.Field.time("Triggered", i.createdAt())))
                    .withLinks(List.of(new Notification.Link(Notification.OPEN, incidentUrl(slug, i.number()))))
                    .withActions(List.of(new Notification.Action(Notification.Action.Type.OPEN, Notification.OPEN, incidentUrl(slug, i.number()))))
                    .withReason("Every level of '" + policyName + "' was paged and nobody acknowledged", null, now);
            queue.enqueue(i.orgId(), Recipient.email(email), n);
        }
    }

    String incidentUrl(String orgSlug, long number) {
        return baseUrl + "/orgs/" + org.springframework.web.util.UriUtils.encodePathSegment(orgSlug, java.nio.charset.StandardCharsets.UTF_8)
                + "/incidents/" + number;
    }

    String linkUrl(IncidentLinkToken.Claims claims) {
        return baseUrl + "/incident-actions/" + IncidentLinkToken.sign(linkKey, claims);
    }

    private void signal(long orgId, long incidentId, String kind, Map<String, ?> body, Instant now) {
        signals.raise(new NewSignal(orgId, Subject.of("incident", incidentId), kind, body), now);
    }

    static String urgencyWord(io.bugmaster.oncall.Urgency u) {
        return u == io.bugmaster.oncall.Urgency.HIGH ? "high" : "low";
    }

    private static String minutes(int seconds) {
        long m = seconds / 60;
        return m == 1 ? "1 minute" : m + " minutes";
    }

    private static String randomId() {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("incident changes are made in a transaction");
        }
    }
}
