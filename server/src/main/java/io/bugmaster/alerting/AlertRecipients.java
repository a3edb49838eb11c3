package io.bugmaster.alerting;

import io.bugmaster.accounts.Directory;
import io.bugmaster.alerting.AlertRuleDefinition.Action;
import io.bugmaster.issues.IssueViews.Assignee;
import io.bugmaster.issues.ownership.OwnershipService;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.notify.Recipient;
import io.bugmaster.notify.settings.NotificationSettingsService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who or what an action of a rule that fired notifies: a channel of the organization, or people by
 * email (the assignee, the owners, a team, members), each person's own settings applied.
 */
@Component
class AlertRecipients {
    private static final Logger log = LoggerFactory.getLogger(AlertRecipients.class);

    private final ChannelService channels;
    private final Directory directory;
    private final NotificationSettingsService settings;

    AlertRecipients(ChannelService channels, Directory directory, NotificationSettingsService settings) {
        this.channels = channels;
        this.directory = directory;
        this.settings = settings;
    }

    /**
     * Who an action notifies about a monitor. A monitor has no assignee (Assignee writes to nobody)
     * and no owners: IssueOwners writes to the members of the monitor's project, as Sentry falls
     * through to a project's members when an issue has no owner. Each person's own settings for the
     * project apply.
     */
    List<Recipient> ofMonitor(Action action, io.bugmaster.monitors.Monitor m) {
        List<Recipient> out = new ArrayList<>();
        switch (action.kind()) {
            case NOTIFY_CHANNEL -> {
                if (channels.channel(action.channelId()).filter(c -> c.orgId() == m.orgId()).isPresent()) {
                    out.add(Recipient.channel(action.channelId()));
                } else {
                    log.warn("alert action skipped: channel {} no longer exists", action.channelId());
                }
            }
            case NOTIFY_EMAIL -> {
                Set<String> emails = new LinkedHashSet<>();
                switch (action.emailTarget()) {
                    case ASSIGNEE -> { }
                    case ISSUE_OWNERS -> emails.addAll(directory.projectMemberEmails(m.projectId()));
                    case TEAM -> emails.addAll(directory.teamMemberEmails(action.teamId()));
                    case MEMBER -> action.emails().stream().filter(e -> directory.isMember(m.orgId(), e)).forEach(emails::add);
                }
                Set<String> seen = new HashSet<>();
                for (String email : settings.issueAlertRecipients(m.projectId(), emails, Set.of())) {
                    if (seen.add(email.toLowerCase(Locale.ROOT))) {
                        out.add(Recipient.email(email));
                    }
                }
            }
            case PAGE_SERVICE -> {
                // not a recipient of the message: MonitorAlerts opens an alert on the service
            }
        }
        return out;
    }

    List<Recipient> of(Action action, IssueFacts ctx) {
        List<Recipient> out = new ArrayList<>();
        switch (action.kind()) {
            case NOTIFY_CHANNEL -> {
                if (channels.channel(action.channelId()).filter(c -> c.orgId() == ctx.issue.orgId()).isPresent()) {
                    out.add(Recipient.channel(action.channelId()));
                } else {
                    log.warn("alert action skipped: channel {} no longer exists", action.channelId());
                }
            }
            case NOTIFY_EMAIL -> {
                Set<String> emails = new LinkedHashSet<>();
                switch (action.emailTarget()) {
                    case ASSIGNEE -> {
                        if (ctx.issue.assigneeUserId() != null && ctx.assigneeEmail() != null) {
                            emails.add(ctx.assigneeEmail());
                        } else if (ctx.issue.assigneeTeamId() != null) {
                            emails.addAll(directory.teamMemberEmails(ctx.issue.assigneeTeamId()));
                        }
                    }
                    case ISSUE_OWNERS -> {
                        OwnershipService.Owners owners = ctx.owners();
                        for (Assignee owner : owners.owners()) {
                            if ("team".equals(owner.type())) {
                                emails.addAll(directory.teamMemberEmails(owner.id()));
                            } else if (owner.email() != null) {
                                emails.add(owner.email());
                            }
                        }
                        if (owners.owners().isEmpty() && owners.fallthrough()) {
                            emails.addAll(directory.projectMemberEmails(ctx.issue.projectId()));
                        }
                    }
                    case TEAM -> emails.addAll(directory.teamMemberEmails(action.teamId()));
                    case MEMBER -> action.emails().stream().filter(e -> directory.isMember(ctx.issue.orgId(), e)).forEach(emails::add);
                }
                Set<String> seen = new HashSet<>();
                // each person's own settings: "never" for this project drops them, "subscribed" keeps only followers
                for (String email : settings.issueAlertRecipients(ctx.issue.projectId(), emails, ctx.participants())) {
                    if (seen.add(email.toLowerCase(Locale.ROOT))) {
                        out.add(Recipient.email(email));
                    }
                }
            }
            case PAGE_SERVICE -> {
                // not a recipient of the message: AlertActions opens an alert on the service
            }
        }
        return out;
    }
}
