package io.bugmaster.oncall.schedules.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bugmaster.accounts.Actor;
import io.bugmaster.oncall.schedules.CalendarFeed;
import io.bugmaster.oncall.schedules.CalendarFeeds;
import io.bugmaster.web.api.ApiController;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The caller's iCalendar feeds in an organization: of their own shifts, or of one schedule. The secret
 * {@code url} is in the answer to the POST only; a DELETE revokes the feed.
 */
@ApiController
@RequestMapping("/api/0/organizations/{org}/calendar-feeds")
class CalendarFeedsApi {
    private final CalendarFeeds feeds;

    CalendarFeedsApi(CalendarFeeds feeds) {
        this.feeds = feeds;
    }

    record ScheduleRef(Object id) {}

    /** {@code {}} for a feed of the caller's shifts, {@code {"schedule": {"id"}}} for a schedule's. */
    record FeedBody(ScheduleRef schedule) {}

    record FeedJson(String id, String kind, String schedule, @JsonProperty("date_created") String dateCreated,
            @JsonProperty("date_revoked") String dateRevoked, String url) {
        static FeedJson of(CalendarFeed f, String url) {
            return new FeedJson(Long.toString(f.id()), f.scheduleId() == null ? "user" : "schedule",
                    f.scheduleId() == null ? null : Long.toString(f.scheduleId()), f.createdAt().toString(),
                    f.revokedAt() == null ? null : f.revokedAt().toString(), url);
        }
    }

    @GetMapping({"/", ""})
    List<FeedJson> list(Actor actor, @PathVariable String org) {
        return feeds.mine(actor, org).stream().map(f -> FeedJson.of(f, null)).toList();
    }

    @PostMapping({"/", ""})
    ResponseEntity<FeedJson> create(Actor actor, @PathVariable String org, @RequestBody(required = false) FeedBody body) {
        CalendarFeeds.Created created = body == null || body.schedule() == null ? feeds.createPersonal(actor, org)
                : feeds.createForSchedule(actor, org, String.valueOf(body.schedule().id()));
        return ResponseEntity.status(HttpStatus.CREATED).body(FeedJson.of(created.feed(), created.url()));
    }

    @DeleteMapping({"/{id}/", "/{id}"})
    ResponseEntity<Void> revoke(Actor actor, @PathVariable String org, @PathVariable String id) {
        feeds.revoke(actor, org, id);
        return ResponseEntity.noContent().build();
    }
}
