package io.bugmaster.issues;

import static io.bugmaster.storage.InLists.chunks;
import static io.bugmaster.storage.InLists.marks;

import io.bugmaster.accounts.Directory;
import io.bugmaster.issues.IssueViews.Activity;
import io.bugmaster.issues.IssueViews.Hash;
import io.bugmaster.issues.IssueViews.TagKey;
import io.bugmaster.issues.IssueViews.TagValue;
import io.bugmaster.issues.search.SearchSql;
import io.bugmaster.storage.Dialect;
import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of the issue workflow. Issues carry only their project's id: an issue read here gets its
 * project's slug, name and organization from accounts' {@link Directory}, one lookup per list.
 */
@Repository
public class IssueStore {
    private static final String SELECT = "SELECT i.* FROM issues i";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient db;
    private final Dialect dialect;
    private final Directory directory;

    public IssueStore(JdbcClient db, Dialect dialect, Directory directory) {
        this.db = db;
        this.dialect = dialect;
        this.directory = directory;
    }

    /** Issues as read ({@link #map}) with their projects filled in; an issue of a project deleted meanwhile is left out. */
    private List<Issue> withProjects(List<Issue> read) {
        Map<Long, Directory.ProjectInfo> projects = directory.projects(read.stream().map(Issue::projectId).distinct().toList());
        List<Issue> out = new ArrayList<>(read.size());
        for (Issue i : read) {
            Directory.ProjectInfo p = projects.get(i.projectId());
            if (p != null) {
                out.add(new Issue(i.id(), i.projectId(), p.slug(), p.name(), p.platform(), p.orgId(), p.orgSlug(), i.shortNumber(),
                        i.type(), i.title(), i.culprit(), i.level(), i.platform(), i.metadataJson(), i.status(), i.substatus(),
                        i.statusDetails(), i.statusDetailsJson(), i.resolvedAt(), i.assigneeUserId(), i.assigneeTeamId(),
                        i.firstSeen(), i.lastSeen(), i.timesSeen(), i.userCount(), i.firstRelease(), i.lastRelease(),
                        i.groupingStrategy()));
            }
        }
        return out;
    }

    private Optional<Issue> withProject(Optional<Issue> read) {
        return read.flatMap(i -> withProjects(List.of(i)).stream().findFirst());
    }

    // --- reading issues ---

    public Optional<Issue> find(long id) {
        return withProject(db.sql(SELECT + " WHERE i.id = ?").param(id).query(IssueStore::map).optional());
    }

    public List<Issue> findAll(Collection<Long> ids) {
        List<Issue> found = new ArrayList<>();
        for (List<Long> chunk : chunks(List.copyOf(ids))) {
            found.addAll(db.sql(SELECT + " WHERE i.id IN (" + marks(chunk.size()) + ") ORDER BY i.id")
                    .params(new ArrayList<Object>(chunk)).query(IssueStore::map).list());
        }
        return withProjects(found);
    }

    /** One page of the issues matching a search condition built by {@link SearchSql} (bind parameters only). */
    public List<Issue> search(SearchSql.Where where, SearchSql.Sort sort, int offset, int limitPlusOne) {
        List<Object> params = new ArrayList<>(where.params());
        params.add(limitPlusOne);
        params.add(offset);
        return withProjects(db.sql(SELECT + " WHERE " + where.sql() + " ORDER BY " + sort.orderBy() + " LIMIT ? OFFSET ?")
                .params(params).query(IssueStore::map).list());
    }

    private static String inbox(List<Long> projectIds) {
        return "FROM issues i WHERE i.project_id IN (" + marks(projectIds.size()) + ") AND i.status = 'unresolved'"
                + " AND i.substatus IN ('new', 'regressed') AND i.reviewed_at IS NULL";
    }

