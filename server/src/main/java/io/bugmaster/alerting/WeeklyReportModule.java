package io.bugmaster.alerting;

import io.bugmaster.accounts.Directory;
import io.bugmaster.common.Subject;
import io.bugmaster.engine.EngineModule;
import io.bugmaster.issues.Issue;
import io.bugmaster.issues.IssueService;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.NotificationQueue;
import io.bugmaster.notify.Recipient;
import io.bugmaster.notify.settings.NotificationSettingsService;
import io.bugmaster.storage.Transactions;
import io.bugmaster.web.Links;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The weekly report: once a week ({@code BUGMASTER_WEEKLY_REPORT}), each team's members who did not
 * turn it off get one email summing up the past week of the team's projects: new issues, regressed
 * issues and unresolved issues nobody is assigned to. A team's week is claimed and its emails
 * queued in one transaction, so each team gets it once per week (keys {@code report:{team}:{week}:{user}}).
 */
@Component
class WeeklyReportModule implements EngineModule {
    private static final Logger log = LoggerFactory.getLogger(WeeklyReportModule.class);

    private final Optional<WeeklyReports.Schedule> schedule;
    private final WeeklyReportStore store;
    private final Directory directory;
    private final IssueService issues;
    private final NotificationSettingsService settings;
    private final NotificationQueue queue;
    private final Transactions tx;
    private final Links links;

    WeeklyReportModule(WeeklyReportProperties props, WeeklyReportStore store, Directory directory, IssueService issues,
            NotificationSettingsService settings, NotificationQueue queue, Transactions tx, Links links) {
        this.schedule = WeeklyReports.Schedule.parse(props.weeklyReport());
        this.store = store;
        this.directory = directory;
        this.issues = issues;
        this.settings = settings;
        this.queue = queue;
        this.tx = tx;
        this.links = links;
    }

    @Override
    public String name() {
        return "weekly-report";
    }

    @Override
    public void run(Instant now) {
        if (schedule.isEmpty()) {
            return;
        }
        Optional<Instant> due = WeeklyReports.due(schedule.get(), now);
        if (due.isEmpty()) {
            return;
        }
        Instant to = due.get();
        Instant from = to.minus(Duration.ofDays(7));
        String week = WeeklyReports.isoWeek(to);
        for (Directory.TeamRef team : directory.allTeams()) {
            try {
                tx.write(() -> {
                    if (store.claim(team.id(), week, now)) {
                        send(team, week, from, to);
                    }
                });
            } catch (RuntimeException e) {
                log.error("weekly report {} of team {} failed; it is tried again on the next run", week, team.id(), e);
            }
        }
    }

    private void send(Directory.TeamRef team, String week, Instant from, Instant to) {
        List<WeeklyReports.ProjectSection> sections = new ArrayList<>();
        for (long projectId : directory.teamProjectIds(team.id())) {
            IssueService.ProjectWeek w = issues.projectWeek(team.orgId(), projectId, from, to, WeeklyReports.TOP);
            String slug = directory.projectSlug(projectId).orElse("project-" + projectId);
            sections.add(new WeeklyReports.ProjectSection(slug, w.newCount(), lines(w.topNew()), w.regressedCount(),
                    lines(w.topRegressed()), w.unassignedCount(), lines(w.topUnassigned())));
        }
        Optional<WeeklyReports.Report> report = WeeklyReports.build(team.slug(), week, from, to, sections);
        if (report.isEmpty()) {
            return;
        }
        String link = links.issues(team.orgSlug());
        for (Directory.TeamMember member : directory.teamMembers(team.id())) {
            if (!settings.wantsWeeklyReport(member.userId())) {
                continue;
            }
            String key = "report:" + team.id() + ":" + week + ":" + member.userId();
            queue.enqueue(team.orgId(), Recipient.email(member.email()), Notification.of(key, Notification.Kind.REPORT,
                    new Subject("report", team.id() + "/" + week).toString(), "report.weekly", team.orgSlug(), report.get().title())
                    .opening(link).withBody(report.get().body())
                    .withReason(schedule.get().reason(team.slug()), null, to));
        }
    }

    private List<WeeklyReports.IssueLine> lines(List<Issue> found) {
        return found.stream().map(i -> new WeeklyReports.IssueLine(i.shortId(), i.title(), i.timesSeen(),
                links.issue(i.orgSlug(), i.id()))).toList();
    }
}
