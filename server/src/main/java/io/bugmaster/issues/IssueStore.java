package io.bugmaster.issues;

import io.bugmaster.issues.IssueViews.Activity;
import io.bugmaster.issues.IssueViews.Assignee;
import io.bugmaster.issues.IssueViews.Hash;
import io.bugmaster.issues.IssueViews.ProjectRef;
import io.bugmaster.issues.IssueViews.TagKey;
import io.bugmaster.issues.IssueViews.TagValue;
import io.bugmaster.issues.search.SearchSql;
import io.bugmaster.storage.Dialect;
import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of the issue workflow. Issues carry only their project's id, so the lookups of projects,
 * organization members and teams that the issue API needs (to render a project, to check that an
 * assignee belongs to the organization) read those accounts tables here, read-only.
 */
@Repository
public class IssueStore {
    private static final String SELECT = """
            SELECT i.*, p.org_id AS p_org_id, p.slug AS p_slug, p.name AS p_name, p.platform AS p_platform, o.slug AS o_slug
            FROM issues i JOIN projects p ON p.id = i.project_id JOIN organizations o ON o.id = p.org_id""";
    private static final int IN_CHUNK = 500;
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient db;
    private final Dialect dialect;

    public IssueStore(JdbcClient db, Dialect dialect) {
        this.db = db;
        this.dialect = dialect;
    }

    // --- reading issues ---

    public Optional<Issue> find(long id) {
        return db.sql(SELECT + " WHERE i.id = ?").param(id).query(IssueStore::map).optional();
    }

    public List<Issue> findAll(Collection<Long> ids) {
        List<Issue> found = new ArrayList<>();
        for (List<Long> chunk : chunks(List.copyOf(ids))) {
            found.addAll(db.sql(SELECT + " WHERE i.id IN (" + marks(chunk.size()) + ") ORDER BY i.id")
                    .params(new ArrayList<Object>(chunk)).query(IssueStore::map).list());
        }
        return found;
    }

    /** One page of the issues matching a search condition built by {@link SearchSql} (bind parameters only). */
    public List<Issue> search(SearchSql.Where where, SearchSql.Sort sort, int offset, int limitPlusOne) {
        List<Object> params = new ArrayList<>(where.params());
        params.add(limitPlusOne);
        params.add(offset);
        return db.sql(SELECT + " WHERE " + where.sql() + " ORDER BY " + sort.orderBy() + " LIMIT ? OFFSET ?")
                .params(params).query(IssueStore::map).list();
    }

    private static final String INBOX = """
            FROM issues i JOIN projects p ON p.id = i.project_id
            WHERE p.org_id = ? AND i.status = 'unresolved' AND i.substatus IN ('new', 'regressed') AND i.reviewed_at IS NULL""";

    /** The organization's inbox: unresolved issues that are new or regressed and nobody marked reviewed, last seen first. */
    public List<Long> inboxIds(long orgId, int offset, int limit) {
        return db.sql("SELECT i.id " + INBOX + " ORDER BY i.last_seen DESC, i.id DESC LIMIT ? OFFSET ?")
                .params(orgId, limit, offset).query(Long.class).list();
    }

