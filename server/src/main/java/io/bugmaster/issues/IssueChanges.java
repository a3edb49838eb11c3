package io.bugmaster.issues;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.Subject;
import io.bugmaster.events.EventService;
import io.bugmaster.issues.IssueViews.Assignee;
import io.bugmaster.issues.IssueViews.Merge;
import io.bugmaster.issues.IssueViews.ProjectRef;
import io.bugmaster.releases.ReleaseService;
import io.bugmaster.releases.Semver;
import io.bugmaster.signals.NewSignal;
import io.bugmaster.signals.Signals;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Changing issues for a caller, one or in bulk: the status workflow (resolve, resolve in a release
 * or commit, ignore with conditions, reopen), assignment, per-person state (seen, bookmark,
 * subscription), review, merge and delete. Every change is recorded as an activity of the issue
 * and told to the issue's followers.
 */
@Service
public class IssueChanges {
    public static final int BULK_LIMIT = 1000;

    private final IssueStore store;
    private final OrgDirectory directory;
    private final IssueAccess access;
    private final IssueQueries queries;
    private final IssueFollowers followers;
    private final EventService events;
    private final Transactions tx;
    private final ReleaseService releases;
    private final Signals signals;
    private final IssueDeletions deletions;
    private final Clock clock;

    IssueChanges(IssueStore store, OrgDirectory directory, IssueAccess access, IssueQueries queries, IssueFollowers followers,
            EventService events, ReleaseService releases, Transactions tx, Clock clock, Signals signals, IssueDeletions deletions) {
        this.signals = signals;
        this.deletions = deletions;
        this.store = store;
        this.directory = directory;
        this.access = access;
        this.queries = queries;
        this.followers = followers;
        this.events = events;
        this.releases = releases;
        this.tx = tx;
        this.clock = clock;
    }

    // --- changing ---

    /** What changed, in the shape of Sentry's bulk-update reply; {@code issueIds} are the issues changed. */
    public record UpdateResult(IssueUpdate update, String status, String substatus, StatusDetails statusDetails,
            Assignee assignee, Merge merge, List<Long> issueIds) {}

    public UpdateResult update(Actor actor, String orgSlug, String issueId, IssueUpdate update) {
        return update(actor, orgSlug, issueId, update, null);
    }

    /**
     * The same, made by the person from elsewhere ({@code via}: "Slack"): their role decides as on
     * the web, and the activity and the signal say where the change came from.
     */
    public UpdateResult update(Actor actor, String orgSlug, String issueId, IssueUpdate update, String via) {
        if (update.merge()) {
            throw new InvalidInputException("merge", "merge issues with PUT /api/0/projects/{org}/{project}/issues/?id=..&id=..");
        }
        return tx.write(() -> {
            var scoped = access.issue(actor, orgSlug, issueId, requiredScope(update));
            return apply(Acting.person(actor, via), scoped.access().org().id(), List.of(scoped.issue()), update);
        });
    }

    /** Changes the issues given by id, or else those matching {@code query} (Sentry's default: is:unresolved), at most 1000. */
    public Optional<UpdateResult> bulkUpdate(Actor actor, String orgSlug, String projectSlug, List<String> ids, String query,
            IssueUpdate update) {
        return tx.write(() -> {
            var scoped = access.project(actor, orgSlug, projectSlug, requiredScope(update));
            List<Issue> issues = select(actor, scoped.access(), scoped.project(), ids, query == null ? IssueQueries.DEFAULT_QUERY : query);
            if (issues.isEmpty()) {
                return Optional.<UpdateResult>empty();
            }
            if (update.merge()) {
                return Optional.of(merge(actor, issues));
            }
            return Optional.of(apply(Acting.person(actor), scoped.access().org().id(), issues, update));
        });
    }

