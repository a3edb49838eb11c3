package io.bugmaster.oncall.schedules.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.oncall.people.ContactMethods;
import io.bugmaster.oncall.schedules.CalendarFeed;
import io.bugmaster.oncall.schedules.CalendarFeeds;
import io.bugmaster.oncall.schedules.Schedule;
import io.bugmaster.oncall.schedules.ScheduleOverride;
import io.bugmaster.oncall.schedules.ScheduleService;
import io.bugmaster.oncall.schedules.Shift;
import io.bugmaster.web.UiController;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Who is on call: the organization's schedules, a schedule's timeline (final schedule and each layer,
 * two weeks from today, as SVG), overrides made from it, the form, calendar feeds, and "my shifts".
 */
@UiController
@RequestMapping("/orgs/{org}")
class SchedulePages {
    static final Duration TIMELINE = Duration.ofDays(14);
    static final Duration MY_SHIFTS = Duration.ofDays(30);
    private static final HttpStatusCode REJECTED = HttpStatusCode.valueOf(422);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final ScheduleService schedules;
    private final CalendarFeeds feeds;
    private final ContactMethods contactMethods;
    private final Clock clock;

    SchedulePages(ScheduleService schedules, CalendarFeeds feeds, ContactMethods contactMethods, Clock clock) {
        this.schedules = schedules;
        this.feeds = feeds;
        this.contactMethods = contactMethods;
        this.clock = clock;
    }

    record ListRow(long id, String name, String zone, String team, String onCallNow, String until, int people) {}

    record ShiftRow(String who, String start, String end, boolean now) {}

    record OverrideRow(long id, String who, String start, String end) {}

    record FeedRow(long id, String what, String created, boolean revoked) {}

    record MyShift(long scheduleId, String schedule, String start, String end, boolean now) {}

    @GetMapping("/schedules")
    ModelAndView list(Actor actor, @PathVariable String org) {
        OrgAccess access = schedules.access(actor, org);
        Instant now = clock.instant();
        List<Schedule> all = schedules.list(actor, org, 0, 500).items();
        Map<Long, String> teams = new HashMap<>();
        schedules.teams(access).forEach(t -> teams.put(t.id(), t.slug()));
        Set<Long> ids = new HashSet<>();
        Map<Long, List<Shift>> current = new HashMap<>();
        for (Schedule s : all) {
            List<Shift> shifts = schedules.shifts(access.org().id(), s.id(), now, now.plus(Duration.ofDays(1)));
            current.put(s.id(), shifts);
            shifts.forEach(x -> ids.add(x.userId()));
        }
        Map<Long, Directory.Person> people = schedules.people(ids);
        List<ListRow> rows = all.stream().map(s -> {
            List<Shift> shifts = current.get(s.id());
            Shift first = shifts.isEmpty() || shifts.get(0).start().isAfter(now) ? null : shifts.get(0);
            return new ListRow(s.id(), s.name(), s.zone().getId(), s.teamId() == null ? null : teams.get(s.teamId()),
                    first == null ? null : name(people, first.userId()), first == null ? null : WHEN.format(first.end().atZone(s.zone())),
                    s.members().size());
        }).toList();
        ModelAndView mav = new ModelAndView("oncall/schedules");
        mav.addObject("section", "oncall");
        mav.addObject("rows", rows);
        mav.addObject("canWrite", schedules.canWrite(access));
        return mav;
    }

