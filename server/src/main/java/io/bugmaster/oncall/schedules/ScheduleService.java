package io.bugmaster.oncall.schedules;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Page;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/**
 * Schedules: stored definitions, and the shifts they give. Shifts before a schedule's recorded horizon
 * come from its history and never change; from the horizon on they are computed. Every edit first
 * records the shifts up to now, so editing changes only what is still to come.
 *
 * <p>The methods that take an organization id and no actor are for other features (escalation,
 * the bugmaster rotation, {@code /oncalls/}); they trust the caller to have checked access.
 * Reading needs {@code org:read}; editing schedules and overrides needs {@code alerts:write} (members).
 */
@Service
public class ScheduleService {
    /** The longest window one question about shifts may cover. */
    public static final Duration MAX_WINDOW = Duration.ofDays(366);
    public static final int MAX_OVERRIDES_LISTED = 1000;

    private final ScheduleStore store;
    private final OrganizationService organizations;
    private final Directory directory;
    private final Transactions tx;
    private final Clock clock;

    public ScheduleService(ScheduleStore store, OrganizationService organizations, Directory directory, Transactions tx, Clock clock) {
        this.store = store;
        this.organizations = organizations;
        this.directory = directory;
        this.tx = tx;
        this.clock = clock;
    }

    // --- for other features: organization ids, no actor

    public List<Schedule> schedulesOf(long orgId) {
        return store.ids(orgId).stream().map(id -> store.find(orgId, id)).flatMap(Optional::stream).toList();
    }

    public Optional<Schedule> find(long orgId, long scheduleId) {
        return store.find(orgId, scheduleId);
    }

    /** The final schedule over {@code [since, until)}: recorded shifts, then computed ones. Empty for another organization's schedule. */
    public List<Shift> shifts(long orgId, long scheduleId, Instant since, Instant until) {
        checkWindow(since, until);
        return tx.read(() -> store.find(orgId, scheduleId).map(s -> shifts(s, since, until)).orElse(List.of()));
    }

    /** Where nobody is on call within {@code [since, until)}. Empty for another organization's schedule. */
    public List<Span> gaps(long orgId, long scheduleId, Instant since, Instant until) {
        checkWindow(since, until);
        return tx.read(() -> store.find(orgId, scheduleId).map(s -> ScheduleCalculator.gaps(shifts(s, since, until), since, until))
                .orElse(List.of()));
    }

    /** Who is on call at {@code at} (nobody, or one person). */
    public List<Long> usersOnCall(long orgId, long scheduleId, Instant at) {
        return shifts(orgId, scheduleId, at, at.plusMillis(1)).stream().map(Shift::userId).toList();
    }

    /** One person's shift on a schedule. */
    public record PersonShift(long scheduleId, String scheduleName, Shift shift) {}

    /** The person's shifts on every schedule of the organization over {@code [since, until)}, by start. */
    public List<PersonShift> shiftsOf(long orgId, long userId, Instant since, Instant until) {
        checkWindow(since, until);
        return tx.read(() -> {
            List<PersonShift> out = new ArrayList<>();
            for (Schedule s : schedulesOf(orgId)) {
                for (Shift shift : shifts(s, since, until)) {
                    if (shift.userId() == userId) {
                        out.add(new PersonShift(s.id(), s.name(), shift));
                    }
                }
            }
            out.sort(Comparator.comparing((PersonShift p) -> p.shift().start()).thenComparing(PersonShift::scheduleId));
            return out;
        });
    }

    List<Shift> shifts(Schedule s, Instant since, Instant until) {
        checkWindow(since, until);
        Instant horizon = s.recordedUntil();
        List<Shift> recorded = since.isBefore(horizon) ? store.history(s.id(), since, min(until, horizon)) : List.of();
        Instant from = since.isAfter(horizon) ? since : horizon;
        List<Shift> computed = until.isAfter(from) ? ScheduleCalculator.finalShifts(definition(s, from, until), from, until) : List.of();
        // history is recorded a span at a time: one person's time across two recordings is one shift
        return ScheduleCalculator.join(ScheduleCalculator.join(List.of(), recorded), computed);
    }

