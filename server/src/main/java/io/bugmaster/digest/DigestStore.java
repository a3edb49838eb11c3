package io.bugmaster.digest;

import static io.bugmaster.storage.InLists.chunks;
import static io.bugmaster.storage.InLists.marks;

import io.bugmaster.accounts.EnvironmentsSeen;
import io.bugmaster.common.Subject;
import io.bugmaster.issues.IssueWorkflow;
import io.bugmaster.issues.StatusDetails;
import io.bugmaster.releases.ReleasesSeen;
import io.bugmaster.releases.Semver;
import io.bugmaster.signals.NewSignal;
import io.bugmaster.signals.Signals;
import io.bugmaster.storage.Dialect;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a batch of events in one transaction: finds or creates their issues, inserts the events,
 * and updates everything kept per issue (counts, users, tags, hourly counts, releases, status and
 * the activity of a status change), and raises their signals. Work is aggregated per
 * issue, so a batch of a thousand events of one issue updates that issue once.
 *
 * <p>Several nodes may write at once on PostgreSQL, so nothing here acts on a read without
 * making sure it still holds: unknown hashes are looked up again under a per-project lock before
 * issues are created (one node creates each issue and raises its {@code issue.new}); an event id
 * another node stored first is dropped at insert; a status change applies only if the status is
 * still the one read (one node records a regression). Per-issue rows, releases and environments
 * are written in one order (sorted keys), so two batches never deadlock on them.
 */
@Repository
public class DigestStore {
    private static final long HOUR = 3_600_000L;
    /** High 16 bits of the advisory lock keys of issue creation ("bi"); the low 48 are the project id. */
    private static final long ISSUE_CREATION_LOCKS = 0x6269L << 48;
    /** Orders keys of longs element by element: rows are locked in this order. */
    private static final Comparator<List<Long>> BY_LONGS = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Long.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final Transactions tx;
    private final Dialect dialect;
    private final Clock clock;
    private final Signals signals;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String upsertTag;
    private final String upsertHour;
    private final String updateCounts;
    private final ReleasesSeen releases;
    private final EnvironmentsSeen environments;

    public DigestStore(JdbcClient db, DataSource dataSource, Transactions tx, Dialect dialect, Clock clock, Signals signals,
            ReleasesSeen releases, EnvironmentsSeen environments) {
        this.db = db;
        this.signals = signals;
        this.releases = releases;
        this.environments = environments;
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = tx;
        this.dialect = dialect;
        this.clock = clock;
        this.upsertTag = """
                INSERT INTO issue_tags (issue_id, key, value, times_seen, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (issue_id, key, value) DO UPDATE SET times_seen = issue_tags.times_seen + excluded.times_seen,
                first_seen = %s, last_seen = %s""".formatted(
                dialect.least("issue_tags.first_seen", "excluded.first_seen"),
                dialect.greatest("issue_tags.last_seen", "excluded.last_seen"));
        this.upsertHour = """
                INSERT INTO issue_hourly (issue_id, hour, events) VALUES (?, ?, ?)
                ON CONFLICT (issue_id, hour) DO UPDATE SET events = issue_hourly.events + excluded.events""";
        this.updateCounts = """
                UPDATE issues SET times_seen = times_seen + ?, user_count = user_count + ?, first_seen = %s, last_seen = %s,
                last_release = COALESCE(?, last_release), first_release = COALESCE(first_release, ?) WHERE id = ?""".formatted(
                dialect.least("first_seen", "?"), dialect.greatest("last_seen", "?"));
    }

    /**
     * What a batch wrote.
     *
     * @param signals how many signals it raised
     * @param stored  the items written (by identity); the others were dropped as duplicates of stored events
     */
    public record Written(int signals, Set<DigestItem> stored) {}

    /** Writes the batch; all of it or, on an exception, none of it. */
    public Written write(List<DigestItem> items) {
        return tx.write(() -> writeInTransaction(items, clock.instant()));
    }

