package io.bugmaster.incidents.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.incidents.Alert;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentPanel;
import io.bugmaster.incidents.IncidentStage;
import io.bugmaster.incidents.IncidentStatus;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
import io.bugmaster.web.UiController;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Incidents in the web: the list (open ones first) and an incident's page, the address the pages'
 * "Open" links name ({@code /orgs/<org>/incidents/<number>}), with its alerts, the service's runbook,
 * the panels of the features built on incidents (the timeline among them), and buttons to acknowledge, resolve, escalate and reassign (each a POST with the CSRF token).
 */
@UiController
@RequestMapping("/orgs/{org}/incidents")
class IncidentPages {
    private static final int OPEN_SHOWN = 100;
    private static final int RESOLVED_SHOWN = 25;
    private static final int MEMBERS_SHOWN = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> OPEN = List.of(IncidentStatus.TRIGGERED.id(), IncidentStatus.ACKNOWLEDGED.id());

    private final Incidents incidents;
    private final Services services;
    private final EscalationPolicies policies;
    private final Directory directory;
    private final Clock clock;
    private final List<IncidentPanel> panels;

    IncidentPages(Incidents incidents, Services services, EscalationPolicies policies, Directory directory, Clock clock,
            List<IncidentPanel> panels) {
        this.panels = panels.stream().sorted(java.util.Comparator.comparingInt(IncidentPanel::order)).toList();
        this.incidents = incidents;
        this.services = services;
        this.policies = policies;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * Without a status, the open incidents (triggered and acknowledged, newest first) and under them
     * the latest resolved; with one ({@code open}, {@code triggered}, {@code acknowledged}, {@code resolved}) only those.
     */
    @GetMapping({"", "/"})
    ModelAndView list(Actor actor, @PathVariable String org, @RequestParam(required = false) String status,
            @RequestParam(required = false) String service, @RequestParam(required = false) String stage,
            @RequestParam(required = false) String priority) {
        String wanted = status == null ? "" : status.strip();
        String serviceId = service == null || service.isBlank() ? null : service.strip();
        List<String> stages = stage == null || stage.isBlank() ? null : List.of(stage.strip());
        List<String> levels = priority == null || priority.isBlank() ? null : List.of(priority.strip());
        ModelAndView mav = new ModelAndView("incidents/list");
        mav.addObject("section", "incidents");
        if (wanted.isEmpty() || wanted.equals("open")) {
            mav.addObject("open", incidents.list(actor, org, new Incidents.ListFilter(OPEN, stages, levels, serviceId, null, null), 0,
                    OPEN_SHOWN));
            mav.addObject("resolved", wanted.isEmpty() ? incidents.list(actor, org, new Incidents.ListFilter(
                    List.of(IncidentStatus.RESOLVED.id()), stages, levels, serviceId, null, null), 0, RESOLVED_SHOWN) : null);
        } else {
            mav.addObject("only", incidents.list(actor, org, new Incidents.ListFilter(List.of(wanted), stages, levels, serviceId, null, null),
                    0, OPEN_SHOWN));
        }
        mav.addObject("status", wanted);
        mav.addObject("service", serviceId);
        mav.addObject("stage", stages == null ? "" : stages.get(0));
        mav.addObject("priority", levels == null ? "" : levels.get(0));
        mav.addObject("stages", List.of(IncidentStage.values()));
        mav.addObject("priorities", incidents.priorities(actor, org));
        mav.addObject("services", services.list(actor, org, 0, 500).items());
        mav.addObject("base", base(org));
        return mav;
    }

    /** A panel as the page renders it: its template's fragment {@code panel(m)} with this model. */
    record PanelView(String template, Object model) {}

    /** An alert as shown: its details as key and text (a nested value as its JSON). */
    record AlertRow(Alert alert, List<Map.Entry<String, String>> details) {}

    /** A level of the service's policy and who it names, in words. */
    record LevelRow(int level, int delayMinutes, boolean roundRobin, List<String> targets) {}

    @GetMapping({"/{number}", "/{number}/"})
    ModelAndView incident(Actor actor, @PathVariable String org, @PathVariable String number) {
        Incidents.View view = incidents.get(actor, org, number);
        Incident i = view.incident();
        ServiceDefinition s = view.service();
        Instant now = clock.instant();
        ModelAndView mav = new ModelAndView("incidents/incident");
        mav.addObject("section", "incidents");
        mav.addObject("view", view);
        mav.addObject("i", i);
        mav.addObject("s", s);
        mav.addObject("alerts", view.alerts().stream().map(a -> new AlertRow(a, details(a.details()))).toList());
        mav.addObject("runbook", RunbookMarkdown.toHtml(s.runbook()));
        mav.addObject("descriptionHtml", RunbookMarkdown.toHtml(i.description()));
        mav.addObject("priorities", incidents.priorities(actor, org));
        mav.addObject("stages", List.of(IncidentStage.values()));
        List<ServiceDefinition> all = services.list(actor, org, 0, MEMBERS_SHOWN).items();
        mav.addObject("allServices", all);
        mav.addObject("impactedIds", view.impacted().stream().map(ServiceDefinition::id).toList());
        EscalationPolicy policy = s.escalationPolicyId() == null ? null : policies.policy(i.orgId(), s.escalationPolicyId()).orElse(null);
        mav.addObject("policy", policy);
        List<LevelRow> levels = new ArrayList<>();
        if (policy != null) {
            for (int k = 0; k < policy.rules().size(); k++) {
                EscalationPolicy.Rule r = policy.rules().get(k);
                levels.add(new LevelRow(k + 1, r.escalationDelayInMinutes(), r.roundRobin(), r.targets().stream()
                        .map(t -> java.util.Objects.requireNonNullElse(policies.describe(i.orgId(), t), "(removed)")).toList()));
            }
        }
        mav.addObject("levels", levels);
        mav.addObject("team", s.teamId() == null ? null : directory.team(i.orgId(), s.teamId()).orElse(null));
        mav.addObject("members", directory.joinedMembers(i.orgId(), MEMBERS_SHOWN));
        mav.addObject("assigneeIds", view.assignees().stream().map(Directory.Person::id).toList());
        mav.addObject("nextEscalationIn", until(i.nextEscalationAt(), now));
        mav.addObject("ackTimeoutIn", until(i.ackTimeoutAt(), now));
        mav.addObject("autoResolveIn", until(i.autoResolveAt(), now));
        mav.addObject("base", base(org));
        List<PanelView> shown = new ArrayList<>();
        for (IncidentPanel p : panels) {
            Object model = p.model(actor, view);
            if (model != null) {
                shown.add(new PanelView(p.template(), model));
            }
        }
        mav.addObject("panels", shown);
        return mav;
    }

    @PostMapping("/{number}/acknowledge")
    String acknowledge(Actor actor, @PathVariable String org, @PathVariable String number, RedirectAttributes redirect) {
        return act(org, number, redirect, () -> {
            incidents.acknowledge(actor, org, number, "web");
            return "Incident #" + number + " acknowledged: nobody else is paged about it until its acknowledgement times out.";
        });
    }

    @PostMapping("/{number}/resolve")
    String resolve(Actor actor, @PathVariable String org, @PathVariable String number, RedirectAttributes redirect) {
        return act(org, number, redirect, () -> {
            incidents.resolve(actor, org, number, "web");
            return "Incident #" + number + " resolved: its alerts are resolved and paging about it has stopped.";
        });
    }

    @PostMapping("/{number}/escalate")
    String escalate(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam(required = false) String level,
            RedirectAttributes redirect) {
        return act(org, number, redirect, () -> {
            Integer to = null;
            if (level != null && !level.isBlank()) {
                try {
                    to = Integer.valueOf(level.strip());
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("level", "a level is a number, got '" + level + "'");
                }
            }
            Incident after = incidents.escalate(actor, org, number, to, "web").incident();
            return "Escalated to level " + after.level() + ": its people are paged now.";
        });
    }

    @PostMapping("/{number}/reassign")
    String reassign(Actor actor, @PathVariable String org, @PathVariable String number,
            @RequestParam(name = "assignee", required = false) List<String> assignees, RedirectAttributes redirect) {
        return act(org, number, redirect, () -> {
            Incidents.View after = incidents.reassign(actor, org, number, assignees == null ? List.of() : assignees, "web");
            return "Reassigned to " + String.join(", ", after.assignees().stream().map(Directory.Person::email).toList())
                    + ": they are paged now.";
        });
    }

    private interface Action {
        String run();
    }

    /** Runs an action and goes back to the incident with what it did, or why it did nothing. */
    private static String act(String org, String number, RedirectAttributes redirect, Action action) {
        try {
            redirect.addFlashAttribute("notice", action.run());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("alert", capitalized(e.getMessage()));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("alert", e.field() != null && e.field().startsWith("assignees")
                    ? "Choose 1 to 20 members to reassign it to." : capitalized(e.getMessage()));
        }
        return "redirect:" + base(org) + "/" + number;
    }

    /**
     * What the sender said beyond the summary: the custom details first, each by its own key, then PagerDuty's other payload
     * fields (component, group, class...); source and severity are shown with the alert already.
     */
    private static List<Map.Entry<String, String>> details(Map<String, Object> details) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (details == null) {
            return out;
        }
        if (details.get("custom_details") instanceof Map<?, ?> custom) {
            custom.forEach((k, v) -> out.add(Map.entry(String.valueOf(k), text(v))));
        }
        details.forEach((k, v) -> {
            boolean shownElsewhere = k.equals("source") || k.equals("severity") || (k.equals("custom_details") && v instanceof Map<?, ?>);
            if (!shownElsewhere) {
                out.add(Map.entry(k, text(v)));
            }
        });
        return out;
    }

    private static String text(Object v) {
        return v == null ? "null" : v instanceof String s ? s : JSON.writeValueAsString(v);
    }

    /** "in 4 minutes", "now" (a deadline passed, the engine acts on its next cycle), or null for no deadline. */
    static String until(Instant deadline, Instant now) {
        if (deadline == null) {
            return null;
        }
        Duration d = Duration.between(now, deadline);
        if (d.toSeconds() < 60) {
            return d.isNegative() || d.isZero() ? "now" : "in less than a minute";
        }
        long minutes = (d.toSeconds() + 59) / 60;
        if (minutes < 120) {
            return "in " + minutes + (minutes == 1 ? " minute" : " minutes");
        }
        long hours = d.toHours();
        return hours < 48 ? "in " + hours + " hours" : "in " + d.toDays() + " days";
    }

    private static String capitalized(String s) {
        return s == null || s.isEmpty() ? "That did not work." : Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }

    private static String base(String org) {
        return "/orgs/" + org + "/incidents";
    }
}
