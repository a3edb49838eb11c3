package io.bugmaster.incidents.whatchanged.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.incidents.whatchanged.Checklist;
import io.bugmaster.incidents.whatchanged.FixDecision;
import io.bugmaster.incidents.whatchanged.WhatChanged;
import io.bugmaster.web.UiController;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The incident page's checklist and decision forms (the panel "What changed?"); each goes back to the panel with what it did. */
@UiController
@RequestMapping("/orgs/{org}/incidents/{number}")
class WhatChangedForms {
    private final WhatChanged whatChanged;

    WhatChangedForms(WhatChanged whatChanged) {
        this.whatChanged = whatChanged;
    }

    /** Fields named by question id ({@code deploy}) with notes as {@code deploy_note}; blank questions are left unanswered. */
    @PostMapping("/checklist")
    String checklist(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        try {
            List<Checklist.Answer> answers = new ArrayList<>();
            for (Checklist.Question q : Checklist.Question.values()) {
                String answer = form.get(q.id());
                if (answer != null && !answer.isBlank()) {
                    answers.add(Checklist.answer(q, answer, form.get(q.id() + "_note")));
                }
            }
            if (answers.isEmpty()) {
                throw new InvalidInputException(null, "answer at least one question of the checklist");
            }
            whatChanged.answer(actor, org, number, answers);
            redirect.addFlashAttribute("notice", "Checklist saved: the answers are in the incident's timeline.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("alert", "Checklist not saved: " + e.getMessage());
        }
        return back(org, number);
    }

    @PostMapping("/decision")
    String decide(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        try {
            FixDecision.Draft d = FixDecision.draft(form.get("strategy"), minutes("restore_minutes", form.get("restore_minutes")),
                    minutes("fix_minutes", form.get("fix_minutes")), form.get("note"));
            FixDecision made = whatChanged.decide(actor, org, number, d);
            redirect.addFlashAttribute("notice", "Decided: " + made.summary() + ".");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("alert", "Decision not recorded: " + e.getMessage());
        }
        return back(org, number);
    }

    private static Integer minutes(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "a whole number of minutes, got '" + text.strip() + "'");
        }
    }

    private static String back(String org, String number) {
        return "redirect:/orgs/" + org + "/incidents/" + number + "#what-changed";
    }
}