    private ScheduleDefinition definition(Schedule s, Instant since, Instant until) {
        return new ScheduleDefinition(s.zone(), s.layers(),
                store.temporaries(s.id(), since, until).stream().map(TemporarySchedule::definition).toList(),
                store.overrides(s.id(), since, until).stream().map(ScheduleOverride::cover).toList());
    }

    private static void checkWindow(Instant since, Instant until) {
        if (!until.isAfter(since)) {
            throw new InvalidInputException("until", "must be after since");
        }
        if (Duration.between(since, until).compareTo(MAX_WINDOW) > 0) {
            throw new InvalidInputException("until", "at most " + MAX_WINDOW.toDays() + " days after since");
        }
    }

    /**
     * Records the schedule's shifts from its horizon up to now, so that an edit made next changes
     * only the future. Runs inside the edit's transaction.
     */
    private void recordUntilNow(Schedule s) {
        recordUntil(s, clock.instant());
    }

    private void recordUntil(Schedule s, Instant now) {
        Instant horizon = s.recordedUntil();
        if (!now.isAfter(horizon)) {
            return;
        }
        List<Shift> past = new ArrayList<>();
        // long quiet spells are recorded a window at a time
        for (Instant from = horizon; from.isBefore(now); ) {
            Instant to = min(now, from.plus(MAX_WINDOW));
            past.addAll(ScheduleCalculator.finalShifts(definition(s, from, to), from, to));
            from = to;
        }
        store.record(s.id(), horizon, now, ScheduleCalculator.join(List.of(), past));
    }

    /** How far behind now a schedule's history may fall before the engine records it. */
    public static final Duration RECORD_LAG = Duration.ofHours(1);

    /**
     * Records the final schedule up to {@code now} of schedules whose history lags more than
     * {@link #RECORD_LAG} (a batch of them), so the past is kept even when nobody edits, and an edit
     * has little to record. Answers how many schedules it recorded.
     */
    public int recordHistory(Instant now, int batch) {
        int recorded = 0;
        for (ScheduleStore.Due due : store.dueForRecording(now.minus(RECORD_LAG), batch)) {
            recorded += tx.write(() -> store.find(due.orgId(), due.id()).map(s -> {
                recordUntil(s, now);
                return 1;
            }).orElse(0));
        }
        return recorded;
    }

    // --- for people: an actor in an organization

    public OrgAccess access(Actor actor, String orgSlug) {
        return organizations.access(actor, orgSlug).require(Scopes.ORG_READ);
    }

    /** Whether the caller may edit the organization's schedules and overrides (the UI hides what they may not do). */
    public boolean canWrite(OrgAccess org) {
        return org.has(Scopes.ALERTS_WRITE);
    }

    /** The organization's joined members, by name: who a schedule may name. */
    public List<Directory.Person> members(OrgAccess org) {
        return directory.joinedMembers(org.org().id(), 1000);
    }

    /** People by id, for showing names (someone who left is still named in the past). */
    public Map<Long, Directory.Person> people(java.util.Collection<Long> userIds) {
        return directory.people(new java.util.HashSet<>(userIds));
    }

    public List<Directory.TeamName> teams(OrgAccess org) {
        return directory.teams(org.org().id(), 500);
    }

    public Page<Schedule> list(Actor actor, String orgSlug, int offset, int limit) {
        OrgAccess org = access(actor, orgSlug);
        return Page.of(store.list(org.org().id(), offset, limit + 1), offset, limit);
    }

    public Schedule get(Actor actor, String orgSlug, String scheduleId) {
        return schedule(access(actor, orgSlug), scheduleId);
    }

    public Schedule create(Actor actor, String orgSlug, ScheduleInput input) {
        ScheduleInput.Valid v = input.validate();
        return tx.write(() -> {
            OrgAccess org = access(actor, orgSlug).require(Scopes.ALERTS_WRITE);
            long orgId = org.org().id();
            Long teamId = teamId(orgId, v.team());
            checkMembers(orgId, v.layers());
            long id = store.insert(orgId, v.name(), v.zone(), v.description(), teamId, v.layers(), clock.instant())
                    .orElseThrow(() -> nameTaken(v.name()));
            return store.find(orgId, id).orElseThrow();
        });
    }

