package io.bugmaster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.oncall.schedules.ScheduleInput;
import io.bugmaster.oncall.schedules.ScheduleService;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** On-call schedules for tests, made through the schedules service as its API does, and the bugmaster rotation through the API. */
public final class TestSchedules {
    private TestSchedules() {}

    /**
     * A schedule (of {@code team}, or none when null) with one layer that rotates through the users
     * every {@code turn}, handing over at {@code virtualStart}'s local time in its zone; returns its id.
     */
    public static long rotation(ScheduleService schedules, Actor actor, String org, String name, String team, ZonedDateTime virtualStart,
            Duration turn, List<Long> userIds) {
        String start = virtualStart.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        ScheduleInput input = new ScheduleInput(name, virtualStart.getZone().getId(), null, team, List.of(new ScheduleInput.LayerInput(
                "Layer 1", start, null, start, turn.toSeconds(), userIds.stream().map(String::valueOf).toList(), List.of())));
        return schedules.create(actor, org, input).id();
    }

    /** A weekly rotation. */
    public static long weekly(ScheduleService schedules, Actor actor, String org, String name, String team, ZonedDateTime virtualStart,
            List<Long> userIds) {
        return rotation(schedules, actor, org, name, team, virtualStart, Duration.ofDays(7), userIds);
    }

    /** Marks the schedule as the team's bugmaster rotation, through the API. */
    public static void markTriageRotation(ApiClient api, String token, String org, String team, long scheduleId) {
        ApiClient.Response put = api.put(token, "/api/0/teams/" + org + "/" + team + "/triage-rotation/",
                "{\"schedule\": {\"id\": \"" + scheduleId + "\"}}");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
    }
}
