package io.bugmaster.incidents.roles.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.incidents.roles.IncidentRole;
import io.bugmaster.incidents.roles.IncidentRoles;
import io.bugmaster.incidents.roles.Responders;
import io.bugmaster.incidents.roles.RoleRules;
import io.bugmaster.web.FormErrors;
import io.bugmaster.web.UiController;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Roles in the web: the organization's role definitions ({@code /orgs/<org>/settings/incident-roles})
 * and the incident page's forms to assign a role, end an assignment and add responders (each a POST
 * with the CSRF token, back to the incident with what it did or why it did nothing).
 */
@UiController
class RolePages {
    private static final HttpStatusCode REJECTED = HttpStatusCode.valueOf(422);

    private final IncidentRoles roles;
    private final Responders responders;

    RolePages(IncidentRoles roles, Responders responders) {
        this.roles = roles;
        this.responders = responders;
    }

    // --- the organization's roles ---

    /** What a role form holds: for a new role ({@code id} null) or the role being edited. */
    record RoleForm(Long id, String name, String slug, String description, String position) {}

    @GetMapping("/orgs/{org}/settings/incident-roles")
    ModelAndView settings(Actor actor, @PathVariable String org) {
        return settingsPage(actor, org, new RoleForm(null, "", "", "", ""), FormErrors.NONE);
    }

    @PostMapping("/orgs/{org}/settings/incident-roles")
    ModelAndView create(Actor actor, @PathVariable String org, @RequestParam(required = false) String name,
            @RequestParam(required = false) String slug, @RequestParam(required = false) String description, RedirectAttributes redirect) {
        RoleForm form = new RoleForm(null, name, slug, description, "");
        try {
            IncidentRole r = roles.create(actor, org, new RoleRules.Input(slug, name == null ? "" : name, description, null));
            redirect.addFlashAttribute("notice", "Role " + r.name() + " added: it can be assigned on every incident now.");
            return new ModelAndView("redirect:" + settingsPath(org));
        } catch (InvalidInputException | ConflictException e) {
            return rejected(settingsPage(actor, org, form, FormErrors.from(e, "slug", "name", "slug", "description")));
        }
    }

    @PostMapping("/orgs/{org}/settings/incident-roles/{id}")
    ModelAndView update(Actor actor, @PathVariable String org, @PathVariable long id, @RequestParam(required = false) String name,
            @RequestParam(required = false) String slug, @RequestParam(required = false) String description,
            @RequestParam(required = false) String position, RedirectAttributes redirect) {
        RoleForm form = new RoleForm(id, name, slug, description, position);
        try {
            Integer at = null;
            if (position != null && !position.isBlank()) {
                try {
                    at = Integer.valueOf(position.strip());
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("position", "is a number, got '" + position + "'");
                }
            }
            IncidentRole r = roles.update(actor, org, Long.toString(id), new RoleRules.Input(slug, name == null ? "" : name,
                    description == null ? "" : description, at));
            redirect.addFlashAttribute("notice", "Role " + r.name() + " saved.");
            return new ModelAndView("redirect:" + settingsPath(org));
        } catch (InvalidInputException | ConflictException e) {
            return rejected(settingsPage(actor, org, form, FormErrors.from(e, "slug", "name", "slug", "description", "position")));
        }
    }

    @PostMapping("/orgs/{org}/settings/incident-roles/{id}/delete")
    String delete(Actor actor, @PathVariable String org, @PathVariable long id, RedirectAttributes redirect) {
        IncidentRole r = roles.get(actor, org, Long.toString(id));
        roles.delete(actor, org, Long.toString(id));
        redirect.addFlashAttribute("notice", "Role " + r.name() + " deleted: whoever held it on an incident no longer does.");
        return "redirect:" + settingsPath(org);
    }

    private ModelAndView settingsPage(Actor actor, String org, RoleForm form, FormErrors errors) {
        ModelAndView mav = new ModelAndView("incidents/roles-settings");
        mav.addObject("section", "settings");
        mav.addObject("roles", roles.list(actor, org));
        mav.addObject("form", form);
        mav.addObject("errors", errors);
        mav.addObject("base", settingsPath(org));
        return mav;
    }

    private static String settingsPath(String org) {
        return "/orgs/" + org + "/settings/incident-roles";
    }

    // --- an incident's roles and responders ---

    @PostMapping("/orgs/{org}/incidents/{number}/roles")
    String assign(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam(required = false) String role,
            @RequestParam(required = false) String user, RedirectAttributes redirect) {
        return act(org, number, redirect, () -> {
            IncidentRoles.Holders h = roles.assign(actor, org, number, role, user, "web");
            return IncidentRoles.who(h.holder().user()) + " is " + h.role().name() + " now; they are notified.";
        });
    }

    @PostMapping("/orgs/{org}/incidents/{number}/roles/{role}/unassign")
    String unassign(Actor actor, @PathVariable String org, @PathVariable String number, @PathVariable String role,
            RedirectAttributes redirect) {
        return act(org, number, redirect, () -> {
            roles.unassign(actor, org, number, role, "web");
            return "Nobody holds that role now.";
        });
    }

    /** {@code target}: {@code user:<id>}, {@code service:<id>} or {@code policy:<id>}. */
    @PostMapping("/orgs/{org}/incidents/{number}/responders")
    String addResponders(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam(required = false) String target,
            @RequestParam(required = false) String message, RedirectAttributes redirect) {
        return act(org, number, redirect, () -> {
            String t = target == null ? "" : target.strip();
            int colon = t.indexOf(':');
            String kind = colon < 0 ? "" : t.substring(0, colon);
            String id = colon < 0 ? "" : t.substring(colon + 1);
            Responders.Request request = switch (kind) {
                case "user" -> new Responders.Request(id, null, null, message);
                case "policy" -> new Responders.Request(null, id, null, message);
                case "service" -> new Responders.Request(null, null, id, message);
                default -> throw new InvalidInputException("target", "choose a person, a service or an escalation policy to page");
            };
            List<Responders.Responder> added = responders.add(actor, org, number, request, "web");
            return "Paged " + String.join(", ", added.stream().map(r -> IncidentRoles.who(r.user())).toList()) + ".";
        });
    }

    private interface Action {
        String run();
    }

    private static String act(String org, String number, RedirectAttributes redirect, Action action) {
        try {
            redirect.addFlashAttribute("notice", action.run());
        } catch (InvalidInputException e) {
            String prefix = e.field() + ": ";
            String text = e.field() != null && e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            // "message: is at most 500 characters" reads "Message is at most 500 characters."
            redirect.addFlashAttribute("alert", sentence(e.field() != null && text.startsWith("is ") ? e.field().replace('_', ' ') + " " + text : text));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("alert", sentence(e.getMessage()));
        }
        return "redirect:/orgs/" + org + "/incidents/" + number + "#roles";
    }

    private static ModelAndView rejected(ModelAndView mav) {
        mav.setStatus(REJECTED);
        return mav;
    }

    private static String sentence(String s) {
        String text = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
