package io.bugmaster.releases;

import io.bugmaster.releases.ReleaseInputs.CommitChange;
import io.bugmaster.releases.ReleaseInputs.FileChange;
import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Repositories, commits with their changed files, and which commits each release holds. */
@org.springframework.stereotype.Repository
class CommitStore {
    private static final String COMMIT_COLUMNS = """
            c.id, c.key, c.message, c.author_name, c.author_email, c.timestamp, c.created_at,
            g.id AS repo_id, g.org_id AS repo_org_id, g.name AS repo_name, g.url AS repo_url, g.provider AS repo_provider,
            g.created_at AS repo_created_at""";

    private final JdbcClient db;

    CommitStore(JdbcClient db) {
        this.db = db;
    }

    /** The repository of that name, created when new. */
    long repositoryId(long orgId, String name, Instant now) {
        db.sql("INSERT INTO repositories (org_id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (org_id, name) DO NOTHING")
                .params(orgId, name, now.toEpochMilli()).update();
        return db.sql("SELECT id FROM repositories WHERE org_id = ? AND name = ?").params(orgId, name).query(Long.class).single();
    }

    List<Repository> repositories(long orgId, int offset, int limitPlusOne) {
        return db.sql("SELECT * FROM repositories WHERE org_id = ? ORDER BY name, id LIMIT ? OFFSET ?")
                .params(orgId, limitPlusOne, offset).query((rs, row) -> new Repository(rs.getLong("id"), rs.getLong("org_id"),
                        rs.getString("name"), rs.getString("url"), rs.getString("provider"), Rows.instant(rs, "created_at")))
                .list();
    }

    /**
     * Inserts the commit or completes the stored one (a commit first known by its SHA alone gets its
     * message and author later); replaces its files when files are given. Returns its id.
     */
    long upsert(long orgId, long repositoryId, CommitChange change, Instant now) {
        long id = db.sql("""
                INSERT INTO commits (org_id, repository_id, key, message, author_name, author_email, timestamp, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (repository_id, key) DO UPDATE SET
                    message = COALESCE(excluded.message, commits.message),
                    author_name = COALESCE(excluded.author_name, commits.author_name),
                    author_email = COALESCE(excluded.author_email, commits.author_email),
                    timestamp = COALESCE(excluded.timestamp, commits.timestamp)
                RETURNING id""")
                .params(orgId, repositoryId, change.key(), change.message(), change.authorName(), change.authorEmail(),
                        Rows.millis(change.timestamp()), now.toEpochMilli())
                .query(Long.class).single();
        if (!change.files().isEmpty()) {
            db.sql("DELETE FROM commit_files WHERE commit_id = ?").param(id).update();
            for (FileChange file : change.files()) {
                db.sql("INSERT INTO commit_files (commit_id, path, type) VALUES (?, ?, ?)").params(id, file.path(), file.type())
                        .update();
            }
        }
        return id;
    }

