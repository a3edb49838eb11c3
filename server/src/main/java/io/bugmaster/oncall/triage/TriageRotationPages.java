package io.bugmaster.oncall.triage;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.web.UiController;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The bugmaster rotations page: each team's triage schedule and who is on it now; admins mark and unmark them. */
@UiController
class TriageRotationPages {
    private final TriageRotations rotations;

    TriageRotationPages(TriageRotations rotations) {
        this.rotations = rotations;
    }

    @GetMapping("/orgs/{org}/bugmaster")
    ModelAndView page(Actor actor, @PathVariable String org) {
        ModelAndView mav = new ModelAndView("oncall/bugmaster");
        mav.addObject("overview", rotations.overview(actor, org));
        return mav;
    }

    @PostMapping("/orgs/{org}/bugmaster/{team}")
    String mark(Actor actor, @PathVariable String org, @PathVariable String team, @RequestParam(required = false) String schedule,
            RedirectAttributes redirect) {
        try {
            if (schedule == null || schedule.isBlank()) {
                rotations.clear(actor, org, team);
                redirect.addFlashAttribute("notice", "#" + team + " has no bugmaster rotation now.");
            } else {
                TriageRotations.Bugmaster b = rotations.set(actor, org, team, TriageRotationApi.scheduleId(schedule));
                redirect.addFlashAttribute("notice", b.scheduleName() + " is the bugmaster rotation of #" + team + " now.");
            }
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("alert", e.getMessage());
        }
        return "redirect:/orgs/" + org + "/bugmaster";
    }
}
