package io.bugmaster.issues;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Page;
import io.bugmaster.common.Subject;
import io.bugmaster.events.EventService;
import io.bugmaster.issues.IssueViews.Activity;
import io.bugmaster.issues.IssueViews.Assignee;
import io.bugmaster.issues.IssueViews.Hash;
import io.bugmaster.issues.IssueViews.IssueView;
import io.bugmaster.issues.IssueViews.Merge;
import io.bugmaster.issues.IssueViews.ProjectRef;
import io.bugmaster.issues.IssueViews.TagKey;
import io.bugmaster.issues.IssueViews.TagValue;
import io.bugmaster.issues.search.DateRange;
import io.bugmaster.issues.search.SearchParser;
import io.bugmaster.issues.search.SearchQuery;
import io.bugmaster.issues.search.SearchSql;
import io.bugmaster.accounts.Role;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.releases.Deploy;
import io.bugmaster.releases.ReleaseService;
import io.bugmaster.releases.Semver;
import io.bugmaster.signals.NewSignal;
import io.bugmaster.signals.Signals;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Duration;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * The issue workflow from the API side: lists and search, status changes (resolve, resolve in a
 * release, ignore with conditions), assignment, per-person state, merge and delete. Every change
 * is recorded as an activity of the issue.
 */
@Service
public class IssueService {
    public static final int BULK_LIMIT = 1000;
    public static final String DEFAULT_QUERY = "is:unresolved";
    private static final Pattern PERIOD = Pattern.compile("(\\d{1,3})([hd])");
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final int TOP_VALUES = 9;

    private final IssueStore store;
    private final IssueAccess access;
    private final EventService events;
    private final Transactions tx;
    private final ReleaseService releases;
    private final Clock clock;
    private final org.springframework.beans.factory.ObjectProvider<IssueActivityListener> listeners;
    private final Signals signals;