    /**
     * The inbox of an organization, given its projects: unresolved issues that are new or regressed
     * and nobody marked reviewed, last seen first.
     */
    public List<Long> inboxIds(List<Long> projectIds, int offset, int limit) {
        if (projectIds.isEmpty()) {
            return List.of();
        }
        return db.sql("SELECT i.id " + inbox(projectIds) + " ORDER BY i.last_seen DESC, i.id DESC LIMIT ? OFFSET ?")
                .params(concat(projectIds, List.of(limit, offset))).query(Long.class).list();
    }

    public long inboxCount(List<Long> projectIds) {
        if (projectIds.isEmpty()) {
            return 0;
        }
        return db.sql("SELECT COUNT(*) " + inbox(projectIds)).params(new ArrayList<Object>(projectIds)).query(Long.class).single();
    }

    /** Unresolved issues of these projects assigned to the user. */
    public long unresolvedAssignedCount(List<Long> projectIds, long userId) {
        if (projectIds.isEmpty()) {
            return 0;
        }
        return db.sql("SELECT COUNT(*) FROM issues i WHERE i.project_id IN (" + marks(projectIds.size()) + ")"
                + " AND i.status = 'unresolved' AND i.assignee_user_id = ?")
                .params(concat(projectIds, List.of(userId))).query(Long.class).single();
    }

    /** Marks issues reviewed; returns the ids that were in the inbox (not reviewed yet). */
    public List<Long> markReviewed(Collection<Long> issueIds, long userId, long now) {
        List<Long> changed = new ArrayList<>();
        for (long id : issueIds) {
            if (db.sql("UPDATE issues SET reviewed_at = ?, reviewed_by = ? WHERE id = ? AND reviewed_at IS NULL")
                    .params(now, userId, id).update() == 1) {
                changed.add(id);
            }
        }
        return changed;
    }

    public List<Long> searchIds(SearchSql.Where where, int limit) {
        List<Object> params = new ArrayList<>(where.params());
        params.add(limit);
        return db.sql("SELECT i.id FROM issues i WHERE " + where.sql() + " ORDER BY i.id LIMIT ?").params(params)
                .query(Long.class).list();
    }

    /** An issue without its project's slug, name and organization: {@link #withProjects} adds them. */
    private static Issue map(ResultSet rs, int row) throws SQLException {
        String details = rs.getString("status_details");
        return new Issue(rs.getLong("id"), rs.getLong("project_id"), null, null, null, 0, null, rs.getLong("short_number"),
                rs.getString("type"), rs.getString("title"), rs.getString("culprit"), rs.getString("level"),
                rs.getString("platform"), rs.getString("metadata"), rs.getString("status"), rs.getString("substatus"),
                parseDetails(details), details, Rows.instant(rs, "resolved_at"), Rows.longValue(rs, "assignee_user_id"),
                Rows.longValue(rs, "assignee_team_id"), Rows.instant(rs, "first_seen"), Rows.instant(rs, "last_seen"),
                rs.getLong("times_seen"), rs.getLong("user_count"), rs.getString("first_release"),
                rs.getString("last_release"), rs.getString("grouping_strategy"));
    }

    static StatusDetails parseDetails(String json) {
        return json == null || json.isBlank() ? null : JSON.readValue(json, StatusDetails.class);
    }

    // --- per-user state ---

    public record UserState(boolean bookmarked, boolean seen, Boolean subscribed) {}

    public Map<Long, UserState> userStates(long userId, Collection<Long> issueIds) {
        Map<Long, UserState> found = new HashMap<>();
        for (List<Long> chunk : chunks(List.copyOf(issueIds))) {
            List<Object> params = new ArrayList<>();
            params.add(userId);
            params.addAll(chunk);
            db.sql("SELECT issue_id, bookmarked, seen_at, subscribed FROM issue_user_state WHERE user_id = ? AND issue_id IN ("
                            + marks(chunk.size()) + ")").params(params)
                    .query((rs, n) -> {
                        boolean bookmarked = rs.getBoolean(2);
                        boolean seen = rs.getObject(3) != null;
                        return found.put(rs.getLong(1), new UserState(bookmarked, seen, Rows.bool(rs, "subscribed")));
                    }).list();
        }
        return found;
    }