    /** Makes these commits, in this order (newest first), the release's commits. */
    void replaceReleaseCommits(long releaseId, List<Long> commitIds) {
        db.sql("DELETE FROM release_commits WHERE release_id = ?").param(releaseId).update();
        for (int i = 0; i < commitIds.size(); i++) {
            db.sql("INSERT INTO release_commits (release_id, commit_id, ordering) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(releaseId, commitIds.get(i), i).update();
        }
    }

    /** A page of a release's commits, newest first. */
    List<Commit> ofRelease(long releaseId, int offset, int limitPlusOne) {
        return db.sql("SELECT " + COMMIT_COLUMNS + """
                 FROM release_commits rc JOIN commits c ON c.id = rc.commit_id JOIN repositories g ON g.id = c.repository_id
                WHERE rc.release_id = ? ORDER BY rc.ordering, c.id LIMIT ? OFFSET ?""")
                .params(releaseId, limitPlusOne, offset).query(CommitStore::map).list();
    }

    /** Every commit of a release with its place in it (0 = newest), for the suspect search. */
    List<Map.Entry<Commit, Integer>> allOfRelease(long releaseId) {
        return db.sql("SELECT rc.ordering, " + COMMIT_COLUMNS + """
                 FROM release_commits rc JOIN commits c ON c.id = rc.commit_id JOIN repositories g ON g.id = c.repository_id
                WHERE rc.release_id = ? ORDER BY rc.ordering""")
                .param(releaseId).query((rs, row) -> Map.entry(map(rs, row), rs.getInt("ordering"))).list();
    }

    /** The changed paths of each commit, by commit id. */
    Map<Long, List<String>> pathsOf(Collection<Long> commitIds) {
        Map<Long, List<String>> paths = new HashMap<>();
        if (commitIds.isEmpty()) {
            return paths;
        }
        db.sql("SELECT commit_id, path FROM commit_files WHERE commit_id IN (:ids) ORDER BY path")
                .param("ids", List.copyOf(commitIds))
                .query((rs, row) -> paths.computeIfAbsent(rs.getLong("commit_id"), k -> new ArrayList<>()).add(rs.getString("path")))
                .list();
        return paths;
    }

    /** The changed files of each commit (path order), by commit id. */
    Map<Long, List<FileChange>> filesOf(Collection<Long> commitIds) {
        Map<Long, List<FileChange>> files = new HashMap<>();
        if (commitIds.isEmpty()) {
            return files;
        }
        db.sql("SELECT commit_id, path, type FROM commit_files WHERE commit_id IN (:ids) ORDER BY commit_id, path")
                .param("ids", List.copyOf(commitIds))
                .query((rs, row) -> files.computeIfAbsent(rs.getLong("commit_id"), k -> new ArrayList<>())
                        .add(new FileChange(rs.getString("path"), rs.getString("type"))))
                .list();
        return files;
    }

    /** A page of the files changed by a release's commits: newest commit first, then by path. */
    List<CommitFile> filesOfRelease(long releaseId, int offset, int limitPlusOne) {
        return db.sql("SELECT f.path AS file_path, f.type AS file_type, " + COMMIT_COLUMNS + """
                 FROM release_commits rc JOIN commits c ON c.id = rc.commit_id JOIN repositories g ON g.id = c.repository_id
                JOIN commit_files f ON f.commit_id = c.id
                WHERE rc.release_id = ? ORDER BY rc.ordering, c.id, f.path LIMIT ? OFFSET ?""")
                .params(releaseId, limitPlusOne, offset)
                .query((rs, row) -> new CommitFile(map(rs, row), rs.getString("file_path"), rs.getString("file_type"))).list();
    }

    /** How many commits each release has, by release id. */
    Map<Long, Long> counts(Collection<Long> releaseIds) {
        Map<Long, Long> counts = new HashMap<>();
        if (releaseIds.isEmpty()) {
            return counts;
        }
        db.sql("SELECT release_id, COUNT(*) AS n FROM release_commits WHERE release_id IN (:ids) GROUP BY release_id")
                .param("ids", List.copyOf(releaseIds))
                .query((rs, row) -> counts.put(rs.getLong("release_id"), rs.getLong("n"))).list();
        return counts;
    }

    /** Each release's newest commit, by release id. */
    Map<Long, Commit> lastCommits(Collection<Long> releaseIds) {
        Map<Long, Commit> last = new HashMap<>();
        if (releaseIds.isEmpty()) {
            return last;
        }
        db.sql("SELECT rc.release_id, " + COMMIT_COLUMNS + """
                 FROM release_commits rc JOIN commits c ON c.id = rc.commit_id JOIN repositories g ON g.id = c.repository_id
                WHERE rc.release_id IN (:ids)
                  AND rc.ordering = (SELECT MIN(o.ordering) FROM release_commits o WHERE o.release_id = rc.release_id)""")
                .param("ids", List.copyOf(releaseIds))
                .query((rs, row) -> last.put(rs.getLong("release_id"), map(rs, row))).list();
        return last;
    }

    /** The distinct authors of each release's commits, by release id. */
    Map<Long, List<Commit.Author>> authors(Collection<Long> releaseIds) {
        Map<Long, List<Commit.Author>> authors = new HashMap<>();
        if (releaseIds.isEmpty()) {
            return authors;
        }
        db.sql("""
                SELECT DISTINCT rc.release_id, c.author_name, c.author_email
                FROM release_commits rc JOIN commits c ON c.id = rc.commit_id
                WHERE rc.release_id IN (:ids) AND (c.author_email IS NOT NULL OR c.author_name IS NOT NULL)
                ORDER BY rc.release_id, c.author_email, c.author_name""")
                .param("ids", List.copyOf(releaseIds))
                .query((rs, row) -> authors.computeIfAbsent(rs.getLong("release_id"), k -> new ArrayList<>())
                        .add(new Commit.Author(rs.getString("author_name"), rs.getString("author_email"))))
                .list();
        return authors;
    }

    static Commit map(ResultSet rs, int row) throws SQLException {
        Repository repository = new Repository(rs.getLong("repo_id"), rs.getLong("repo_org_id"), rs.getString("repo_name"),
                rs.getString("repo_url"), rs.getString("repo_provider"), Rows.instant(rs, "repo_created_at"));
        return new Commit(rs.getLong("id"), rs.getString("key"), rs.getString("message"), rs.getString("author_name"),
                rs.getString("author_email"), Rows.instant(rs, "timestamp"), Rows.instant(rs, "created_at"), repository);
    }
}
