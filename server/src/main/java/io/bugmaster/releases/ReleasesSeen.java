package io.bugmaster.releases;

import io.bugmaster.storage.Dialect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * For the digest: what events tell about releases, written in the caller's transaction (the
 * digest's one transaction per batch). Creates or widens the releases the events name, links them
 * to their projects, and counts per release and project the issues first seen there
 * ({@code new_issues}) and the issues that regressed on an event of that release
 * ({@code regressions}, one per regression event). Rows are written in one order (sorted keys), so
 * two batches never deadlock on them.
 */
@Service
public class ReleasesSeen {
    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final String upsertRelease;

    public ReleasesSeen(JdbcClient db, DataSource dataSource, Dialect dialect) {
        this.db = db;
        this.jdbc = new JdbcTemplate(dataSource);
        this.upsertRelease = """
                INSERT INTO releases (org_id, version, created_at, first_event, last_event) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (org_id, version) DO UPDATE SET first_event = %s, last_event = %s RETURNING id""".formatted(
                dialect.least("COALESCE(releases.first_event, excluded.first_event)", "excluded.first_event"),
                dialect.greatest("COALESCE(releases.last_event, excluded.last_event)", "excluded.last_event"));
    }

    /** An event of a project that named a release of its organization, at {@code timestamp} (epoch ms). */
    public record Sighting(long orgId, String version, long projectId, long timestamp) {}

    /** One count (a new issue, a regression) for a release of a project. */
    public record Tally(long orgId, String version, long projectId) {}

    private record Key(long orgId, String version) {}

    private static final Comparator<Key> BY_KEY = Comparator.comparingLong(Key::orgId).thenComparing(Key::version);

    /** Records a batch's releases; the releases of {@code newIssues} and {@code regressions} are among {@code events}'. */
    public void record(List<Sighting> events, List<Tally> newIssues, List<Tally> regressions, long now) {
        Map<Key, long[]> span = new TreeMap<>(BY_KEY);
        Map<Key, java.util.TreeSet<Long>> projects = new TreeMap<>(BY_KEY);
        for (Sighting s : events) {
            Key key = new Key(s.orgId(), s.version());
            long[] a = span.computeIfAbsent(key, k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            a[0] = Math.min(a[0], s.timestamp());
            a[1] = Math.max(a[1], s.timestamp());
            projects.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(s.projectId());
        }
        Map<Key, Long> ids = new HashMap<>();
        span.forEach((key, a) -> ids.put(key, db.sql(upsertRelease).params(key.orgId(), key.version(), now, a[0], a[1])
                .query(Long.class).single()));
        List<Object[]> links = new ArrayList<>();
        projects.forEach((key, ps) -> ps.forEach(p -> links.add(new Object[] {ids.get(key), p})));
        links.sort(Comparator.comparing((Object[] r) -> (Long) r[0]).thenComparing(r -> (Long) r[1]));
        if (!links.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO release_projects (release_id, project_id) VALUES (?, ?) ON CONFLICT DO NOTHING", links);
        }
        add("new_issues", newIssues, ids);
        add("regressions", regressions, ids);
    }

    private void add(String column, List<Tally> tallies, Map<Key, Long> ids) {
        Map<List<Long>, Long> perRelease = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
                ? Long.compare(a.get(1), b.get(1)) : Long.compare(a.get(0), b.get(0)));
        for (Tally t : tallies) {
            perRelease.merge(List.of(ids.get(new Key(t.orgId(), t.version())), t.projectId()), 1L, Long::sum);
        }
        if (!perRelease.isEmpty()) {
            List<Object[]> rows = new ArrayList<>();
            perRelease.forEach((k, n) -> rows.add(new Object[] {n, k.get(0), k.get(1)}));
            jdbc.batchUpdate("UPDATE release_projects SET " + column + " = " + column + " + ? WHERE release_id = ? AND project_id = ?",
                    rows);
        }
    }

    /** When the organization's release was released, else when it was created; empty for an unknown version. */
    public Optional<Long> releasedAt(long orgId, String version) {
        return db.sql("SELECT COALESCE(date_released, created_at) FROM releases WHERE org_id = ? AND version = ?")
                .params(orgId, version).query(Long.class).optional();
    }
}
