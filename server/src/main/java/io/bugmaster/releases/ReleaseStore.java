package io.bugmaster.releases;

import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Releases and the projects they belong to (by id: the projects' slugs and names come from
 * accounts' Directory).
 */
@Repository
class ReleaseStore {
    private final JdbcClient db;

    ReleaseStore(JdbcClient db) {
        this.db = db;
    }

    /** Inserts the release, or returns empty when the organization already has that version. */
    Optional<Long> insert(long orgId, String version, String ref, String url, Instant now, Instant dateStarted,
            Instant dateReleased) {
        return db.sql("""
                INSERT INTO releases (org_id, version, ref, url, created_at, date_started, date_released)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, version) DO NOTHING RETURNING id""")
                .params(orgId, version, ref, url, now.toEpochMilli(), Rows.millis(dateStarted), Rows.millis(dateReleased))
                .query(Long.class).optional();
    }

    /** Versions of the project's releases, newest first by release date (else creation), at most {@code limit}. */
    List<String> recentVersions(long projectId, int limit) {
        return db.sql("""
                SELECT r.version FROM releases r JOIN release_projects rp ON rp.release_id = r.id
                WHERE rp.project_id = ? ORDER BY COALESCE(r.date_released, r.created_at) DESC, r.id DESC LIMIT ?""")
                .params(projectId, limit).query(String.class).list();
    }

    /** Releases of any of these projects created or released in [from, to], the latest of the two first. */
    List<Release> ofProjectsBetween(Collection<Long> projectIds, Instant from, Instant to, int limit) {
        if (projectIds.isEmpty()) {
            return List.of();
        }
        return db.sql("""
                SELECT * FROM releases r
                WHERE ((r.created_at >= :from AND r.created_at <= :to) OR (r.date_released >= :from AND r.date_released <= :to))
                  AND EXISTS (SELECT 1 FROM release_projects rp WHERE rp.release_id = r.id AND rp.project_id IN (:projects))
                ORDER BY COALESCE(r.date_released, r.created_at) DESC, r.id DESC LIMIT :limit""")
                .param("from", from.toEpochMilli()).param("to", to.toEpochMilli()).param("projects", List.copyOf(projectIds))
                .param("limit", limit).query(ReleaseStore::map).list();
    }

    Optional<Release> find(long orgId, String version) {
        return db.sql("SELECT * FROM releases WHERE org_id = ? AND version = ?").params(orgId, version)
                .query(ReleaseStore::map).optional();
    }

    Optional<Release> findById(long id) {
        return db.sql("SELECT * FROM releases WHERE id = ?").param(id).query(ReleaseStore::map).optional();
    }

    /** Sets the given fields; a null argument keeps the current value. */
    void update(long id, String ref, String url, Instant dateStarted, Instant dateReleased) {
        db.sql("""
                UPDATE releases SET ref = COALESCE(?, ref), url = COALESCE(?, url),
                       date_started = COALESCE(?, date_started), date_released = COALESCE(?, date_released)
                WHERE id = ?""")
                .params(ref, url, Rows.millis(dateStarted), Rows.millis(dateReleased), id).update();
    }

    /** Fills only the fields that are still empty (a repeated "create" never overwrites). */
    void fillIn(long id, String ref, String url, Instant dateStarted, Instant dateReleased) {
        db.sql("""
                UPDATE releases SET ref = COALESCE(ref, ?), url = COALESCE(url, ?),
                       date_started = COALESCE(date_started, ?), date_released = COALESCE(date_released, ?)
                WHERE id = ?""")
                .params(ref, url, Rows.millis(dateStarted), Rows.millis(dateReleased), id).update();
    }

    void delete(long id) {
        db.sql("DELETE FROM releases WHERE id = ?").param(id).update();
    }

    void linkProjects(long releaseId, Collection<Long> projectIds) {
        for (long projectId : projectIds) {
            db.sql("INSERT INTO release_projects (release_id, project_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(releaseId, projectId).update();
        }
    }

    /**
     * A page of the organization's releases, newest first; only those of {@code projectIds} when
     * not empty, only versions starting with {@code prefix} (any letter case) when not null.
     */
    List<Release> list(long orgId, Collection<Long> projectIds, String prefix, int offset, int limitPlusOne) {
        StringBuilder sql = new StringBuilder("SELECT r.* FROM releases r WHERE r.org_id = :org");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("org", orgId);
        if (!projectIds.isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM release_projects rp WHERE rp.release_id = r.id AND rp.project_id IN (:projects))");
            params.put("projects", List.copyOf(projectIds));
        }
        if (prefix != null) {
            sql.append(" AND LOWER(r.version) LIKE :prefix ESCAPE '\\'");
            params.put("prefix", likePrefix(prefix));
        }
        sql.append(" ORDER BY r.created_at DESC, r.id DESC LIMIT :limit OFFSET :offset");
        params.put("limit", limitPlusOne);
        params.put("offset", offset);
        return db.sql(sql.toString()).params(params).query(ReleaseStore::map).list();
    }

    private static String likePrefix(String prefix) {
        return prefix.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** The projects of each release and their counts, without the projects' slugs and names. */
    List<ReleaseProject> projectsOf(Collection<Long> releaseIds) {
        if (releaseIds.isEmpty()) {
            return List.of();
        }
        return db.sql("""
                SELECT rp.release_id, rp.project_id, rp.new_issues, rp.regressions FROM release_projects rp
                WHERE rp.release_id IN (:ids)""")
                .param("ids", List.copyOf(releaseIds))
                .query((rs, row) -> new ReleaseProject(rs.getLong("release_id"), rs.getLong("project_id"), null, null, null,
                        rs.getLong("new_issues"), rs.getLong("regressions")))
                .list();
    }

    /**
     * The newest release older than {@code release} that has commits and shares a project with it
     * (what sentry-cli asks for to send only the commits since then).
     */
    Optional<Release> previousWithCommits(Release release) {
        return db.sql("""
                SELECT r.* FROM releases r
                WHERE r.org_id = ? AND r.id <> ? AND (r.created_at < ? OR (r.created_at = ? AND r.id < ?))
                  AND EXISTS (SELECT 1 FROM release_commits rc WHERE rc.release_id = r.id)
                  AND EXISTS (SELECT 1 FROM release_projects a JOIN release_projects b ON b.project_id = a.project_id
                              WHERE a.release_id = r.id AND b.release_id = ?)
                ORDER BY r.created_at DESC, r.id DESC LIMIT 1""")
                .params(release.orgId(), release.id(), release.createdAt().toEpochMilli(), release.createdAt().toEpochMilli(),
                        release.id(), release.id())
                .query(ReleaseStore::map).optional();
    }

    /** The release itself when it has commits, else the newest older release of the project that has some. */
    Optional<Release> withCommitsAtOrBefore(Release release, long projectId) {
        return db.sql("""
                SELECT r.* FROM releases r
                WHERE r.org_id = ? AND (r.id = ? OR r.created_at < ? OR (r.created_at = ? AND r.id < ?))
                  AND EXISTS (SELECT 1 FROM release_commits rc WHERE rc.release_id = r.id)
                  AND (r.id = ? OR EXISTS (SELECT 1 FROM release_projects rp WHERE rp.release_id = r.id AND rp.project_id = ?))
                ORDER BY CASE WHEN r.id = ? THEN 0 ELSE 1 END, r.created_at DESC, r.id DESC LIMIT 1""")
                .params(release.orgId(), release.id(), release.createdAt().toEpochMilli(), release.createdAt().toEpochMilli(),
                        release.id(), release.id(), projectId, release.id())
                .query(ReleaseStore::map).optional();
    }

    static Release map(ResultSet rs, int row) throws SQLException {
        return new Release(rs.getLong("id"), rs.getLong("org_id"), rs.getString("version"), rs.getString("ref"),
                rs.getString("url"), Rows.instant(rs, "created_at"), Rows.instant(rs, "date_started"),
                Rows.instant(rs, "date_released"), Rows.instant(rs, "first_event"), Rows.instant(rs, "last_event"));
    }
}
