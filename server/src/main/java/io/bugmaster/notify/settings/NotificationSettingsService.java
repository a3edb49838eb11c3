package io.bugmaster.notify.settings;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.notify.settings.NotificationSettings.Defaults;
import io.bugmaster.notify.settings.NotificationSettings.IssueAlerts;
import io.bugmaster.notify.settings.NotificationSettings.Override;
import io.bugmaster.notify.settings.NotificationSettings.Workflow;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Each person's own email notification settings, and the questions other features ask of them:
 * which of these addresses want this project's alert emails, who wants a workflow email, who wants
 * the weekly report.
 */
@Service
public class NotificationSettingsService {
    private final NotificationSettingsStore store;
    private final Directory directory;
    private final Transactions tx;
    private final Clock clock;

    public NotificationSettingsService(NotificationSettingsStore store, Directory directory, Transactions tx, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.tx = tx;
        this.clock = clock;
    }

    /** One project as shown in the settings: its override (null: the default applies). */
    public record ProjectSetting(long projectId, String organization, String project, String projectName, IssueAlerts issueAlerts,
            Workflow workflow) {}

    public record Settings(Defaults defaults, List<ProjectSetting> projects) {}

    /** A change: defaults (any part may be null: unchanged) and project overrides ("default" or null: no override). */
    public record Change(String issueAlerts, String workflow, Boolean weeklyReport, List<ProjectChange> projects) {}

    public record ProjectChange(String projectId, String issueAlerts, String workflow) {}

    public Settings get(Actor actor) {
        if (!actor.tokenAllows(Scopes.ORG_READ)) {
            throw new ForbiddenException("this token lacks the org:read scope");
        }
        return tx.read(() -> settings(actor.userId()));
    }

    public Settings update(Actor actor, Change change) {
        if (!actor.tokenAllows(Scopes.ALERTS_WRITE)) {
            throw new ForbiddenException("changing notification settings with a token needs the alerts:write scope");
        }
        if (change == null) {
            throw new InvalidInputException(null, "send the settings to change");
        }
        return tx.write(() -> {
            long userId = actor.userId();
            long now = clock.millis();
            Defaults current = store.defaults(userId).orElse(NotificationSettings.DEFAULTS);
            Defaults next = new Defaults(
                    change.issueAlerts() == null ? current.issueAlerts() : IssueAlerts.parse("issueAlerts", change.issueAlerts()),
                    change.workflow() == null ? current.workflow() : Workflow.parse("workflow", change.workflow()),
                    change.weeklyReport() == null ? current.weeklyReport() : change.weeklyReport());
            List<Override> overrides = new ArrayList<>();
            if (change.projects() != null) {
                Set<Long> visible = directory.projectsOfUser(userId).stream().map(Directory.UserProject::projectId)
                        .collect(Collectors.toSet());
                for (int i = 0; i < change.projects().size(); i++) {
                    ProjectChange p = change.projects().get(i);
                    String field = "projects[" + i + "]";
                    long projectId;
                    try {
                        projectId = Long.parseLong(p == null || p.projectId() == null ? "" : p.projectId().strip());
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException(field + ".projectId", "expected a project id");
                    }
                    if (!visible.contains(projectId)) {
                        throw new InvalidInputException(field + ".projectId", "project " + projectId + " is not in your organizations");
                    }
                    overrides.add(new Override(projectId,
                            NotificationSettings.isDefault(p.issueAlerts()) ? null : IssueAlerts.parse(field + ".issueAlerts", p.issueAlerts()),
                            NotificationSettings.isDefault(p.workflow()) ? null : Workflow.parse(field + ".workflow", p.workflow())));
                }
            }
            store.saveDefaults(userId, next, now);
            overrides.forEach(o -> store.saveOverride(userId, o, now));
            return settings(userId);
        });
    }

    private Settings settings(long userId) {
        Defaults defaults = store.defaults(userId).orElse(NotificationSettings.DEFAULTS);
        Map<Long, Override> overrides = store.overrides(userId).stream().collect(Collectors.toMap(Override::projectId, Function.identity()));
        List<ProjectSetting> projects = new ArrayList<>();
        for (Directory.UserProject p : directory.projectsOfUser(userId)) {
            Override o = overrides.get(p.projectId());
            projects.add(new ProjectSetting(p.projectId(), p.orgSlug(), p.projectSlug(), p.projectName(),
                    o == null ? null : o.issueAlerts(), o == null ? null : o.workflow()));
        }
        return new Settings(defaults, projects);
    }

    // --- for other features, acting for the system ---

    /**
     * The addresses that want an issue alert email of this project, in the given order: only the
     * accepted members of the project's organization (anyone else, such as another organization's
     * user or a member who left, is dropped); a member who chose "never" is left out, one who chose
     * "subscribed" only when among {@code participantUserIds} (subscribed to, assigned to or mentioned in the issue).
     */
    public List<String> issueAlertRecipients(long projectId, Collection<String> emails, Set<Long> participantUserIds) {
        long orgId = directory.orgOfProject(projectId).orElse(-1L);
        Map<String, Long> members = directory.memberIdsByEmail(orgId, emails);
        Map<Long, Defaults> defaults = store.defaults(members.values());
        Map<Long, Override> overrides = store.overrides(members.values(), projectId);
        List<String> out = new ArrayList<>();
        for (String email : emails) {
            Long userId = members.get(email.toLowerCase(Locale.ROOT));
            if (userId == null) {
                continue;
            }
            IssueAlerts choice = NotificationSettings.issueAlerts(defaults.getOrDefault(userId, NotificationSettings.DEFAULTS),
                    overrides.get(userId));
            if (NotificationSettings.wantsIssueAlert(choice, participantUserIds.contains(userId))) {
                out.add(email);
            }
        }
        return out;
    }

    /**
     * Of these participants of an issue of this project, by user id, those who want workflow emails:
     * accepted members of the project's organization only, never the actor.
     */
    public List<Long> workflowRecipients(long projectId, Collection<Long> participantUserIds, Long actorUserId) {
        long orgId = directory.orgOfProject(projectId).orElse(-1L);
        Set<Long> members = directory.memberIds(orgId, participantUserIds);
        Map<Long, Defaults> defaults = store.defaults(members);
        Map<Long, Override> overrides = store.overrides(members, projectId);
        List<Long> out = new ArrayList<>();
        for (Long userId : new java.util.LinkedHashSet<>(participantUserIds)) {
            if (!members.contains(userId)) {
                continue;
            }
            Workflow choice = NotificationSettings.workflow(defaults.getOrDefault(userId, NotificationSettings.DEFAULTS),
                    overrides.get(userId));
            if (NotificationSettings.wantsWorkflowEmail(choice, true, userId.equals(actorUserId))) {
                out.add(userId);
            }
        }
        return out;
    }

    /** Whether this user wants the weekly report (the default is yes). */
    public boolean wantsWeeklyReport(long userId) {
        return store.defaults(userId).orElse(NotificationSettings.DEFAULTS).weeklyReport();
    }
}
