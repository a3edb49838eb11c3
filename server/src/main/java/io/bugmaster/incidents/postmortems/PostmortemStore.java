package io.bugmaster.incidents.postmortems;

import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of postmortems and postmortem_comments, and the incident's stage changes a draft measures. */
@Repository
class PostmortemStore {
    private static final String SELECT = "SELECT p.*, i.number AS incident_number FROM postmortems p JOIN incidents i ON i.id = p.incident_id ";

    private final JdbcClient db;

    PostmortemStore(JdbcClient db) {
        this.db = db;
    }

    /** Inserts the incident's postmortem unless it has one; false when it already had. */
    boolean insert(long orgId, long incidentId, String title, String body, Long userId, Instant now) {
        return db.sql("""
                INSERT INTO postmortems (org_id, incident_id, title, body, state, version, created_by, created_at, updated_by, updated_at)
                VALUES (?, ?, ?, ?, 'draft', 1, ?, ?, ?, ?) ON CONFLICT (incident_id) DO NOTHING""")
                .params(orgId, incidentId, title, body, userId, now.toEpochMilli(), userId, now.toEpochMilli()).update() == 1;
    }

    Optional<Postmortem> ofIncident(long incidentId) {
        return db.sql(SELECT + "WHERE p.incident_id = ?").param(incidentId).query(PostmortemStore::map).optional();
    }

    /** Saves a new title, body and state if the postmortem is still at {@code version}; false when someone saved since. */
    boolean update(long id, long version, String title, String body, PostmortemState state, Long userId, Instant now, Instant publishedAt) {
        return db.sql("""
                UPDATE postmortems SET title = ?, body = ?, state = ?, version = version + 1, updated_by = ?, updated_at = ?, published_at = ?
                WHERE id = ? AND version = ?""")
                .params(title, body, state.id(), userId, now.toEpochMilli(), Rows.millis(publishedAt), id, version).update() == 1;
    }

    /** The organization's published postmortems, newest first: with every word of {@code words} in the title or body, on a service. */
    List<Postmortem> published(long orgId, List<String> words, Long serviceId, int offset, int limit) {
        StringBuilder sql = new StringBuilder(SELECT + "WHERE p.org_id = ? AND p.state = 'published'");
        List<Object> params = new ArrayList<>(List.of(orgId));
        for (String word : words) {
            sql.append(" AND (LOWER(p.title) LIKE ? ESCAPE '\\' OR LOWER(p.body) LIKE ? ESCAPE '\\')");
            String like = "%" + word.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
        }
        if (serviceId != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM incident_services s WHERE s.incident_id = p.incident_id AND s.service_id = ?)");
            params.add(serviceId);
        }
        sql.append(" ORDER BY p.published_at DESC, p.id DESC LIMIT ? OFFSET ?");
        params.add(limit);
        params.add(offset);
        return db.sql(sql.toString()).params(params).query(PostmortemStore::map).list();
    }

    /** The published postmortems of incidents this error issue is linked to, newest first. */
    List<Postmortem> publishedForIssue(long orgId, long issueId, int limit) {
        return db.sql(SELECT + """
                WHERE p.org_id = ? AND p.state = 'published'
                  AND EXISTS (SELECT 1 FROM incident_issues l WHERE l.incident_id = p.incident_id AND l.issue_id = ?)
                ORDER BY p.published_at DESC, p.id DESC LIMIT ?""").params(orgId, issueId, limit).query(PostmortemStore::map).list();
    }

    long addComment(long postmortemId, long userId, String body, Instant now) {
        return db.sql("INSERT INTO postmortem_comments (postmortem_id, user_id, body, created_at) VALUES (?, ?, ?, ?) RETURNING id")
                .params(postmortemId, userId, body, now.toEpochMilli()).query(Long.class).single();
    }

    List<PostmortemComment> comments(long postmortemId, int limit) {
        return db.sql("SELECT * FROM postmortem_comments WHERE postmortem_id = ? ORDER BY id LIMIT ?").params(postmortemId, limit)
                .query((rs, n) -> new PostmortemComment(rs.getLong("id"), rs.getLong("postmortem_id"), Rows.longValue(rs, "user_id"),
                        rs.getString("body"), Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list();
    }

    /** Every stage the incident entered, oldest first. */
    List<PostmortemDraft.StageEntry> stages(long incidentId) {
        return db.sql("SELECT stage, at FROM incident_stage_changes WHERE incident_id = ? ORDER BY at").param(incidentId)
                .query((rs, n) -> new PostmortemDraft.StageEntry(rs.getString("stage"), Instant.ofEpochMilli(rs.getLong("at")))).list();
    }

    private static Postmortem map(ResultSet rs, int n) throws SQLException {
        return new Postmortem(rs.getLong("id"), rs.getLong("org_id"), rs.getLong("incident_id"), rs.getLong("incident_number"),
                rs.getString("title"), rs.getString("body"), PostmortemState.of(rs.getString("state")), rs.getLong("version"),
                Rows.longValue(rs, "created_by"), Instant.ofEpochMilli(rs.getLong("created_at")), Rows.longValue(rs, "updated_by"),
                Instant.ofEpochMilli(rs.getLong("updated_at")), Rows.instant(rs, "published_at"));
    }
}
