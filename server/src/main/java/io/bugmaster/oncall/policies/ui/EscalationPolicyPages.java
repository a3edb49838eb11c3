package io.bugmaster.oncall.policies.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
import io.bugmaster.oncall.policies.EscalationPolicy.Target;
import io.bugmaster.oncall.policies.EscalationPolicy.TargetType;
import io.bugmaster.oncall.policies.PolicyRules;
import io.bugmaster.oncall.schedules.ScheduleService;
import io.bugmaster.web.UiController;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Escalation policies in the web: the list, a policy's page (its levels and whom each reaches now),
 * and the form. The form shows each level (delay, people, schedules, teams, round-robin) and one
 * empty level to add; a level with no target is left out, which is also how one is removed.
 * Errors are shown next to the field or the level they are about.
 */
@UiController
@RequestMapping("/orgs/{org}/escalation-policies")
class EscalationPolicyPages {
    private static final int SHOWN = 500;
    private static final Pattern RULE_FIELD = Pattern.compile("^escalation_rules\\[(\\d+)\\](.*)$");

    private final EscalationPolicies policies;
    private final ScheduleService schedules;
    private final OrganizationService organizations;
    private final Directory directory;
    private final Clock clock;

    EscalationPolicyPages(EscalationPolicies policies, ScheduleService schedules, OrganizationService organizations, Directory directory,
            Clock clock) {
        this.policies = policies;
        this.schedules = schedules;
        this.organizations = organizations;
        this.directory = directory;
        this.clock = clock;
    }

    /** One level as the form shows it: ids as text, so what was typed comes back as it was. */
    record LevelForm(String delay, List<String> users, List<String> schedules, List<String> teams, boolean roundRobin) {
        static LevelForm blank(String delay) {
            return new LevelForm(delay, List.of(), List.of(), List.of(), false);
        }

        public boolean empty() {
            return users.isEmpty() && schedules.isEmpty() && teams.isEmpty();
        }
    }

    record PolicyForm(String name, String description, String numLoops, List<LevelForm> levels) {}

    /** A level of a policy as shown: its targets in words and whom it reaches now. */
    record LevelView(int level, int delayMinutes, boolean roundRobin, List<String> targets, List<String> now) {}

    record PolicyRow(EscalationPolicy policy, List<LevelView> levels) {}

    @GetMapping({"", "/"})
    ModelAndView list(Actor actor, @PathVariable String org) {
        List<EscalationPolicy> all = policies.list(actor, org, 0, SHOWN).items();
        Map<String, List<String>> now = reachedNow(actor, org);
        ModelAndView mav = new ModelAndView("oncall/policies/list");
        mav.addObject("section", "policies");
        mav.addObject("policies", all.stream().map(p -> new PolicyRow(p, levels(p, now))).toList());
        mav.addObject("base", base(org));
        return mav;
    }

    @GetMapping("/new")
    ModelAndView newPolicy(Actor actor, @PathVariable String org) {
        return form(actor, org, null, new PolicyForm("", "", "0", List.of(LevelForm.blank("30"))), Map.of());
    }

    @PostMapping({"", "/"})
    ModelAndView create(Actor actor, @PathVariable String org, @RequestParam MultiValueMap<String, String> params,
            RedirectAttributes redirect) {
        PolicyForm typed = read(params);
        List<Integer> sent = new ArrayList<>();
        try {
            EscalationPolicy created = policies.create(actor, org, input(typed, sent));
            redirect.addFlashAttribute("notice", "Escalation policy '" + created.name() + "' created. Give it to a service so its incidents page these people.");
            return new ModelAndView("redirect:" + base(org) + "/" + created.id());
        } catch (InvalidInputException | ConflictException e) {
            return rejected(form(actor, org, null, typed, errors(e, sent)));
        }
    }

    @GetMapping({"/{id}", "/{id}/"})
    ModelAndView policy(Actor actor, @PathVariable String org, @PathVariable String id) {
        EscalationPolicy p = policies.get(actor, org, id);
        ModelAndView mav = new ModelAndView("oncall/policies/policy");
        mav.addObject("section", "policies");
        mav.addObject("p", p);
        mav.addObject("levels", levels(p, reachedNow(actor, org)));
        mav.addObject("base", base(org));
        return mav;
    }

