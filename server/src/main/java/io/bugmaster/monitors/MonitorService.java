package io.bugmaster.monitors;

import io.bugmaster.accounts.Directory;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.incidents.Services;
import io.bugmaster.monitors.sources.DataSources;
import io.bugmaster.signals.NewSignal;
import io.bugmaster.signals.Signals;
import io.bugmaster.storage.Transactions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Monitors' lifecycle (create, change, pause, resume, mute, delete) and the one way a result
 * changes a monitor's state: {@link #apply}, in the transaction that stores the result, with the
 * monitor locked, raising the signal the state calculator names in that same transaction.
 * Authorization is the caller's (API and pages check the person's role in the organization).
 */
@Service
public class MonitorService {
    /** Sentry's monitor slugs: lower-case letters, digits, - and _, up to 50. */
    public static final Pattern SLUG = Pattern.compile("[a-z0-9_][a-z0-9_-]{0,49}");
    public static final List<String> SEVERITIES = List.of("critical", "error", "warning", "info");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MonitorStore store;
    private final Signals signals;
    private final Transactions tx;
    private final Directory directory;
    private final Clock clock;
    private final Services services;
    private final DataSources dataSources;

    public MonitorService(MonitorStore store, Signals signals, Transactions tx, Directory directory, Services services,
            DataSources dataSources, Clock clock) {
        this.services = services;
        this.dataSources = dataSources;
        this.store = store;
        this.signals = signals;
        this.tx = tx;
        this.directory = directory;
        this.clock = clock;
    }

    public Optional<Monitor> find(long id) {
        return store.find(id);
    }

    /** The organization's monitor with this slug; empty for another organization's. */
    public Optional<Monitor> find(long orgId, String slug) {
        return store.findBySlug(orgId, slug);
    }

    public List<Monitor> list(long orgId) {
        return store.list(orgId);
    }

    /**
     * Creates a monitor in a project of the organization. A check (sql, metric, volume) is due at
     * once; a cron monitor waits for its first check-in (new). Check-ins ingest kept for its slug
     * before it existed join it.
     *
     * @throws InvalidInputException a bad slug or severity, a project of another organization
     * @throws ConflictException     the slug is taken in the organization
     */
    public Monitor create(long orgId, long projectId, String slug, MonitorStore.Settings settings) {
        checkSlug(slug);
        check(orgId, settings);
        if (directory.orgOfProject(projectId).filter(o -> o == orgId).isEmpty()) {
            throw new InvalidInputException("project", "project " + projectId + " is not a project of this organization");
        }
        Instant now = clock.instant();
        return tx.write(() -> {
            if (store.findBySlug(orgId, slug).isPresent()) {
                throw new ConflictException("a monitor with the slug '" + slug + "' exists in this organization");
            }
            long id = store.insert(orgId, projectId, slug, settings, UUID.randomUUID().toString(), now);
            Monitor m = store.find(id).orElseThrow();
            if (settings.kind().runByBugmaster()) {
                store.saveState(id, m.snapshot(), now, now, null, null, now);
            } else {
                store.adoptCheckIns(projectId, m);
            }
            return store.find(id).orElseThrow();
        });
    }

    /** Changes a monitor's settings (not its slug or project). A check runs again at once with its new settings. */
    public Monitor update(Monitor m, MonitorStore.Settings settings) {
        check(m.orgId(), settings);
        Instant now = clock.instant();
        return tx.write(() -> {
            Monitor locked = store.lock(m.id()).orElseThrow(() -> new io.bugmaster.common.NotFoundException("no such monitor"));
            store.updateSettings(m.id(), settings, now);
            if (settings.kind().runByBugmaster() && locked.state() != MonitorState.PAUSED) {
                store.saveState(m.id(), locked.snapshot(), locked.stateSince(), now, locked.lastCheckinAt(), locked.lastValue(), now);
            } else if (!settings.kind().runByBugmaster() && locked.nextDueAt() != null
                    && !(locked.config().schedule().equals(settings.config().schedule())
                            && locked.config().timezone().equals(settings.config().timezone()))) {
                // a cron monitor with a new schedule expects its next check-in at the new schedule's next time from now
                store.saveState(m.id(), locked.snapshot(), locked.stateSince(), MonitorStates.nextDue(settings.config(), now).orElse(null),
                        locked.lastCheckinAt(), locked.lastValue(), now);
            }
            return store.find(m.id()).orElseThrow();
        });
    }

    public boolean delete(Monitor m) {
        return tx.write(() -> store.delete(m.id()));
    }

    /** Paused: not watched, nothing raised; check-ins are still kept. */
    public Monitor pause(Monitor m) {
        return setState(m, MonitorState.PAUSED);
    }

    /** Watched again from now, as new: a cron monitor waits for its next check-in, a check runs at once. */
    public Monitor resume(Monitor m) {
        return setState(m, MonitorState.NEW);
    }

    private Monitor setState(Monitor m, MonitorState target) {
        Instant now = clock.instant();
        return tx.write(() -> {
            Monitor locked = store.lock(m.id()).orElseThrow(() -> new io.bugmaster.common.NotFoundException("no such monitor"));
            if (locked.state() == target || (target == MonitorState.NEW && locked.state() != MonitorState.PAUSED)) {
                return locked;
            }
            MonitorStates.Snapshot next = new MonitorStates.Snapshot(target, 0, 0, null, null);
            Instant due = target == MonitorState.NEW && locked.kind().runByBugmaster() ? now : null;
            store.saveState(m.id(), next, now, due, locked.lastCheckinAt(), locked.lastValue(), now);
            store.insertFlip(m.id(), now, locked.state(), target, null);
            return store.find(m.id()).orElseThrow();
        });
    }

