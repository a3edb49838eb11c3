package io.bugmaster.oncall.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Member;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.oncall.OnCallSchedules;
import io.bugmaster.oncall.schedules.ScheduleInput.LayerInput;
import io.bugmaster.oncall.schedules.ScheduleInput.RestrictionInput;
import io.bugmaster.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Stored schedules on each database: what is saved is what is read back and computed; past shifts are
 * recorded and do not change when the schedule is edited; a schedule names only the organization's
 * members; and nothing of another organization is reachable by id.
 */
abstract class SchedulesContract extends IntegrationTest {
    @Autowired ScheduleService schedules;
    @Autowired OnCallSchedules onCall;

    Tenant alpha;
    String org;
    User ann;
    User bob;
    Actor annActor;
    Instant t0;

    @BeforeEach
    void organization() {
        alpha = newTenant();
        org = alpha.org().slug();
        ann = alpha.user();
        annActor = alpha.owner();
        bob = newUser("bobs-password");
        join(annActor, org, bob, Role.MEMBER);
        t0 = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    }

    static LayerInput daily(Instant start, List<Long> users, RestrictionInput... restrictions) {
        return new LayerInput(null, start.toString(), null, start.toString(), 86_400L, users.stream().map(String::valueOf).toList(),
                List.of(restrictions));
    }

    Schedule create(String name, LayerInput... layers) {
        return schedules.create(annActor, org, new ScheduleInput(name, "Europe/Paris", "primary", null, List.of(layers)));
    }

    @Test
    void aScheduleIsReadBackAsItWasWrittenAndAnswersWhoIsOnCall() {
        Schedule s = schedules.create(annActor, org, new ScheduleInput(" Primary ", "America/New_York", "the web team", org,
                List.of(daily(t0, List.of(ann.id(), bob.id()), new RestrictionInput("weekly_restriction", "09:00", 28_800L, 1),
                        new RestrictionInput("daily_restriction", "22:00:00", 36_000L, null)),
                        new LayerInput("Nights", t0.toString(), t0.plus(Duration.ofDays(30)).toString(), t0.minus(Duration.ofDays(1)).toString(),
                                3600L * 12, List.of(String.valueOf(bob.id())), List.of()))));
        Schedule read = schedules.get(annActor, org, Long.toString(s.id()));
        assertThat(read.name()).isEqualTo("Primary");
        assertThat(read.zone().getId()).isEqualTo("America/New_York");
        assertThat(read.description()).isEqualTo("the web team");
        assertThat(read.teamId()).isNotNull();
        assertThat(read.layers()).hasSize(2);
        assertThat(read.layers().get(0).users()).containsExactly(ann.id(), bob.id());
        assertThat(read.layers().get(0).restrictions()).containsExactly(
                Restriction.weekly(java.time.DayOfWeek.MONDAY, java.time.LocalTime.of(9, 0), 28_800),
                Restriction.daily(java.time.LocalTime.of(22, 0), 36_000));
        assertThat(read.layers().get(1)).isEqualTo(new Layer("Nights", t0, t0.plus(Duration.ofDays(30)), t0.minus(Duration.ofDays(1)),
                TurnLength.hours(12), List.of(bob.id()), List.of()));
        assertThat(read.layers().get(0).name()).isEqualTo("Layer 1");

        Schedule plain = create("Plain", daily(t0, List.of(ann.id(), bob.id())));
        assertThat(onCall.usersOnCall(alpha.org().id(), plain.id(), t0.plus(Duration.ofHours(1)))).containsExactly(ann.id());
        assertThat(onCall.usersOnCall(alpha.org().id(), plain.id(), t0.plus(Duration.ofHours(25)))).containsExactly(bob.id());
        assertThat(onCall.usersOnCall(alpha.org().id(), plain.id(), t0.minus(Duration.ofHours(1)))).isEmpty();
        assertThat(onCall.name(alpha.org().id(), plain.id())).contains("Plain");
        assertThat(schedules.schedulesOf(alpha.org().id())).extracting(Schedule::name).containsExactly("Primary", "Plain");
        assertThat(schedules.gaps(alpha.org().id(), plain.id(), t0.minus(Duration.ofHours(2)), t0.plus(Duration.ofDays(2))))
                .containsExactly(new Span(t0.minus(Duration.ofHours(2)), t0));
    }

