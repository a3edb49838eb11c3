package io.bugmaster.releases;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The little the suspect-commit search needs to know about an issue: its project and organization,
 * its first release and its latest event's payload. Read-only. These are the issues and events
 * features' tables; when those features publish services for this, this store goes away.
 */
@Repository
class IssueFactsStore {
    private final JdbcClient db;

    IssueFactsStore(JdbcClient db) {
        this.db = db;
    }

    record IssueFacts(long issueId, long projectId, long orgId, String orgSlug, String firstRelease, String platform) {}

    Optional<IssueFacts> issue(long issueId) {
        return db.sql("""
                SELECT i.id, i.project_id, p.org_id, o.slug, i.first_release, i.platform
                FROM issues i JOIN projects p ON p.id = i.project_id JOIN organizations o ON o.id = p.org_id
                WHERE i.id = ?""")
                .param(issueId)
                .query((rs, row) -> new IssueFacts(rs.getLong("id"), rs.getLong("project_id"), rs.getLong("org_id"),
                        rs.getString("slug"), rs.getString("first_release"), rs.getString("platform")))
                .optional();
    }

    /** The stored (compressed) payload of the issue's latest event. */
    Optional<byte[]> latestPayload(long issueId) {
        return db.sql("SELECT payload FROM events WHERE issue_id = ? ORDER BY occurred_at DESC, id DESC LIMIT 1")
                .param(issueId).query((rs, row) -> rs.getBytes("payload")).optional();
    }
}
