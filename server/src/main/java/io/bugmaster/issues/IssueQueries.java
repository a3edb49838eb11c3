package io.bugmaster.issues;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Page;
import io.bugmaster.events.EventService;
import io.bugmaster.oncall.triage.TriageRotations;
import io.bugmaster.issues.IssueViews.Activity;
import io.bugmaster.issues.IssueViews.Assignee;
import io.bugmaster.issues.IssueViews.Hash;
import io.bugmaster.issues.IssueViews.IssueView;
import io.bugmaster.issues.IssueViews.ProjectRef;
import io.bugmaster.issues.IssueViews.TagKey;
import io.bugmaster.issues.IssueViews.TagValue;
import io.bugmaster.issues.search.DateRange;
import io.bugmaster.issues.search.SearchParser;
import io.bugmaster.issues.search.SearchQuery;
import io.bugmaster.issues.search.SearchSql;
import io.bugmaster.releases.Deploy;
import io.bugmaster.releases.ReleaseService;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Reading issues for a caller: the lists and search (of a project, of an organization, the inbox),
 * one issue with its counts and per-person state, and what the issue page shows beside it
 * (activity, tags, hashes, deploys, release choices, who it can be assigned to).
 */
@Service
public class IssueQueries {
    public static final String DEFAULT_QUERY = "is:unresolved";
    private static final Pattern PERIOD = Pattern.compile("(\\d{1,3})([hd])");
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final int TOP_VALUES = 9;

    private final IssueStore store;
    private final OrgDirectory directory;
    private final IssueAccess access;
    private final EventService events;
    private final Transactions tx;
    private final ReleaseService releases;
    private final TriageRotations rotations;
    private final Clock clock;

    IssueQueries(IssueStore store, OrgDirectory directory, IssueAccess access, EventService events, ReleaseService releases,
            TriageRotations rotations, Transactions tx, Clock clock) {
        this.store = store;
        this.rotations = rotations;
        this.directory = directory;
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
        List<Long> all = directory.projects(org.org().id()).stream().map(ProjectRef::id).toList();
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

    /** The search condition of a query and the stream's pickers, for these projects (also for bulk changes by query). */
    SearchSql.Where where(Actor actor, OrgAccess org, List<Long> projectIds, String query, Narrowing narrowing) {
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
                return directory.teamIdsOfUser(orgId, actor.userId());
            }

            @Override
            public Optional<Long> memberUserIdByEmail(String email) {
                return directory.memberUserByEmail(orgId, email).map(Assignee::id);
            }

            @Override
            public Optional<Long> teamIdBySlug(String slug) {
                return directory.teamIdBySlug(orgId, slug);
            }
        });
    }

    /** Who an issue of the organization can be assigned to: its members and its teams (the first 500 of each). */
    public record Assignable(List<Assignee> users, List<Assignee> teams) {}

    public Assignable assignable(Actor actor, String orgSlug) {
        OrgAccess org = access.organization(actor, orgSlug, Scopes.EVENT_READ);
        return new Assignable(directory.memberUsers(org.org().id(), 500), directory.teams(org.org().id(), 500));
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
        Map<Long, Assignee> users = directory.users(issues.get(0).orgId(),
                issues.stream().map(Issue::assigneeUserId).filter(Objects::nonNull).toList());
        Map<Long, Assignee> teams = directory.teams(issues.stream().map(Issue::assigneeTeamId).filter(Objects::nonNull).toList());
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

    // --- inbox ---

    /**
     * The inbox: unresolved issues that are new or regressed and that nobody in the organization
     * marked reviewed; and this week's bugmaster of each of the caller's teams that has a rotation.
     */
    public record Inbox(Page<IssueView> page, long count, List<TriageRotations.Bugmaster> bugmasters) {}

    public Inbox inbox(Actor actor, String orgSlug, String statsPeriod, int offset, int limit) {
        StatsPeriod stats = StatsPeriod.parse(statsPeriod);
        return tx.read(() -> {
            OrgAccess org = access.organization(actor, orgSlug, Scopes.EVENT_READ);
            List<Long> projectIds = directory.projectIds(org.org().id());
            List<Long> ids = store.inboxIds(projectIds, Math.max(0, offset), limit + 1);
            Map<Long, Issue> found = new LinkedHashMap<>();
            store.findAll(ids).forEach(i -> found.put(i.id(), i));
            List<Issue> ordered = ids.stream().map(found::get).filter(Objects::nonNull).toList();
            Page<Issue> page = Page.of(ordered, Math.max(0, offset), limit);
            return new Inbox(new Page<>(views(actor, page.items(), stats), page.offset(), page.limit(), page.hasMore()),
                    store.inboxCount(projectIds), rotations.bugmastersOfUser(org.org().id(), actor.userId(), clock.instant()));
        });
    }
}