    public Schedule update(Actor actor, String orgSlug, String scheduleId, ScheduleInput input) {
        ScheduleInput.Valid v = input.validate();
        return tx.write(() -> {
            OrgAccess org = access(actor, orgSlug).require(Scopes.ALERTS_WRITE);
            Schedule s = schedule(org, scheduleId);
            long orgId = org.org().id();
            Long teamId = teamId(orgId, v.team());
            checkMembers(orgId, v.layers());
            recordUntilNow(s);
            if (!store.update(orgId, s.id(), v.name(), v.zone(), v.description(), teamId, v.layers(), clock.instant())) {
                throw nameTaken(v.name());
            }
            return store.find(orgId, s.id()).orElseThrow();
        });
    }

    public void delete(Actor actor, String orgSlug, String scheduleId) {
        tx.write(() -> {
            OrgAccess org = access(actor, orgSlug).require(Scopes.ALERTS_WRITE);
            store.delete(org.org().id(), schedule(org, scheduleId).id());
        });
    }

    /** The final schedule, each layer alone, and the gaps, over a window. */
    public record OnCall(Schedule schedule, Instant since, Instant until, List<Shift> finalShifts, List<List<Shift>> layers, List<Span> gaps) {}

    public OnCall onCall(Actor actor, String orgSlug, String scheduleId, Instant since, Instant until) {
        checkWindow(since, until);
        return tx.read(() -> {
            Schedule s = schedule(access(actor, orgSlug), scheduleId);
            List<Shift> fin = shifts(s, since, until);
            List<List<Shift>> layers = s.layers().stream().map(l -> ScheduleCalculator.layerShifts(l, s.zone(), since, until)).toList();
            return new OnCall(s, since, until, fin, layers, ScheduleCalculator.gaps(fin, since, until));
        });
    }

    // --- overrides

    public List<ScheduleOverride> overrides(Actor actor, String orgSlug, String scheduleId, Instant since, Instant until) {
        checkWindow(since, until);
        Schedule s = get(actor, orgSlug, scheduleId);
        List<ScheduleOverride> all = store.overrides(s.id(), since, until);
        return all.size() > MAX_OVERRIDES_LISTED ? all.subList(0, MAX_OVERRIDES_LISTED) : all;
    }

    public ScheduleOverride addOverride(Actor actor, String orgSlug, String scheduleId, String userId, Instant start, Instant end) {
        if (start == null || end == null) {
            throw new InvalidInputException(start == null ? "start" : "end", "an override needs a start and an end");
        }
        if (!end.isAfter(start)) {
            throw new InvalidInputException("end", "the override must end after it starts");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw new InvalidInputException("end", "an override lasts at most " + MAX_WINDOW.toDays() + " days");
        }
        long user = ScheduleInput.userId("user.id", userId);
        return tx.write(() -> {
            OrgAccess org = access(actor, orgSlug).require(Scopes.ALERTS_WRITE);
            Schedule s = schedule(org, scheduleId);
            if (!end.isAfter(clock.instant())) {
                throw new InvalidInputException("end", "the override has already ended; past shifts are recorded and do not change");
            }
            checkMembers(org.org().id(), Set.of(user), "user.id");
            recordUntilNow(s);
            return store.insertOverride(s.id(), user, start, end, actor.userId(), clock.instant());
        });
    }

    public void deleteOverride(Actor actor, String orgSlug, String scheduleId, String overrideId) {
        tx.write(() -> {
            OrgAccess org = access(actor, orgSlug).require(Scopes.ALERTS_WRITE);
            Schedule s = schedule(org, scheduleId);
            long id = parseId(overrideId, "override");
            store.override(s.id(), id).orElseThrow(() -> new NotFoundException("override '" + overrideId + "' not found"));
            recordUntilNow(s);
            store.deleteOverride(s.id(), id);
        });
    }

    // --- temporary schedules