    @GetMapping("/{id}/edit")
    ModelAndView edit(Actor actor, @PathVariable String org, @PathVariable String id) {
        EscalationPolicy p = policies.get(actor, org, id);
        List<LevelForm> levels = new ArrayList<>();
        for (EscalationPolicy.Rule r : p.rules()) {
            levels.add(new LevelForm(Integer.toString(r.escalationDelayInMinutes()), ids(r, TargetType.USER), ids(r, TargetType.SCHEDULE),
                    ids(r, TargetType.TEAM), r.roundRobin()));
        }
        return form(actor, org, p, new PolicyForm(p.name(), p.description() == null ? "" : p.description(), Integer.toString(p.numLoops()),
                levels), Map.of());
    }

    @PostMapping("/{id}/edit")
    ModelAndView save(Actor actor, @PathVariable String org, @PathVariable String id, @RequestParam MultiValueMap<String, String> params,
            RedirectAttributes redirect) {
        EscalationPolicy current = policies.get(actor, org, id);
        PolicyForm typed = read(params);
        List<Integer> sent = new ArrayList<>();
        try {
            EscalationPolicy saved = policies.update(actor, org, id, input(typed, sent));
            redirect.addFlashAttribute("notice", "Escalation policy '" + saved.name() + "' saved.");
            return new ModelAndView("redirect:" + base(org) + "/" + saved.id());
        } catch (InvalidInputException | ConflictException e) {
            return rejected(form(actor, org, current, typed, errors(e, sent)));
        }
    }

    @PostMapping("/{id}/delete")
    String delete(Actor actor, @PathVariable String org, @PathVariable String id, RedirectAttributes redirect) {
        EscalationPolicy p = policies.get(actor, org, id);
        try {
            policies.delete(actor, org, id);
            redirect.addFlashAttribute("notice", "Escalation policy '" + p.name() + "' deleted.");
            return "redirect:" + base(org);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("alert", Character.toUpperCase(e.getMessage().charAt(0)) + e.getMessage().substring(1) + ".");
            return "redirect:" + base(org) + "/" + p.id();
        }
    }

    /** The levels as typed: {@code levels[0].delay}, {@code levels[0].users} (repeated), ... up to the last level the form sent. */
    private static PolicyForm read(MultiValueMap<String, String> params) {
        List<LevelForm> levels = new ArrayList<>();
        for (int k = 0; k < PolicyRules.MAX_LEVELS + 1 && params.containsKey("levels[" + k + "].delay"); k++) {
            String prefix = "levels[" + k + "].";
            levels.add(new LevelForm(Objects.requireNonNullElse(params.getFirst(prefix + "delay"), "").strip(), values(params, prefix + "users"),
                    values(params, prefix + "schedules"), values(params, prefix + "teams"), "true".equals(params.getFirst(prefix + "round_robin"))));
        }
        return new PolicyForm(Objects.requireNonNullElse(params.getFirst("name"), ""), Objects.requireNonNullElse(params.getFirst("description"), ""),
                Objects.requireNonNullElse(params.getFirst("num_loops"), "").strip(), levels);
    }

    /** The policy for the domain; {@code sent} records which form level each sent level came from, to put errors back. */
    private static EscalationPolicies.PolicyInput input(PolicyForm form, List<Integer> sent) {
        List<PolicyRules.RuleInput> rules = new ArrayList<>();
        for (int k = 0; k < form.levels().size(); k++) {
            LevelForm l = form.levels().get(k);
            if (l.empty()) {
                continue;
            }
            List<PolicyRules.TargetInput> targets = new ArrayList<>();
            l.users().forEach(u -> targets.add(new PolicyRules.TargetInput(TargetType.USER.id(), u)));
            l.schedules().forEach(s -> targets.add(new PolicyRules.TargetInput(TargetType.SCHEDULE.id(), s)));
            l.teams().forEach(t -> targets.add(new PolicyRules.TargetInput(TargetType.TEAM.id(), t)));
            rules.add(new PolicyRules.RuleInput(number("levels[" + k + "]", "The delay", l.delay()), targets, l.roundRobin()));
            sent.add(k);
        }
        Integer loops = form.numLoops().isEmpty() ? 0 : number("num_loops", "Repeats", form.numLoops());
        return new EscalationPolicies.PolicyInput(form.name(), form.description(), loops, rules);
    }