    /**
     * Changes issues given by id across the organization's projects, one project at a time (merge:
     * the issues must all be of one project). Ids of other organizations are left alone.
     */
    public List<UpdateResult> bulkUpdateInOrganization(Actor actor, String orgSlug, List<String> ids, IssueUpdate update) {
        if (ids == null || ids.isEmpty()) {
            throw new InvalidInputException("id", "select at least one issue");
        }
        return tx.write(() -> {
            OrgAccess org = access.organization(actor, orgSlug, requiredScope(update));
            Map<Long, List<Issue>> byProject = new LinkedHashMap<>();
            for (Issue issue : store.findAll(parseIds(ids))) {
                if (issue.orgId() == org.org().id()) {
                    byProject.computeIfAbsent(issue.projectId(), p -> new ArrayList<>()).add(issue);
                }
            }
            if (update.merge() && byProject.size() > 1) {
                throw new InvalidInputException("id", "only issues of one project can be merged");
            }
            if (update.merge() && byProject.isEmpty()) {
                throw new InvalidInputException("id", "merging needs at least two issues of this project");
            }
            List<UpdateResult> results = new ArrayList<>();
            for (List<Issue> issues : byProject.values()) {
                results.add(update.merge() ? merge(actor, issues) : apply(Acting.person(actor), org.org().id(), issues, update));
            }
            return results;
        });
    }