    private Written writeInTransaction(List<DigestItem> items, Instant now) {
        List<DigestItem> fresh = dropDuplicates(items);
        Set<DigestItem> stored = Collections.newSetFromMap(new IdentityHashMap<>());
        if (fresh.isEmpty()) {
            return new Written(0, stored);
        }
        Set<Long> newIssues = new HashSet<>();
        Map<DigestItem, Long> issueOf = resolveIssues(fresh, now, newIssues);
        List<DigestItem> inserted = insertEvents(fresh, issueOf);
        stored.addAll(inserted);
        forgetIssuesWithoutEvents(newIssues, inserted, issueOf);

        // sorted by issue id, as every per-issue write below, so that concurrent batches lock rows in one order
        Map<Long, List<DigestItem>> byIssue = new TreeMap<>();
        for (DigestItem item : inserted) {
            Long issueId = issueOf.get(item);
            if (issueId != null) {
                byIssue.computeIfAbsent(issueId, id -> new ArrayList<>()).add(item);
            }
        }
        Map<Long, Integer> newUsers = insertUsers(byIssue);
        List<NewSignal> raised = new ArrayList<>();
        List<DigestItem> regressions = new ArrayList<>();
        updateIssues(byIssue, newUsers, newIssues, now, raised, regressions);
        upsertTags(byIssue);
        upsertHours(byIssue);
        upsertEnvironments(inserted);
        upsertReleases(inserted, byIssue, newIssues, regressions);
        signals.raiseAll(raised, now);
        return new Written(raised.size(), stored);
    }

    /** Sentry drops an event id it has seen: SDKs may send the same event twice. */
    private List<DigestItem> dropDuplicates(List<DigestItem> items) {
        Map<Long, List<DigestItem>> byProject = items.stream().collect(Collectors.groupingBy(DigestItem::projectId));
        Set<String> seen = new HashSet<>();
        for (var entry : byProject.entrySet()) {
            for (List<String> chunk : chunks(entry.getValue().stream().map(DigestItem::eventId).distinct().toList())) {
                db.sql("SELECT event_id FROM events WHERE project_id = ? AND event_id IN (" + marks(chunk.size()) + ")")
                        .params(prepend(entry.getKey(), chunk)).query(String.class).list()
                        .forEach(id -> seen.add(entry.getKey() + ":" + id));
            }
        }
        List<DigestItem> fresh = new ArrayList<>(items.size());
        for (DigestItem item : items) {
            if (seen.add(item.projectId() + ":" + item.eventId())) {
                fresh.add(item);
            }
        }
        return fresh;
    }

