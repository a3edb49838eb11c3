package io.bugmaster.issues.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.events.EventService;
import io.bugmaster.issues.ownership.OwnershipRules;
import io.bugmaster.issues.ownership.OwnershipRulesException;
import io.bugmaster.issues.ownership.OwnershipService;
import io.bugmaster.issues.ownership.OwnershipService.AutoAssignment;
import io.bugmaster.web.UiController;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

/**
 * A project's ownership rules: edit them (errors by line), turn auto-assignment on, import a
 * CODEOWNERS file with an owner mapping, and test rules against one of the project's recent events.
 */
@UiController
@RequestMapping("/orgs/{org}/projects/{project}/ownership")
class OwnershipPages {
    private static final HttpStatusCode REJECTED = HttpStatusCode.valueOf(422);

    private final OwnershipService ownership;
    private final ProjectService projects;

    OwnershipPages(OwnershipService ownership, ProjectService projects) {
        this.ownership = ownership;
        this.projects = projects;
    }

    /** The rules form as typed, re-shown unchanged when rejected. */
    record RulesForm(String raw, boolean autoAssign, boolean fallthrough) {}

    /** One recent event to pick for a preview. */
    record EventChoice(String id, String label) {}

    /** A preview's outcome; {@code error} set when the rules or the event could not be used. */
    record PreviewView(String eventId, String title, OwnershipRules.Rule rule, List<OwnershipService.ResolvedOwner> owners,
            List<OwnershipRules.LineError> lineErrors, String error) {}

    @GetMapping
    ModelAndView page(Actor actor, @PathVariable String org, @PathVariable String project) {
        return page(actor, org, project, null);
    }

    @PostMapping
    ModelAndView save(Actor actor, @PathVariable String org, @PathVariable String project,
            @RequestParam(required = false) String raw, @RequestParam(required = false) String autoAssign,
            @RequestParam(required = false) String fallthrough, RedirectAttributes redirect) {
        RulesForm form = new RulesForm(raw == null ? "" : raw, autoAssign != null, fallthrough != null);
        try {
            ownership.update(actor, org, project, new OwnershipService.Change(form.raw(), form.fallthrough(),
                    form.autoAssign() ? AutoAssignment.ISSUE_OWNER : AutoAssignment.OFF));
            redirect.addFlashAttribute("notice", "Ownership rules saved.");
            return new ModelAndView("redirect:/orgs/" + org + "/projects/" + project + "/ownership");
        } catch (InvalidInputException e) {
            ModelAndView mav = page(actor, org, project, form);
            mav.addObject("ruleErrors", e instanceof OwnershipRulesException lines ? lines.errors() : List.of());
            mav.addObject("rulesError", e instanceof OwnershipRulesException ? null : message(e));
            mav.setStatus(REJECTED);
            return mav;
        }
    }

    @PostMapping("/codeowners")
    ModelAndView importCodeowners(Actor actor, @PathVariable String org, @PathVariable String project,
            @RequestParam(required = false) String codeowners, @RequestParam(required = false) String mapping) {
        try {
            OwnershipService.ImportResult result = ownership.importCodeowners(actor, org, project, codeowners, mapping);
            OwnershipService.Ownership current = ownership.get(actor, org, project);
            String existing = result.existingRaw() == null || result.existingRaw().isBlank() ? "" : result.existingRaw().stripTrailing() + "\n\n";
            String merged = existing + "# Imported from CODEOWNERS\n" + result.imported().rules();
            ModelAndView mav = page(actor, org, project, new RulesForm(merged,
                    current.autoAssignment() == AutoAssignment.ISSUE_OWNER, current.fallthrough()));
            mav.addObject("imported", result);
            mav.addObject("codeowners", codeowners);
            mav.addObject("mapping", mapping);
            mav.addObject("notice", "Converted " + result.imported().ruleCount()
                    + " CODEOWNERS rules. Review them in the rules box and save to apply them.");
            return mav;
        } catch (InvalidInputException e) {
            ModelAndView mav = page(actor, org, project, null);
            mav.addObject("codeowners", codeowners);
            mav.addObject("mapping", mapping);
            mav.addObject("mappingErrors", e instanceof OwnershipRulesException lines ? lines.errors() : List.of());
            mav.addObject("importError", e instanceof OwnershipRulesException ? null : message(e));
            mav.setStatus(REJECTED);
            return mav;
        }
    }

    @PostMapping("/preview")
    ModelAndView preview(Actor actor, @PathVariable String org, @PathVariable String project,
            @RequestParam(required = false) String raw, @RequestParam(required = false) String eventId,
            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        String rules = raw == null ? ownership.get(actor, org, project).raw() : raw;
        PreviewView view;
        try {
            OwnershipService.Preview p = ownership.preview(actor, org, project, rules, eventId);
            view = new PreviewView(p.eventId(), p.title(), p.rule(), p.owners(), List.of(), null);
        } catch (OwnershipRulesException e) {
            view = new PreviewView(eventId, null, null, List.of(), e.errors(), null);
        } catch (InvalidInputException | NotFoundException e) {
            view = new PreviewView(eventId, null, null, List.of(), List.of(), message(e));
        }
        ModelAndView mav;
        if ("true".equals(htmx)) {
            mav = new ModelAndView("issues/ownership :: preview");
        } else {
            mav = page(actor, org, project, null);
            RulesForm saved = (RulesForm) mav.getModel().get("form");
            mav.addObject("form", new RulesForm(rules, saved.autoAssign(), saved.fallthrough()));
        }
        mav.addObject("preview", view);
        mav.addObject("selectedEvent", eventId);
        return mav;
    }

    private ModelAndView page(Actor actor, String org, String project, RulesForm typed) {
        OwnershipService.Ownership current = ownership.get(actor, org, project);
        RulesForm form = typed != null ? typed
                : new RulesForm(current.raw(), current.autoAssignment() == AutoAssignment.ISSUE_OWNER, current.fallthrough());
        List<EventChoice> events = ownership.recentEvents(actor, org, project).stream().map(OwnershipPages::choice).toList();
        ModelAndView mav = new ModelAndView("issues/ownership");
        mav.addObject("section", "projects");
        mav.addObject("project", projects.get(actor, org, project).project());
        mav.addObject("ownership", current);
        mav.addObject("form", form);
        mav.addObject("recentEvents", events);
        mav.addObject("ruleErrors", List.of());
        mav.addObject("mappingErrors", List.of());
        return mav;
    }

    private static EventChoice choice(EventService.RecentEvent e) {
        String id = e.eventId();
        String title = e.title() == null ? "<untitled>" : e.title();
        String when = e.occurredAt().toString();
        return new EventChoice(id, (title.length() > 80 ? title.substring(0, 80) + "…" : title) + " · " + when);
    }

    private static String message(RuntimeException e) {
        String m = e.getMessage() == null ? "Something is wrong." : e.getMessage();
        return Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }
}
