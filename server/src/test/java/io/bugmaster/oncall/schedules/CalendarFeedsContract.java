package io.bugmaster.oncall.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Member;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * iCalendar feeds on each database, read by ical4j as an independent parser: the events agree with the
 * API's final schedule across a change to summer time; the format's rules hold on the wire; a revoked
 * feed, an unknown token and the feed of someone who left answer 404.
 */
abstract class CalendarFeedsContract extends IntegrationTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired CalendarFeeds feeds;
    @Autowired ScheduleService schedules;

    final HttpClient http = HttpClient.newHttpClient();
    ApiClient api;
    Tenant tenant;
    String org;
    User bob;
    Actor bobActor;
    String scheduleId;
    Instant firstHandoff;

    record Fetched(int status, String contentType, String body) {}

    Fetched fetch(String url) throws Exception {
        // the feed's URL is on the configured base URL; the test server listens on its own port
        String path = URI.create(url).getPath();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Fetched(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    @BeforeEach
    void scheduleAcrossTheChangeToSummerTime() {
        api = new ApiClient(baseUrl());
        tenant = newTenant();
        org = tenant.org().slug();
        bob = newUser("bobs-password");
        join(tenant.owner(), org, bob, Role.MEMBER);
        bobActor = Actor.session(bob.id(), bob.email());
        // a week before the next last Sunday of March, daily handoffs at 09:00 Paris time
        LocalDate today = clock.instant().atZone(PARIS).toLocalDate();
        LocalDate change = today.withMonth(3).with(TemporalAdjusters.lastInMonth(DayOfWeek.SUNDAY));
        if (!change.isAfter(today.plusDays(7))) {
            change = today.plusYears(1).withMonth(3).with(TemporalAdjusters.lastInMonth(DayOfWeek.SUNDAY));
        }
        clock.set(ZonedDateTime.of(change.minusDays(5), LocalTime.of(12, 0), PARIS).toInstant());
        firstHandoff = ZonedDateTime.of(change.minusDays(4), LocalTime.of(9, 0), PARIS).toInstant();
        Schedule s = schedules.create(tenant.owner(), org, new ScheduleInput("Web \"primary\"; EU, nights", "Europe/Paris", null, null,
                List.of(new ScheduleInput.LayerInput(null, firstHandoff.toString(), null, null, 86_400L,
                        List.of(Long.toString(tenant.user().id()), Long.toString(bob.id())), List.of()))));
        scheduleId = Long.toString(s.id());
    }

    static List<VEvent> events(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> out = new ArrayList<>();
        calendar.getComponents().forEach(c -> {
            if (c instanceof VEvent e) {
                out.add(e);
            }
        });
        return out;
    }

    static Instant start(VEvent e) {
        return Instant.from(e.getStartDate().orElseThrow().getDate());
    }

    static Instant end(VEvent e) {
        return Instant.from(e.getEndDate().orElseThrow().getDate());
    }

    static String value(VEvent e, String property) {
        return e.getProperty(property).map(p -> ((Property) p).getValue()).orElseThrow();
    }

    @Test
    void aPersonsFeedAgreesWithTheApiAcrossTheChangeToSummerTime() throws Exception {
        CalendarFeeds.Created created = feeds.createPersonal(bobActor, org);
        Fetched feed = fetch(created.url());
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.contentType()).isEqualTo("text/calendar;charset=utf-8");

        List<VEvent> events = events(feed.body());
        Instant until = firstHandoff.plus(Duration.ofDays(10));
        JsonNode entries = api.get(tenant.ownerToken(), "/api/0/organizations/" + org + "/schedules/" + scheduleId + "/oncall/?since="
                + firstHandoff + "&until=" + until).json().path("final_schedule").path("rendered_schedule_entries");
        List<String> fromApi = new ArrayList<>();
        entries.forEach(e -> {
            if (e.path("user").path("id").asString().equals(Long.toString(bob.id()))) {
                fromApi.add(e.path("start").asString() + "/" + e.path("end").asString());
            }
        });
        List<String> fromFeed = events.stream().filter(e -> start(e).isBefore(until)).map(e -> start(e) + "/" + end(e)).toList();
        assertThat(fromFeed).isEqualTo(fromApi).hasSize(5);
        // one of Bob's days is the 23-hour one, and every handoff is at 09:00 in Paris
        assertThat(events).anySatisfy(e -> assertThat(Duration.between(start(e), end(e))).isEqualTo(Duration.ofHours(23)));
        assertThat(events).allSatisfy(e -> assertThat(start(e).atZone(PARIS).toLocalTime()).isEqualTo(LocalTime.of(9, 0)));
        assertThat(value(events.get(0), Property.SUMMARY)).isEqualTo("On call: Web \"primary\"; EU, nights");
        // stable UIDs: the same on the next fetch, one per shift
        List<String> uids = events.stream().map(e -> value(e, Property.UID)).toList();
        assertThat(uids).doesNotHaveDuplicates();
        assertThat(events(fetch(created.url()).body()).stream().map(e -> value(e, Property.UID)).toList()).isEqualTo(uids);
    }

    @Test
    void theFirstEventKeepsItsRealStartAndUidAsTheFeedsWindowMovesOn() throws Exception {
        // one person only: a single shift from the schedule's start, which the feed's 60-day window soon cuts
        Schedule solo = schedules.create(tenant.owner(), org, new ScheduleInput("Solo", "UTC", null, null,
                List.of(new ScheduleInput.LayerInput(null, clock.instant().toString(), null, null, 86_400L,
                        List.of(Long.toString(bob.id())), List.of()))));
        Instant start = solo.createdAt();
        String url = feeds.createForSchedule(bobActor, org, Long.toString(solo.id())).url();
        clock.advance(CalendarFeeds.PAST.plusDays(3));
        VEvent first = events(fetch(url).body()).get(0);
        clock.advance(Duration.ofDays(2));
        VEvent later = events(fetch(url).body()).get(0);
        assertThat(start(first)).isEqualTo(start);
        assertThat(value(later, Property.UID)).isEqualTo(value(first, Property.UID));
    }

    @Test
    void theFeedKeepsTheFormatsRulesOnTheWire() throws Exception {
        Fetched feed = fetch(feeds.createForSchedule(tenant.owner(), org, scheduleId).url());
        String body = feed.body();
        assertThat(body).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:").contains("\r\nMETHOD:PUBLISH\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(body.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        for (String line : body.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        assertThat(body).containsPattern("\r\nDTSTART:\\d{8}T\\d{6}Z\r\n");
        List<VEvent> events = events(body);
        assertThat(events).hasSizeGreaterThan(100); // both people, 60 days back and 180 ahead of the first handoff's week
        assertThat(value(events.get(0), Property.SUMMARY)).startsWith("On call: Web \"primary\"; EU, nights - Test ");
    }

    @Test
    void aRevokedFeedAnUnknownTokenAndTheFeedOfSomeoneWhoLeftAnswer404() throws Exception {
        CalendarFeeds.Created mine = feeds.createPersonal(bobActor, org);
        CalendarFeeds.Created schedule = feeds.createForSchedule(bobActor, org, scheduleId);
        CalendarFeeds.Created owners = feeds.createPersonal(tenant.owner(), org);
        assertThat(fetch(mine.url()).status()).isEqualTo(200);
        String token = mine.url().substring(mine.url().lastIndexOf('/') + 1, mine.url().length() - 4);
        assertThat(fetch(baseUrl() + "/calendar/" + "0".repeat(64) + ".ics").status()).isEqualTo(404);
        assertThat(fetch(baseUrl() + "/calendar/" + token.toUpperCase() + ".ics").status()).isEqualTo(404);
        assertThat(fetch(baseUrl() + "/calendar/" + token.substring(1) + ".ics").status()).isEqualTo(404);

        // only its maker revokes a feed
        Tenant other = newTenant();
        assertThatThrownBy(() -> feeds.revoke(tenant.owner(), org, Long.toString(mine.feed().id())))
                .isInstanceOf(io.bugmaster.common.NotFoundException.class);
        assertThatThrownBy(() -> feeds.revoke(other.owner(), other.org().slug(), Long.toString(mine.feed().id())))
                .isInstanceOf(io.bugmaster.common.NotFoundException.class);
        assertThat(fetch(mine.url()).status()).isEqualTo(200);
        feeds.revoke(bobActor, org, Long.toString(mine.feed().id()));
        assertThat(fetch(mine.url()).status()).isEqualTo(404);
        assertThat(feeds.mine(bobActor, org)).extracting(CalendarFeed::revoked).containsExactly(false, true);

        assertThat(fetch(schedule.url()).status()).isEqualTo(200);
        Member member = organizations.listMembers(tenant.owner(), org, 0, 100).items().stream()
                .filter(m -> Long.valueOf(bob.id()).equals(m.userId())).findFirst().orElseThrow();
        organizations.removeMember(tenant.owner(), org, Long.toString(member.id()));
        assertThat(fetch(schedule.url()).status()).isEqualTo(404);
        assertThat(fetch(owners.url()).status()).isEqualTo(200);
    }
}
