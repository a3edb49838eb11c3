package io.bugmaster.notify.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.notify.settings.NotificationSettingsService;
import io.bugmaster.notify.settings.NotificationSettingsService.Settings;
import io.bugmaster.web.api.ApiController;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/** The caller's own email notification settings: defaults and per-project overrides. */
@ApiController
@RequestMapping("/api/0/users/me/notification-settings")
class NotificationSettingsApi {
    private final NotificationSettingsService settings;

    NotificationSettingsApi(NotificationSettingsService settings) {
        this.settings = settings;
    }

    record DefaultsJson(String issueAlerts, String workflow, boolean weeklyReport) {}

    record ProjectJson(String projectId, String organization, String project, String issueAlerts, String workflow) {}

    record SettingsJson(DefaultsJson defaults, List<ProjectJson> projects) {
        static SettingsJson of(Settings s) {
            return new SettingsJson(new DefaultsJson(s.defaults().issueAlerts().id(), s.defaults().workflow().id(),
                    s.defaults().weeklyReport()),
                    s.projects().stream().map(p -> new ProjectJson(Long.toString(p.projectId()), p.organization(), p.project(),
                            p.issueAlerts() == null ? "default" : p.issueAlerts().id(),
                            p.workflow() == null ? "default" : p.workflow().id())).toList());
        }
    }

    record ChangeJson(DefaultsChange defaults, List<NotificationSettingsService.ProjectChange> projects) {}

    record DefaultsChange(String issueAlerts, String workflow, Boolean weeklyReport) {}

    @GetMapping({"/", ""})
    SettingsJson get(Actor actor) {
        return SettingsJson.of(settings.get(actor));
    }

    @PutMapping({"/", ""})
    SettingsJson put(Actor actor, @RequestBody ChangeJson body) {
        DefaultsChange d = body.defaults() == null ? new DefaultsChange(null, null, null) : body.defaults();
        return SettingsJson.of(settings.update(actor, new NotificationSettingsService.Change(d.issueAlerts(), d.workflow(),
                d.weeklyReport(), body.projects())));
    }
}