    public IssueService(IssueStore store, IssueAccess access, EventService events, ReleaseService releases, Transactions tx,
            Clock clock, org.springframework.beans.factory.ObjectProvider<IssueActivityListener> listeners, Signals signals) {
        this.listeners = listeners;
        this.signals = signals;
        this.store = store;
        this.access = access;
        this.events = events;
        this.releases = releases;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Counts per bucket over a period: {@code 24h} (hourly buckets) or {@code 14d} (daily), ending with the
     * bucket that holds {@code endMillis} (null: now); null means none.
     */
    public record StatsPeriod(String key, long bucketMillis, int buckets, Long endMillis) {
        /** Sentry's {@code statsPeriod}: absent means 24h, empty means no stats. */
        public static StatsPeriod parse(String value) {
            return parse("statsPeriod", value);
        }

        static StatsPeriod parse(String name, String value) {
            if (value == null) {
                return new StatsPeriod("24h", HOUR, 24, null);
            }
            if (value.isBlank()) {
                return null;
            }
            Matcher m = PERIOD.matcher(value.strip());
            if (m.matches()) {
                int n = Integer.parseInt(m.group(1));
                if (m.group(2).equals("h") && n >= 1 && n <= 168) {
                    return new StatsPeriod(value.strip(), HOUR, n, null);
                }
                if (m.group(2).equals("d") && n >= 1 && n <= 90) {
                    return new StatsPeriod(value.strip(), DAY, n, null);
                }
            }
            throw new InvalidInputException(name, "expected 24h or 14d (1 to 168 hours, 1 to 90 days), auto, or empty for none");
        }

        /**
         * Sentry's {@code groupStatsPeriod}: as {@link #parse}, or {@code auto} for the list's time range (hourly up
         * to 7 days, else daily, at most 90 days; the last 24 hours when the list has no range).
         */
        public static StatsPeriod forList(String value, DateRange range) {
            if (value == null || !value.strip().equals("auto")) {
                return parse("groupStatsPeriod", value);
            }
            Duration length;
            Long end = null;
            if (range instanceof DateRange.Between b) {
                length = Duration.between(b.start(), b.end());
                end = b.end().toEpochMilli() - 1;
            } else if (range instanceof DateRange.Recent r) {
                length = r.within();
            } else {
                length = Duration.ofHours(24);
            }
            long bucket = length.compareTo(Duration.ofDays(7)) <= 0 ? HOUR : DAY;
            long count = Math.max(1, Math.min(bucket == HOUR ? 168 : 90, (length.toMillis() + bucket - 1) / bucket));
            return new StatsPeriod("auto", bucket, (int) count, end);
        }
    }

    // --- reading ---

    public Page<IssueView> listForProject(Actor actor, String orgSlug, String projectSlug, String query, String sort,
            String statsPeriod, int offset, int limit) {
        return listForProject(actor, orgSlug, projectSlug, query, Narrowing.NONE, sort, StatsPeriod.parse(statsPeriod), offset, limit);
    }

    /** The project's issues, narrowed by environment or time range. */
    public Page<IssueView> listForProject(Actor actor, String orgSlug, String projectSlug, String query, Narrowing narrowing,
            String sort, StatsPeriod stats, int offset, int limit) {
        var scoped = access.project(actor, orgSlug, projectSlug, Scopes.EVENT_READ);
        return list(actor, scoped.access(), List.of(scoped.project().id()), query, narrowing, sort, stats, offset, limit);
    }

    /** Issues of the whole organization, or of the projects given by id ({@code -1} means all). */
    public Page<IssueView> listForOrganization(Actor actor, String orgSlug, List<String> projectIds, String query, String sort,
            String statsPeriod, int offset, int limit) {
        return listForOrganization(actor, orgSlug, projectIds, query, Narrowing.NONE, sort, StatsPeriod.parse(statsPeriod), offset,
                limit);
    }

    /**
     * What the issue stream's pickers and the list APIs' parameters add to a search: environments (an issue with
     * an event in any of them; empty: any environment) and a time range (null: any time).
     */
    public record Narrowing(List<String> environments, DateRange range) {
        public static final Narrowing NONE = new Narrowing(List.of(), null);
        static final int MAX_ENVIRONMENTS = 100;
        static final int MAX_ENVIRONMENT_LENGTH = 256;

        public Narrowing {
            environments = List.copyOf(environments);
        }

        /**
         * From the APIs' repeated {@code environment=} parameter, where an empty value names none (so {@code environment=}
         * is every environment, as leaving it out); an overlong name or too many are a 400.
         */
        public static Narrowing of(List<String> environments, DateRange range) {
            List<String> names = new ArrayList<>();
            for (String e : environments == null ? List.<String>of() : environments) {
                if (e == null || e.isBlank()) {
                    continue;
                }
                if (e.length() > MAX_ENVIRONMENT_LENGTH) {
                    throw new InvalidInputException("environment", "is longer than " + MAX_ENVIRONMENT_LENGTH + " characters");
                }
                if (!names.contains(e.strip())) {
                    names.add(e.strip());
                }
            }
            if (names.size() > MAX_ENVIRONMENTS) {
                throw new InvalidInputException("environment", "at most " + MAX_ENVIRONMENTS + " environments, got " + names.size());
            }
            return new Narrowing(names, range);
        }

        List<SearchQuery.Term> terms() {
            List<SearchQuery.Term> terms = new ArrayList<>();
            if (!environments.isEmpty()) {
                terms.add(new SearchQuery.TagIn("environment", environments, false));
            }
            if (range instanceof DateRange.Recent r) {
                terms.add(new SearchQuery.Time(SearchQuery.TimeField.LAST_SEEN, SearchQuery.Op.GTE, null, r.within(), false));
            } else if (range instanceof DateRange.Between b) {
                terms.add(new SearchQuery.SeenBetween(b.start(), b.end(), false));
            }
            return terms;
        }
    }

    /** The same, narrowed by the stream's pickers. */
    public Page<IssueView> listForOrganization(Actor actor, String orgSlug, List<String> projectIds, String query, Narrowing narrowing,
            String sort, StatsPeriod stats, int offset, int limit) {
        OrgAccess org = access.organization(actor, orgSlug, Scopes.EVENT_READ);
        return list(actor, org, projectsOf(org, projectIds), query, narrowing, sort, stats, offset, limit);
    }

    private List<Long> projectsOf(OrgAccess org, List<String> requested) {
        List<Long> all = store.projects(org.org().id()).stream().map(ProjectRef::id).toList();
        if (requested == null || requested.isEmpty() || requested.contains("-1")) {
            return all;
        }
        List<Long> ids = new ArrayList<>();
        for (String p : requested) {
            long id;
            try {
                id = Long.parseLong(p.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("project", "expected project ids, got '" + p + "'");
            }
            if (!all.contains(id)) {
                throw new InvalidInputException("project", "no project " + id + " in this organization");
            }
            ids.add(id);
        }
        return ids;
    }

    private Page<IssueView> list(Actor actor, OrgAccess org, List<Long> projectIds, String query, Narrowing narrowing, String sort,
            StatsPeriod stats, int offset, int limit) {
        SearchSql.Sort order = SearchSql.Sort.parse(sort);
        SearchSql.Where where = where(actor, org, projectIds, query == null ? DEFAULT_QUERY : query, narrowing);
        Page<Issue> page = Page.of(store.search(where, order, offset, limit + 1), offset, limit);
        return new Page<>(views(actor, page.items(), stats), page.offset(), page.limit(), page.hasMore());
    }

    private SearchSql.Where where(Actor actor, OrgAccess org, List<Long> projectIds, String query, Narrowing narrowing) {
        SearchQuery typed = SearchParser.parse(query);
        List<SearchQuery.Term> terms = new ArrayList<>(typed.terms());
        terms.addAll(narrowing.terms());
        SearchQuery parsed = new SearchQuery(terms);
        long orgId = org.org().id();
        return SearchSql.build(parsed, projectIds, clock.instant(), new SearchSql.Assignees() {
            @Override
            public long currentUserId() {
                return actor.userId();
            }

            @Override
            public List<Long> currentUserTeamIds() {
                return store.teamIdsOfUser(orgId, actor.userId());
            }

            @Override
            public Optional<Long> memberUserIdByEmail(String email) {
                return store.memberUserByEmail(orgId, email).map(Assignee::id);
            }

            @Override
            public Optional<Long> teamIdBySlug(String slug) {
                return store.teamIdBySlug(orgId, slug);
            }
        });
    }

    /** Who an issue of the organization can be assigned to: its members and its teams (the first 500 of each). */
    public record Assignable(List<Assignee> users, List<Assignee> teams) {}

    public Assignable assignable(Actor actor, String orgSlug) {
        OrgAccess org = access.organization(actor, orgSlug, Scopes.EVENT_READ);
        return new Assignable(store.memberUsers(org.org().id(), 500), store.teams(org.org().id(), 500));
    }

    public IssueView get(Actor actor, String orgSlug, String issueId, String statsPeriod) {
        StatsPeriod stats = StatsPeriod.parse(statsPeriod);
        Issue issue = access.issue(actor, orgSlug, issueId, Scopes.EVENT_READ).issue();
        return views(actor, List.of(issue), stats).get(0);
    }

    private List<IssueView> views(Actor actor, List<Issue> issues, StatsPeriod period) {
        if (issues.isEmpty()) {
            return List.of();
        }
        List<Long> ids = issues.stream().map(Issue::id).toList();
        Map<Long, Assignee> users = store.users(issues.get(0).orgId(),
                issues.stream().map(Issue::assigneeUserId).filter(Objects::nonNull).toList());
        Map<Long, Assignee> teams = store.teams(issues.stream().map(Issue::assigneeTeamId).filter(Objects::nonNull).toList());
        Map<Long, IssueStore.UserState> states = store.userStates(actor.userId(), ids);
        Map<Long, Long> comments = store.commentCounts(ids);
        Map<Long, List<long[]>> stats = period == null ? Map.of() : stats(ids, period);
        List<IssueView> views = new ArrayList<>(issues.size());
        for (Issue issue : issues) {
            Assignee assignee = issue.assigneeUserId() != null ? users.get(issue.assigneeUserId())
                    : issue.assigneeTeamId() != null ? teams.get(issue.assigneeTeamId()) : null;
            IssueStore.UserState state = states.get(issue.id());
            boolean subscribed = state != null && state.subscribed() != null ? state.subscribed()
                    : assignee != null && "user".equals(assignee.type()) && assignee.id() == actor.userId();
            views.add(new IssueView(issue, assignee, state != null && state.bookmarked(), state != null && state.seen(),
                    subscribed, comments.getOrDefault(issue.id(), 0L), period == null ? null : period.key(),
                    period == null ? null : stats.get(issue.id())));
        }
        return views;
    }

    /** Buckets of event counts ending with the current one, as [epoch seconds, count] pairs. */
    private Map<Long, List<long[]>> stats(List<Long> ids, StatsPeriod period) {
        long end = period.endMillis() != null ? period.endMillis() : clock.millis();
        long last = Math.floorDiv(end, period.bucketMillis()) * period.bucketMillis();
        long first = last - (period.buckets() - 1L) * period.bucketMillis();
        Map<Long, Map<Long, Long>> hourly = store.hourly(ids, first, last + period.bucketMillis());
        Map<Long, List<long[]>> result = new LinkedHashMap<>();
        for (Long id : ids) {
            long[] counts = new long[period.buckets()];
            hourly.getOrDefault(id, Map.of()).forEach((hour, n) -> {
                int bucket = (int) ((hour - first) / period.bucketMillis());
                if (bucket >= 0 && bucket < counts.length) {
                    counts[bucket] += n;
                }
            });
            List<long[]> series = new ArrayList<>(counts.length);
            for (int i = 0; i < counts.length; i++) {
                series.add(new long[] {(first + i * period.bucketMillis()) / 1000, counts[i]});
            }
            result.put(id, series);
        }
        return result;
    }

    public Page<Activity> activities(Actor actor, String orgSlug, String issueId, int offset, int limit) {
        Issue issue = access.issue(actor, orgSlug, issueId, Scopes.EVENT_READ).issue();
        return Page.of(store.activities(issue.id(), offset, limit + 1), offset, limit);
    }

    /** The issue's latest activity of one type (such as {@code set_regression}), if it has one. */
    public Optional<Activity> latestActivity(Actor actor, String orgSlug, String issueId, String type) {
        Issue issue = access.issue(actor, orgSlug, issueId, Scopes.EVENT_READ).issue();
        return store.activities(issue.id(), type, 0, 1).stream().findFirst();
    }

    public List<TagKey> tags(Actor actor, String orgSlug, String issueId) {
        Issue issue = access.issue(actor, orgSlug, issueId, Scopes.EVENT_READ).issue();
        return store.tagKeys(issue.id(), TOP_VALUES);
    }

    public TagKey tag(Actor actor, String orgSlug, String issueId, String key) {
        Issue issue = access.issue(actor, orgSlug, issueId, Scopes.EVENT_READ).issue();
        return store.tagKey(issue.id(), key, TOP_VALUES).orElseThrow(() -> new NotFoundException("tag '" + key + "' not found"));
    }

    public Page<TagValue> tagValues(Actor actor, String orgSlug, String issueId, String key, int offset, int limit) {
        Issue issue = access.issue(actor, orgSlug, issueId, Scopes.EVENT_READ).issue();
        return Page.of(store.tagValues(issue.id(), key, offset, limit + 1), offset, limit);
    }

    /** The issue's hashes; the latest event's stored grouping explanation goes with the hashes it mentions. */
    public List<Hash> hashes(Actor actor, String orgSlug, String issueId) {
        Issue issue = access.issue(actor, orgSlug, issueId, Scopes.EVENT_READ).issue();
        List<Hash> hashes = store.hashes(issue.id());
        Optional<EventService.Grouping> grouping = events.latestGrouping(issue.id());
        if (grouping.isEmpty()) {
            return hashes;
        }
        String eventId = grouping.get().eventId();
        String explanation = grouping.get().explanation() == null ? null : grouping.get().explanation().toString();
        return hashes.stream().map(h -> {
            boolean explains = explanation != null && (hashes.size() == 1 || explanation.contains(h.hash()));
            return new Hash(h.hash(), h.strategy(), h.createdAt(), eventId, explains ? explanation : null);
        }).toList();
    }

    /** Deploys of the issue's project's releases that finished in [from, to), oldest first: markers for its chart. */
    public List<Deploy> deploys(Actor actor, String orgSlug, String issueId, Instant from, Instant to) {
        Issue issue = access.issue(actor, orgSlug, issueId, Scopes.EVENT_READ).issue();
        return releases.deploysOfProjectBetween(issue.projectId(), from, to);
    }

    /** Versions of the issue's project's releases, newest first: the choices for "resolve in release". */
    public List<String> releaseChoices(Actor actor, String orgSlug, String issueId, int limit) {
        Issue issue = access.issue(actor, orgSlug, issueId, Scopes.EVENT_READ).issue();
        return releases.recentVersionsOfProject(issue.projectId(), limit);
    }

    // --- comments (Sentry's notes: activities of type "note") ---

    public static final String NOTE = "note";
    public static final int COMMENT_MAX_CHARS = 10_000;

    public Page<Activity> comments(Actor actor, String orgSlug, String issueId, int offset, int limit) {
        Issue issue = access.issue(actor, orgSlug, issueId, Scopes.EVENT_READ).issue();
        return Page.of(store.activities(issue.id(), NOTE, offset, limit + 1), offset, limit);
    }

    /**
     * Adds a comment. Mentions ({@code @email} of a member, {@code #team-slug}) are stored with it
     * as {@code mentions: [{type, id, token}]}; the author and the mentioned people are subscribed
     * to the issue (a team mention is stored for notifications to expand later).
     */
    public Activity addComment(Actor actor, String orgSlug, String issueId, String text) {
        String valid = commentText(text);
        return tx.write(() -> {
            var scoped = access.issue(actor, orgSlug, issueId, Scopes.EVENT_WRITE);
            long issue = scoped.issue().id();
            long now = clock.millis();
            long id = store.addActivity(issue, NOTE, actor.userId(), noteData(scoped.access().org().id(), issue, valid, now), now);
            store.updateUserState(issue, actor.userId(), null, null, true, now);
            told(scoped.issue(), id, NOTE, Acting.person(actor), valid, null);
            return store.activity(issue, id).orElseThrow();
        });
    }

    /** Changes a comment's text (and its mentions); only its author, or an admin of the organization, may. */
    public Activity editComment(Actor actor, String orgSlug, String issueId, String commentId, String text) {
        String valid = commentText(text);
        return tx.write(() -> {
            var scoped = access.issue(actor, orgSlug, issueId, Scopes.EVENT_WRITE);
            Activity note = ownComment(actor, scoped, commentId);
            long now = clock.millis();
            store.updateActivityData(note.id(), noteData(scoped.access().org().id(), note.issueId(), valid, now));
            return store.activity(note.issueId(), note.id()).orElseThrow();
        });
    }

    public void deleteComment(Actor actor, String orgSlug, String issueId, String commentId) {
        tx.write(() -> {
            var scoped = access.issue(actor, orgSlug, issueId, Scopes.EVENT_WRITE);
            store.deleteActivity(ownComment(actor, scoped, commentId).id());
            return null;
        });
    }

    private Activity ownComment(Actor actor, IssueAccess.Scoped scoped, String commentId) {
        long id;
        try {
            id = Long.parseLong(commentId);
        } catch (NumberFormatException e) {
            throw new NotFoundException("comment '" + commentId + "' not found");
        }
        Activity note = store.activity(scoped.issue().id(), id).filter(a -> NOTE.equals(a.type()))
                .orElseThrow(() -> new NotFoundException("comment '" + commentId + "' not found"));
        Role role = scoped.access().member().role();
        boolean admin = (role == Role.ADMIN || role == Role.OWNER) && scoped.access().has(Scopes.EVENT_ADMIN);
        if (!admin && (note.userId() == null || note.userId() != actor.userId())) {
            throw new ForbiddenException("only the author of a comment or an admin of the organization may change it");
        }
        return note;
    }

    static String commentText(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("text", "write something: a comment cannot be empty");
        }
        if (text.length() > COMMENT_MAX_CHARS) {
            throw new InvalidInputException("text", "a comment can be at most " + COMMENT_MAX_CHARS + " characters, this one has "
                    + text.length());
        }
        return text.strip();
    }

    private Map<String, Object> noteData(long orgId, long issueId, String text, long now) {
        List<Map<String, String>> mentions = new ArrayList<>();
        for (Mentions.Candidate c : Mentions.candidates(text)) {
            if (c.team()) {
                store.teamIdBySlug(orgId, c.name()).ifPresent(team -> mentions.add(Map.of("type", "team", "id",
                        String.valueOf(team), "token", c.token())));
            } else {
                store.memberUserByEmail(orgId, c.name()).ifPresent(user -> {
                    mentions.add(Map.of("type", "user", "id", String.valueOf(user.id()), "token", c.token()));
                    store.updateUserState(issueId, user.id(), null, null, true, now);
                });
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text", text);
        data.put("mentions", mentions);
        return data;
    }

    // --- changing ---

    /** What changed, in the shape of Sentry's bulk-update reply; {@code issueIds} are the issues changed. */
    public record UpdateResult(IssueUpdate update, String status, String substatus, StatusDetails statusDetails,
            Assignee assignee, Merge merge, List<Long> issueIds) {}

    public UpdateResult update(Actor actor, String orgSlug, String issueId, IssueUpdate update) {
        if (update.merge()) {
            throw new InvalidInputException("merge", "merge issues with PUT /api/0/projects/{org}/{project}/issues/?id=..&id=..");
        }
        return tx.write(() -> {
            var scoped = access.issue(actor, orgSlug, issueId, requiredScope(update));
            return apply(Acting.person(actor), scoped.access().org().id(), List.of(scoped.issue()), update);
        });
    }

    /** Changes the issues given by id, or else those matching {@code query} (Sentry's default: is:unresolved), at most 1000. */
    public Optional<UpdateResult> bulkUpdate(Actor actor, String orgSlug, String projectSlug, List<String> ids, String query,
            IssueUpdate update) {
        return tx.write(() -> {
            var scoped = access.project(actor, orgSlug, projectSlug, requiredScope(update));
            List<Issue> issues = select(actor, scoped.access(), scoped.project(), ids, query == null ? DEFAULT_QUERY : query);
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

    // --- inbox ---

    /** The inbox: unresolved issues that are new or regressed and that nobody in the organization marked reviewed. */
    public record Inbox(Page<IssueView> page, long count) {}

    public Inbox inbox(Actor actor, String orgSlug, String statsPeriod, int offset, int limit) {
        StatsPeriod stats = StatsPeriod.parse(statsPeriod);
        return tx.read(() -> {
            OrgAccess org = access.organization(actor, orgSlug, Scopes.EVENT_READ);
            long orgId = org.org().id();
            List<Long> ids = store.inboxIds(orgId, Math.max(0, offset), limit + 1);
            Map<Long, Issue> found = new LinkedHashMap<>();
            store.findAll(ids).forEach(i -> found.put(i.id(), i));
            List<Issue> ordered = ids.stream().map(found::get).filter(Objects::nonNull).toList();
            Page<Issue> page = Page.of(ordered, Math.max(0, offset), limit);
            return new Inbox(new Page<>(views(actor, page.items(), stats), page.offset(), page.limit(), page.hasMore()),
                    store.inboxCount(orgId));
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

    public void delete(Actor actor, String orgSlug, String issueId) {
        tx.write(() -> store.delete(List.of(access.issue(actor, orgSlug, issueId, Scopes.EVENT_ADMIN).issue().id())));
    }

    /** Deletes the issues given by id or matching {@code query} (one of them is required), at most 1000; returns how many. */
    public int bulkDelete(Actor actor, String orgSlug, String projectSlug, List<String> ids, String query) {
        if ((ids == null || ids.isEmpty()) && (query == null || query.isBlank())) {
            throw new InvalidInputException("id", "give the issues to delete as id=..&id=.. or a query=");
        }
        return tx.write(() -> {
            var scoped = access.project(actor, orgSlug, projectSlug, Scopes.EVENT_ADMIN);
            List<Issue> issues = select(actor, scoped.access(), scoped.project(), ids, query);
            store.delete(issues.stream().map(Issue::id).toList());
            return issues.size();
        });
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
        List<Long> matching = store.searchIds(where(actor, org, List.of(project.id()), query, Narrowing.NONE), BULK_LIMIT);
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
    public Optional<Issue> changeStatusForSystem(long orgId, long issueId, IssueUpdate update, String via) {
        if (!update.changesStatus() || update.assign() || update.merge()) {
            throw new IllegalArgumentException("the system changes only an issue's status");
        }
        return tx.write(() -> {
            Optional<Issue> issue = store.find(issueId).filter(i -> i.orgId() == orgId);
            issue.ifPresent(i -> apply(Acting.system(via), orgId, List.of(i), update));
            return issue.flatMap(i -> store.find(i.id()));
        });
    }

    /**
     * Who changes issues: a person (their user id and email), or the system for someone without a
     * session (no user id; {@code via} says how, and is kept with the activity).
     */
    private record Acting(Long userId, String name, String via) {
        static Acting person(Actor actor) {
            return new Acting(actor.userId(), actor.email(), null);
        }

        static Acting system(String via) {
            return new Acting(null, "a link in " + via, via);
        }
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
                    told(issue, activity, type, actor, null, null);
                    if (u.status().equals(IssueWorkflow.RESOLVED)) {
                        signals.raise(new NewSignal(issue.orgId(), Subject.issue(issue.id()), IssueWorkflow.Signal.RESOLVED.topic(),
                                resolvedSignal(type, actor, details)), Instant.ofEpochMilli(now));
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
                        told(store.find(issue.id()).orElse(issue), activity, "assigned", actor, null, teamOf(assignee));
                    }
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
        return data;
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

    /** A change the system made for someone: how, for the activity list. */
    private static Map<String, Object> withVia(Map<String, Object> data, Acting actor) {
        if (actor.via() == null) {
            return data;
        }
        Map<String, Object> out = new LinkedHashMap<>(data);
        out.put("via", actor.via());
        return out;
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
                found = store.memberUser(orgId, Long.parseLong(value.substring(5)));
            } else if (value.startsWith("team:")) {
                found = store.team(orgId, Long.parseLong(value.substring(5)));
            } else if (value.startsWith("#")) {
                found = store.teamIdBySlug(orgId, value.substring(1)).flatMap(id -> store.team(orgId, id));
            } else if (value.chars().allMatch(Character::isDigit)) {
                found = store.memberUser(orgId, Long.parseLong(value));
            } else if (value.contains("@")) {
                found = store.memberUserByEmail(orgId, value);
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
        List<String> recent = store.recentReleases(projectId, 20);
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
        events.moveToIssue(sourceIds, target.id());
        store.absorb(target.id(), sourceIds);
        List<Map<String, Object>> absorbed = sources.stream().map(i -> Map.<String, Object>of("id", String.valueOf(i.id()),
                "shortId", i.shortId(), "title", i.title())).toList();
        store.addActivity(target.id(), "merge", actor.userId(), Map.of("issues", absorbed), clock.millis());
        return new UpdateResult(null, null, null, null, null, new Merge(target.id(), sourceIds),
                issues.stream().map(Issue::id).toList());
    }

    /** Tells the listeners (workflow emails) about a change, in its transaction. */
    private void told(Issue issue, long activityId, String type, Acting actor, String text, Long assignedTeamId) {
        Set<Long> participants = participantUserIds(issue);
        listeners.orderedStream().forEach(l -> l.onActivity(new IssueActivityListener.IssueActivity(issue, activityId, type,
                actor.userId(), actor.via(), text, participants, assignedTeamId)));
    }

    /**
     * Who follows an issue: those subscribed (explicitly, or by commenting or being mentioned) and the
     * assigned user unless they unsubscribed. For other features acting for the system; no caller checks.
     */
    public Set<Long> participantUserIds(Issue issue) {
        Map<Long, Boolean> explicit = store.subscriptions(issue.id());
        Set<Long> out = new LinkedHashSet<>();
        explicit.forEach((user, subscribed) -> {
            if (subscribed) {
                out.add(user);
            }
        });
        if (issue.assigneeUserId() != null && !Boolean.FALSE.equals(explicit.get(issue.assigneeUserId()))) {
            out.add(issue.assigneeUserId());
        }
        return out;
    }

    /** A project's week for the weekly report: new and regressed issues in [from, to), and the unassigned unresolved ones now. */
    public record ProjectWeek(long newCount, List<Issue> topNew, long regressedCount, List<Issue> topRegressed,
            long unassignedCount, List<Issue> topUnassigned) {}

    /** For other features acting for the system (the weekly report); no caller checks. */
    public ProjectWeek projectWeek(long orgId, long projectId, Instant from, Instant to, int top) {
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        // an issue regressed in the week when a regression signal about it was raised in the week
        List<Long> regressed = signals.raised(orgId, IssueWorkflow.Signal.REGRESSION.topic(), from, to).stream()
                .filter(s -> s.is(Subject.ISSUE)).map(Subject::number).toList();
        return tx.read(() -> {
            List<Long> ofProject = store.ofProjectMostSeenFirst(projectId, regressed);
            List<Issue> topRegressed = new ArrayList<>(store.findAll(ofProject.subList(0, Math.min(top, ofProject.size()))));
            topRegressed.sort(java.util.Comparator.comparingInt(i -> ofProject.indexOf(i.id())));
            return new ProjectWeek(store.countFirstSeenBetween(projectId, f, t), store.firstSeenBetween(projectId, f, t, top),
                    ofProject.size(), topRegressed, store.countUnassignedUnresolved(projectId), store.unassignedUnresolved(projectId, top));
        });
    }

    /** For other features acting for the system (alert evaluation): the issue, no caller checks. */
    public Optional<Issue> issue(long issueId) {
        return store.find(issueId);
    }
}