    /**
     * Finds the issue of every error event by any of its hashes, creating issues for unknown ones.
     * Another node may be creating the same issues right now: before it creates any, the batch
     * takes each project's issue-creation lock (in project order) and looks its unknown hashes up
     * again, so it sees the issues that the node before it committed. Batches whose hashes are all
     * known, nearly all of them, take no lock.
     */
    private Map<DigestItem, Long> resolveIssues(List<DigestItem> items, Instant now, Set<Long> created) {
        Map<String, Long> known = new HashMap<>();
        Map<Long, List<DigestItem>> byProject = items.stream().filter(i -> i.type().makesIssues())
                .collect(Collectors.groupingBy(DigestItem::projectId));
        Map<Long, List<String>> hashesOf = new TreeMap<>();
        byProject.forEach((projectId, inProject) ->
                hashesOf.put(projectId, inProject.stream().flatMap(i -> i.hashes().stream()).distinct().toList()));
        hashesOf.forEach((projectId, hashes) -> readHashes(projectId, hashes, known));
        hashesOf.forEach((projectId, hashes) -> {
            List<String> unknown = hashes.stream().filter(h -> !known.containsKey(projectId + ":" + h)).toList();
            if (!unknown.isEmpty()) {
                lockIssueCreation(projectId);
                readHashes(projectId, unknown, known);
            }
        });
        Map<DigestItem, Long> issueOf = new HashMap<>();
        Map<String, Object[]> newHashes = new LinkedHashMap<>();
        for (DigestItem item : items) {
            if (!item.type().makesIssues()) {
                continue;
            }
            Long issueId = item.hashes().stream().map(h -> known.get(item.projectId() + ":" + h))
                    .filter(Objects::nonNull).findFirst().orElse(null);
            if (issueId == null) {
                issueId = createIssue(item, now);
                created.add(issueId);
            }
            issueOf.put(item, issueId);
            for (String hash : item.hashes()) {
                String key = item.projectId() + ":" + hash;
                if (!known.containsKey(key)) {
                    known.put(key, issueId);
                    newHashes.put(key, new Object[] {item.projectId(), hash, issueId, item.strategy(), now.toEpochMilli()});
                }
            }
        }
        if (!newHashes.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO issue_hashes (project_id, hash, issue_id, strategy, created_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (project_id, hash) DO NOTHING""", new ArrayList<>(newHashes.values()));
        }
        return issueOf;
    }

    private void readHashes(long projectId, List<String> hashes, Map<String, Long> known) {
        for (List<String> chunk : chunks(hashes)) {
            db.sql("SELECT hash, issue_id FROM issue_hashes WHERE project_id = ? AND hash IN (" + marks(chunk.size()) + ")")
                    .params(prepend(projectId, chunk))
                    .query((rs, row) -> known.put(projectId + ":" + rs.getString(1), rs.getLong(2))).list();
        }
    }

    /**
     * Holds the project's issue-creation lock until this transaction ends. On PostgreSQL: a
     * transaction advisory lock. SQLite has one node, whose write transactions already run one at
     * a time ({@link Transactions}).
     */
    private void lockIssueCreation(long projectId) {
        if (dialect.hasAdvisoryLocks()) {
            db.sql("SELECT pg_advisory_xact_lock(?)").param(ISSUE_CREATION_LOCKS | projectId).query().listOfRows();
        }
    }

    private long createIssue(DigestItem item, Instant now) {
        long number = db.sql("""
                INSERT INTO project_counters (project_id, next_issue_number) VALUES (?, 2)
                ON CONFLICT (project_id) DO UPDATE SET next_issue_number = project_counters.next_issue_number + 1
                RETURNING next_issue_number - 1""").param(item.projectId()).query(Long.class).single();
        long ts = item.timestamp().toEpochMilli();
        return db.sql("""
                INSERT INTO issues (project_id, short_number, type, title, culprit, level, platform, metadata, status, substatus,
                first_seen, last_seen, times_seen, user_count, grouping_strategy, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'unresolved', 'new', ?, ?, 0, 0, ?, ?) RETURNING id""")
                .params(item.projectId(), number, item.type().id(), item.title(), item.culprit(), item.level(), item.platform(),
                        item.metadataJson(), ts, ts, item.strategy(), now.toEpochMilli())
                .query(Long.class).single();
    }

    /**
     * Inserts the events and returns those inserted: an event id that another node stored since
     * {@link #dropDuplicates} looked is dropped here, as a duplicate.
     */
    private List<DigestItem> insertEvents(List<DigestItem> items, Map<DigestItem, Long> issueOf) {
        List<Object[]> rows = new ArrayList<>(items.size());
        for (DigestItem item : items) {
            rows.add(new Object[] {item.projectId(), issueOf.get(item), item.eventId(), item.type().id(),
                    item.timestamp().toEpochMilli(), item.received().toEpochMilli(), item.level(), item.release(),
                    item.environment(), item.userKey(), item.title(), item.payload()});
        }
        int[] inserted = jdbc.batchUpdate("""
                INSERT INTO events (project_id, issue_id, event_id, type, occurred_at, received_at, level, release, environment,
                user_key, title, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (project_id, event_id) DO NOTHING""", rows);
        List<DigestItem> written = new ArrayList<>(items.size());
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i] != 0) {
                written.add(items.get(i));
            }
        }
        return written;
    }

    /**
     * Deletes the issues this batch created whose every event turned out to be stored already
     * (another node stored the same event id, under another fingerprint): no issue without events.
     */
    private void forgetIssuesWithoutEvents(Set<Long> created, List<DigestItem> stored, Map<DigestItem, Long> issueOf) {
        Set<Long> empty = new HashSet<>(created);
        stored.forEach(item -> empty.remove(issueOf.get(item)));
        if (!empty.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM issues WHERE id = ?", empty.stream().map(id -> new Object[] {id}).toList());
            created.removeAll(empty);
        }
    }

    /** Records each issue's distinct users; returns how many are new per issue. */
    private Map<Long, Integer> insertUsers(Map<Long, List<DigestItem>> byIssue) {
        List<Object[]> rows = new ArrayList<>();
        List<Long> rowIssue = new ArrayList<>();
        byIssue.forEach((issueId, items) -> items.stream().map(DigestItem::userKey).filter(Objects::nonNull).distinct().sorted()
                .forEach(user -> {
                    rows.add(new Object[] {issueId, user});
                    rowIssue.add(issueId);
                }));
        Map<Long, Integer> added = new HashMap<>();
        if (rows.isEmpty()) {
            return added;
        }
        int[] counts = jdbc.batchUpdate("INSERT INTO issue_users (issue_id, user_key) VALUES (?, ?) ON CONFLICT DO NOTHING", rows);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                added.merge(rowIssue.get(i), 1, Integer::sum);
            }
        }
        return added;
    }

    private record IssueRow(long id, long projectId, String status, String details, long timesSeen, long userCount) {}

    private void updateIssues(Map<Long, List<DigestItem>> byIssue, Map<Long, Integer> newUsers, Set<Long> newIssues,
            Instant now, List<NewSignal> signals, List<DigestItem> regressions) {
        if (byIssue.isEmpty()) {
            return;
        }
        Map<Long, IssueRow> rows = new HashMap<>();
        for (List<Long> chunk : chunks(new ArrayList<>(byIssue.keySet()))) {
            db.sql("SELECT id, project_id, status, status_details, times_seen, user_count FROM issues WHERE id IN ("
                            + marks(chunk.size()) + ")")
                    .params(new ArrayList<Object>(chunk))
                    .query((rs, n) -> rows.put(rs.getLong(1), new IssueRow(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            rs.getString(4), rs.getLong(5), rs.getLong(6))))
                    .list();
        }
        record Change(IssueRow row, IssueWorkflow.Outcome outcome, DigestItem latest) {}
        List<Object[]> counts = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        for (var entry : byIssue.entrySet()) {
            long issueId = entry.getKey();
            List<DigestItem> items = entry.getValue();
            IssueRow row = rows.get(issueId);
            long first = items.stream().mapToLong(i -> i.timestamp().toEpochMilli()).min().orElseThrow();
            DigestItem latest = Collections.max(items, (a, b) -> a.timestamp().compareTo(b.timestamp()));
            String latestRelease = items.stream().filter(i -> i.release() != null)
                    .max((a, b) -> a.timestamp().compareTo(b.timestamp())).map(DigestItem::release).orElse(null);
            String firstRelease = items.stream().filter(i -> i.release() != null)
                    .min((a, b) -> a.timestamp().compareTo(b.timestamp())).map(DigestItem::release).orElse(null);
            int users = newUsers.getOrDefault(issueId, 0);
            counts.add(new Object[] {items.size(), users, first, latest.timestamp().toEpochMilli(), latestRelease, firstRelease,
                    issueId});
            if (newIssues.contains(issueId)) {
                signals.add(signal(IssueWorkflow.Signal.NEW_ISSUE, issueId, items.get(0)));
                continue;
            }
            IssueWorkflow.Outcome outcome = IssueWorkflow.onEvents(new IssueWorkflow.Arrival(row.status(),
                    parseDetails(row.details()), row.timesSeen() + items.size(), row.userCount() + users,
                    latest.release(), now), releaseOrder(latest.orgId()), latest.eventId());
            if (outcome.changes()) {
                changes.add(new Change(row, outcome, latest));
            }
        }
        jdbc.batchUpdate(updateCounts, counts);
        if (changes.isEmpty()) {
            return;
        }
        // Only if the status is still the one read: of two nodes that saw the issue resolved, one reopens it.
        int[] applied = jdbc.batchUpdate("""
                UPDATE issues SET status = ?, substatus = ?, status_details = NULL, resolved_at = NULL
                WHERE id = ? AND status = ? AND status_details IS NOT DISTINCT FROM ?""", changes.stream()
                .map(c -> new Object[] {c.outcome().status(), c.outcome().substatus(), c.row().id(), c.row().status(),
                        c.row().details()})
                .toList());
        List<Object[]> activities = new ArrayList<>();
        for (int i = 0; i < applied.length; i++) {
            if (applied[i] == 0) {
                continue;
            }
            Change c = changes.get(i);
            signals.add(signal(c.outcome().signal(), c.row().id(), c.latest()));
            activities.add(new Object[] {c.row().id(), c.outcome().activityType(),
                    json.writeValueAsString(c.outcome().activityData()), now.toEpochMilli()});
            if (c.outcome().signal() == IssueWorkflow.Signal.REGRESSION) {
                regressions.add(c.latest());
            }
        }
        if (!activities.isEmpty()) {
            // the issue's activity says what reopened it, as it does for a person's change
            jdbc.batchUpdate("INSERT INTO issue_activity (issue_id, type, user_id, data, created_at) VALUES (?, ?, NULL, ?, ?)",
                    activities);
        }
    }

    private static NewSignal signal(IssueWorkflow.Signal signal, long issueId, DigestItem item) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("issueId", issueId);
        fields.put("eventId", item.eventId());
        fields.put("release", item.release());
        fields.put("environment", item.environment());
        return new NewSignal(item.orgId(), Subject.issue(issueId), signal.topic(), fields);
    }

    private StatusDetails parseDetails(String details) {
        return details == null || details.isBlank() ? null : json.readValue(details, StatusDetails.class);
    }

    /** Semver when both releases are versions of the same package, else by release date (when it was released, else first seen). */
    private BiPredicate<String, String> releaseOrder(long orgId) {
        return (a, b) -> {
            var va = Semver.parse(a);
            var vb = Semver.parse(b);
            if (va.isPresent() && vb.isPresent() && Semver.packageOf(a).equals(Semver.packageOf(b))) {
                return va.get().compareTo(vb.get()) > 0;
            }
            Long ta = releaseCreated(orgId, a);
            Long tb = releaseCreated(orgId, b);
            return ta != null && tb != null && ta > tb;
        };
    }

    private Long releaseCreated(long orgId, String version) {
        return releases.releasedAt(orgId, version).orElse(null);
    }

    private void upsertTags(Map<Long, List<DigestItem>> byIssue) {
        Map<List<Object>, long[]> agg = new LinkedHashMap<>();
        byIssue.forEach((issueId, items) -> {
            for (DigestItem item : items) {
                long ts = item.timestamp().toEpochMilli();
                for (Map.Entry<String, String> tag : item.tags()) {
                    long[] a = agg.computeIfAbsent(List.of(issueId, tag.getKey(), tag.getValue()),
                            k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
                    a[0]++;
                    a[1] = Math.min(a[1], ts);
                    a[2] = Math.max(a[2], ts);
                }
            }
        });
        if (!agg.isEmpty()) {
            List<Object[]> rows = new ArrayList<>(agg.size());
            agg.forEach((k, a) -> rows.add(new Object[] {k.get(0), k.get(1), k.get(2), a[0], a[1], a[2]}));
            rows.sort(Comparator.comparing((Object[] r) -> (Long) r[0]).thenComparing(r -> (String) r[1])
                    .thenComparing(r -> (String) r[2]));
            jdbc.batchUpdate(upsertTag, rows);
        }
    }

    private void upsertHours(Map<Long, List<DigestItem>> byIssue) {
        Map<List<Long>, Long> agg = new TreeMap<>(BY_LONGS);
        byIssue.forEach((issueId, items) -> items.forEach(item ->
                agg.merge(List.of(issueId, item.timestamp().toEpochMilli() / HOUR * HOUR), 1L, Long::sum)));
        List<Object[]> rows = new ArrayList<>(agg.size());
        agg.forEach((k, n) -> rows.add(new Object[] {k.get(0), k.get(1), n}));
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(upsertHour, rows);
        }
    }

    /** The environments the events name, through accounts (their owner), in this transaction. */
    private void upsertEnvironments(List<DigestItem> items) {
        record Env(long projectId, String name) {}
        Map<Env, Long> envs = new HashMap<>();
        for (DigestItem item : items) {
            if (item.environment() != null) {
                envs.merge(new Env(item.projectId(), item.environment()), item.timestamp().toEpochMilli(), Math::min);
            }
        }
        if (!envs.isEmpty()) {
            environments.record(envs.entrySet().stream()
                    .map(e -> new EnvironmentsSeen.Seen(e.getKey().projectId(), e.getKey().name(), e.getValue())).toList());
        }
    }

    /**
     * The releases the events name, the issues first seen in each and the regressions on their
     * events, through releases (their owner), in this transaction.
     */
    private void upsertReleases(List<DigestItem> items, Map<Long, List<DigestItem>> byIssue, Set<Long> newIssues,
            List<DigestItem> regressions) {
        List<ReleasesSeen.Sighting> seen = items.stream().filter(i -> i.release() != null)
                .map(i -> new ReleasesSeen.Sighting(i.orgId(), i.release(), i.projectId(), i.timestamp().toEpochMilli())).toList();
        if (seen.isEmpty()) {
            return;
        }
        List<ReleasesSeen.Tally> firstSeen = newIssues.stream().map(id -> byIssue.get(id).get(0)).filter(i -> i.release() != null)
                .map(i -> new ReleasesSeen.Tally(i.orgId(), i.release(), i.projectId())).toList();
        List<ReleasesSeen.Tally> regressed = regressions.stream().filter(i -> i.release() != null)
                .map(i -> new ReleasesSeen.Tally(i.orgId(), i.release(), i.projectId())).toList();
        releases.record(seen, firstSeen, regressed, clock.millis());
    }

    private static List<Object> prepend(Object first, Collection<?> rest) {
        List<Object> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
