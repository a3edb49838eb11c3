package io.bugmaster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** Makes on-call schedules through the REST API, as a user would (PagerDuty's field names). */
public final class ScheduleApi {
    private ScheduleApi() {}

    /**
     * A schedule with one layer that rotates through the users every {@code turn}, handing over at
     * {@code virtualStart}'s local time in its zone; returns the schedule's id.
     */
    public static String rotation(ApiClient api, String token, String org, String name, ZonedDateTime virtualStart, Duration turn,
            List<Long> userIds) {
        String start = virtualStart.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String users = userIds.stream().map(id -> "{\"id\": \"" + id + "\"}").collect(Collectors.joining(", "));
        ApiClient.Response created = api.post(token, "/api/0/organizations/" + org + "/schedules/", """
                {"name": %s, "time_zone": "%s", "schedule_layers": [{"name": "Layer 1", "start": "%s",
                 "rotation_virtual_start": "%s", "rotation_turn_length_seconds": %d, "users": [%s]}]}"""
                .formatted(ApiClient.JSON.valueToTree(name).toString(), virtualStart.getZone().getId(), start, start, turn.toSeconds(),
                        users));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** A weekly rotation. */
    public static String weekly(ApiClient api, String token, String org, String name, ZonedDateTime virtualStart, List<Long> userIds) {
        return rotation(api, token, org, name, virtualStart, Duration.ofDays(7), userIds);
    }

    /** Marks the schedule as the team's bugmaster rotation. */
    public static void markTriageRotation(ApiClient api, String token, String org, String team, String scheduleId) {
        ApiClient.Response put = api.put(token, "/api/0/teams/" + org + "/" + team + "/triage-rotation/",
                "{\"schedule\": {\"id\": \"" + scheduleId + "\"}}");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
    }
}