    @GetMapping("/schedules/{id}")
    ModelAndView show(Actor actor, @PathVariable String org, @PathVariable String id) {
        OrgAccess access = schedules.access(actor, org);
        Schedule s = schedules.get(actor, org, id);
        ZoneId zone = s.zone();
        Instant now = clock.instant();
        Instant since = LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
        Instant until = LocalDate.ofInstant(now, zone).plusDays(TIMELINE.toDays()).atStartOfDay(zone).toInstant();
        ScheduleService.OnCall oc = schedules.onCall(actor, org, id, since, until);
        List<ScheduleOverride> overrides = schedules.overrides(actor, org, id, now, now.plus(Duration.ofDays(90)));
        Set<Long> ids = new HashSet<>(s.members());
        oc.finalShifts().forEach(x -> ids.add(x.userId()));
        overrides.forEach(o -> ids.add(o.userId()));
        Map<Long, Directory.Person> people = schedules.people(ids);
        TimelineChart chart = TimelineChart.of(zone, since, until, now, oc.finalShifts(), s.layers().stream().map(l -> l.name()).toList(),
                oc.layers(), oc.gaps(), uid -> name(people, uid));
        ModelAndView mav = new ModelAndView("oncall/schedule");
        mav.addObject("section", "oncall");
        mav.addObject("schedule", s);
        mav.addObject("chart", chart);
        mav.addObject("shifts", oc.finalShifts().stream().filter(x -> x.end().isAfter(now)).map(x -> new ShiftRow(name(people, x.userId()),
                WHEN.format(x.start().atZone(zone)), WHEN.format(x.end().atZone(zone)), x.covers(now))).toList());
        List<ShiftRow> gaps = oc.gaps().stream().filter(g -> g.end().isAfter(now))
                .map(g -> new ShiftRow("", WHEN.format(g.start().atZone(zone)), WHEN.format(g.end().atZone(zone)), false)).toList();
        mav.addObject("gapCount", gaps.size());
        mav.addObject("gaps", gaps.subList(0, Math.min(3, gaps.size())));
        mav.addObject("overrides", overrides.stream().map(o -> new OverrideRow(o.id(), name(people, o.userId()), WHEN.format(o.start().atZone(zone)),
                WHEN.format(o.end().atZone(zone)))).toList());
        mav.addObject("members", schedules.members(access));
        // a page to someone nobody can reach goes nowhere: say so where their turns are planned
        mav.addObject("unreachable", s.members().stream().filter(uid -> !contactMethods.hasWorkingContactMethod(uid))
                .map(uid -> name(people, uid)).sorted().toList());
        mav.addObject("canWrite", schedules.canWrite(access));
        ZonedDateTime hour = now.atZone(zone).withMinute(0).withSecond(0).withNano(0).plusHours(1);
        mav.addObject("overrideStart", ScheduleForm.local(hour.toInstant(), zone));
        mav.addObject("overrideEnd", ScheduleForm.local(hour.plusHours(8).toInstant(), zone));
        mav.addObject("feeds", feedRows(actor, org, s.id()));
        return mav;
    }

    @GetMapping("/schedules/new")
    ModelAndView newSchedule(Actor actor, @PathVariable String org) {
        OrgAccess access = schedules.access(actor, org);
        return form(access, null, ScheduleForm.blank("UTC"), null);
    }

    @PostMapping("/schedules/new")
    ModelAndView create(Actor actor, @PathVariable String org, @RequestParam Map<String, String> params, RedirectAttributes redirect) {
        OrgAccess access = schedules.access(actor, org);
        ScheduleForm form = ScheduleForm.read(params);
        try {
            Schedule s = schedules.create(actor, org, form.input(memberIds(access)));
            redirect.addFlashAttribute("notice", "Schedule \"" + s.name() + "\" created.");
            return new ModelAndView("redirect:/orgs/" + org + "/schedules/" + s.id());
        } catch (InvalidInputException | io.bugmaster.common.ConflictException e) {
            return form(access, null, form, e.getMessage());
        }
    }

    @GetMapping("/schedules/{id}/edit")
    ModelAndView edit(Actor actor, @PathVariable String org, @PathVariable String id) {
        OrgAccess access = schedules.access(actor, org);
        Schedule s = schedules.get(actor, org, id);
        Map<Long, String> emails = new HashMap<>();
        schedules.people(s.members()).forEach((k, p) -> emails.put(k, p.email()));
        String team = s.teamId() == null ? null : schedules.teams(access).stream().filter(t -> t.id() == s.teamId()).map(Directory.TeamName::slug)
                .findFirst().orElse(null);
        return form(access, s, ScheduleForm.of(s, emails, team), null);
    }

    @PostMapping("/schedules/{id}/edit")
    ModelAndView update(Actor actor, @PathVariable String org, @PathVariable String id, @RequestParam Map<String, String> params,
            RedirectAttributes redirect) {
        OrgAccess access = schedules.access(actor, org);
        Schedule current = schedules.get(actor, org, id);
        ScheduleForm form = ScheduleForm.read(params);
        try {
            Schedule s = schedules.update(actor, org, id, form.input(memberIds(access)));
            redirect.addFlashAttribute("notice", "Schedule \"" + s.name() + "\" saved. Shifts that have begun stay as they were.");
            return new ModelAndView("redirect:/orgs/" + org + "/schedules/" + s.id());
        } catch (InvalidInputException | io.bugmaster.common.ConflictException e) {
            return form(access, current, form, e.getMessage());
        }
    }

    @PostMapping("/schedules/{id}/delete")
    String delete(Actor actor, @PathVariable String org, @PathVariable String id, RedirectAttributes redirect) {
        Schedule s = schedules.get(actor, org, id);
        schedules.delete(actor, org, id);
        redirect.addFlashAttribute("notice", "Schedule \"" + s.name() + "\" deleted.");
        return "redirect:/orgs/" + org + "/schedules";
    }

