package io.bugmaster.oncall.triage;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.Team;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.oncall.OnCallSchedules;
import io.bugmaster.oncall.schedules.ScheduleService;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The bugmaster rotation (Drivy's "bugmaster", PayFit's "Superman"): a team marks one schedule as
 * its triage duty. Whoever is on call on it is the team's bugmaster: new issues of the team's
 * projects that no ownership rule owns are assigned to them, the inbox names them, and their
 * handoff notice lists what is left in the inbox. Reading needs team:read, changing team:write.
 */
@Service
public class TriageRotations {
    private final TriageRotationStore store;
    static final int MAX_TEAMS_LISTED = 500;

    private final OnCallSchedules schedules;
    private final ScheduleService scheduleList;
    private final OrganizationService organizations;
    private final Directory directory;
    private final Transactions tx;
    private final Clock clock;

    TriageRotations(TriageRotationStore store, OnCallSchedules schedules, ScheduleService scheduleList, OrganizationService organizations,
            Directory directory, Transactions tx, Clock clock) {
        this.store = store;
        this.schedules = schedules;
        this.scheduleList = scheduleList;
        this.organizations = organizations;
        this.directory = directory;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * A team's rotation and who is on it at a moment.
     *
     * @param bugmaster who is on call on the schedule, or null when nobody is (or they left the organization)
     */
    public record Bugmaster(long orgId, long teamId, String teamSlug, String teamName, long scheduleId, String scheduleName,
            Directory.Person bugmaster) {
        public Optional<Directory.Person> person() {
            return Optional.ofNullable(bugmaster);
        }
    }

    // --- for callers ---

    /** The team's rotation with its bugmaster now; empty when the team has none. */
    public Optional<Bugmaster> get(Actor actor, String orgSlug, String teamSlug) {
        Team team = organizations.getTeam(actor, orgSlug, teamSlug);
        return tx.read(() -> store.scheduleOf(team.id()).flatMap(s -> bugmaster(team.orgId(), team.id(), s, clock.instant())));
    }

    /** Marks the schedule (of the team's organization) as the team's rotation, replacing any other. */
    public Bugmaster set(Actor actor, String orgSlug, String teamSlug, long scheduleId) {
        return tx.write(() -> {
            organizations.access(actor, orgSlug).require(Scopes.TEAM_WRITE);
            Team team = organizations.getTeam(actor, orgSlug, teamSlug);
            if (schedules.name(team.orgId(), scheduleId).isEmpty()) {
                throw new InvalidInputException("schedule", "no schedule with id " + scheduleId + " in this organization");
            }
            store.set(team.id(), team.orgId(), scheduleId, clock.instant());
            return bugmaster(team.orgId(), team.id(), scheduleId, clock.instant()).orElseThrow();
        });
    }

    /** The team no longer has a rotation (nothing happens when it had none). */
    public void clear(Actor actor, String orgSlug, String teamSlug) {
        tx.write(() -> {
            organizations.access(actor, orgSlug).require(Scopes.TEAM_WRITE);
            store.clear(organizations.getTeam(actor, orgSlug, teamSlug).id());
        });
    }

    /** A team of the organization and its rotation now, if it has one. */
    public record TeamRotation(Directory.TeamName team, Bugmaster rotation) {}

    /** A schedule that can be marked. */
    public record ScheduleChoice(long id, String name) {}

    /** The rotations page: every team with its rotation, the schedules to choose from, and whether the caller may change them. */
    public record Overview(List<TeamRotation> teams, List<ScheduleChoice> schedules, boolean canChange) {}

    public Overview overview(Actor actor, String orgSlug) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.TEAM_READ);
        long orgId = access.org().id();
        return tx.read(() -> {
            Instant now = clock.instant();
            List<Directory.TeamName> teams = directory.teams(orgId, MAX_TEAMS_LISTED);
            Map<Long, Long> marked = store.schedulesOf(teams.stream().map(Directory.TeamName::id).toList());
            List<TeamRotation> rows = teams.stream().map(t -> new TeamRotation(t, marked.containsKey(t.id())
                    ? bugmaster(orgId, t.id(), marked.get(t.id()), now).orElse(null) : null)).toList();
            List<ScheduleChoice> choices = scheduleList.schedulesOf(orgId).stream().map(s -> new ScheduleChoice(s.id(), s.name())).toList();
            return new Overview(rows, choices, access.has(Scopes.TEAM_WRITE));
        });
    }

    // --- for other features: no caller checks ---

    /**
     * Who new unowned issues of the project go to at {@code at}: the bugmaster of the first of the
     * project's teams (oldest first) whose rotation has someone on call. Empty when no team of the
     * project has a rotation, or nobody is on call on any.
     */
    public Optional<Bugmaster> bugmasterOfProject(long orgId, long projectId, Instant at) {
        for (Map.Entry<Long, Long> rotation : store.schedulesOf(directory.projectTeamIds(projectId)).entrySet()) {
            Optional<Bugmaster> found = bugmaster(orgId, rotation.getKey(), rotation.getValue(), at)
                    .filter(b -> b.bugmaster() != null);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Whether one of the project's teams has a rotation (whoever is on it). */
    public boolean hasRotation(long projectId) {
        return !store.schedulesOf(directory.projectTeamIds(projectId)).isEmpty();
    }

    /** The rotations of the teams the user is on, with who is on each at {@code at}. */
    public List<Bugmaster> bugmastersOfUser(long orgId, long userId, Instant at) {
        List<Bugmaster> out = new ArrayList<>();
        store.schedulesOf(directory.teamIdsOfUser(orgId, userId).stream().sorted().toList())
                .forEach((team, schedule) -> bugmaster(orgId, team, schedule, at).ifPresent(out::add));
        return out;
    }

    /** The teams whose rotation the schedule is. */
    public List<Long> teamsOfSchedule(long orgId, long scheduleId) {
        return store.teamsOf(orgId, scheduleId);
    }

    /** A team's rotation at a moment; empty when the team is gone or its schedule was deleted. */
    private Optional<Bugmaster> bugmaster(long orgId, long teamId, long scheduleId, Instant at) {
        Optional<Directory.TeamName> team = directory.team(orgId, teamId);
        Optional<String> name = schedules.name(orgId, scheduleId);
        if (team.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        Directory.Person person = schedules.usersOnCall(orgId, scheduleId, at).stream()
                .map(u -> directory.joinedMember(orgId, u)).flatMap(Optional::stream).findFirst().orElse(null);
        return Optional.of(new Bugmaster(orgId, teamId, team.get().slug(), team.get().name(), scheduleId, name.get(), person));
    }
}
