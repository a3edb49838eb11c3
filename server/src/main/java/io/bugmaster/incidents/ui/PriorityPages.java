package io.bugmaster.incidents.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.incidents.DeclareRules;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.Priority;
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
 * The organization's incident priorities in the web: everyone reads them; admins ({@code org:write})
 * write them as up to ten rows, the most severe first (a row left blank is dropped).
 */
@UiController
@RequestMapping("/orgs/{org}/settings/incident-priorities")
class PriorityPages {
    private final Incidents incidents;

    PriorityPages(Incidents incidents) {
        this.incidents = incidents;
    }

    /** A row of the form as typed. */
    record Row(String label, String description, String reminder) {
        public boolean blank() {
            return (label == null || label.isBlank()) && (description == null || description.isBlank()) && (reminder == null || reminder.isBlank());
        }
    }

    @GetMapping({"", "/"})
    ModelAndView show(Actor actor, @PathVariable String org) {
        List<Row> rows = new ArrayList<>();
        for (Priority p : incidents.priorities(actor, org)) {
            rows.add(new Row(p.label(), p.description(), p.updateReminderMinutes() == null ? "" : p.updateReminderMinutes().toString()));
        }
        return page(org, rows, FormErrors.NONE);
    }

    @PostMapping({"", "/"})
    ModelAndView save(Actor actor, @PathVariable String org, @RequestParam(name = "label", required = false) List<String> labels,
            @RequestParam(name = "description", required = false) List<String> descriptions,
            @RequestParam(name = "reminder", required = false) List<String> reminders, RedirectAttributes redirect) {
        List<Row> rows = new ArrayList<>();
        int n = Math.min(DeclareRules.MAX_PRIORITIES, labels == null ? 0 : labels.size());
        for (int k = 0; k < n; k++) {
            rows.add(new Row(labels.get(k), at(descriptions, k), at(reminders, k)));
        }
        List<Map<String, Object>> body = new ArrayList<>();
        for (Row r : rows) {
            if (!r.blank()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("label", r.label());
                p.put("description", r.description());
                p.put("update_reminder_minutes", r.reminder());
                body.add(p);
            }
        }
        try {
            List<Priority> saved = incidents.replacePriorities(actor, org, body);
            redirect.addFlashAttribute("notice", "Priorities saved: " + String.join(", ", saved.stream().map(Priority::label).toList()) + ".");
            return new ModelAndView("redirect:/orgs/" + org + "/settings/incident-priorities");
        } catch (InvalidInputException e) {
            ModelAndView mav = page(org, rows, FormErrors.from(e, null));
            mav.setStatus(HttpStatusCode.valueOf(422));
            return mav;
        }
    }

    private static String at(List<String> values, int k) {
        return values != null && k < values.size() ? values.get(k) : "";
    }

    private static ModelAndView page(String org, List<Row> rows, FormErrors errors) {
        List<Row> shown = new ArrayList<>(rows);
        while (shown.size() < DeclareRules.MAX_PRIORITIES) {
            shown.add(new Row("", "", ""));
        }
        ModelAndView mav = new ModelAndView("incidents/priorities");
        mav.addObject("section", "incidents");
        mav.addObject("rows", shown);
        mav.addObject("errors", errors);
        mav.addObject("guide", Priority.GUIDE);
        mav.addObject("self", "/orgs/" + org + "/settings/incident-priorities");
        return mav;
    }
}
