package io.bugmaster.oncall.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
import io.bugmaster.oncall.schedules.Schedule;
import io.bugmaster.oncall.schedules.ScheduleService;
import io.bugmaster.web.UiController;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * "Who is on call now", one click from every page: each escalation policy's levels and the people
 * each reaches at this moment (through which schedule), each schedule's current on-call, and
 * whether the caller is on call themselves.
 */
@UiController
class OnCallNowPages {
    private static final int SHOWN = 500;

    private final EscalationPolicies policies;
    private final ScheduleService schedules;
    private final OrganizationService organizations;
    private final Directory directory;
    private final Clock clock;

    OnCallNowPages(EscalationPolicies policies, ScheduleService schedules, OrganizationService organizations, Directory directory, Clock clock) {
        this.policies = policies;
        this.schedules = schedules;
        this.organizations = organizations;
        this.directory = directory;
        this.clock = clock;
    }

    /** One person a level reaches now, and through which schedule (null: named on the level, or through a team). */
    record Reached(long userId, String email, String schedule) {}

    record Level(int level, int delayMinutes, boolean roundRobin, List<String> targets, List<Reached> now) {}

    record PolicyNow(EscalationPolicy policy, List<Level> levels) {}

    record ScheduleNow(long id, String name, List<String> people) {}

    @GetMapping("/orgs/{org}/oncall")
    ModelAndView now(Actor actor, @PathVariable String org) {
        Instant now = clock.instant();
        List<EscalationPolicy> all = policies.list(actor, org, 0, SHOWN).items();
        long orgId = organizations.access(actor, org).org().id();
        Map<Long, String> scheduleNames = new LinkedHashMap<>();
        List<Schedule> orgSchedules = schedules.schedulesOf(orgId);
        orgSchedules.forEach(s -> scheduleNames.put(s.id(), s.name()));
        Map<String, List<Reached>> reached = new LinkedHashMap<>();
        boolean meOnCall = false;
        for (EscalationPolicies.OnCall o : policies.onCalls(actor, org, now)) {
            reached.computeIfAbsent(o.policyId() + ":" + o.level(), k -> new ArrayList<>())
                    .add(new Reached(o.userId(), o.email(), o.scheduleId() == null ? null : scheduleNames.get(o.scheduleId())));
            meOnCall |= o.userId() == actor.userId();
        }
        List<PolicyNow> rows = new ArrayList<>();
        for (EscalationPolicy p : all) {
            List<Level> levels = new ArrayList<>();
            for (int k = 0; k < p.rules().size(); k++) {
                EscalationPolicy.Rule r = p.rules().get(k);
                levels.add(new Level(k + 1, r.escalationDelayInMinutes(), r.roundRobin(), r.targets().stream()
                        .map(t -> Objects.requireNonNullElse(policies.describe(orgId, t), "(removed)")).toList(),
                        reached.getOrDefault(p.id() + ":" + (k + 1), List.of())));
            }
            rows.add(new PolicyNow(p, levels));
        }
        List<ScheduleNow> onSchedules = new ArrayList<>();
        for (Schedule s : orgSchedules) {
            List<Long> ids = schedules.usersOnCall(orgId, s.id(), now);
            Map<Long, Directory.Person> people = directory.joinedMembers(orgId, ids);
            onSchedules.add(new ScheduleNow(s.id(), s.name(), ids.stream().map(people::get).filter(Objects::nonNull)
                    .map(Directory.Person::email).toList()));
            meOnCall |= ids.contains(actor.userId());
        }
        ModelAndView mav = new ModelAndView("oncall/now");
        mav.addObject("section", "oncall");
        mav.addObject("now", now);
        mav.addObject("policies", rows);
        mav.addObject("schedules", onSchedules);
        mav.addObject("meOnCall", meOnCall);
        return mav;
    }
}