    public List<TemporarySchedule> temporaries(Actor actor, String orgSlug, String scheduleId, Instant since, Instant until) {
        checkWindow(since, until);
        return store.temporaries(get(actor, orgSlug, scheduleId).id(), since, until);
    }

    /** A temporary schedule: for {@code [start, end)} these shifts (inside it) replace every layer. */
    public TemporarySchedule addTemporary(Actor actor, String orgSlug, String scheduleId, Instant start, Instant end, List<Shift> shifts) {
        if (!end.isAfter(start)) {
            throw new InvalidInputException("end", "the temporary schedule must end after it starts");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw new InvalidInputException("end", "a temporary schedule lasts at most " + MAX_WINDOW.toDays() + " days");
        }
        if (shifts.size() > ScheduleInput.MAX_USERS_PER_LAYER * 10) {
            throw new InvalidInputException("shifts", "at most " + ScheduleInput.MAX_USERS_PER_LAYER * 10 + " shifts");
        }
        for (int i = 0; i < shifts.size(); i++) {
            if (shifts.get(i).start().isBefore(start) || shifts.get(i).end().isAfter(end)) {
                throw new InvalidInputException("shifts[" + i + "]", "a shift lies within the temporary schedule's start and end");
            }
        }
        return tx.write(() -> {
            OrgAccess org = access(actor, orgSlug).require(Scopes.ALERTS_WRITE);
            Schedule s = schedule(org, scheduleId);
            if (!end.isAfter(clock.instant())) {
                throw new InvalidInputException("end", "the temporary schedule has already ended; past shifts are recorded and do not change");
            }
            checkMembers(org.org().id(), shifts.stream().map(Shift::userId).collect(java.util.stream.Collectors.toSet()), "shifts");
            recordUntilNow(s);
            return store.insertTemporary(s.id(), start, end, shifts, clock.instant());
        });
    }

    public void deleteTemporary(Actor actor, String orgSlug, String scheduleId, String temporaryId) {
        tx.write(() -> {
            OrgAccess org = access(actor, orgSlug).require(Scopes.ALERTS_WRITE);
            Schedule s = schedule(org, scheduleId);
            long id = parseId(temporaryId, "temporary schedule");
            recordUntilNow(s);
            if (!store.deleteTemporary(s.id(), id)) {
                throw new NotFoundException("temporary schedule '" + temporaryId + "' not found");
            }
        });
    }

    // --- someone leaves the organization

    /** Records what was, then takes the person out of the organization's schedules' future. */
    void memberLeft(long orgId, long userId) {
        for (Schedule s : schedulesOf(orgId)) {
            recordUntilNow(s);
        }
        store.removeFromLayers(orgId, userId);
        store.removeFutureCover(orgId, userId, clock.instant());
        store.revokeFeedsOf(orgId, userId, clock.instant());
    }

    // --- helpers

    Schedule schedule(OrgAccess org, String scheduleId) {
        long id = parseId(scheduleId, "schedule");
        return store.find(org.org().id(), id).orElseThrow(() -> new NotFoundException("schedule '" + scheduleId + "' not found"));
    }

    private static long parseId(String value, String what) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // not found below
        }
        throw new NotFoundException(what + " '" + value + "' not found");
    }

    private Long teamId(long orgId, String teamSlug) {
        if (teamSlug == null) {
            return null;
        }
        return directory.teamId(orgId, teamSlug)
                .orElseThrow(() -> new InvalidInputException("team", "this organization has no team '" + teamSlug + "'"));
    }

    private void checkMembers(long orgId, List<Layer> layers) {
        for (int i = 0; i < layers.size(); i++) {
            checkMembers(orgId, new TreeSet<>(layers.get(i).users()), "schedule_layers[" + i + "].users");
        }
    }

    private void checkMembers(long orgId, Set<Long> userIds, String field) {
        Map<Long, Directory.Person> members = directory.joinedMembers(orgId, userIds);
        for (long id : new TreeSet<>(userIds)) {
            if (!members.containsKey(id)) {
                throw new InvalidInputException(field, "user " + id + " is not a member of this organization");
            }
        }
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("this organization already has a schedule named '" + name + "'");
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
