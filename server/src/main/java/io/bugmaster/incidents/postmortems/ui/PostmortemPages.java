package io.bugmaster.incidents.postmortems.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.incidents.Services;
import io.bugmaster.incidents.postmortems.ActionItems;
import io.bugmaster.incidents.postmortems.Postmortem;
import io.bugmaster.incidents.postmortems.Postmortems;
import io.bugmaster.incidents.ui.RunbookMarkdown;
import io.bugmaster.web.Downloads;
import io.bugmaster.web.UiController;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Postmortems in the web: an incident's postmortem as a Markdown editor with a preview (rendered
 * as untrusted: raw HTML shown as text, only http, https, mailto and relative links), its state
 * buttons and comments; the action items' buttons on the incident's page; the library of published
 * postmortems and the list of open action items. A save that lost to someone else's shows the
 * text back with the reason: nothing typed is lost.
 */
@UiController
@RequestMapping("/orgs/{org}")
class PostmortemPages {
    private static final int LIBRARY_SHOWN = 100;
    private static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);

    private final Postmortems postmortems;
    private final ActionItems actionItems;
    private final Services services;

    PostmortemPages(Postmortems postmortems, ActionItems actionItems, Services services) {
        this.postmortems = postmortems;
        this.actionItems = actionItems;
        this.services = services;
    }

    @GetMapping({"/incidents/{number}/postmortem", "/incidents/{number}/postmortem/"})
    ModelAndView edit(Actor actor, @PathVariable String org, @PathVariable String number) {
        Postmortems.Found f = postmortems.get(actor, org, number);
        return editor(actor, org, f, f.postmortem().title(), f.postmortem().body(), f.postmortem().version(), null, null);
    }

    @PostMapping("/incidents/{number}/postmortem/draft")
    String draft(Actor actor, @PathVariable String org, @PathVariable String number, RedirectAttributes redirect) {
        try {
            postmortems.draft(actor, org, number);
            redirect.addFlashAttribute("notice", "Postmortem drafted from the incident. Fill in the summary, the context and what to improve.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("notice", "This incident already has a postmortem.");
        }
        return "redirect:" + incident(org, number) + "/postmortem";
    }

    /**
     * The editor's form: {@code action} {@code preview} shows the text rendered without saving;
     * {@code save} saves it; {@code state} saves it and moves it (in_review, published, draft).
     */
    @PostMapping({"/incidents/{number}/postmortem", "/incidents/{number}/postmortem/"})
    ModelAndView save(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String body, @RequestParam(defaultValue = "") String version,
            @RequestParam(defaultValue = "save") String action, @RequestParam(required = false) String state, RedirectAttributes redirect) {
        Postmortems.Found f = postmortems.get(actor, org, number);
        long from = parseVersion(version);
        if (action.equals("preview")) {
            return editor(actor, org, f, title, body, from, RunbookMarkdown.toHtml(body), null);
        }
        try {
            Postmortems.Found saved = postmortems.save(actor, org, number, new Postmortems.Edit(title, body, state, from));
            redirect.addFlashAttribute("notice", state == null ? "Postmortem saved."
                    : "Postmortem saved; it is now " + saved.postmortem().state().label().toLowerCase(java.util.Locale.ROOT) + ".");
            return new ModelAndView("redirect:" + incident(org, number) + "/postmortem");
        } catch (ConflictException | InvalidInputException e) {
            ModelAndView mav = editor(actor, org, f, title, body, from, null, capitalize(e.getMessage()));
            mav.setStatus(HttpStatusCode.valueOf(e instanceof ConflictException ? 409 : 422));
            return mav;
        }
    }

    @GetMapping("/incidents/{number}/postmortem/markdown")
    ResponseEntity<String> markdown(Actor actor, @PathVariable String org, @PathVariable String number) {
        Postmortem p = postmortems.get(actor, org, number).postmortem();
        return ResponseEntity.ok().contentType(MARKDOWN).header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(Postmortems.fileName(p)))
                .body(p.body());
    }

    @PostMapping("/incidents/{number}/postmortem/comments")
    String comment(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam(defaultValue = "") String comment,
            RedirectAttributes redirect) {
        try {
            postmortems.comment(actor, org, number, comment);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("notice", "Comment not added: it " + e.getMessage().replaceFirst("^comment: ", ""));
        }
        return "redirect:" + incident(org, number) + "/postmortem#comments";
    }

    @PostMapping("/incidents/{number}/action-items")
    String addActionItem(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam(defaultValue = "") String title,
            @RequestParam(name = "owner_id", defaultValue = "") String ownerId, @RequestParam(name = "due_date", defaultValue = "") String due,
            @RequestParam(name = "external_url", defaultValue = "") String url, RedirectAttributes redirect) {
        try {
            ActionItems.Row r = actionItems.create(actor, org, number, new ActionItems.Input(title, ownerId, due, null, url));
            redirect.addFlashAttribute("notice", "Action item added for " + r.owner().email() + ".");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("notice", "Action item not added: " + e.getMessage());
        }
        return "redirect:" + incident(org, number) + "#postmortem";
    }

    @PostMapping("/incidents/{number}/action-items/{id}/done")
    String done(Actor actor, @PathVariable String org, @PathVariable String number, @PathVariable String id) {
        actionItems.update(actor, org, number, id, new ActionItems.Input(null, null, null, "done", null));
        return "redirect:" + incident(org, number) + "#postmortem";
    }

    @PostMapping("/incidents/{number}/action-items/{id}/reopen")
    String reopen(Actor actor, @PathVariable String org, @PathVariable String number, @PathVariable String id) {
        actionItems.update(actor, org, number, id, new ActionItems.Input(null, null, null, "open", null));
        return "redirect:" + incident(org, number) + "#postmortem";
    }

    @GetMapping({"/postmortems", "/postmortems/"})
    ModelAndView library(Actor actor, @PathVariable String org, @RequestParam(defaultValue = "") String query,
            @RequestParam(defaultValue = "") String service) {
        ModelAndView mav = new ModelAndView("postmortems/library");
        mav.addObject("section", "incidents");
        mav.addObject("postmortems", postmortems.library(actor, org, query, service, 0, LIBRARY_SHOWN));
        mav.addObject("query", query);
        mav.addObject("service", service);
        mav.addObject("services", services.list(actor, org, 0, 500).items());
        return mav;
    }

    @GetMapping({"/postmortems/actions", "/postmortems/actions/"})
    ModelAndView openActions(Actor actor, @PathVariable String org) {
        ModelAndView mav = new ModelAndView("postmortems/actions");
        mav.addObject("section", "incidents");
        mav.addObject("rows", actionItems.open(actor, org));
        return mav;
    }

    private ModelAndView editor(Actor actor, String org, Postmortems.Found f, String title, String body, long version, String preview,
            String error) {
        ModelAndView mav = new ModelAndView("postmortems/edit");
        mav.addObject("section", "incidents");
        mav.addObject("i", f.incident());
        mav.addObject("p", f.postmortem());
        mav.addObject("pmTitle", title);
        mav.addObject("pmBody", body);
        mav.addObject("version", version);
        mav.addObject("preview", preview);
        mav.addObject("rendered", preview == null ? RunbookMarkdown.toHtml(f.postmortem().body()) : null);
        mav.addObject("error", error);
        mav.addObject("comments", postmortems.comments(actor, org, Long.toString(f.incident().number())));
        mav.addObject("actionItems", actionItems.ofIncident(f.incident()));
        mav.addObject("self", incident(org, Long.toString(f.incident().number())));
        return mav;
    }

    private static long parseVersion(String version) {
        try {
            return Long.parseLong(version.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("version", "the form lost the version it edited; reload the page");
        }
    }

    private static String incident(String org, String number) {
        return "/orgs/" + org + "/incidents/" + number;
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