    private static Integer number(String field, String what, String text) {
        if (text.isEmpty()) {
            throw new InvalidInputException(field, what + " is required: a whole number");
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, what + " is a whole number, got '" + text + "'");
        }
    }

    /**
     * The error by the part of the form it is about: {@code name}, {@code description}, {@code num_loops},
     * {@code level-K} (K the form's level), or {@code levels} for the levels as a whole, {@code ""} otherwise.
     */
    static Map<String, String> errors(RuntimeException e, List<Integer> sent) {
        String message = e.getMessage();
        if (e instanceof ConflictException) {
            return Map.of("name", sentence(message));
        }
        String field = e instanceof InvalidInputException invalid ? invalid.field() : null;
        if (field == null) {
            return Map.of("", sentence(message));
        }
        String text = message.startsWith(field + ": ") ? message.substring(field.length() + 2) : message;
        if (field.startsWith("levels[")) {
            return Map.of("level-" + field.substring(7, field.indexOf(']')), sentence(text));
        }
        Matcher m = RULE_FIELD.matcher(field);
        if (m.matches()) {
            int index = Integer.parseInt(m.group(1));
            String where = m.group(2).contains("delay") ? "Delay: " : m.group(2).contains("targets[") ? "A target: " : "";
            return Map.of("level-" + (index < sent.size() ? sent.get(index) : 0), sentence(where + text));
        }
        return switch (field) {
            case "name" -> Map.of("name", sentence("Name: " + text));
            case "description" -> Map.of("description", sentence("Description: " + text));
            case "num_loops" -> Map.of("num_loops", sentence(text.startsWith("Repeats") ? text : "Repeats: " + text));
            case "escalation_rules" -> Map.of("levels", sentence(text + (text.contains("at least one") ? ": choose a target in the first level" : "")));
            default -> Map.of("", sentence(message));
        };
    }

    private ModelAndView form(Actor actor, String org, EscalationPolicy current, PolicyForm form, Map<String, String> errors) {
        long orgId = organizations.access(actor, org).org().id();
        List<LevelForm> levels = new ArrayList<>(form.levels());
        if (levels.size() < PolicyRules.MAX_LEVELS && (levels.isEmpty() || !levels.get(levels.size() - 1).empty())) {
            levels.add(LevelForm.blank("30"));
        }
        ModelAndView mav = new ModelAndView("oncall/policies/form");
        mav.addObject("section", "policies");
        mav.addObject("current", current);
        mav.addObject("pageTitle", current == null ? "New escalation policy" : "Edit " + current.name());
        mav.addObject("form", form);
        mav.addObject("levels", levels);
        mav.addObject("errors", errors);
        mav.addObject("people", directory.joinedMembers(orgId, SHOWN));
        mav.addObject("schedules", schedules.schedulesOf(orgId).stream().map(s -> Map.entry(Long.toString(s.id()), s.name())).toList());
        mav.addObject("teams", directory.teams(orgId, SHOWN));
        mav.addObject("base", base(org));
        return mav;
    }

    /** Who each level of each policy reaches now, by "policyId:level", as emails. */
    private Map<String, List<String>> reachedNow(Actor actor, String org) {
        Map<String, List<String>> now = new HashMap<>();
        for (EscalationPolicies.OnCall o : policies.onCalls(actor, org, clock.instant())) {
            now.computeIfAbsent(o.policyId() + ":" + o.level(), k -> new ArrayList<>()).add(o.email());
        }
        return now;
    }

    private List<LevelView> levels(EscalationPolicy p, Map<String, List<String>> now) {
        List<LevelView> out = new ArrayList<>();
        for (int k = 0; k < p.rules().size(); k++) {
            EscalationPolicy.Rule r = p.rules().get(k);
            out.add(new LevelView(k + 1, r.escalationDelayInMinutes(), r.roundRobin(), r.targets().stream().map(t -> describe(p, t)).toList(),
                    now.getOrDefault(p.id() + ":" + (k + 1), List.of())));
        }
        return out;
    }

    private String describe(EscalationPolicy p, Target t) {
        return Objects.requireNonNullElse(policies.describe(p.orgId(), t), "(removed)");
    }

    private static List<String> ids(EscalationPolicy.Rule r, TargetType type) {
        return r.targets().stream().filter(t -> t.type() == type).map(t -> Long.toString(t.id())).toList();
    }

    private static List<String> values(MultiValueMap<String, String> params, String key) {
        List<String> v = params.get(key);
        return v == null ? List.of() : v.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).distinct().toList();
    }

    private static String sentence(String s) {
        String text = s == null || s.isEmpty() ? "Something is wrong with this form" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }

    private static ModelAndView rejected(ModelAndView mav) {
        mav.setStatus(HttpStatusCode.valueOf(422));
        return mav;
    }

    private static String base(String org) {
        return "/orgs/" + org + "/escalation-policies";
    }
}
