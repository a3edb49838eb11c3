package io.bugmaster.issues.ownership;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.events.EventService;
import io.bugmaster.issues.Issue;
import io.bugmaster.issues.IssueAccess;
import io.bugmaster.issues.IssueStore;
import io.bugmaster.issues.IssueViews.Assignee;
import io.bugmaster.issues.OrgDirectory;
import io.bugmaster.issues.ownership.OwnershipRules.Owner;
import io.bugmaster.issues.ownership.OwnershipRules.Rule;
import io.bugmaster.oncall.triage.TriageRotations;
import io.bugmaster.releases.SuspectCommitService;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Ownership of a project's events: its rules (Sentry's syntax), who owns an event, automatic
 * assignment of new issues to their owner, and suggested assignees (the owners plus the suspect
 * commit's author). Reading needs project:read, changing project:write.
 */
@Service
public class OwnershipService {
    public static final String ASSIGNED_BY_RULE = "assigned by ownership rule";
    public static final String ASSIGNED_TO_BUGMASTER = "assigned to this week's bugmaster";
    static final int RECENT_EVENTS = 20;

    private final OwnershipStore store;
    private final IssueStore issues;
    private final IssueAccess access;
    private final EventService events;
    private final SuspectCommitService suspects;
    private final OrgDirectory directory;
    private final TriageRotations rotations;
    private final Transactions tx;
    private final Clock clock;

    public OwnershipService(OwnershipStore store, IssueStore issues, IssueAccess access, EventService events,
            SuspectCommitService suspects, OrgDirectory directory, TriageRotations rotations, Transactions tx, Clock clock) {
        this.store = store;
        this.rotations = rotations;
        this.directory = directory;
        this.issues = issues;
        this.access = access;
        this.events = events;
        this.suspects = suspects;
        this.tx = tx;
        this.clock = clock;
    }

    /** Auto-assignment: stored as "off" / "assign to issue owner", shown in the API with Sentry's labels. */
    public enum AutoAssignment {
        OFF("off", "Turn off Auto-Assignment"),
        ISSUE_OWNER("assign to issue owner", "Auto Assign to Issue Owner");

        private final String stored;
        private final String label;

        AutoAssignment(String stored, String label) {
            this.stored = stored;
            this.label = label;
        }

        public String stored() {
            return stored;
        }

        public String label() {
            return label;
        }

        static AutoAssignment ofStored(String value) {
            return ISSUE_OWNER.stored.equals(value) ? ISSUE_OWNER : OFF;
        }

        /** Sentry's labels (and the stored values); Sentry's "Auto Assign to Suspect Commits" is refused. */
        public static AutoAssignment parse(String value) {
            for (AutoAssignment a : values()) {
                if (a.label.equalsIgnoreCase(value) || a.stored.equalsIgnoreCase(value)) {
                    return a;
                }
            }
            throw new InvalidInputException("autoAssignment", "expected '" + ISSUE_OWNER.label + "' or '" + OFF.label
                    + "', got '" + value + "'");
        }
    }

    /** A project's ownership settings; {@code dateCreated}/{@code lastUpdated} are null until first saved. */
    public record Ownership(long projectId, String raw, boolean fallthrough, AutoAssignment autoAssignment, String codeowners,
            Instant dateCreated, Instant lastUpdated) {
        public OwnershipRules rules() {
            OwnershipRules.Parsed parsed = OwnershipRules.tryParse(raw);
            return parsed.rules();
        }
    }

    /** A change: null fields stay as they are. */
    public record Change(String raw, Boolean fallthrough, AutoAssignment autoAssignment) {}

    /** An owner as written in a rule and the member or team it names in the organization (null: none). */
    public record ResolvedOwner(Owner owner, Assignee actor) {}

    /** Who owns an event: the winning rule (null when none matched) and its owners that exist in the organization. */
    public record Owners(Rule rule, List<Assignee> owners, boolean fallthrough) {
        public boolean matched() {
            return rule != null;
        }
    }

    /** What a set of rules says about one event. */
    public record Preview(String eventId, String title, Rule rule, List<ResolvedOwner> owners) {}

    /** A suggested assignee: {@code source} is "ownershipRule" (with the rule) or "suspectCommit". */
    public record Suggestion(String source, Assignee owner, Rule rule) {}

    /** The issue's suggested assignees and the rule that matched its latest event (null when none). */
    public record Suggestions(Rule rule, List<Suggestion> owners) {}

    /** The result of a CODEOWNERS import; {@code unknownOwners} are mapped owners that are not in the organization. */
    public record ImportResult(Codeowners.Import imported, List<String> unknownOwners, String existingRaw) {}

    // --- reading and changing ---

    public Ownership get(Actor actor, String orgSlug, String projectSlug) {
        long projectId = access.project(actor, orgSlug, projectSlug, Scopes.PROJECT_READ).project().id();
        return load(projectId);
    }

    Ownership load(long projectId) {
        return store.find(projectId).map(r -> new Ownership(projectId, r.raw(), r.fallthrough(),
                AutoAssignment.ofStored(r.autoAssignment()), r.codeowners(), r.createdAt(), r.updatedAt()))
                .orElse(new Ownership(projectId, "", true, AutoAssignment.OFF, null, null, null));
    }

    /** Saves a change; the rules must parse and name only members and teams of the organization. */
    public Ownership update(Actor actor, String orgSlug, String projectSlug, Change change) {
        return tx.write(() -> {
            var scoped = access.project(actor, orgSlug, projectSlug, Scopes.PROJECT_WRITE);
            long projectId = scoped.project().id();
            Ownership current = load(projectId);
            String raw = change.raw() == null ? current.raw() : change.raw();
            OwnershipRules rules = OwnershipRules.parse(raw);
            List<String> unknown = unknownOwners(scoped.access().org().id(), rules.owners());
            if (!unknown.isEmpty()) {
                throw new InvalidInputException("raw", "not a member or team of this organization: " + String.join(", ", unknown));
            }
            store.save(projectId, raw, change.fallthrough() == null ? current.fallthrough() : change.fallthrough(),
                    (change.autoAssignment() == null ? current.autoAssignment() : change.autoAssignment()).stored(),
                    current.codeowners(), clock.millis());
            return load(projectId);
        });
    }

    /**
     * Converts a CODEOWNERS file with an owner mapping ({@code @user = email}, {@code @org/team = #team})
     * into rules, and keeps the file with the project. The rules are returned, not saved: the caller
     * shows them for review and saves them with {@link #update}.
     */
    public ImportResult importCodeowners(Actor actor, String orgSlug, String projectSlug, String codeowners, String mapping) {
        if (codeowners == null || codeowners.isBlank()) {
            throw new InvalidInputException("codeowners", "paste the contents of a CODEOWNERS file");
        }
        Map<String, String> owners = Codeowners.parseMapping(mapping);
        return tx.write(() -> {
            var scoped = access.project(actor, orgSlug, projectSlug, Scopes.PROJECT_WRITE);
            long projectId = scoped.project().id();
            Codeowners.Import imported = Codeowners.convert(codeowners, owners);
            List<String> unknown = unknownOwners(scoped.access().org().id(), OwnershipRules.parse(imported.rules()).owners());
            Ownership current = load(projectId);
            store.save(projectId, current.raw(), current.fallthrough(), current.autoAssignment().stored(), codeowners, clock.millis());
            return new ImportResult(imported, unknown, current.raw());
        });
    }

    /** Tests rules (saved or not) against one of the project's events. */
    public Preview preview(Actor actor, String orgSlug, String projectSlug, String raw, String eventId) {
        var scoped = access.project(actor, orgSlug, projectSlug, Scopes.PROJECT_READ);
        OwnershipRules rules = OwnershipRules.parse(raw);
        if (eventId == null || eventId.isBlank()) {
            throw new InvalidInputException("eventId", "choose an event to test the rules against");
        }
        JsonNode event = events.forProject(actor, orgSlug, projectSlug, eventId.strip());
        Optional<OwnershipRules.Match> match = rules.match(EventOwnershipFacts.of(event));
        long orgId = scoped.access().org().id();
        List<ResolvedOwner> owners = match.map(m -> m.owners().stream().map(o -> new ResolvedOwner(o, resolve(orgId, o).orElse(null)))
                .toList()).orElse(List.of());
        return new Preview(event.path("eventID").asString(""), event.path("title").asString(""),
                match.map(OwnershipRules.Match::rule).orElse(null), owners);
    }

    /** The project's recent events, to pick one for a preview (newest first). */
    public List<EventService.RecentEvent> recentEvents(Actor actor, String orgSlug, String projectSlug) {
        return List.copyOf(events.recentForProject(actor, orgSlug, projectSlug, RECENT_EVENTS));
    }

    // --- for other features: no caller checks ---

    /**
     * Who owns an event of a project under its saved rules. {@code event} is the event's JSON, either
     * as an SDK sent it (the stored payload) or as the API renders it. No owners and no rule when the
     * project has no rules or none matches; then {@code fallthrough} says whether everyone should hear.
     */
    public Owners ownersOf(long projectId, JsonNode event) {
        Ownership ownership = load(projectId);
        OwnershipRules.Parsed parsed = OwnershipRules.tryParse(ownership.raw());
        Optional<OwnershipRules.Match> match = parsed.rules().match(EventOwnershipFacts.of(event));
        if (match.isEmpty()) {
            return new Owners(null, List.of(), ownership.fallthrough());
        }
        long orgId = directory.orgOfProject(projectId).orElse(-1L);
        List<Assignee> owners = match.get().owners().stream().map(o -> resolve(orgId, o)).flatMap(Optional::stream).toList();
        return new Owners(match.get().rule(), owners, ownership.fallthrough());
    }

    /** Who owns an issue: {@link #ownersOf(long, JsonNode)} of its latest event. */
    public Owners ownersOfIssue(long issueId) {
        Optional<Issue> issue = issues.find(issueId);
        if (issue.isEmpty()) {
            return new Owners(null, List.of(), false);
        }
        return events.latestPayload(issueId).map(e -> ownersOf(issue.get().projectId(), e))
                .orElse(new Owners(null, List.of(), load(issue.get().projectId()).fallthrough()));
    }

    /**
     * Assigns a never-assigned issue to the first owner (a member or team of the organization) of
     * the rule that matches its latest event, when the project's auto-assignment is on, and records
     * an "assigned" activity with reason "assigned by ownership rule". An issue that no rule owns
     * goes to this week's bugmaster instead: whoever is on call now on the triage rotation of one of
     * the project's teams (reason "assigned to this week's bugmaster"); with no rotation, or nobody
     * on it, it stays unassigned. An issue that a person assigned or unassigned, ever, is left alone.
     * Returns the new assignee, or empty when nothing changed.
     */
    public Optional<Assignee> autoAssign(long issueId) {
        return tx.write(() -> {
            Optional<Issue> found = issues.find(issueId);
            if (found.isEmpty()) {
                return Optional.<Assignee>empty();
            }
            Issue issue = found.get();
            if (issue.assigneeUserId() != null || issue.assigneeTeamId() != null || issues.everAssigned(issueId)) {
                return Optional.<Assignee>empty();
            }
            boolean toOwner = load(issue.projectId()).autoAssignment() == AutoAssignment.ISSUE_OWNER;
            boolean toBugmaster = rotations.hasRotation(issue.projectId());
            if (!toOwner && !toBugmaster) {
                return Optional.<Assignee>empty(); // no need to read the event
            }
            Owners owners = ownersOfIssue(issueId);
            if (owners.owners().isEmpty()) {
                return toBugmaster ? assignToBugmaster(issue) : Optional.<Assignee>empty();
            }
            if (!toOwner) {
                return Optional.<Assignee>empty(); // owned, though not assigned to its owner: not the bugmaster's
            }
            Assignee owner = owners.owners().get(0);
            Long userId = "user".equals(owner.type()) ? owner.id() : null;
            Long teamId = "team".equals(owner.type()) ? owner.id() : null;
            if (!issues.assignIfUnassigned(issueId, userId, teamId)) {
                return Optional.<Assignee>empty();
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("assignee", String.valueOf(owner.id()));
            data.put("assigneeType", owner.type());
            data.put("assigneeEmail", owner.email() == null ? "" : owner.email());
            data.put("reason", ASSIGNED_BY_RULE);
            data.put("rule", owners.rule().text());
            issues.addActivity(issueId, "assigned", null, data, clock.millis());
            return Optional.of(owner);
        });
    }

    /** The bugmaster's half of {@link #autoAssign}, in its transaction. */
    private Optional<Assignee> assignToBugmaster(Issue issue) {
        Optional<TriageRotations.Bugmaster> found = rotations.bugmasterOfProject(issue.orgId(), issue.projectId(), clock.instant());
        if (found.isEmpty() || !issues.assignIfUnassigned(issue.id(), found.get().bugmaster().id(), null)) {
            return Optional.empty();
        }
        TriageRotations.Bugmaster rotation = found.get();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("assignee", String.valueOf(rotation.bugmaster().id()));
        data.put("assigneeType", "user");
        data.put("assigneeEmail", rotation.bugmaster().email());
        data.put("reason", ASSIGNED_TO_BUGMASTER);
        data.put("schedule", rotation.scheduleName());
        data.put("team", rotation.teamSlug());
        issues.addActivity(issue.id(), "assigned", null, data, clock.millis());
        return Optional.of(new Assignee("user", rotation.bugmaster().id(), rotation.bugmaster().name(), rotation.bugmaster().email()));
    }

    /** The issue's suggested assignees: owners by rule (of its latest event), then the suspect commit's author. */
    public Suggestions suggestedAssignees(Actor actor, String orgSlug, String issueId) {
        Issue issue = access.issue(actor, orgSlug, issueId, Scopes.EVENT_READ).issue();
        Owners owners = ownersOfIssue(issue.id());
        List<Suggestion> out = new ArrayList<>();
        owners.owners().forEach(o -> out.add(new Suggestion("ownershipRule", o, owners.rule())));
        try {
            suspects.suspectCommit(issue.id()).map(s -> s.commit().authorEmail()).filter(e -> e != null && !e.isBlank())
                    .flatMap(email -> directory.memberUserByEmail(issue.orgId(), email))
                    .filter(a -> out.stream().noneMatch(s -> s.owner().type().equals(a.type()) && s.owner().id() == a.id()))
                    .ifPresent(a -> out.add(new Suggestion("suspectCommit", a, null)));
        } catch (RuntimeException e) {
            // no suspect commit to suggest: the owners by rule still stand
        }
        return new Suggestions(owners.rule(), out);
    }

    private List<String> unknownOwners(long orgId, List<Owner> owners) {
        return owners.stream().filter(o -> resolve(orgId, o).isEmpty()).map(Owner::text).distinct().toList();
    }

    private Optional<Assignee> resolve(long orgId, Owner owner) {
        return owner.type() == Owner.Type.USER ? directory.memberUserByEmail(orgId, owner.identifier())
                : directory.teamIdBySlug(orgId, owner.identifier()).flatMap(id -> directory.team(orgId, id));
    }
}
