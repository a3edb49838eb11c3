package io.bugmaster.incidents.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.ConflictException;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.web.UiController;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The organization's incidents: the open ones first, and each incident's page with its facts,
 * runbook, alerts and log, and buttons to acknowledge and resolve (forms with the session's CSRF token).
 */
@UiController
@RequestMapping("/orgs/{org}/incidents")
class IncidentPages {
    private static final int SHOWN = 100;

    private final Incidents incidents;

    IncidentPages(Incidents incidents) {
        this.incidents = incidents;
    }

    @GetMapping({"", "/"})
    ModelAndView list(Actor actor, @PathVariable String org) {
        ModelAndView mav = new ModelAndView("incidents/incidents");
        mav.addObject("open", incidents.list(actor, org, List.of("triggered", "acknowledged"), null, 0, SHOWN).items());
        mav.addObject("resolved", incidents.list(actor, org, List.of("resolved"), null, 0, 20).items());
        mav.addObject("base", "/orgs/" + org + "/incidents");
        return mav;
    }

    @GetMapping({"/{number}", "/{number}/"})
    ModelAndView show(Actor actor, @PathVariable String org, @PathVariable String number) {
        ModelAndView mav = new ModelAndView("incidents/incident");
        mav.addObject("v", incidents.get(actor, org, number));
        mav.addObject("log", incidents.log(actor, org, number, 0, 500).items());
        mav.addObject("base", "/orgs/" + org + "/incidents");
        return mav;
    }

    @PostMapping("/{number}/acknowledge")
    String acknowledge(Actor actor, @PathVariable String org, @PathVariable String number, RedirectAttributes redirect) {
        try {
            incidents.acknowledge(actor, org, number, "web");
            redirect.addFlashAttribute("notice", "Incident #" + number + " acknowledged: nobody else is paged about it.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("notice", e.getMessage());
        }
        return "redirect:/orgs/{org}/incidents/{number}";
    }

    @PostMapping("/{number}/resolve")
    String resolve(Actor actor, @PathVariable String org, @PathVariable String number, RedirectAttributes redirect) {
        incidents.resolve(actor, org, number, "web");
        redirect.addFlashAttribute("notice", "Incident #" + number + " resolved.");
        return "redirect:/orgs/{org}/incidents/{number}";
    }
}