    @Test
    void pastShiftsAreRecordedAndDoNotChangeWhenTheScheduleIsEdited() {
        Schedule s = create("Edited", daily(t0, List.of(ann.id(), bob.id())));
        Instant since = t0;
        Instant until = t0.plus(Duration.ofDays(4));
        clock.set(t0.plus(Duration.ofDays(1)).plus(Duration.ofHours(6))); // during Bob's first turn
        schedules.update(annActor, org, Long.toString(s.id()), new ScheduleInput("Edited", "Europe/Paris", "", null,
                List.of(daily(t0, List.of(bob.id(), ann.id())))));
        Instant edit = clock.instant();
        // Ann had day 1 and Bob the start of day 2; from the edit on, the new order: Ann (day 2 is now hers), Bob, Ann
        assertThat(schedules.shifts(alpha.org().id(), s.id(), since, until)).containsExactly(
                new Shift(ann.id(), t0, t0.plus(Duration.ofDays(1))),
                new Shift(bob.id(), t0.plus(Duration.ofDays(1)), edit),
                new Shift(ann.id(), edit, t0.plus(Duration.ofDays(2))),
                new Shift(bob.id(), t0.plus(Duration.ofDays(2)), t0.plus(Duration.ofDays(3))),
                new Shift(ann.id(), t0.plus(Duration.ofDays(3)), until));
        // a second edit later keeps both pasts, and deleting every layer leaves the past as it was
        clock.advance(Duration.ofDays(1));
        schedules.update(annActor, org, Long.toString(s.id()), new ScheduleInput("Edited", "Europe/Paris", "", null, List.of()));
        assertThat(schedules.shifts(alpha.org().id(), s.id(), since, until)).containsExactly(
                new Shift(ann.id(), t0, t0.plus(Duration.ofDays(1))),
                new Shift(bob.id(), t0.plus(Duration.ofDays(1)), edit),
                new Shift(ann.id(), edit, t0.plus(Duration.ofDays(2))),
                new Shift(bob.id(), t0.plus(Duration.ofDays(2)), clock.instant()));
        // nothing before the schedule existed is made up
        assertThat(schedules.shifts(alpha.org().id(), s.id(), t0.minus(Duration.ofDays(3)), t0)).isEmpty();
    }

    @Test
    void theEngineRecordsThePastAsItPassesAndOnePersonsTimeStaysOneShift() {
        Schedule s = create("Recorded", daily(t0, List.of(ann.id())));
        clock.set(t0.plus(Duration.ofHours(2)));
        engine.runOnce();
        assertThat(schedules.find(alpha.org().id(), s.id()).orElseThrow().recordedUntil()).isEqualTo(clock.instant());
        clock.advance(Duration.ofMinutes(30)); // less than the lag: nothing to do yet
        engine.runOnce();
        assertThat(schedules.find(alpha.org().id(), s.id()).orElseThrow().recordedUntil()).isEqualTo(t0.plus(Duration.ofHours(2)));
        clock.advance(Duration.ofHours(2));
        engine.runOnce();
        Instant recorded = clock.instant();
        assertThat(schedules.find(alpha.org().id(), s.id()).orElseThrow().recordedUntil()).isEqualTo(recorded);
        // the layers go; what was recorded stays, as one shift
        schedules.update(annActor, org, Long.toString(s.id()), new ScheduleInput("Recorded", "Europe/Paris", "", null, List.of()));
        assertThat(schedules.shifts(alpha.org().id(), s.id(), t0.minus(Duration.ofHours(1)), t0.plus(Duration.ofDays(1))))
                .containsExactly(new Shift(ann.id(), t0, recorded));
    }