    @PostMapping("/schedules/{id}/overrides")
    String addOverride(Actor actor, @PathVariable String org, @PathVariable String id, @RequestParam(required = false) String user,
            @RequestParam(required = false) String start, @RequestParam(required = false) String end, RedirectAttributes redirect) {
        Schedule s = schedules.get(actor, org, id);
        try {
            schedules.addOverride(actor, org, id, user, ScheduleForm.instant("start", start, s.zone()), ScheduleForm.instant("end", end, s.zone()));
            redirect.addFlashAttribute("notice", "Override added.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("alert", "The override was not added: " + e.getMessage());
        }
        return "redirect:/orgs/" + org + "/schedules/" + s.id() + "#overrides";
    }

    @PostMapping("/schedules/{id}/overrides/{overrideId}/delete")
    String deleteOverride(Actor actor, @PathVariable String org, @PathVariable String id, @PathVariable String overrideId,
            RedirectAttributes redirect) {
        schedules.deleteOverride(actor, org, id, overrideId);
        redirect.addFlashAttribute("notice", "Override removed.");
        return "redirect:/orgs/" + org + "/schedules/" + id + "#overrides";
    }

    @PostMapping("/schedules/{id}/feeds")
    String scheduleFeed(Actor actor, @PathVariable String org, @PathVariable String id, RedirectAttributes redirect) {
        CalendarFeeds.Created created = feeds.createForSchedule(actor, org, id);
        redirect.addFlashAttribute("feedUrl", created.url());
        return "redirect:/orgs/" + org + "/schedules/" + id + "#calendar";
    }

    @GetMapping("/shifts")
    ModelAndView myShifts(Actor actor, @PathVariable String org) {
        OrgAccess access = schedules.access(actor, org);
        Instant now = clock.instant();
        List<ScheduleService.PersonShift> shifts = schedules.shiftsOf(access.org().id(), actor.userId(), now, now.plus(MY_SHIFTS));
        Map<Long, ZoneId> zones = new HashMap<>();
        schedules.schedulesOf(access.org().id()).forEach(s -> zones.put(s.id(), s.zone()));
        ModelAndView mav = new ModelAndView("oncall/shifts");
        mav.addObject("section", "oncall");
        mav.addObject("shifts", shifts.stream().map(p -> {
            ZoneId zone = zones.getOrDefault(p.scheduleId(), ZoneId.of("UTC"));
            return new MyShift(p.scheduleId(), p.scheduleName(), WHEN.format(p.shift().start().atZone(zone)) + " " + zone.getId(),
                    WHEN.format(p.shift().end().atZone(zone)), p.shift().covers(now));
        }).toList());
        mav.addObject("days", MY_SHIFTS.toDays());
        mav.addObject("feeds", feedRows(actor, org, null));
        return mav;
    }

    @PostMapping("/shifts/feeds")
    String personalFeed(Actor actor, @PathVariable String org, RedirectAttributes redirect) {
        redirect.addFlashAttribute("feedUrl", feeds.createPersonal(actor, org).url());
        return "redirect:/orgs/" + org + "/shifts#calendar";
    }

    /** Revokes one of the caller's feeds, then back to the page it was on (a schedule's, or my shifts). */
    @PostMapping("/calendar-feeds/{feedId}/revoke")
    String revokeFeed(Actor actor, @PathVariable String org, @PathVariable String feedId, @RequestParam(required = false) String schedule,
            RedirectAttributes redirect) {
        feeds.revoke(actor, org, feedId);
        redirect.addFlashAttribute("notice", "Calendar feed revoked: its address answers nothing from now on.");
        return schedule != null && schedule.matches("\\d{1,18}") ? "redirect:/orgs/" + org + "/schedules/" + schedule + "#calendar"
                : "redirect:/orgs/" + org + "/shifts#calendar";
    }

    private List<FeedRow> feedRows(Actor actor, String org, Long scheduleId) {
        DateTimeFormatter day = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneId.of("UTC"));
        return feeds.mine(actor, org).stream()
                .filter(f -> scheduleId == null ? f.userId() != null : scheduleId.equals(f.scheduleId()))
                .map((CalendarFeed f) -> new FeedRow(f.id(), f.userId() != null ? "My shifts" : "This schedule", day.format(f.createdAt()), f.revoked()))
                .toList();
    }

    private ModelAndView form(OrgAccess access, Schedule current, ScheduleForm form, String error) {
        ModelAndView mav = new ModelAndView("oncall/form");
        mav.addObject("section", "oncall");
        mav.addObject("current", current);
        mav.addObject("form", form);
        mav.addObject("error", error);
        mav.addObject("zones", ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/"))
                .sorted().toList());
        mav.addObject("teams", schedules.teams(access));
        mav.addObject("members", schedules.members(access));
        if (error != null) {
            mav.setStatus(REJECTED);
        }
        return mav;
    }

    private Map<String, Long> memberIds(OrgAccess access) {
        Map<String, Long> out = new HashMap<>();
        schedules.members(access).forEach(p -> out.put(p.email().toLowerCase(Locale.ROOT), p.id()));
        return out;
    }

    private static String name(Map<Long, Directory.Person> people, long id) {
        Directory.Person p = people.get(id);
        if (p == null) {
            return "user " + id;
        }
        return p.name() == null || p.name().isBlank() ? p.email() : p.name();
    }
}
