package io.bugmaster.incidents.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.incidents.DeclareRules;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.Priority;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.issues.Issue;
import io.bugmaster.issues.IssueAccess;
import io.bugmaster.web.FormErrors;
import io.bugmaster.web.UiController;
import java.util.ArrayList;
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
 * Declaring an incident in the web ({@code /orgs/<org>/incidents/new}, prefilled from an issue or a
 * service), and the forms of an incident's page that change its human side: stage, priority, title and
 * description, impacted services, linked issues. Each is a POST with the CSRF token that goes back to the incident.
 */
@UiController
@RequestMapping("/orgs/{org}/incidents")
class DeclarePages {
    private static final int SERVICES_SHOWN = 500;

    private final Incidents incidents;
    private final Services services;
    private final IssueAccess issues;

    DeclarePages(Incidents incidents, Services services, IssueAccess issues) {
        this.incidents = incidents;
        this.services = services;
        this.issues = issues;
    }

    /** The form as typed: the paging service, the other impacted services, the priority level, the linked issue. */
    record DeclareForm(String title, String service, List<String> also, String priority, String description, String issue) {
        List<String> serviceIds() {
            List<String> ids = new ArrayList<>();
            if (service != null && !service.isBlank()) {
                ids.add(service);
            }
            for (String a : also == null ? List.<String>of() : also) {
                if (!a.isBlank() && !ids.contains(a)) {
                    ids.add(a);
                }
            }
            return ids;
        }
    }

    @GetMapping("/new")
    ModelAndView newIncident(Actor actor, @PathVariable String org, @RequestParam(required = false) String issue,
            @RequestParam(required = false) String service) {
        Issue linked = null;
        if (issue != null && !issue.isBlank()) {
            linked = issues.issue(actor, org, issue.strip(), Scopes.EVENT_READ).issue();
        }
        DeclareForm form = new DeclareForm(linked == null ? "" : linked.title(), service == null ? "" : service.strip(), List.of(), "", "",
                linked == null ? "" : Long.toString(linked.id()));
        return form(actor, org, form, linked, FormErrors.NONE);
    }

    @PostMapping("/new")
    ModelAndView declare(Actor actor, @PathVariable String org, @RequestParam(required = false) String title,
            @RequestParam(required = false) String service, @RequestParam(name = "also", required = false) List<String> also,
            @RequestParam(required = false) String priority, @RequestParam(required = false) String description,
            @RequestParam(required = false) String issue, RedirectAttributes redirect) {
        DeclareForm form = new DeclareForm(title, service, also, priority, description, issue);
        try {
            Incidents.View v = incidents.declare(actor, org, new DeclareRules.DeclareInput(title, form.serviceIds(), priority, description,
                    issue), "web");
            redirect.addFlashAttribute("notice", "Incident #" + v.incident().number() + " declared as " + v.priority().label()
                    + ": " + pagedWho(v) + ".");
            return new ModelAndView("redirect:/orgs/" + org + "/incidents/" + v.incident().number());
        } catch (InvalidInputException | ConflictException e) {
            Issue linked = null;
            if (issue != null && !issue.isBlank()) {
                try {
                    linked = issues.issue(actor, org, issue.strip(), Scopes.EVENT_READ).issue();
                } catch (NotFoundException gone) {
                    // the form says why below
                }
            }
            ModelAndView mav = form(actor, org, form, linked, FormErrors.from(e, null, "title", "service_ids", "priority", "description",
                    "issue_id"));
            mav.setStatus(HttpStatusCode.valueOf(422));
            return mav;
        }
    }

    private static String pagedWho(Incidents.View v) {
        return v.service().escalationPolicyId() == null ? "service '" + v.service().name() + "' has no escalation policy, so nobody is paged"
                : "the escalation policy of '" + v.service().name() + "' pages its people now";
    }

    private ModelAndView form(Actor actor, String org, DeclareForm form, Issue linked, FormErrors errors) {
        ModelAndView mav = new ModelAndView("incidents/declare");
        mav.addObject("section", "incidents");
        mav.addObject("form", form);
        mav.addObject("linked", linked);
        mav.addObject("errors", errors);
        mav.addObject("services", services.list(actor, org, 0, SERVICES_SHOWN).items());
        mav.addObject("priorities", incidents.priorities(actor, org));
        mav.addObject("guide", Priority.GUIDE);
        mav.addObject("base", "/orgs/" + org + "/incidents");
        return mav;
    }

    @PostMapping("/{number}/stage")
    String stage(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam(required = false) String stage,
            RedirectAttributes redirect) {
        return change(actor, org, number, redirect, body("stage", stage), v -> "Incident #" + number + " is now "
                + v.incident().stage().id() + (v.incident().stage().id().equals("resolved") ? ": paging about it has stopped." : "."));
    }

    @PostMapping("/{number}/priority")
    String priority(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam(required = false) String priority,
            RedirectAttributes redirect) {
        return change(actor, org, number, redirect, body("priority", priority), v -> "Incident #" + number + " is now "
                + v.priority().label() + ".");
    }

    @PostMapping("/{number}/details")
    String details(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam(required = false) String title,
            @RequestParam(required = false) String description, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("description", description);
        return change(actor, org, number, redirect, body, v -> "Title and description of incident #" + number + " saved.");
    }

    @PostMapping("/{number}/services")
    String impacted(Actor actor, @PathVariable String org, @PathVariable String number,
            @RequestParam(name = "service", required = false) List<String> ids, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("impacted_services", ids == null ? List.of() : List.copyOf(ids));
        return change(actor, org, number, redirect, body, v -> "Impacted services: "
                + String.join(", ", v.impacted().stream().map(ServiceDefinition::name).toList()) + ".");
    }

    @PostMapping("/{number}/issues")
    String link(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam(required = false) String issue,
            RedirectAttributes redirect) {
        return act(org, number, redirect, () -> {
            Incidents.View v = incidents.linkIssue(actor, org, number, issue == null ? null : issue.strip(), "web");
            return "Linked: " + v.linkedIssues().get(v.linkedIssues().size() - 1).shortId() + ".";
        });
    }

    @PostMapping("/{number}/issues/{issueId}/unlink")
    String unlink(Actor actor, @PathVariable String org, @PathVariable String number, @PathVariable String issueId,
            RedirectAttributes redirect) {
        return act(org, number, redirect, () -> {
            incidents.unlinkIssue(actor, org, number, issueId, "web");
            return "Issue unlinked from incident #" + number + ".";
        });
    }

    private interface Done {
        String say(Incidents.View v);
    }

    private String change(Actor actor, String org, String number, RedirectAttributes redirect, Map<String, Object> body, Done done) {
        return act(org, number, redirect, () -> done.say(incidents.update(actor, org, number, body, "web")));
    }

    private static Map<String, Object> body(String field, String value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(field, value);
        return body;
    }

    private interface Action {
        String run();
    }

    /** Runs a change and goes back to the incident with what it did, or why it did nothing. */
    private static String act(String org, String number, RedirectAttributes redirect, Action action) {
        try {
            redirect.addFlashAttribute("notice", action.run());
        } catch (ConflictException | InvalidInputException e) {
            String m = e.getMessage();
            redirect.addFlashAttribute("alert", Character.toUpperCase(m.charAt(0)) + m.substring(1) + (m.endsWith(".") ? "" : "."));
        }
        return "redirect:/orgs/" + org + "/incidents/" + number;
    }
}