    /** Marks issues of the organization reviewed for everyone (an activity on each); returns how many left the inbox. */
    public int markReviewed(Actor actor, String orgSlug, List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new InvalidInputException("id", "select at least one issue");
        }
        return tx.write(() -> {
            OrgAccess org = access.organization(actor, orgSlug, Scopes.EVENT_WRITE);
            List<Long> mine = store.findAll(parseIds(ids)).stream().filter(i -> i.orgId() == org.org().id()).map(Issue::id)
                    .toList();
            long now = clock.millis();
            List<Long> changed = store.markReviewed(mine, actor.userId(), now);
            for (long id : changed) {
                store.addActivity(id, "mark_reviewed", actor.userId(), Map.of(), now);
            }
            return changed.size();
        });
    }

    private static Set<Long> parseIds(List<String> ids) {
        if (ids.size() > BULK_LIMIT) {
            throw new InvalidInputException("id", "at most " + BULK_LIMIT + " issues at once");
        }
        Set<Long> wanted = new LinkedHashSet<>();
        for (String id : ids) {
            try {
                wanted.add(Long.parseLong(id.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("id", "expected issue ids, got '" + id + "'");
            }
        }
        return wanted;
    }

    /** Deletes the issue with its events and what other features keep for them (attachments, feedback). */
    public void delete(Actor actor, String orgSlug, String issueId) {
        tx.write(() -> deleteAll(Acting.person(actor), List.of(access.issue(actor, orgSlug, issueId, Scopes.EVENT_ADMIN).issue())));
    }

    /**
     * Deletes the issues given by id or matching {@code query} (one of them is required), at most 1000, as {@link #delete}
     * does; returns how many.
     */
    public int bulkDelete(Actor actor, String orgSlug, String projectSlug, List<String> ids, String query) {
        if ((ids == null || ids.isEmpty()) && (query == null || query.isBlank())) {
            throw new InvalidInputException("id", "give the issues to delete as id=..&id=.. or a query=");
        }
        return tx.write(() -> {
            var scoped = access.project(actor, orgSlug, projectSlug, Scopes.EVENT_ADMIN);
            List<Issue> issues = select(actor, scoped.access(), scoped.project(), ids, query);
            deleteAll(Acting.person(actor), issues);
            return issues.size();
        });
    }

    /**
     * A project is being deleted, and its issues with it: {@code issue.deleted} is raised for each
     * that is not resolved (a resolved issue's alerts were closed when it was resolved), in the
     * deletion's transaction, a thousand at a time.
     */
    void projectDeleting(long projectId, String actor) {
        Acting acting = new Acting(null, actor, null);
        List<Long> ids = store.unresolvedIdsOfProject(projectId);
        for (int from = 0; from < ids.size(); from += BULK_LIMIT) {
            List<Issue> issues = store.findAll(ids.subList(from, Math.min(ids.size(), from + BULK_LIMIT)));
            signals.raiseAll(issues.stream().map(i -> new NewSignal(i.orgId(), Subject.issue(i.id()), IssueWorkflow.Signal.DELETED.topic(),
                    goneSignal(i, acting, null))).toList(), clock.instant());
        }
    }

    /** Deletes issues, raising {@code issue.deleted} for each in the same transaction, so alerts open about them get closed. */
    private void deleteAll(Acting actor, List<Issue> issues) {
        Instant now = clock.instant();
        signals.raiseAll(issues.stream().map(i -> new NewSignal(i.orgId(), Subject.issue(i.id()), IssueWorkflow.Signal.DELETED.topic(),
                goneSignal(i, actor, null))).toList(), now);
        deletions.delete(issues);
    }

    /**
     * What the signal of an issue that is gone (deleted, or merged into {@code into}) says: who did
     * it and what the issue was, since nothing can look it up any more. Texts are cut so the body stays small.
     */
    private static Map<String, Object> goneSignal(Issue issue, Acting actor, Issue into) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("actor", actor.name());
        data.put("shortId", issue.shortId());
        data.put("organization", issue.orgSlug());
        data.put("project", issue.projectSlug());
        data.put("title", cut(issue.title(), 300));
        data.put("culprit", cut(issue.culprit(), 150));
        data.put("level", issue.level());
        data.put("count", issue.timesSeen());
        data.put("users", issue.userCount());
        if (into != null) {
            data.put("target", into.id());
            data.put("targetShortId", into.shortId());
        }
        return data;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private List<Issue> select(Actor actor, OrgAccess org, ProjectRef project, List<String> ids, String query) {
        if (ids != null && !ids.isEmpty()) {
            if (ids.size() > BULK_LIMIT) {
                throw new InvalidInputException("id", "at most " + BULK_LIMIT + " issues at once");
            }
            Set<Long> wanted = new LinkedHashSet<>();
            for (String id : ids) {
                try {
                    wanted.add(Long.parseLong(id.strip()));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("id", "expected issue ids, got '" + id + "'");
                }
            }
            return store.findAll(wanted).stream().filter(i -> i.projectId() == project.id()).toList();
        }
        List<Long> matching = store.searchIds(queries.where(actor, org, List.of(project.id()), query, IssueQueries.Narrowing.NONE), BULK_LIMIT);
        return store.findAll(matching);
    }

    private static String requiredScope(IssueUpdate update) {
        if (update.isEmpty()) {
            throw new InvalidInputException(null, "nothing to change: give status, statusDetails, assignedTo, hasSeen, "
                    + "isBookmarked, isSubscribed or merge");
        }
        if (update.merge()) {
            if (update.changesStatus() || update.assign() || update.hasSeen() != null || update.isBookmarked() != null
                    || update.isSubscribed() != null) {
                throw new InvalidInputException("merge", "cannot be combined with other changes");
            }
            return Scopes.EVENT_ADMIN;
        }
        return update.changesStatus() || update.assign() ? Scopes.EVENT_WRITE : Scopes.EVENT_READ;
    }

    /**
     * Changes an issue's status for the system, on behalf of someone who holds no session: the
     * recipient of a message whose action link was used (the caller checked the link). The activity
     * has no user; {@code via} says how it was made ("a Slack message to the channel “Ops”"), and
     * the issue's followers are told so. Empty when the issue is gone or is not the organization's.
     */
    Optional<Issue> changeStatusForSystem(long orgId, long issueId, IssueUpdate update, String via) {
        if (!update.changesStatus() || update.assign() || update.merge()) {
            throw new IllegalArgumentException("the system changes only an issue's status");
        }
        return tx.write(() -> {
            Optional<Issue> issue = store.find(issueId).filter(i -> i.orgId() == orgId);
            issue.ifPresent(i -> apply(Acting.system(via), orgId, List.of(i), update));
            return issue.flatMap(i -> store.find(i.id()));
        });
    }

    private UpdateResult apply(Acting actor, long orgId, List<Issue> issues, IssueUpdate u) {
        long now = clock.millis();
        Assignee assignee = u.assign() && u.assignedTo() != null ? resolveAssignee(orgId, u.assignedTo()) : null;
        StatusDetails shown = null;
        String substatus = null;
        String latestRelease = null;
        boolean releaseLooked = false;
        String named = u.changesStatus() ? u.details().inRelease() : null;
        if (named != null && !"latest".equals(named) && !releases.exists(orgId, named)) {
            throw new InvalidInputException("statusDetails.inRelease", "release '" + named
                    + "' does not exist in this organization: create it first (sentry-cli releases new) or use 'latest'");
        }
        for (Issue issue : issues) {
            if (u.changesStatus()) {
                if (!releaseLooked && u.status().equals(IssueWorkflow.RESOLVED)
                        && (Boolean.TRUE.equals(u.details().inNextRelease()) || "latest".equals(u.details().inRelease()))) {
                    latestRelease = latestRelease(issue.projectId());
                    releaseLooked = true;
                    if ("latest".equals(u.details().inRelease()) && latestRelease == null) {
                        throw new InvalidInputException("statusDetails.inRelease", "the project has no release yet");
                    }
                }
                StatusDetails details = details(u, issue, latestRelease, actor, now);
                substatus = substatus(u, details);
                store.setStatus(issue.id(), u.status(), substatus, details,
                        u.status().equals(IssueWorkflow.RESOLVED) ? now : null);
                String type = activityType(u.status(), details);
                long activity = store.addActivity(issue.id(), type, actor.userId(), withVia(activityData(details), actor), now);
                if (!issue.status().equals(u.status())) {
                    followers.tell(issue, activity, type, actor, null, null);
                    if (u.status().equals(IssueWorkflow.RESOLVED)) {
                        signals.raise(new NewSignal(issue.orgId(), Subject.issue(issue.id()), IssueWorkflow.Signal.RESOLVED.topic(),
                                resolvedSignal(type, actor, details)), Instant.ofEpochMilli(now));
                    } else {
                        signals.raise(new NewSignal(issue.orgId(), Subject.issue(issue.id()), IssueWorkflow.Signal.CHANGED.topic(),
                                changedSignal(type, actor)), Instant.ofEpochMilli(now));
                    }
                }
                shown = shown == null ? details : shown;
            }
            if (u.assign()) {
                boolean changed = !Objects.equals(issue.assigneeUserId(), userOf(assignee))
                        || !Objects.equals(issue.assigneeTeamId(), teamOf(assignee));
                store.assign(issue.id(), userOf(assignee), teamOf(assignee));
                if (changed) {
                    long activity = store.addActivity(issue.id(), assignee == null ? "unassigned" : "assigned", actor.userId(),
                            assignee == null ? Map.of() : Map.of("assignee", String.valueOf(assignee.id()),
                                    "assigneeType", assignee.type(), "assigneeEmail", assignee.email() == null ? "" : assignee.email()),
                            now);
                    if (assignee != null) {
                        followers.tell(store.find(issue.id()).orElse(issue), activity, "assigned", actor, null, teamOf(assignee));
                    }
                    signals.raise(new NewSignal(issue.orgId(), Subject.issue(issue.id()), IssueWorkflow.Signal.CHANGED.topic(),
                            changedSignal(assignee == null ? "unassigned" : "assigned", actor)), Instant.ofEpochMilli(now));
                }
            }
            if (u.hasSeen() != null || u.isBookmarked() != null || u.isSubscribed() != null) {
                store.updateUserState(issue.id(), actor.userId(), u.hasSeen(), u.isBookmarked(), u.isSubscribed(), now);
            }
        }
        return new UpdateResult(u, u.status(), substatus, shown, assignee, null, issues.stream().map(Issue::id).toList());
    }

    private static Long userOf(Assignee a) {
        return a != null && a.type().equals("user") ? a.id() : null;
    }

    private static Long teamOf(Assignee a) {
        return a != null && a.type().equals("team") ? a.id() : null;
    }

    private StatusDetails details(IssueUpdate u, Issue issue, String latestRelease, Acting actor, long now) {
        IssueUpdate.Requested r = u.details();
        switch (u.status()) {
            case IssueWorkflow.RESOLVED -> {
                if (!r.resolves()) {
                    return null;
                }
                boolean next = Boolean.TRUE.equals(r.inNextRelease());
                String inRelease = "latest".equals(r.inRelease()) ? latestRelease : r.inRelease();
                return new StatusDetails(next ? true : null, inRelease, next ? latestRelease : null, null, null, null, null, null,
                        null, null, null, actor.userId(), r.inCommit());
            }
            case IssueWorkflow.IGNORED -> {
                if (!r.ignores()) {
                    return null;
                }
                Long until = r.ignoreUntil() != null ? Long.valueOf(r.ignoreUntil().toEpochMilli())
                        : r.ignoreDuration() != null ? Long.valueOf(now + r.ignoreDuration() * 60_000L) : null;
                return new StatusDetails(null, null, null, until, r.ignoreCount(), r.ignoreWindow(), r.ignoreUserCount(),
                        r.ignoreUserWindow(), r.ignoreUntilEscalating(), issue.timesSeen(), issue.userCount(), actor.userId(), null);
            }
            default -> {
                return null;
            }
        }
    }

    private static String substatus(IssueUpdate u, StatusDetails details) {
        return switch (u.status()) {
            case IssueWorkflow.UNRESOLVED -> "ongoing";
            case IssueWorkflow.IGNORED -> details == null ? "archived_forever"
                    : Boolean.TRUE.equals(details.ignoreUntilEscalating()) ? "archived_until_escalating"
                    : "archived_until_condition_met";
            default -> null;
        };
    }

    private static String activityType(String status, StatusDetails details) {
        return switch (status) {
            case IssueWorkflow.RESOLVED -> details == null ? "set_resolved"
                    : details.inCommit() != null ? "set_resolved_in_commit" : "set_resolved_in_release";
            case IssueWorkflow.IGNORED -> "set_ignored";
            default -> "set_unresolved";
        };
    }

    /** What the resolved signal says: who resolved it (by email, as messages name people) and how (the activity). */
    private static Map<String, Object> resolvedSignal(String activityType, Acting actor, StatusDetails details) {
        Map<String, Object> data = new LinkedHashMap<>(activityData(details));
        data.put("activity", activityType);
        data.put("actor", actor.name());
        return withVia(data, actor);
    }

    /** What the changed signal says: what was done (the activity), by whom (by email) and from where ({@code via}, when not the web). */
    private static Map<String, Object> changedSignal(String activityType, Acting actor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("activity", activityType);
        data.put("actor", actor.name());
        return withVia(data, actor);
    }

    /** A change the system made for someone: how, for the activity list. */
    private static Map<String, Object> withVia(Map<String, Object> data, Acting actor) {
        if (actor.via() == null) {
            return data;
        }
        Map<String, Object> out = new LinkedHashMap<>(data);
        out.put("via", actor.via());
        return out;
    }

    private static Map<String, Object> activityData(StatusDetails details) {
        if (details == null) {
            return Map.of();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (details.boundRelease() != null || Boolean.TRUE.equals(details.inNextRelease())) {
            data.put("version", details.inRelease() != null ? details.inRelease() : "");
        }
        if (details.inCommit() != null) {
            data.put("commit", details.inCommit().commit());
        }
        putIfSet(data, "ignoreUntil", details.ignoreUntil() == null ? null : Instant.ofEpochMilli(details.ignoreUntil()).toString());
        putIfSet(data, "ignoreCount", details.ignoreCount());
        putIfSet(data, "ignoreWindow", details.ignoreWindow());
        putIfSet(data, "ignoreUserCount", details.ignoreUserCount());
        putIfSet(data, "ignoreUserWindow", details.ignoreUserWindow());
        putIfSet(data, "ignoreUntilEscalating", details.ignoreUntilEscalating());
        return data;
    }

    private static void putIfSet(Map<String, Object> data, String key, Object value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    /** {@code user:<id>}, {@code team:<id>}, a bare user id, {@code #team-slug} or a member's email. */
    private Assignee resolveAssignee(long orgId, String value) {
        Optional<Assignee> found;
        try {
            if (value.startsWith("user:")) {
                found = directory.memberUser(orgId, Long.parseLong(value.substring(5)));
            } else if (value.startsWith("team:")) {
                found = directory.team(orgId, Long.parseLong(value.substring(5)));
            } else if (value.startsWith("#")) {
                found = directory.teamIdBySlug(orgId, value.substring(1)).flatMap(id -> directory.team(orgId, id));
            } else if (value.chars().allMatch(Character::isDigit)) {
                found = directory.memberUser(orgId, Long.parseLong(value));
            } else if (value.contains("@")) {
                found = directory.memberUserByEmail(orgId, value);
            } else {
                throw new InvalidInputException("assignedTo", "expected user:<id>, team:<id> or an email address, got '" + value + "'");
            }
        } catch (NumberFormatException e) {
            throw new InvalidInputException("assignedTo", "expected user:<id>, team:<id> or an email address, got '" + value + "'");
        }
        return found.orElseThrow(() -> new InvalidInputException("assignedTo", "'" + value
                + "' is not a member or team of this organization"));
    }

    /**
     * The project's latest release: by version when its recent releases are all semver versions of
     * one package, else the most recently released (or created) one.
     */
    String latestRelease(long projectId) {
        List<String> recent = releases.recentVersionsOfProject(projectId, 20);
        if (recent.isEmpty()) {
            return null;
        }
        String pkg = Semver.packageOf(recent.get(0));
        boolean semver = recent.stream().allMatch(v -> Semver.parse(v).isPresent() && Semver.packageOf(v).equals(pkg));
        if (!semver) {
            return recent.get(0);
        }
        return recent.stream().max(Comparator.comparing(v -> Semver.parse(v).orElseThrow())).orElseThrow();
    }

    /**
     * Merges issues of one project: the one with the most events absorbs the others (ties: the
     * oldest issue), with their events, hashes (so future events of either land in it), users, tag
     * and hourly counts; the others are deleted.
     */
    private UpdateResult merge(Actor actor, List<Issue> issues) {
        if (issues.size() < 2) {
            throw new InvalidInputException("id", "merging needs at least two issues of this project");
        }
        Issue target = issues.stream().max(Comparator.comparingLong(Issue::timesSeen)
                .thenComparing(Comparator.comparingLong(Issue::id).reversed())).orElseThrow();
        List<Issue> sources = issues.stream().filter(i -> i.id() != target.id()).toList();
        List<Long> sourceIds = sources.stream().map(Issue::id).toList();
        // raised before the sources are gone; the alerts open about them are closed ("merged into ...")
        signals.raiseAll(sources.stream().map(i -> new NewSignal(i.orgId(), Subject.issue(i.id()), IssueWorkflow.Signal.MERGED.topic(),
                goneSignal(i, Acting.person(actor), target))).toList(), clock.instant());
        events.moveToIssue(sourceIds, target.id());
        store.absorb(target.id(), sourceIds);
        List<Map<String, Object>> absorbed = sources.stream().map(i -> Map.<String, Object>of("id", String.valueOf(i.id()),
                "shortId", i.shortId(), "title", i.title())).toList();
        store.addActivity(target.id(), "merge", actor.userId(), Map.of("issues", absorbed), clock.millis());
        return new UpdateResult(null, null, null, null, null, new Merge(target.id(), sourceIds),
                issues.stream().map(Issue::id).toList());
    }
}
