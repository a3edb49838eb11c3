package io.bugmaster.releases;

import io.bugmaster.releases.ReleaseInputs.NewDeploy;
import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DeployStore {
    private static final String SELECT = "SELECT d.*, r.version FROM deploys d JOIN releases r ON r.id = d.release_id ";

    private final JdbcClient db;

    DeployStore(JdbcClient db) {
        this.db = db;
    }

    Deploy insert(Release release, NewDeploy deploy, Instant now) {
        long id = db.sql("""
                INSERT INTO deploys (org_id, release_id, environment, name, url, date_started, date_finished, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(release.orgId(), release.id(), deploy.environment(), deploy.name(), deploy.url(),
                        Rows.millis(deploy.dateStarted()), deploy.dateFinished().toEpochMilli(), now.toEpochMilli())
                .query(Long.class).single();
        return db.sql(SELECT + " WHERE d.id = ?").param(id).query(DeployStore::map).single();
    }

    /** A page of a release's deploys, latest first. */
    List<Deploy> ofRelease(long releaseId, int offset, int limitPlusOne) {
        return db.sql(SELECT + " WHERE d.release_id = ? ORDER BY d.date_finished DESC, d.id DESC LIMIT ? OFFSET ?")
                .params(releaseId, limitPlusOne, offset).query(DeployStore::map).list();
    }

    /** The organization's deploys that finished in [from, to), oldest first. */
    List<Deploy> between(long orgId, Instant from, Instant to) {
        return db.sql(SELECT + " WHERE d.org_id = ? AND d.date_finished >= ? AND d.date_finished < ? ORDER BY d.date_finished, d.id")
                .params(orgId, from.toEpochMilli(), to.toEpochMilli()).query(DeployStore::map).list();
    }

    /** Deploys of the project's releases that finished in [from, to), oldest first. */
    List<Deploy> ofProjectBetween(long projectId, Instant from, Instant to) {
        return db.sql(SELECT + """
                 WHERE d.date_finished >= ? AND d.date_finished < ?
                   AND EXISTS (SELECT 1 FROM release_projects rp WHERE rp.release_id = d.release_id AND rp.project_id = ?)
                 ORDER BY d.date_finished, d.id""")
                .params(from.toEpochMilli(), to.toEpochMilli(), projectId).query(DeployStore::map).list();
    }

    /** Deploys of releases of any of these projects that finished in [from, to], newest first. */
    List<Deploy> ofProjectsBetween(Collection<Long> projectIds, Instant from, Instant to, int limit) {
        if (projectIds.isEmpty()) {
            return List.of();
        }
        return db.sql(SELECT + """
                 WHERE d.date_finished >= :from AND d.date_finished <= :to
                   AND EXISTS (SELECT 1 FROM release_projects rp WHERE rp.release_id = d.release_id AND rp.project_id IN (:projects))
                 ORDER BY d.date_finished DESC, d.id DESC LIMIT :limit""")
                .param("from", from.toEpochMilli()).param("to", to.toEpochMilli()).param("projects", List.copyOf(projectIds))
                .param("limit", limit).query(DeployStore::map).list();
    }

    Map<Long, Long> counts(Collection<Long> releaseIds) {
        Map<Long, Long> counts = new HashMap<>();
        if (releaseIds.isEmpty()) {
            return counts;
        }
        db.sql("SELECT release_id, COUNT(*) AS n FROM deploys WHERE release_id IN (:ids) GROUP BY release_id")
                .param("ids", List.copyOf(releaseIds))
                .query((rs, row) -> counts.put(rs.getLong("release_id"), rs.getLong("n"))).list();
        return counts;
    }

    /** Each release's latest deploy, by release id. */
    Map<Long, Deploy> last(Collection<Long> releaseIds) {
        Map<Long, Deploy> last = new HashMap<>();
        if (releaseIds.isEmpty()) {
            return last;
        }
        db.sql(SELECT + """
                 WHERE d.release_id IN (:ids) AND NOT EXISTS (
                    SELECT 1 FROM deploys n WHERE n.release_id = d.release_id
                      AND (n.date_finished > d.date_finished OR (n.date_finished = d.date_finished AND n.id > d.id)))""")
                .param("ids", List.copyOf(releaseIds))
                .query((rs, row) -> last.put(rs.getLong("release_id"), map(rs, row))).list();
        return last;
    }

    /**
     * Per release (by id) its deploys per environment, in environment order: the count and the
     * newest; two queries for any number of releases.
     */
    Map<Long, List<EnvironmentDeploys>> perEnvironment(Collection<Long> releaseIds) {
        Map<Long, List<EnvironmentDeploys>> out = new HashMap<>();
        if (releaseIds.isEmpty()) {
            return out;
        }
        Map<List<Object>, Long> counts = new HashMap<>();
        db.sql("SELECT release_id, environment, COUNT(*) AS n FROM deploys WHERE release_id IN (:ids) GROUP BY release_id, environment")
                .param("ids", List.copyOf(releaseIds))
                .query((rs, row) -> counts.put(List.of(rs.getLong("release_id"), rs.getString("environment")), rs.getLong("n")))
                .list();
        db.sql(SELECT + """
                 WHERE d.release_id IN (:ids) AND NOT EXISTS (
                    SELECT 1 FROM deploys n WHERE n.release_id = d.release_id AND n.environment = d.environment
                      AND (n.date_finished > d.date_finished OR (n.date_finished = d.date_finished AND n.id > d.id)))
                ORDER BY d.release_id, d.environment""")
                .param("ids", List.copyOf(releaseIds))
                .query(DeployStore::map).list()
                .forEach(d -> out.computeIfAbsent(d.releaseId(), k -> new java.util.ArrayList<>()).add(new EnvironmentDeploys(
                        d.environment(), counts.getOrDefault(List.of(d.releaseId(), d.environment()), 1L), d)));
        return out;
    }

    static Deploy map(ResultSet rs, int row) throws SQLException {
        return new Deploy(rs.getLong("id"), rs.getLong("org_id"), rs.getLong("release_id"), rs.getString("version"),
                rs.getString("environment"), rs.getString("name"), rs.getString("url"), Rows.instant(rs, "date_started"),
                Rows.instant(rs, "date_finished"), Rows.instant(rs, "created_at"));
    }
}