    /** Sets what is given (null keeps the current value). */
    public void updateUserState(long issueId, long userId, Boolean seen, Boolean bookmarked, Boolean subscribed, long now) {
        db.sql("INSERT INTO issue_user_state (issue_id, user_id, bookmarked) VALUES (?, ?, FALSE) ON CONFLICT DO NOTHING")
                .params(issueId, userId).update();
        if (seen != null) {
            db.sql("UPDATE issue_user_state SET seen_at = ? WHERE issue_id = ? AND user_id = ?")
                    .params(seen ? now : null, issueId, userId).update();
        }
        if (bookmarked != null) {
            db.sql("UPDATE issue_user_state SET bookmarked = ? WHERE issue_id = ? AND user_id = ?")
                    .params(bookmarked, issueId, userId).update();
        }
        if (subscribed != null) {
            db.sql("UPDATE issue_user_state SET subscribed = ? WHERE issue_id = ? AND user_id = ?")
                    .params(subscribed, issueId, userId).update();
        }
    }

    /** The explicit subscriptions to an issue: user id to subscribed (true) or unsubscribed (false). */
    public Map<Long, Boolean> subscriptions(long issueId) {
        Map<Long, Boolean> out = new java.util.LinkedHashMap<>();
        db.sql("SELECT user_id, subscribed FROM issue_user_state WHERE issue_id = ? AND subscribed IS NOT NULL ORDER BY user_id")
                .param(issueId).query((rs, n) -> out.put(rs.getLong(1), rs.getBoolean(2))).list();
        return out;
    }

    // --- a member who left ---

    /** The issues of these projects (an organization's) assigned to a user. */
    public List<Long> issuesAssignedTo(List<Long> projectIds, long userId) {
        List<Long> found = new ArrayList<>();
        for (List<Long> chunk : chunks(projectIds)) {
            found.addAll(db.sql("SELECT id FROM issues WHERE project_id IN (" + marks(chunk.size()) + ") AND assignee_user_id = ?")
                    .params(concat(chunk, List.of(userId))).query(Long.class).list());
        }
        found.sort(null);
        return found;
    }

    /** Unassigns the issue if it is still assigned to this user; false when someone changed it meanwhile. */
    public boolean unassignUser(long issueId, long userId) {
        return db.sql("UPDATE issues SET assignee_user_id = NULL WHERE id = ? AND assignee_user_id = ?").params(issueId, userId)
                .update() == 1;
    }

    /** Forgets a user's subscriptions, bookmarks and seen marks on the issues of these projects (an organization's); returns how many issues. */
    public int forgetUserState(List<Long> projectIds, long userId) {
        int forgotten = 0;
        for (List<Long> chunk : chunks(projectIds)) {
            forgotten += db.sql("DELETE FROM issue_user_state WHERE user_id = ? AND issue_id IN (SELECT id FROM issues WHERE project_id IN ("
                    + marks(chunk.size()) + "))").params(concat(List.of(userId), chunk)).update();
        }
        return forgotten;
    }

    // --- the weekly report ---

    /** Issues of a project first seen in [from, to), the most seen first. */
    public List<Issue> firstSeenBetween(long projectId, long from, long to, int limit) {
        return withProjects(db.sql(SELECT
                + " WHERE i.project_id = ? AND i.first_seen >= ? AND i.first_seen < ? ORDER BY i.times_seen DESC, i.id LIMIT ?")
                .params(projectId, from, to, limit).query(IssueStore::map).list());
    }

