package io.bugmaster.accounts.ui;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectEnvironment;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.ProjectService.ProjectView;
import io.bugmaster.accounts.RecentEvents;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.grouping.StackTraceRules;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * A project's settings page (DSN keys, ingestion settings, environments, the event pickers of the
 * rule previews), for the handlers that render it: the project's own, and the rule previews of
 * ingest, which show their result on it when posted without htmx.
 */
@Component
public class ProjectSettingsPage {
    static final int PREVIEW_EVENTS = 20;

    private final ProjectService projects;
    private final RecentEvents recentEvents;
    private final String baseUrl;

    ProjectSettingsPage(ProjectService projects, RecentEvents recentEvents, BugmasterProperties props) {
        this.projects = projects;
        this.recentEvents = recentEvents;
        this.baseUrl = props.baseUrlTrimmed();
    }

    /** A key as the settings page shows it. */
    record KeyView(ProjectKey key, String dsn, String rateLimit) {}

    /** The page with the rules as typed in a preview (null: as saved) in the ingestion form. */
    public ModelAndView withTypedRules(Actor actor, String org, String project, String fingerprintingRules,
            String groupingEnhancements) {
        ModelAndView mav = render(actor, org, project);
        ProjectPages.IngestionForm saved = (ProjectPages.IngestionForm) mav.getModel().get("ingestion");
        mav.addObject("ingestion", saved.withTypedRules(fingerprintingRules, groupingEnhancements));
        return mav;
    }

    /** The page with the settings as saved. */
    public ModelAndView render(Actor actor, String org, String projectSlug) {
        ProjectView view = projects.get(actor, org, projectSlug);
        List<KeyView> keys = projects.listKeys(actor, org, projectSlug).stream()
                .map(k -> new KeyView(k, k.dsn(baseUrl), k.rateLimitCount() == null ? "No limit"
                        : k.rateLimitCount() + (k.rateLimitCount() == 1 ? " event" : " events") + " per " + k.rateLimitWindow() + " s"))
                .toList();
        String dsn = keys.stream().filter(k -> k.key().active()).map(KeyView::dsn).findFirst()
                .orElse(keys.isEmpty() ? "YOUR_DSN" : keys.get(0).dsn());
        ModelAndView mav = new ModelAndView("projects/settings");
        mav.addObject("section", "projects");
        mav.addObject("view", view);
        mav.addObject("project", view.project());
        mav.addObject("platformTitle", SdkSnippets.platformTitle(view.project().platform()));
        mav.addObject("keys", keys);
        mav.addObject("dsn", dsn);
        mav.addObject("ingestion", ProjectPages.IngestionForm.of(projects.settings(actor, org, projectSlug)));
        mav.addObject("builtInStackTraceRules", StackTraceRules.builtInText());
        mav.addObject("environments", projects.environments(actor, org, projectSlug, ProjectEnvironment.Visibility.ALL));
        List<RecentEvents.RecentEvent> recent;
        try {
            recent = recentEvents.of(actor, org, projectSlug, PREVIEW_EVENTS);
        } catch (ForbiddenException e) {
            recent = List.of(); // no event:read: the preview offers only a pasted id, which is refused the same way
        }
        mav.addObject("recentEvents", recent);
        mav.addObject("snippets", SdkSnippets.forDsn(view.project().platform(), dsn, view.project().slug() + "@1.0.0"));
        return mav;
    }
}
