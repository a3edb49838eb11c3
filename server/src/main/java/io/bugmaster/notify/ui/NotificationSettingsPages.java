package io.bugmaster.notify.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.notify.settings.NotificationSettingsService;
import io.bugmaster.notify.settings.NotificationSettingsService.Settings;
import io.bugmaster.web.FormErrors;
import io.bugmaster.web.UiController;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The current user's email notification settings: defaults, per-project overrides, the weekly report. */
@UiController
@RequestMapping("/settings/notifications")
class NotificationSettingsPages {
    private final NotificationSettingsService settings;

    NotificationSettingsPages(NotificationSettingsService settings) {
        this.settings = settings;
    }

    /** A choice in a select. */
    record Choice(String value, String label) {}

    static final List<Choice> ISSUE_ALERT_CHOICES = List.of(new Choice("always", "Always"),
            new Choice("subscribed", "Only issues I'm subscribed to, assigned to or mentioned in"), new Choice("never", "Never"));
    static final List<Choice> WORKFLOW_CHOICES = List.of(new Choice("subscribed", "Issues I'm subscribed to or assigned to"),
            new Choice("never", "Never"));

    @GetMapping
    ModelAndView show(Actor actor) {
        return page(settings.get(actor), FormErrors.NONE);
    }

    @PostMapping
    ModelAndView save(Actor actor, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        List<NotificationSettingsService.ProjectChange> projects = new ArrayList<>();
        for (String key : form.keySet()) {
            if (key.startsWith("alerts-")) {
                String id = key.substring("alerts-".length());
                projects.add(new NotificationSettingsService.ProjectChange(id, form.get(key), form.get("workflow-" + id)));
            }
        }
        try {
            settings.update(actor, new NotificationSettingsService.Change(form.get("issueAlerts"), form.get("workflow"),
                    form.containsKey("weeklyReport") ? "on".equals(form.get("weeklyReport")) : null, projects));
        } catch (InvalidInputException e) {
            ModelAndView mav = page(settings.get(actor), FormErrors.from(e, null));
            mav.setStatus(HttpStatusCode.valueOf(422));
            return mav;
        }
        redirect.addFlashAttribute("notice", "Notification settings saved.");
        return new ModelAndView("redirect:/settings/notifications");
    }

    private ModelAndView page(Settings current, FormErrors errors) {
        ModelAndView mav = new ModelAndView("notify/settings");
        mav.addObject("section", "my-notifications");
        mav.addObject("settings", current);
        mav.addObject("issueAlertChoices", ISSUE_ALERT_CHOICES);
        mav.addObject("workflowChoices", WORKFLOW_CHOICES);
        mav.addObject("errors", errors);
        return mav;
    }
}