    /** Issues of any of these projects first seen in [from, to], the earliest first. */
    public List<Issue> firstSeenBetween(Collection<Long> projectIds, long from, long to, int limit) {
        if (projectIds.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(projectIds);
        params.add(from);
        params.add(to);
        params.add(limit);
        return withProjects(db.sql(SELECT + " WHERE i.project_id IN (" + marks(projectIds.size())
                + ") AND i.first_seen >= ? AND i.first_seen <= ? ORDER BY i.first_seen, i.id LIMIT ?")
                .params(params).query(IssueStore::map).list());
    }

    public long countFirstSeenBetween(long projectId, long from, long to) {
        return db.sql("SELECT COUNT(*) FROM issues WHERE project_id = ? AND first_seen >= ? AND first_seen < ?")
                .params(projectId, from, to).query(Long.class).single();
    }

    /**
     * Of the given issues, those of a project, the most seen first: ids and events. For the weekly
     * report, which learns from the signals which issues regressed in the week.
     */
    public List<Long> ofProjectMostSeenFirst(long projectId, Collection<Long> issueIds) {
        record Seen(long id, long times) {}
        List<Seen> seen = new ArrayList<>();
        for (List<Long> chunk : chunks(List.copyOf(issueIds))) {
            List<Object> params = new ArrayList<>(chunk);
            params.add(0, projectId);
            seen.addAll(db.sql("SELECT id, times_seen FROM issues WHERE project_id = ? AND id IN (" + marks(chunk.size()) + ")")
                    .params(params).query((rs, n) -> new Seen(rs.getLong(1), rs.getLong(2))).list());
        }
        seen.sort(java.util.Comparator.comparingLong(Seen::times).reversed().thenComparingLong(Seen::id));
        return seen.stream().map(Seen::id).toList();
    }

    /** Unresolved issues of a project that nobody is assigned to, the most seen first. */
    public List<Issue> unassignedUnresolved(long projectId, int limit) {
        return withProjects(db.sql(SELECT + " " + """
                WHERE i.project_id = ? AND i.status = ? AND i.assignee_user_id IS NULL AND i.assignee_team_id IS NULL
                ORDER BY i.times_seen DESC, i.id LIMIT ?""")
                .params(projectId, IssueWorkflow.UNRESOLVED, limit).query(IssueStore::map).list());
    }

    public long countUnassignedUnresolved(long projectId) {
        return db.sql("""
                SELECT COUNT(*) FROM issues WHERE project_id = ? AND status = ? AND assignee_user_id IS NULL AND assignee_team_id IS NULL""")
                .params(projectId, IssueWorkflow.UNRESOLVED).query(Long.class).single();
    }

    // --- workflow writes ---

    public void setStatus(long issueId, String status, String substatus, StatusDetails details, Long resolvedAt) {
        // a status change ends the review: if the issue comes back (a regression), the inbox shows it again
        db.sql("""
                UPDATE issues SET status = ?, substatus = ?, status_details = ?, resolved_at = ?, reviewed_at = NULL,
                reviewed_by = NULL WHERE id = ?""")
                .params(status, substatus, details == null ? null : JSON.writeValueAsString(details), resolvedAt, issueId)
                .update();
    }

    /**
     * Wakes an ignored issue if it is still ignored with the same details (the claim: of two nodes,
     * one changes the row). Returns whether this call changed it.
     */
    public boolean wake(long issueId, String expectedDetailsJson, String substatus) {
        return db.sql("""
                UPDATE issues SET status = 'unresolved', substatus = ?, status_details = NULL, resolved_at = NULL
                WHERE id = ? AND status = 'ignored' AND status_details = ?""")
                .params(substatus, issueId, expectedDetailsJson).update() == 1;
    }

    public void assign(long issueId, Long userId, Long teamId) {
        db.sql("UPDATE issues SET assignee_user_id = ?, assignee_team_id = ? WHERE id = ?").params(userId, teamId, issueId)
                .update();
    }

    /**
     * Assigns an issue that has no assignee; false when someone assigned it first (a conditional
     * update, so an automatic assignment never overwrites a person's).
     */
    public boolean assignIfUnassigned(long issueId, Long userId, Long teamId) {
        return db.sql("UPDATE issues SET assignee_user_id = ?, assignee_team_id = ? WHERE id = ? "
                + "AND assignee_user_id IS NULL AND assignee_team_id IS NULL").params(userId, teamId, issueId).update() == 1;
    }

    /** Whether the issue was ever assigned or unassigned (by a person or a rule). */
    public boolean everAssigned(long issueId) {
        return db.sql("SELECT COUNT(*) FROM issue_activity WHERE issue_id = ? AND type IN ('assigned', 'unassigned')")
                .param(issueId).query(Long.class).single() > 0;
    }

    /**
     * Locks the issues until the transaction ends, so that no event joins them meanwhile (inserting an
     * event locks its issue's row for key share): deleting lists their events before the cascade.
     */
    public void lock(Collection<Long> issueIds) {
        for (List<Long> chunk : chunks(List.copyOf(issueIds))) {
            db.sql("SELECT id FROM issues WHERE id IN (" + marks(chunk.size()) + ") ORDER BY id" + dialect.lockRows())
                    .params(new ArrayList<Object>(chunk)).query(Long.class).list();
        }
    }

    /** The ids of a project's issues that are not resolved. */
    List<Long> unresolvedIdsOfProject(long projectId) {
        return db.sql("SELECT id FROM issues WHERE project_id = ? AND status <> ? ORDER BY id").params(projectId, IssueWorkflow.RESOLVED)
                .query(Long.class).list();
    }

    public void delete(Collection<Long> issueIds) {
        for (List<Long> chunk : chunks(List.copyOf(issueIds))) {
            db.sql("DELETE FROM issues WHERE id IN (" + marks(chunk.size()) + ")").params(new ArrayList<Object>(chunk)).update();
        }
    }

    /**
     * Moves everything kept per issue from {@code sources} into {@code target} and deletes the
     * sources: hashes (so their future events land in the target), users, tag and hourly counts
     * (summed), and the counters recomputed from those rows and the sources' own counts. The events
     * themselves are moved by the events feature before this runs.
     */
    public void absorb(long target, List<Long> sources) {
        String in = marks(sources.size());
        List<Object> ids = new ArrayList<>(sources);
        List<Object> targetAndIds = new ArrayList<>();
        targetAndIds.add(target);
        targetAndIds.addAll(sources);
        db.sql("UPDATE issue_hashes SET issue_id = ? WHERE issue_id IN (" + in + ")").params(targetAndIds).update();
        db.sql("INSERT INTO issue_users (issue_id, user_key) SELECT ?, user_key FROM issue_users WHERE issue_id IN (" + in
                + ") ON CONFLICT DO NOTHING").params(targetAndIds).update();
        db.sql("""
                INSERT INTO issue_tags (issue_id, key, value, times_seen, first_seen, last_seen)
                SELECT ?, key, value, SUM(times_seen), MIN(first_seen), MAX(last_seen) FROM issue_tags WHERE issue_id IN (%s)
                GROUP BY key, value
                ON CONFLICT (issue_id, key, value) DO UPDATE SET times_seen = issue_tags.times_seen + excluded.times_seen,
                first_seen = %s, last_seen = %s""".formatted(in,
                dialect.least("issue_tags.first_seen", "excluded.first_seen"),
                dialect.greatest("issue_tags.last_seen", "excluded.last_seen"))).params(targetAndIds).update();
        db.sql("""
                INSERT INTO issue_hourly (issue_id, hour, events)
                SELECT ?, hour, SUM(events) FROM issue_hourly WHERE issue_id IN (%s) GROUP BY hour
                ON CONFLICT (issue_id, hour) DO UPDATE SET events = issue_hourly.events + excluded.events""".formatted(in))
                .params(targetAndIds).update();
        List<Object> all = new ArrayList<>(targetAndIds);
        String allIn = marks(all.size());
        db.sql("""
                UPDATE issues SET
                  times_seen = (SELECT SUM(times_seen) FROM issues WHERE id IN (%1$s)),
                  first_seen = (SELECT MIN(first_seen) FROM issues WHERE id IN (%1$s)),
                  last_seen = (SELECT MAX(last_seen) FROM issues WHERE id IN (%1$s)),
                  first_release = (SELECT first_release FROM issues WHERE id IN (%1$s) AND first_release IS NOT NULL
                                   ORDER BY first_seen, id LIMIT 1),
                  last_release = (SELECT last_release FROM issues WHERE id IN (%1$s) AND last_release IS NOT NULL
                                  ORDER BY last_seen DESC, id DESC LIMIT 1),
                  user_count = (SELECT COUNT(*) FROM issue_users WHERE issue_id = ?)
                WHERE id = ?""".formatted(allIn))
                .params(concat(all, all, all, all, all, List.of(target, target))).update();
        db.sql("DELETE FROM issues WHERE id IN (" + in + ")").params(ids).update();
    }

    // --- activity ---

    /** Records an activity; returns its id. */
    public long addActivity(long issueId, String type, Long userId, Map<String, ?> data, long now) {
        return db.sql("INSERT INTO issue_activity (issue_id, type, user_id, data, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")
                .params(issueId, type, userId, JSON.writeValueAsString(data), now).query(Long.class).single();
    }

    private static final String ACTIVITY = "SELECT a.id, a.issue_id, a.type, a.user_id, a.data, a.created_at FROM issue_activity a";

    public List<Activity> activities(long issueId, int offset, int limitPlusOne) {
        return withAuthors(db.sql(ACTIVITY + " WHERE a.issue_id = ? ORDER BY a.id DESC LIMIT ? OFFSET ?")
                .params(issueId, limitPlusOne, offset).query(IssueStore::mapActivity).list());
    }

    /** The issue's activities of one type, latest first. */
    public List<Activity> activities(long issueId, String type, int offset, int limitPlusOne) {
        return withAuthors(db.sql(ACTIVITY + " WHERE a.issue_id = ? AND a.type = ? ORDER BY a.id DESC LIMIT ? OFFSET ?")
                .params(issueId, type, limitPlusOne, offset).query(IssueStore::mapActivity).list());
    }

    public Optional<Activity> activity(long issueId, long activityId) {
        return withAuthors(db.sql(ACTIVITY + " WHERE a.issue_id = ? AND a.id = ?").params(issueId, activityId)
                .query(IssueStore::mapActivity).list()).stream().findFirst();
    }

    /** Activities with the names of the people who did them (from accounts, one lookup per list). */
    private List<Activity> withAuthors(List<Activity> read) {
        Map<Long, Directory.Person> people = directory.people(
                read.stream().map(Activity::userId).filter(java.util.Objects::nonNull).distinct().toList());
        return read.stream().map(a -> {
            Directory.Person by = a.userId() == null ? null : people.get(a.userId());
            return by == null ? a : new Activity(a.id(), a.issueId(), a.type(), a.userId(), by.name(), by.email(), a.dataJson(),
                    a.createdAt());
        }).toList();
    }

    public void updateActivityData(long activityId, Map<String, ?> data) {
        db.sql("UPDATE issue_activity SET data = ? WHERE id = ?").params(JSON.writeValueAsString(data), activityId).update();
    }

    public void deleteActivity(long activityId) {
        db.sql("DELETE FROM issue_activity WHERE id = ?").param(activityId).update();
    }

    private static Activity mapActivity(ResultSet rs, int row) throws SQLException {
        return new Activity(rs.getLong(1), rs.getLong(2), rs.getString(3), Rows.longValue(rs, "user_id"), null, null,
                rs.getString(5), Rows.instant(rs, "created_at"));
    }

    public Map<Long, Long> commentCounts(Collection<Long> issueIds) {
        Map<Long, Long> counts = new HashMap<>();
        for (List<Long> chunk : chunks(List.copyOf(issueIds))) {
            db.sql("SELECT issue_id, COUNT(*) FROM issue_activity WHERE type = 'note' AND issue_id IN (" + marks(chunk.size())
                            + ") GROUP BY issue_id").params(new ArrayList<Object>(chunk))
                    .query((rs, n) -> counts.put(rs.getLong(1), rs.getLong(2))).list();
        }
        return counts;
    }

    // --- counts over time, tags, hashes ---

    /** Events per hour bucket (epoch ms of the hour start) since {@code fromHour}, per issue. */
    public Map<Long, Map<Long, Long>> hourly(Collection<Long> issueIds, long fromHour, long toHourExclusive) {
        Map<Long, Map<Long, Long>> counts = new HashMap<>();
        for (List<Long> chunk : chunks(List.copyOf(issueIds))) {
            List<Object> params = new ArrayList<>(chunk);
            params.add(fromHour);
            params.add(toHourExclusive);
            db.sql("SELECT issue_id, hour, events FROM issue_hourly WHERE issue_id IN (" + marks(chunk.size())
                            + ") AND hour >= ? AND hour < ?").params(params)
                    .query((rs, n) -> counts.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getLong(2), rs.getLong(3)))
                    .list();
        }
        return counts;
    }