    @Test
    void overridesAndTemporarySchedulesComeOnTopAndTheirRemovalLeavesThePastAlone() {
        Schedule s = create("Covered", daily(t0, List.of(ann.id())));
        String id = Long.toString(s.id());
        ScheduleOverride o = schedules.addOverride(annActor, org, id, Long.toString(bob.id()), t0.plus(Duration.ofHours(2)),
                t0.plus(Duration.ofHours(4)));
        assertThat(schedules.overrides(annActor, org, id, t0, t0.plus(Duration.ofDays(1)))).containsExactly(o);
        assertThat(onCall.usersOnCall(alpha.org().id(), s.id(), t0.plus(Duration.ofHours(3)))).containsExactly(bob.id());
        clock.set(t0.plus(Duration.ofHours(3)));
        schedules.deleteOverride(annActor, org, id, Long.toString(o.id()));
        assertThat(schedules.shifts(alpha.org().id(), s.id(), t0, t0.plus(Duration.ofHours(5)))).containsExactly(
                new Shift(ann.id(), t0, t0.plus(Duration.ofHours(2))),
                new Shift(bob.id(), t0.plus(Duration.ofHours(2)), t0.plus(Duration.ofHours(3))),
                new Shift(ann.id(), t0.plus(Duration.ofHours(3)), t0.plus(Duration.ofHours(5))));

        Instant bfStart = t0.plus(Duration.ofDays(2));
        TemporarySchedule temp = schedules.addTemporary(annActor, org, id, bfStart, bfStart.plus(Duration.ofDays(1)),
                List.of(new Shift(bob.id(), bfStart, bfStart.plus(Duration.ofHours(12)))));
        assertThat(schedules.gaps(alpha.org().id(), s.id(), bfStart, bfStart.plus(Duration.ofDays(1))))
                .containsExactly(new Span(bfStart.plus(Duration.ofHours(12)), bfStart.plus(Duration.ofDays(1))));
        schedules.deleteTemporary(annActor, org, id, Long.toString(temp.id()));
        assertThat(onCall.usersOnCall(alpha.org().id(), s.id(), bfStart.plus(Duration.ofHours(1)))).containsExactly(ann.id());

        assertThatThrownBy(() -> schedules.addOverride(annActor, org, id, Long.toString(bob.id()), t0, t0.plus(Duration.ofHours(1))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already ended");
        assertThatThrownBy(() -> schedules.addOverride(annActor, org, id, Long.toString(bob.id()), bfStart, bfStart))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must end after it starts");
    }

    @Test
    void inputIsCheckedWithMessagesThatSayWhatIsWrong() {
        assertThatThrownBy(() -> schedules.create(annActor, org, new ScheduleInput("Z", "Mars/Olympus", null, null, List.of())))
                .isInstanceOf(InvalidInputException.class).hasMessage("time_zone: 'Mars/Olympus' is not a time zone name; use an IANA name such as Europe/Paris or UTC");
        assertThatThrownBy(() -> schedules.create(annActor, org, new ScheduleInput("Z", "+02:00", null, null, List.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("time_zone");
        assertThatThrownBy(() -> create("Z", new LayerInput(null, t0.toString(), null, null, 0L, List.of(), List.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("schedule_layers[0].rotation_turn_length_seconds: a turn is a whole number of hours");
        assertThatThrownBy(() -> create("Z", new LayerInput(null, t0.toString(), null, null, -3600L, List.of(), List.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("rotation_turn_length_seconds");
        assertThatThrownBy(() -> create("Z", daily(t0, List.of(ann.id(), 987654321L))))
                .isInstanceOf(InvalidInputException.class).hasMessage("schedule_layers[0].users: user 987654321 is not a member of this organization");
        assertThatThrownBy(() -> create("Z", daily(t0, java.util.stream.LongStream.range(1, 102).boxed().toList())))
                .isInstanceOf(InvalidInputException.class).hasMessage("schedule_layers[0].users: at most 100 people per layer (got 101)");
        LayerInput[] many = new LayerInput[21];
        java.util.Arrays.fill(many, daily(t0, List.of()));
        assertThatThrownBy(() -> create("Z", many)).isInstanceOf(InvalidInputException.class).hasMessage("schedule_layers: at most 20 layers (got 21)");
        assertThatThrownBy(() -> create("Z", daily(t0, List.of(), new RestrictionInput("weekly_restriction", "09:00", 3600L, 8))))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("schedule_layers[0].restrictions[0].start_day_of_week");
        assertThatThrownBy(() -> create("Z", daily(t0, List.of(), new RestrictionInput("daily_restriction", "25:00", 3600L, null))))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("schedule_layers[0].restrictions[0].start_time_of_day");
        assertThatThrownBy(() -> create("Z", new LayerInput(null, "yesterday", null, null, 3600L, List.of(), List.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("schedule_layers[0].start: 'yesterday' is not a date");
        assertThatThrownBy(() -> schedules.create(annActor, org, new ScheduleInput("Z", "UTC", null, "no-such-team", List.of())))
                .isInstanceOf(InvalidInputException.class).hasMessage("team: this organization has no team 'no-such-team'");
        create("Taken");
        assertThatThrownBy(() -> create("Taken")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> schedules.shifts(alpha.org().id(), 1, t0, t0.plus(Duration.ofDays(400))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("366 days");
    }

    @Test
    void viewersReadSchedulesButDoNotEditThem() {
        User viewer = newUser("viewers-password");
        join(annActor, org, viewer, Role.VIEWER);
        Actor v = Actor.session(viewer.id(), viewer.email());
        Schedule s = create("Read only", daily(t0, List.of(ann.id())));
        assertThat(schedules.get(v, org, Long.toString(s.id())).name()).isEqualTo("Read only");
        assertThatThrownBy(() -> schedules.delete(v, org, Long.toString(s.id()))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> schedules.addOverride(v, org, Long.toString(s.id()), Long.toString(viewer.id()), t0,
                t0.plus(Duration.ofHours(1)))).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void anotherOrganizationsSchedulesOverridesAndPeopleAreNeverReachable() {
        Schedule ours = create("Ours", daily(t0, List.of(ann.id())));
        ScheduleOverride ourOverride = schedules.addOverride(annActor, org, Long.toString(ours.id()), Long.toString(bob.id()),
                t0.plus(Duration.ofHours(1)), t0.plus(Duration.ofHours(2)));
        Tenant mallory = newTenant();
        String theirs = mallory.org().slug();
        Schedule theirSchedule = schedules.create(mallory.owner(), theirs, new ScheduleInput("Theirs", "UTC", null, null,
                List.of(daily(t0, List.of(mallory.user().id())))));
        String ourId = Long.toString(ours.id());
        Actor m = mallory.owner();
        // by id, through their own organization
        assertThatThrownBy(() -> schedules.get(m, theirs, ourId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> schedules.update(m, theirs, ourId, new ScheduleInput("Mine", "UTC", null, null, List.of())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> schedules.delete(m, theirs, ourId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> schedules.onCall(m, theirs, ourId, t0, t0.plus(Duration.ofDays(1)))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> schedules.overrides(m, theirs, ourId, t0, t0.plus(Duration.ofDays(1)))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> schedules.addOverride(m, theirs, ourId, Long.toString(mallory.user().id()), t0, t0.plus(Duration.ofDays(1))))
                .isInstanceOf(NotFoundException.class);
        // our override through their schedule
        assertThatThrownBy(() -> schedules.deleteOverride(m, theirs, Long.toString(theirSchedule.id()), Long.toString(ourOverride.id())))
                .isInstanceOf(NotFoundException.class);
        // through our organization, where they are not members
        assertThatThrownBy(() -> schedules.get(m, org, ourId)).isInstanceOf(NotFoundException.class);
        // their people in their schedule is fine, ours is not: a schedule names only members
        assertThatThrownBy(() -> schedules.create(m, theirs, new ScheduleInput("Poach", "UTC", null, null, List.of(daily(t0, List.of(ann.id()))))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a member");
        assertThatThrownBy(() -> schedules.addOverride(m, theirs, Long.toString(theirSchedule.id()), Long.toString(ann.id()), t0,
                t0.plus(Duration.ofDays(1)))).isInstanceOf(InvalidInputException.class).hasMessageContaining("not a member");
        // the services other features call, with the wrong organization
        long theirOrg = mallory.org().id();
        assertThat(onCall.usersOnCall(theirOrg, ours.id(), t0.plus(Duration.ofMinutes(1)))).isEmpty();
        assertThat(onCall.name(theirOrg, ours.id())).isEmpty();
        assertThat(schedules.shifts(theirOrg, ours.id(), t0, t0.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(schedules.gaps(theirOrg, ours.id(), t0, t0.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(schedules.schedulesOf(theirOrg)).extracting(Schedule::name).containsExactly("Theirs");
        // and ours is intact
        assertThat(onCall.usersOnCall(alpha.org().id(), ours.id(), t0.plus(Duration.ofMinutes(90)))).containsExactly(bob.id());
    }

    @Test
    void someoneWhoLeavesIsTakenOffTheFutureButStaysInThePast() {
        Schedule s = create("Leaving", daily(t0, List.of(ann.id(), bob.id())));
        ScheduleOverride future = schedules.addOverride(annActor, org, Long.toString(s.id()), Long.toString(bob.id()),
                t0.plus(Duration.ofDays(5)), t0.plus(Duration.ofDays(6)));
        clock.set(t0.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)));
        Member member = organizations.listMembers(annActor, org, 0, 100).items().stream()
                .filter(mb -> Long.valueOf(bob.id()).equals(mb.userId())).findFirst().orElseThrow();
        organizations.removeMember(annActor, org, Long.toString(member.id()));
        Instant left = clock.instant();
        assertThat(schedules.get(annActor, org, Long.toString(s.id())).layers().get(0).users()).containsExactly(ann.id());
        assertThat(schedules.overrides(annActor, org, Long.toString(s.id()), t0, t0.plus(Duration.ofDays(7)))).doesNotContain(future);
        assertThat(schedules.shifts(alpha.org().id(), s.id(), t0, t0.plus(Duration.ofDays(3)))).containsExactly(
                new Shift(ann.id(), t0, t0.plus(Duration.ofDays(1))),
                new Shift(bob.id(), t0.plus(Duration.ofDays(1)), left),
                new Shift(ann.id(), left, t0.plus(Duration.ofDays(3))));
    }
}
