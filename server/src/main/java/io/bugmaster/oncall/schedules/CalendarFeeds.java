package io.bugmaster.oncall.schedules;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Secrets;
import io.bugmaster.storage.Transactions;
import io.bugmaster.web.Links;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * iCalendar feeds at secret URLs: one person's shifts on every schedule of the organization, or one
 * schedule's final schedule. The token is shown once and stored hashed; a feed answers while it is
 * not revoked and its maker is still a member (someone who leaves stops seeing the organization's shifts).
 */
@Service
public class CalendarFeeds {
    /** What a feed shows: the recent past (so a calendar keeps last week) and half a year ahead. */
    public static final Duration PAST = Duration.ofDays(60);
    public static final Duration AHEAD = Duration.ofDays(180);
    private static final Duration LOOK_BACK = Duration.ofDays(30);
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{64}");

    private final ScheduleStore store;
    private final ScheduleService schedules;
    private final Directory directory;
    private final Transactions tx;
    private final Links links;
    private final Clock clock;

    public CalendarFeeds(ScheduleStore store, ScheduleService schedules, Directory directory, Transactions tx, Links links, Clock clock) {
        this.store = store;
        this.schedules = schedules;
        this.directory = directory;
        this.tx = tx;
        this.links = links;
        this.clock = clock;
    }

    /** A new feed and its secret URL, which is shown this once. */
    public record Created(CalendarFeed feed, String url) {}

    /** A feed of the caller's own shifts. */
    public Created createPersonal(Actor actor, String orgSlug) {
        OrgAccess org = schedules.access(actor, orgSlug);
        return create(org.org().id(), null, actor.userId(), actor.userId());
    }

    /** A feed of a schedule's final schedule. */
    public Created createForSchedule(Actor actor, String orgSlug, String scheduleId) {
        OrgAccess org = schedules.access(actor, orgSlug);
        Schedule s = schedules.schedule(org, scheduleId);
        return create(org.org().id(), s.id(), null, actor.userId());
    }

    private Created create(long orgId, Long scheduleId, Long userId, long createdBy) {
        String token = Secrets.randomHex(32);
        CalendarFeed feed = tx.write(() -> store.insertFeed(orgId, scheduleId, userId, createdBy, Secrets.sha256Hex(token), clock.instant()));
        return new Created(feed, links.calendarFeed(token));
    }

    /** The feeds the caller made in the organization, newest first, revoked ones too. */
    public List<CalendarFeed> mine(Actor actor, String orgSlug) {
        return store.feedsBy(schedules.access(actor, orgSlug).org().id(), actor.userId());
    }

    /** Revokes one of the caller's feeds: its URL answers 404 from now on. */
    public void revoke(Actor actor, String orgSlug, String feedId) {
        OrgAccess org = schedules.access(actor, orgSlug);
        long id;
        try {
            id = Long.parseLong(feedId);
        } catch (NumberFormatException e) {
            throw new NotFoundException("calendar feed '" + feedId + "' not found");
        }
        tx.write(() -> {
            CalendarFeed feed = store.feed(org.org().id(), id).filter(f -> f.createdBy() == actor.userId())
                    .orElseThrow(() -> new NotFoundException("calendar feed '" + feedId + "' not found"));
            store.revokeFeed(org.org().id(), feed.id(), clock.instant());
        });
    }

    /** The feed behind a token, as iCalendar text; empty when the token is unknown, revoked or its maker left. */
    public Optional<String> render(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return tx.read(() -> store.feedByTokenHash(Secrets.sha256Hex(token))
                .filter(f -> !f.revoked() && directory.joinedMember(f.orgId(), f.createdBy()).isPresent())
                .flatMap(this::render));
    }

    private Optional<String> render(CalendarFeed feed) {
        Instant now = clock.instant();
        Instant since = now.minus(PAST);
        Instant until = now.plus(AHEAD);
        // shifts are read from further back and those that ended before the feed's start dropped, so the
        // first event keeps its real start (and so its UID) as the feed's start moves on day by day
        Instant from = since.minus(LOOK_BACK);
        List<ICalendar.Event> events = new ArrayList<>();
        if (feed.scheduleId() != null) {
            Optional<Schedule> found = schedules.find(feed.orgId(), feed.scheduleId());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Schedule s = found.get();
            List<Shift> shifts = schedules.shifts(s, from, until).stream().filter(x -> x.end().isAfter(since)).toList();
            Map<Long, Directory.Person> people = directory.people(shifts.stream().map(Shift::userId).distinct().toList());
            for (Shift shift : shifts) {
                Directory.Person p = people.get(shift.userId());
                String who = p == null ? "user " + shift.userId() : p.name() == null || p.name().isBlank() ? p.email() : p.name();
                events.add(event(s.id(), s.name(), shift, "On call: " + s.name() + " - " + who, false));
            }
            return Optional.of(ICalendar.feed("On call: " + s.name(), now, events));
        }
        long userId = feed.userId();
        for (ScheduleService.PersonShift ps : schedules.shiftsOf(feed.orgId(), userId, from, until)) {
            if (!ps.shift().end().isAfter(since)) {
                continue;
            }
            events.add(event(ps.scheduleId(), ps.scheduleName(), ps.shift(), "On call: " + ps.scheduleName(), true));
        }
        return Optional.of(ICalendar.feed("My on-call shifts", now, events));
    }

    private ICalendar.Event event(long scheduleId, String scheduleName, Shift shift, String summary, boolean alarm) {
        String uid = Secrets.sha256Hex("person:" + shift.userId() + ":schedule:" + scheduleId + ":start:" + shift.start().toEpochMilli())
                .substring(0, 32) + "@bugmaster";
        return new ICalendar.Event(uid, shift.start(), shift.end(), summary, "Schedule: " + scheduleName, null, alarm);
    }
}