    public long eventsInHours(long issueId, long fromHour, long toHourExclusive) {
        return db.sql("SELECT COALESCE(SUM(events), 0) FROM issue_hourly WHERE issue_id = ? AND hour >= ? AND hour < ?")
                .params(issueId, fromHour, toHourExclusive).query(Long.class).single();
    }

    public List<TagKey> tagKeys(long issueId, int topValues) {
        Map<String, long[]> keys = new LinkedHashMap<>();
        db.sql("""
                SELECT key, COUNT(*), SUM(times_seen) FROM issue_tags WHERE issue_id = ?
                GROUP BY key ORDER BY SUM(times_seen) DESC, key""").param(issueId)
                .query((rs, n) -> keys.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)})).list();
        List<TagKey> result = new ArrayList<>();
        keys.forEach((key, counts) -> result.add(new TagKey(key, counts[0], counts[1], tagValues(issueId, key, 0, topValues))));
        return result;
    }

    public Optional<TagKey> tagKey(long issueId, String key, int topValues) {
        return db.sql("SELECT COUNT(*), COALESCE(SUM(times_seen), 0) FROM issue_tags WHERE issue_id = ? AND key = ?")
                .params(issueId, key).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).optional()
                .filter(c -> c[0] > 0)
                .map(c -> new TagKey(key, c[0], c[1], tagValues(issueId, key, 0, topValues)));
    }

    public List<TagValue> tagValues(long issueId, String key, int offset, int limit) {
        return db.sql("""
                SELECT key, value, times_seen, first_seen, last_seen FROM issue_tags WHERE issue_id = ? AND key = ?
                ORDER BY times_seen DESC, value LIMIT ? OFFSET ?""").params(issueId, key, limit, offset)
                .query((rs, n) -> new TagValue(rs.getString(1), rs.getString(2), rs.getLong(3), Rows.instant(rs, "first_seen"),
                        Rows.instant(rs, "last_seen"))).list();
    }

    public List<Hash> hashes(long issueId) {
        return db.sql("SELECT hash, strategy, created_at FROM issue_hashes WHERE issue_id = ? ORDER BY created_at, hash")
                .param(issueId)
                .query((rs, n) -> new Hash(rs.getString(1), rs.getString(2), Rows.instant(rs, "created_at"), null, null)).list();
    }

    // --- the engine's queries ---

    /** Ignored issues with a condition, after {@code afterId}, a page at a time (the partial index keeps this cheap). */
    public List<Issue> ignoredWithDetails(long afterId, int limit) {
        return withProjects(db.sql(SELECT
                + " WHERE i.status = 'ignored' AND i.status_details IS NOT NULL AND i.id > ? ORDER BY i.id LIMIT ?")
                .params(afterId, limit).query(IssueStore::map).list());
    }

    // --- helpers ---

    @SafeVarargs
    private static List<Object> concat(List<?>... lists) {
        List<Object> all = new ArrayList<>();
        for (List<?> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