    public long inboxCount(long orgId) {
        return db.sql("SELECT COUNT(*) " + INBOX).param(orgId).query(Long.class).single();
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

    static Issue map(ResultSet rs, int row) throws SQLException {
        String details = rs.getString("status_details");
        return new Issue(rs.getLong("id"), rs.getLong("project_id"), rs.getString("p_slug"), rs.getString("p_name"),
                rs.getString("p_platform"), rs.getLong("p_org_id"), rs.getString("o_slug"), rs.getLong("short_number"),
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

    // --- projects, members and teams (read-only) ---

    public Optional<ProjectRef> project(long orgId, String slug) {
        return db.sql("SELECT id, org_id, slug, name, platform FROM projects WHERE org_id = ? AND slug = ?")
                .params(orgId, slug).query(IssueStore::mapProject).optional();
    }

    public List<ProjectRef> projects(long orgId) {
        return db.sql("SELECT id, org_id, slug, name, platform FROM projects WHERE org_id = ? ORDER BY slug").param(orgId)
                .query(IssueStore::mapProject).list();
    }

    private static ProjectRef mapProject(ResultSet rs, int row) throws SQLException {
        return new ProjectRef(rs.getLong("id"), rs.getLong("org_id"), rs.getString("slug"), rs.getString("name"),
                rs.getString("platform"));
    }

    /**
     * The members of an organization who can be assigned issues, mentioned and found by email: those who
     * have joined. An invitation not yet accepted is a membership row without a user (accounts'
     * MemberStore), so the join leaves it out: it is in none of the lists below and cannot be assigned.
     */
    private static final String JOINED_MEMBERS = """
            SELECT u.id, u.name, u.email FROM org_members m JOIN users u ON u.id = m.user_id
            WHERE m.org_id = ?""";

    /** A user who is an active member of the organization. */
    public Optional<Assignee> memberUser(long orgId, long userId) {
        return db.sql(JOINED_MEMBERS + " AND u.id = ?").params(orgId, userId)
                .query((rs, n) -> new Assignee("user", rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
    }

    public Optional<Assignee> memberUserByEmail(long orgId, String email) {
        return db.sql(JOINED_MEMBERS + " AND LOWER(u.email) = LOWER(?)").params(orgId, email)
                .query((rs, n) -> new Assignee("user", rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
    }

    public Optional<Assignee> team(long orgId, long teamId) {
        return db.sql("SELECT id, slug, name FROM teams WHERE org_id = ? AND id = ?").params(orgId, teamId)
                .query((rs, n) -> new Assignee("team", rs.getLong(1), rs.getString(2), null)).optional();
    }

    public Optional<Long> teamIdBySlug(long orgId, String slug) {
        return db.sql("SELECT id FROM teams WHERE org_id = ? AND slug = ?").params(orgId, slug).query(Long.class).optional();
    }

    /** Everyone who can be assigned an issue of the organization (its active members), by name. */
    public List<Assignee> memberUsers(long orgId, int limit) {
        return db.sql(JOINED_MEMBERS + " ORDER BY LOWER(u.name), u.id LIMIT ?").params(orgId, limit)
                .query((rs, n) -> new Assignee("user", rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    /** The organization's teams, by slug. */
    public List<Assignee> teams(long orgId, int limit) {
        return db.sql("SELECT id, slug, name FROM teams WHERE org_id = ? ORDER BY slug LIMIT ?").params(orgId, limit)
                .query((rs, n) -> new Assignee("team", rs.getLong(1), rs.getString(2), null)).list();
    }

    public List<Long> teamIdsOfUser(long orgId, long userId) {
        return db.sql("""
                SELECT tm.team_id FROM team_members tm JOIN org_members m ON m.id = tm.member_id
                WHERE m.org_id = ? AND m.user_id = ?""").params(orgId, userId).query(Long.class).list();
    }

    /** Assignees of many issues of an organization at once, for rendering a page: its members only. */
    public Map<Long, Assignee> users(long orgId, Collection<Long> userIds) {
        Map<Long, Assignee> found = new HashMap<>();
        for (List<Long> chunk : chunks(List.copyOf(Set.copyOf(userIds)))) {
            db.sql("SELECT u.id, u.name, u.email FROM org_members m JOIN users u ON u.id = m.user_id WHERE m.org_id = ? AND u.id IN ("
                            + marks(chunk.size()) + ")")
                    .params(concat(List.of(orgId), chunk))
                    .query((rs, n) -> found.put(rs.getLong(1), new Assignee("user", rs.getLong(1), rs.getString(2),
                            rs.getString(3)))).list();
        }
        return found;
    }

    public Map<Long, Assignee> teams(Collection<Long> teamIds) {
        Map<Long, Assignee> found = new HashMap<>();
        for (List<Long> chunk : chunks(List.copyOf(Set.copyOf(teamIds)))) {
            db.sql("SELECT id, slug, name FROM teams WHERE id IN (" + marks(chunk.size()) + ")")
                    .params(new ArrayList<Object>(chunk))
                    .query((rs, n) -> found.put(rs.getLong(1), new Assignee("team", rs.getLong(1), rs.getString(2), null)))
                    .list();
        }
        return found;
    }

    /** The releases a project saw, newest first by release date (else creation), at most {@code limit}. */
    public List<String> recentReleases(long projectId, int limit) {
        return db.sql("""
                SELECT r.version FROM releases r JOIN release_projects rp ON rp.release_id = r.id
                WHERE rp.project_id = ? ORDER BY COALESCE(r.date_released, r.created_at) DESC, r.id DESC LIMIT ?""")
                .params(projectId, limit).query(String.class).list();
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

    /** The issues of an organization assigned to a user. */
    public List<Long> issuesAssignedTo(long orgId, long userId) {
        return db.sql("""
                SELECT i.id FROM issues i JOIN projects p ON p.id = i.project_id
                WHERE p.org_id = ? AND i.assignee_user_id = ? ORDER BY i.id""").params(orgId, userId).query(Long.class).list();
    }

    /** Unassigns the issue if it is still assigned to this user; false when someone changed it meanwhile. */
    public boolean unassignUser(long issueId, long userId) {
        return db.sql("UPDATE issues SET assignee_user_id = NULL WHERE id = ? AND assignee_user_id = ?").params(issueId, userId)
                .update() == 1;
    }

    /** Forgets a user's subscriptions, bookmarks and seen marks on an organization's issues; returns how many issues. */
    public int forgetUserState(long orgId, long userId) {
        return db.sql("""
                DELETE FROM issue_user_state WHERE user_id = ? AND issue_id IN (
                  SELECT i.id FROM issues i JOIN projects p ON p.id = i.project_id WHERE p.org_id = ?)""")
                .params(userId, orgId).update();
    }

    // --- the weekly report ---

    /** Issues of a project first seen in [from, to), the most seen first. */
    public List<Issue> firstSeenBetween(long projectId, long from, long to, int limit) {
        return db.sql(SELECT + " WHERE i.project_id = ? AND i.first_seen >= ? AND i.first_seen < ? ORDER BY i.times_seen DESC, i.id LIMIT ?")
                .params(projectId, from, to, limit).query(IssueStore::map).list();
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
        return db.sql(SELECT + " " + """
                WHERE i.project_id = ? AND i.status = ? AND i.assignee_user_id IS NULL AND i.assignee_team_id IS NULL
                ORDER BY i.times_seen DESC, i.id LIMIT ?""")
                .params(projectId, IssueWorkflow.UNRESOLVED, limit).query(IssueStore::map).list();
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

    private static final String ACTIVITY = """
            SELECT a.id, a.issue_id, a.type, a.user_id, u.name, u.email, a.data, a.created_at
            FROM issue_activity a LEFT JOIN users u ON u.id = a.user_id""";

    public List<Activity> activities(long issueId, int offset, int limitPlusOne) {
        return db.sql(ACTIVITY + " WHERE a.issue_id = ? ORDER BY a.id DESC LIMIT ? OFFSET ?").params(issueId, limitPlusOne, offset)
                .query(IssueStore::mapActivity).list();
    }

    /** The issue's activities of one type, latest first. */
    public List<Activity> activities(long issueId, String type, int offset, int limitPlusOne) {
        return db.sql(ACTIVITY + " WHERE a.issue_id = ? AND a.type = ? ORDER BY a.id DESC LIMIT ? OFFSET ?")
                .params(issueId, type, limitPlusOne, offset).query(IssueStore::mapActivity).list();
    }

    public Optional<Activity> activity(long issueId, long activityId) {
        return db.sql(ACTIVITY + " WHERE a.issue_id = ? AND a.id = ?").params(issueId, activityId)
                .query(IssueStore::mapActivity).optional();
    }

    public void updateActivityData(long activityId, Map<String, ?> data) {
        db.sql("UPDATE issue_activity SET data = ? WHERE id = ?").params(JSON.writeValueAsString(data), activityId).update();
    }

    public void deleteActivity(long activityId) {
        db.sql("DELETE FROM issue_activity WHERE id = ?").param(activityId).update();
    }

    private static Activity mapActivity(ResultSet rs, int row) throws SQLException {
        return new Activity(rs.getLong(1), rs.getLong(2), rs.getString(3), Rows.longValue(rs, "user_id"), rs.getString(5),
                rs.getString(6), rs.getString(7), Rows.instant(rs, "created_at"));
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
        return db.sql(SELECT + " WHERE i.status = 'ignored' AND i.status_details IS NOT NULL AND i.id > ? ORDER BY i.id LIMIT ?")
                .params(afterId, limit).query(IssueStore::map).list();
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

    static <T> List<List<T>> chunks(List<T> list) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < list.size(); i += IN_CHUNK) {
            chunks.add(list.subList(i, Math.min(list.size(), i + IN_CHUNK)));
        }
        return chunks;
    }

    static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
