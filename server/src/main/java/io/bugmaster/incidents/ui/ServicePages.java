package io.bugmaster.incidents.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.incidents.IntegrationInfo;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
import io.bugmaster.web.UiController;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Services in the web: the list, the form (team, escalation policy, runbook, urgency, timeouts,
 * alert grouping), and a service's page with its integrations. A new or rotated integration key is
 * shown once, on the page the action leads to, with copy-paste examples for its sender.
 */
@UiController
@RequestMapping("/orgs/{org}/services")
class ServicePages {
    private static final int SHOWN = 500;
    /** The form's timeouts are minutes; the service keeps seconds, 60 s to 7 days. */
    private static final int MAX_TIMEOUT_MINUTES = 7 * 24 * 60;
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("name", "Name"), Map.entry("description", "Description"),
            Map.entry("runbook", "Runbook"), Map.entry("team", "Team"), Map.entry("escalation_policy", "Escalation policy"),
            Map.entry("urgency", "Urgency"), Map.entry("support_hours", "Support hours"), Map.entry("ack_timeout", "Acknowledgement timeout"),
            Map.entry("auto_resolve", "Auto-resolve timeout"), Map.entry("grouping", "Alert grouping"), Map.entry("projects", "Projects"));

    private final Services services;
    private final EscalationPolicies policies;
    private final OrganizationService organizations;
    private final Directory directory;

    private final io.bugmaster.incidents.postmortems.Postmortems postmortems;

    ServicePages(Services services, EscalationPolicies policies, OrganizationService organizations, Directory directory,
            io.bugmaster.incidents.postmortems.Postmortems postmortems) {
        this.postmortems = postmortems;
        this.services = services;
        this.policies = policies;
        this.organizations = organizations;
        this.directory = directory;
    }

    /** What the form shows: the service's settings, or what was typed. Timeouts in minutes, blank for never. */
    record ServiceForm(String name, String team, String escalationPolicy, String description, String runbook, String urgency,
            String supportTimeZone, List<String> supportDays, String supportStart, String supportEnd, String ackTimeout,
            String autoResolve, String grouping, String groupingMinutes, String groupingFields, List<String> projects) {

        static ServiceForm blank() {
            return new ServiceForm("", "", "", "", "", "high", "UTC", List.of("1", "2", "3", "4", "5"), "09:00", "17:00",
                    Integer.toString(ServiceDefinition.DEFAULT_ACK_TIMEOUT / 60), "", "none", "", "", List.of());
        }

        static ServiceForm of(ServiceDefinition s) {
            ServiceDefinition.SupportHours h = s.supportHours();
            return new ServiceForm(s.name(), s.teamId() == null ? "" : s.teamId().toString(),
                    s.escalationPolicyId() == null ? "" : s.escalationPolicyId().toString(), orEmpty(s.description()), orEmpty(s.runbook()),
                    s.urgencyRule().id(), h == null ? "UTC" : h.timeZone().getId(),
                    h == null ? List.of("1", "2", "3", "4", "5") : h.days().stream().map(DayOfWeek::getValue).sorted().map(String::valueOf).toList(),
                    h == null ? "09:00" : h.start().toString(), h == null ? "17:00" : h.end().toString(), minutes(s.acknowledgementTimeout()),
                    minutes(s.autoResolveTimeout()), s.grouping().type().id(),
                    s.grouping().windowMinutes() == null ? "" : s.grouping().windowMinutes().toString(), String.join(", ", s.grouping().fields()),
                    s.projectIds().stream().map(String::valueOf).toList());
        }

        static ServiceForm of(Map<String, String> form, List<String> days, List<String> projects) {
            return new ServiceForm(get(form, "name"), get(form, "team"), get(form, "escalation_policy"), get(form, "description"),
                    get(form, "runbook"), get(form, "urgency"), get(form, "support_time_zone"), days == null ? List.of() : days,
                    get(form, "support_start"), get(form, "support_end"), get(form, "ack_timeout"), get(form, "auto_resolve"),
                    get(form, "grouping"), get(form, "grouping_minutes"), get(form, "grouping_fields"),
                    projects == null ? List.of() : projects);
        }

        /** The service as the domain reads it (PagerDuty's field names). */
        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("description", description.isBlank() ? null : description);
            body.put("runbook", runbook.isBlank() ? null : runbook);
            body.put("team", team.isBlank() ? null : Map.of("id", team.strip()));
            body.put("escalation_policy", escalationPolicy.isBlank() ? null : Map.of("id", escalationPolicy.strip()));
            body.put("urgency", urgency);
            if ("support_hours".equals(urgency)) {
                Map<String, Object> hours = new LinkedHashMap<>();
                hours.put("time_zone", supportTimeZone.strip());
                hours.put("days_of_week", supportDays.stream().map(d -> whole("support_hours", "a day", d, 1, 7)).toList());
                hours.put("start_time", supportStart.strip());
                hours.put("end_time", supportEnd.strip());
                body.put("support_hours", hours);
            }
            body.put("acknowledgement_timeout", seconds("ack_timeout", ackTimeout));
            body.put("auto_resolve_timeout", seconds("auto_resolve", autoResolve));
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("type", grouping);
            if ("time_window".equals(grouping)) {
                g.put("minutes", groupingMinutes.isBlank() ? null : whole("grouping", "the window", groupingMinutes, 1, 24 * 60));
            } else if ("by_fields".equals(grouping)) {
                g.put("fields", Arrays.stream(groupingFields.split(",")).map(String::strip).filter(f -> !f.isEmpty()).toList());
            }
            body.put("alert_grouping", g);
            body.put("project_ids", projects.stream().map(String::strip).filter(p -> !p.isEmpty()).toList());
            return body;
        }

        private static Integer seconds(String field, String minutes) {
            return minutes.isBlank() ? null : whole(field, "minutes", minutes, 1, MAX_TIMEOUT_MINUTES) * 60;
        }

        private static int whole(String field, String what, String text, int min, int max) {
            try {
                int n = Integer.parseInt(text.strip());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new InvalidInputException(field, what + " is a whole number from " + min + " to " + max + ", got '" + text.strip() + "'");
        }

        private static String minutes(Integer seconds) {
            return seconds == null ? "" : Integer.toString(seconds / 60);
        }

        private static String orEmpty(String s) {
            return s == null ? "" : s;
        }

        private static String get(Map<String, String> form, String key) {
            String v = form.get(key);
            return v == null ? "" : v;
        }
    }

    /** A service in the list: its policy's and team's names. */
    record ServiceRow(ServiceDefinition service, String policy, String team) {}

    @GetMapping({"", "/"})
    ModelAndView list(Actor actor, @PathVariable String org) {
        List<ServiceDefinition> all = services.list(actor, org, 0, SHOWN).items();
        Map<Long, String> policyNames = policyNames(actor, org);
        Map<Long, String> teamNames = teamNames(actor, org);
        ModelAndView mav = new ModelAndView("incidents/services");
        mav.addObject("section", "services");
        mav.addObject("services", all.stream().map(s -> new ServiceRow(s, s.escalationPolicyId() == null ? null
                : policyNames.get(s.escalationPolicyId()), s.teamId() == null ? null : teamNames.get(s.teamId()))).toList());
        mav.addObject("base", base(org));
        return mav;
    }

    @GetMapping("/new")
    ModelAndView newService(Actor actor, @PathVariable String org) {
        return form(actor, org, null, ServiceForm.blank(), Map.of());
    }

    @PostMapping({"", "/"})
    ModelAndView create(Actor actor, @PathVariable String org, @RequestParam Map<String, String> params,
            @RequestParam(name = "support_days", required = false) List<String> days,
            @RequestParam(name = "projects", required = false) List<String> projects, RedirectAttributes redirect) {
        ServiceForm typed = ServiceForm.of(params, days, projects);
        try {
            ServiceDefinition created = services.create(actor, org, typed.body());
            redirect.addFlashAttribute("notice", "Service '" + created.name() + "' created. Add an integration so alerts can reach it.");
            return new ModelAndView("redirect:" + base(org) + "/" + created.id());
        } catch (InvalidInputException | ConflictException e) {
            return rejected(form(actor, org, null, typed, errors(e)));
        }
    }

    @GetMapping("/{id}/edit")
    ModelAndView edit(Actor actor, @PathVariable String org, @PathVariable String id) {
        ServiceDefinition s = services.get(actor, org, id);
        return form(actor, org, s, ServiceForm.of(s), Map.of());
    }

    @PostMapping("/{id}/edit")
    ModelAndView save(Actor actor, @PathVariable String org, @PathVariable String id, @RequestParam Map<String, String> params,
            @RequestParam(name = "support_days", required = false) List<String> days,
            @RequestParam(name = "projects", required = false) List<String> projects, RedirectAttributes redirect) {
        ServiceDefinition current = services.get(actor, org, id);
        ServiceForm typed = ServiceForm.of(params, days, projects);
        try {
            ServiceDefinition saved = services.update(actor, org, id, typed.body());
            redirect.addFlashAttribute("notice", "Service '" + saved.name() + "' saved.");
            return new ModelAndView("redirect:" + base(org) + "/" + saved.id());
        } catch (InvalidInputException | ConflictException e) {
            return rejected(form(actor, org, current, typed, errors(e)));
        }
    }

    @PostMapping("/{id}/delete")
    String delete(Actor actor, @PathVariable String org, @PathVariable String id, RedirectAttributes redirect) {
        ServiceDefinition s = services.get(actor, org, id);
        services.delete(actor, org, id);
        redirect.addFlashAttribute("notice", "Service '" + s.name() + "' deleted with its integrations and incidents.");
        return "redirect:" + base(org);
    }

    @GetMapping({"/{id}", "/{id}/"})
    ModelAndView service(Actor actor, @PathVariable String org, @PathVariable String id) {
        ServiceDefinition s = services.get(actor, org, id);
        ModelAndView mav = new ModelAndView("incidents/service");
        mav.addObject("section", "services");
        mav.addObject("s", s);
        mav.addObject("integrations", services.integrations(actor, org, id));
        EscalationPolicy policy = s.escalationPolicyId() == null ? null : policies.policy(s.orgId(), s.escalationPolicyId()).orElse(null);
        mav.addObject("policy", policy);
        mav.addObject("team", s.teamId() == null ? null : directory.team(s.orgId(), s.teamId()).orElse(null));
        mav.addObject("projects", directory.projects(s.projectIds()).values().stream().map(Directory.ProjectInfo::slug).sorted().toList());
        mav.addObject("runbook", RunbookMarkdown.toHtml(s.runbook()));
        mav.addObject("postmortems", postmortems.publishedForService(s.orgId(), s.id()));
        mav.addObject("types", List.of(IntegrationInfo.EVENTS_API_V2, IntegrationInfo.ALERTMANAGER, IntegrationInfo.GENERIC));
        mav.addObject("base", base(org));
        return mav;
    }

    @PostMapping("/{id}/integrations")
    String addIntegration(Actor actor, @PathVariable String org, @PathVariable String id, @RequestParam(required = false) String type,
            @RequestParam(required = false) String name, RedirectAttributes redirect) {
        try {
            Services.IssuedKey issued = services.createIntegration(actor, org, id, type, name);
            redirect.addFlashAttribute("issued", issued);
            redirect.addFlashAttribute("notice", "Integration '" + issued.integration().name() + "' added. Copy its key now: it is shown only once.");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("alert", e.getMessage());
        }
        return "redirect:" + base(org) + "/" + id + "#integrations";
    }

    @PostMapping("/{id}/integrations/{integrationId}/rotate")
    String rotate(Actor actor, @PathVariable String org, @PathVariable String id, @PathVariable String integrationId,
            RedirectAttributes redirect) {
        Services.IssuedKey issued = services.rotateIntegration(actor, org, id, integrationId);
        redirect.addFlashAttribute("issued", issued);
        redirect.addFlashAttribute("notice", "New key for '" + issued.integration().name()
                + "'. The old key stopped working; update the sender with this one, shown only once.");
        return "redirect:" + base(org) + "/" + id + "#integrations";
    }

    @PostMapping("/{id}/integrations/{integrationId}/delete")
    String deleteIntegration(Actor actor, @PathVariable String org, @PathVariable String id, @PathVariable String integrationId,
            RedirectAttributes redirect) {
        services.deleteIntegration(actor, org, id, integrationId);
        redirect.addFlashAttribute("notice", "Integration deleted: its key no longer works.");
        return "redirect:" + base(org) + "/" + id + "#integrations";
    }

    private ModelAndView form(Actor actor, String org, ServiceDefinition current, ServiceForm form, Map<String, String> errors) {
        ModelAndView mav = new ModelAndView("incidents/service-form");
        mav.addObject("section", "services");
        mav.addObject("current", current);
        mav.addObject("pageTitle", current == null ? "New service" : "Edit " + current.name());
        mav.addObject("form", form);
        mav.addObject("errors", errors);
        mav.addObject("policies", policies.list(actor, org, 0, SHOWN).items());
        mav.addObject("teams", directory.teams(organizations.access(actor, org).org().id(), SHOWN));
        mav.addObject("projects", directory.projectsOf(organizations.access(actor, org).org().id()));
        mav.addObject("days", List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"));
        mav.addObject("base", base(org));
        return mav;
    }

    /** The error next to the field of the form that holds it; anything else above the form (key {@code ""}). */
    static Map<String, String> errors(RuntimeException e) {
        String field = e instanceof InvalidInputException invalid ? invalid.field() : null;
        String message = e.getMessage();
        if (e instanceof ConflictException) {
            return Map.of("name", capitalized(message));
        }
        if (field == null) {
            return Map.of("", capitalized(message));
        }
        String text = message.startsWith(field + ": ") ? message.substring(field.length() + 2) : message;
        String shown = field.startsWith("team") ? "team" : field.startsWith("escalation_policy") ? "escalation_policy"
                : field.startsWith("support_hours") ? "support_hours" : field.startsWith("alert_grouping") ? "grouping"
                : field.equals("acknowledgement_timeout") ? "ack_timeout" : field.equals("auto_resolve_timeout") ? "auto_resolve"
                : field.startsWith("project_ids") ? "projects" : field;
        if (!LABELS.containsKey(shown)) {
            return Map.of("", capitalized(message));
        }
        return Map.of(shown, LABELS.get(shown) + ": " + text + (text.endsWith(".") ? "" : "."));
    }

    private Map<Long, String> policyNames(Actor actor, String org) {
        Map<Long, String> names = new LinkedHashMap<>();
        policies.list(actor, org, 0, SHOWN).items().forEach(p -> names.put(p.id(), p.name()));
        return names;
    }

    private Map<Long, String> teamNames(Actor actor, String org) {
        Map<Long, String> names = new LinkedHashMap<>();
        directory.teams(organizations.access(actor, org).org().id(), SHOWN).forEach(t -> names.put(t.id(), t.name()));
        return names;
    }

    private static String capitalized(String s) {
        String text = s == null || s.isEmpty() ? "Something is wrong with this form" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }

    private static ModelAndView rejected(ModelAndView mav) {
        mav.setStatus(HttpStatusCode.valueOf(422));
        return mav;
    }

    private static String base(String org) {
        return "/orgs/" + org + "/services";
    }
}