    /** Muted: watched and shown as usual, but it raises no monitor.down or monitor.failing (nobody is told). */
    public Monitor mute(Monitor m, boolean muted) {
        return tx.write(() -> {
            store.setMuted(m.id(), muted, clock.instant());
            return store.find(m.id()).orElseThrow();
        });
    }

    /**
     * Runs {@code work} in a write transaction with the monitor locked (PostgreSQL's row lock; SQLite
     * has one writer): results of one monitor are applied one after the other, whoever sends them.
     */
    public <T> Optional<T> withLock(long monitorId, Function<Monitor, T> work) {
        return tx.write(() -> store.lock(monitorId).map(work));
    }

    /** What {@link #apply} did: the monitor before, and the calculator's decision. */
    public record Applied(Monitor before, MonitorStates.Transition transition) {
        public boolean flipped() {
            return transition.flipped(before.snapshot());
        }
    }

    /**
     * Applies one result to a monitor the caller has locked ({@link #withLock}), in the caller's
     * transaction: the new state, a flip row when the state changed, when the monitor is next due, and
     * the signal the calculator names (none for a muted monitor, except monitor.up).
     *
     * @param nextDueAt     when the monitor is next due (a cron monitor's next expected check-in, a check's next run)
     * @param lastCheckinAt the latest check-in's time (cron), or the monitor's as it was
     * @param value         the check's value (charts), or null
     * @param refName       {@code check_in} or {@code result}: what the signal's body points at
     * @param refId         that row's id
     */
    public Applied apply(Monitor locked, MonitorStates.Result result, Instant at, Instant nextDueAt, Instant lastCheckinAt, Double value,
            String refName, Long refId) {
        MonitorStates.Transition t = MonitorStates.apply(locked.snapshot(), result, locked.config());
        MonitorStates.Snapshot next = t.next();
        boolean flipped = t.flipped(locked.snapshot());
        store.saveState(locked.id(), next, flipped ? at : locked.stateSince(), nextDueAt, lastCheckinAt,
                value != null ? value : locked.lastValue(), at);
        if (flipped) {
            store.insertFlip(locked.id(), at, locked.state(), next.state(), next.reason());
        }
        if (t.signal() != null && (!locked.muted() || MonitorSignals.UP.equals(t.signal()))) {
            signals.raise(new NewSignal(locked.orgId(), locked.subject(), t.signal(),
                    MonitorSignals.body(locked, next, t.still(), refName, refId)), at);
        }
        return new Applied(locked, t);
    }

    /** Marks a cron monitor late (due, within its margin): a flip, no signal. */
    public void markLate(Monitor locked, Instant at) {
        if (locked.state() != MonitorState.UP) {
            return;
        }
        MonitorStates.Snapshot late = new MonitorStates.Snapshot(MonitorState.LATE, locked.failStreak(), locked.okStreak(),
                MonitorStates.LATE, locked.lastSaid());
        store.saveState(locked.id(), late, at, locked.nextDueAt(), locked.lastCheckinAt(), locked.lastValue(), at);
        store.insertFlip(locked.id(), at, MonitorState.UP, MonitorState.LATE, MonitorStates.LATE);
    }

    /** The project's ping key for {@code /ping/<ping-key>/<slug>}, made on first use. */
    public String pingKey(long projectId) {
        return store.pingKey(projectId).orElseGet(() -> tx.write(() -> {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            store.insertPingKey(projectId, HexFormat.of().formatHex(bytes), clock.instant());
            return store.pingKey(projectId).orElseThrow();
        }));
    }

    public static void checkSlug(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new InvalidInputException("slug", "a monitor's slug is 1 to 50 lower-case letters, digits, '-' or '_' (got: "
                    + (slug == null ? "nothing" : slug.length() > 60 ? slug.substring(0, 60) + "…" : slug) + ")");
        }
    }

    private void check(long orgId, MonitorStore.Settings s) {
        if (s.serviceId() != null && services.service(orgId, s.serviceId()).isEmpty()) {
            throw new InvalidInputException("service_id", "service " + s.serviceId() + " is not a service of this organization");
        }
        if (s.name() == null || s.name().isBlank() || s.name().length() > 200) {
            throw new InvalidInputException("name", "a monitor's name is 1 to 200 characters");
        }
        if (!SEVERITIES.contains(s.severity())) {
            throw new InvalidInputException("severity", "a monitor's severity is one of " + SEVERITIES + " (got: " + s.severity() + ")");
        }
        try {
            s.config().checkedFor(s.kind());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("config", e.getMessage());
        }
        Long sourceId = s.config().sql() != null ? Long.valueOf(s.config().sql().dataSourceId())
                : s.config().metric() != null ? Long.valueOf(s.config().metric().dataSourceId()) : null;
        if (sourceId != null) {
            boolean wantsSql = s.config().sql() != null;
            if (dataSources.find(orgId, sourceId).filter(ds -> ds.kind().sql() == wantsSql).isEmpty()) {
                throw new InvalidInputException("data_source_id", "data source " + sourceId + " is not "
                        + (wantsSql ? "a database" : "a Prometheus") + " data source of this organization");
            }
        }
    }
}
