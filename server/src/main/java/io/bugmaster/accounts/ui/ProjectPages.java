package io.bugmaster.accounts.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.ProjectSettings;
import io.bugmaster.accounts.ProjectService.ProjectView;
import io.bugmaster.accounts.ProjectService.RateLimit;
import io.bugmaster.common.ConflictException;
import io.bugmaster.accounts.ProjectEnvironment;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.web.FormErrors;
import io.bugmaster.web.UiController;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The projects of an organization: the list, creating one, and a project's settings and DSN keys. */
@UiController
@RequestMapping("/orgs/{org}/projects")
class ProjectPages {
    private static final int PAGE_SIZE = 50;

    private final ProjectService projects;
    private final OrganizationService organizations;
    private final ProjectSettingsPage settingsPage;

    ProjectPages(ProjectService projects, OrganizationService organizations, ProjectSettingsPage settingsPage) {
        this.projects = projects;
        this.organizations = organizations;
        this.settingsPage = settingsPage;
    }

    @GetMapping
    ModelAndView list(Actor actor, @PathVariable String org, @RequestParam(defaultValue = "0") int offset) {
        ModelAndView mav = new ModelAndView("projects/list");
        mav.addObject("section", "projects");
        mav.addObject("page", projects.list(actor, org, Math.max(0, offset), PAGE_SIZE));
        mav.addObject("platformTitles", SdkSnippets.titles());
        return mav;
    }

    @GetMapping("/new")
    ModelAndView newForm(Actor actor, @PathVariable String org) {
        return newPage(actor, org, "", null, "java", FormErrors.NONE);
    }

    @PostMapping("/new")
    ModelAndView create(Actor actor, @PathVariable String org, @RequestParam(required = false) String name,
            @RequestParam(required = false) String team, @RequestParam(required = false) String platform,
            RedirectAttributes redirect) {
        try {
            if (Forms.trimToNull(team) == null) {
                throw new InvalidInputException("team", "is required: choose the team that owns the project");
            }
            ProjectView created = projects.create(actor, org, team, Forms.trimToNull(name) == null ? "" : name, null, platform);
            redirect.addFlashAttribute("notice", "Project created. Set up an SDK with the DSN below to start sending events.");
            return new ModelAndView(Forms.redirect(settingsPath(org, created.project().slug())));
        } catch (InvalidInputException | ConflictException e) {
            return Forms.rejected(newPage(actor, org, name, team, platform, FormErrors.from(e, "name", "name", "team", "platform")));
        }
    }

    private ModelAndView newPage(Actor actor, String org, String name, String team, String platform, FormErrors errors) {
        ModelAndView mav = new ModelAndView("projects/new");
        mav.addObject("section", "projects");
        mav.addObject("teams", organizations.listTeams(actor, org, 0, 200).items());
        mav.addObject("platforms", SdkSnippets.PLATFORMS);
        mav.addObject("name", name);
        mav.addObject("team", team);
        mav.addObject("platform", platform);
        mav.addObject("errors", errors);
        return mav;
    }

    // --- settings ---

    @GetMapping("/{project}/settings")
    ModelAndView settings(Actor actor, @PathVariable String org, @PathVariable String project) {
        return settingsPage.render(actor, org, project);
    }

    @PostMapping("/{project}/settings")
    ModelAndView rename(Actor actor, @PathVariable String org, @PathVariable String project,
            @RequestParam(required = false) String name, RedirectAttributes redirect) {
        try {
            projects.update(actor, org, project, name == null ? "" : name, null, null);
            redirect.addFlashAttribute("notice", "Project renamed.");
            return new ModelAndView(Forms.redirect(settingsPath(org, project)));
        } catch (InvalidInputException | ConflictException e) {
            ModelAndView mav = settingsPage.render(actor, org, project);
            mav.addObject("renameErrors", FormErrors.from(e, "name", "name"));
            mav.addObject("newName", name);
            return Forms.rejected(mav);
        }
    }

    /** The ingestion settings form's values, as typed: re-shown unchanged when the form is rejected. */
    record IngestionForm(String perMinute, String perHour, String perMonth, boolean dataScrubber, String sensitiveFields,
            String safeFields, String fingerprintingRules, String groupingEnhancements) {
        static IngestionForm of(ProjectSettings s) {
            return new IngestionForm(text(s.quotaPerMinute()), text(s.quotaPerHour()), text(s.quotaPerMonth()), s.dataScrubber(),
                    String.join("\n", s.sensitiveFields()), String.join("\n", s.safeFields()),
                    s.fingerprintingRules() == null ? "" : s.fingerprintingRules(),
                    s.groupingEnhancements() == null ? "" : s.groupingEnhancements());
        }

        /** The same form with the rules as typed in a preview (null: as saved). */
        IngestionForm withTypedRules(String fingerprint, String stackTrace) {
            return new IngestionForm(perMinute, perHour, perMonth, dataScrubber, sensitiveFields, safeFields,
                    fingerprint == null ? fingerprintingRules : fingerprint, stackTrace == null ? groupingEnhancements : stackTrace);
        }

        private static String text(Integer value) {
            return value == null ? "" : value.toString();
        }
    }

    private static final String[] INGESTION_FIELDS = {"quotas.perMinute", "quotas.perHour", "quotas.perMonth",
        "sensitiveFields", "safeFields", "fingerprintingRules", "groupingEnhancements"};

    @PostMapping("/{project}/ingestion")
    ModelAndView ingestion(Actor actor, @PathVariable String org, @PathVariable String project,
            @RequestParam(required = false) String perMinute, @RequestParam(required = false) String perHour,
            @RequestParam(required = false) String perMonth, @RequestParam(required = false) String dataScrubber,
            @RequestParam(required = false) String sensitiveFields, @RequestParam(required = false) String safeFields,
            @RequestParam(required = false) String fingerprintingRules, @RequestParam(required = false) String groupingEnhancements,
            RedirectAttributes redirect) {
        IngestionForm form = new IngestionForm(perMinute, perHour, perMonth, dataScrubber != null, sensitiveFields, safeFields,
                fingerprintingRules, groupingEnhancements);
        try {
            Integer minute = Forms.optionalInt("quotas.perMinute", perMinute);
            Integer hour = Forms.optionalInt("quotas.perHour", perHour);
            Integer month = Forms.optionalInt("quotas.perMonth", perMonth);
            ProjectSettings changed = new ProjectSettings(minute, hour, month, form.dataScrubber(), lines(sensitiveFields),
                    lines(safeFields), fingerprintingRules, groupingEnhancements);
            projects.update(actor, org, project, null, null, null, current -> changed);
            redirect.addFlashAttribute("notice", "Ingestion settings saved.");
            return new ModelAndView(Forms.redirect(settingsPath(org, project) + "#ingestion"));
        } catch (InvalidInputException e) {
            ModelAndView mav = settingsPage.render(actor, org, project);
            mav.addObject("ingestion", form);
            mav.addObject("ingestionErrors", FormErrors.from(e, null, INGESTION_FIELDS));
            return Forms.rejected(mav);
        }
    }

    // --- environments ---

    @PostMapping("/{project}/environments")
    String environmentVisibility(Actor actor, @PathVariable String org, @PathVariable String project,
            @RequestParam(required = false) String name, @RequestParam boolean hidden, RedirectAttributes redirect) {
        ProjectEnvironment changed = projects.setEnvironmentHidden(actor, org, project, name, hidden);
        redirect.addFlashAttribute("notice", changed.hidden()
                ? "Environment '" + changed.name() + "' hidden: it is left out of environment pickers. Its events are kept."
                : "Environment '" + changed.name() + "' shown again.");
        return Forms.redirect(settingsPath(org, project) + "#environments");
    }

    /** The non-blank lines of a textarea, stripped. */
    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    @PostMapping("/{project}/keys")
    String addKey(Actor actor, @PathVariable String org, @PathVariable String project,
            @RequestParam(required = false) String label, RedirectAttributes redirect) {
        ProjectKey key = projects.createKey(actor, org, project, Forms.trimToNull(label), null);
        redirect.addFlashAttribute("notice", "Key '" + key.label() + "' added.");
        return Forms.redirect(settingsPath(org, project) + "#keys");
    }

    @PostMapping("/{project}/keys/{key}/active")
    String setActive(Actor actor, @PathVariable String org, @PathVariable String project, @PathVariable String key,
            @RequestParam boolean active, RedirectAttributes redirect) {
        projects.updateKey(actor, org, project, key, null, active, null);
        redirect.addFlashAttribute("notice", active ? "Key enabled: it accepts events again." : "Key disabled: events sent with it are rejected.");
        return Forms.redirect(settingsPath(org, project) + "#keys");
    }

    @PostMapping("/{project}/keys/{key}/rotate")
    String rotate(Actor actor, @PathVariable String org, @PathVariable String project, @PathVariable String key,
            RedirectAttributes redirect) {
        projects.rotateKey(actor, org, project, key);
        redirect.addFlashAttribute("notice",
                "Key rotated: a new DSN was created and the old key disabled. Update your apps, then delete or keep the old key disabled.");
        return Forms.redirect(settingsPath(org, project) + "#keys");
    }

    @PostMapping("/{project}/keys/{key}/rate-limit")
    ModelAndView rateLimit(Actor actor, @PathVariable String org, @PathVariable String project, @PathVariable String key,
            @RequestParam(required = false) String count, @RequestParam(required = false) String window,
            RedirectAttributes redirect) {
        try {
            Integer c = Forms.optionalInt("rateLimit.count", count);
            Integer w = Forms.optionalInt("rateLimit.window", window);
            projects.updateKey(actor, org, project, key, null, null, c == null && w == null ? RateLimit.NONE : new RateLimit(c, w));
            redirect.addFlashAttribute("notice", c == null && w == null ? "Rate limit removed." : "Rate limit saved.");
            return new ModelAndView(Forms.redirect(settingsPath(org, project) + "#keys"));
        } catch (InvalidInputException e) {
            ModelAndView mav = settingsPage.render(actor, org, project);
            mav.addObject("rateLimitKey", key);
            mav.addObject("rateLimitErrors", FormErrors.from(e, null, "rateLimit.count", "rateLimit.window"));
            return Forms.rejected(mav);
        }
    }

    @PostMapping("/{project}/delete")
    ModelAndView delete(Actor actor, @PathVariable String org, @PathVariable String project,
            @RequestParam(required = false) String confirm, RedirectAttributes redirect) {
        if (confirm == null || !confirm.strip().equals(project)) {
            ModelAndView mav = settingsPage.render(actor, org, project);
            mav.addObject("deleteErrors", FormErrors.of("confirm", "Type the project's slug '" + project + "' to confirm."));
            return Forms.rejected(mav);
        }
        projects.delete(actor, org, project);
        redirect.addFlashAttribute("notice", "Project '" + project + "' deleted.");
        return new ModelAndView(Forms.redirect("/orgs/" + org + "/projects"));
    }

    static String settingsPath(String org, String project) {
        return "/orgs/" + org + "/projects/" + project + "/settings";
    }
}
