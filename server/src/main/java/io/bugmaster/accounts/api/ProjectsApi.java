package io.bugmaster.accounts.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.ProjectSettings;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/** Projects of an organization (created through a team: see {@link TeamsApi}). */
@ApiController
@RequestMapping("/api/0")
class ProjectsApi {
    private final ProjectService projects;
    private final Viewers viewers;
    private final Paging paging;

    ProjectsApi(ProjectService projects, Viewers viewers, Paging paging) {
        this.projects = projects;
        this.viewers = viewers;
        this.paging = paging;
    }

    record QuotasBody(Integer perMinute, Integer perHour, Integer perMonth) {}

    /** Sentry's project fields, plus Bugmaster's {@code quotas}; absent fields keep their value. */
    record UpdateProject(String name, String slug, String platform, Boolean dataScrubber, List<String> sensitiveFields,
            List<String> safeFields, String fingerprintingRules, String groupingEnhancements, QuotasBody quotas) {

        ProjectSettings apply(ProjectSettings s) {
            return new ProjectSettings(quotas == null ? s.quotaPerMinute() : quotas.perMinute(),
                    quotas == null ? s.quotaPerHour() : quotas.perHour(), quotas == null ? s.quotaPerMonth() : quotas.perMonth(),
                    dataScrubber == null ? s.dataScrubber() : dataScrubber,
                    sensitiveFields == null ? s.sensitiveFields() : sensitiveFields,
                    safeFields == null ? s.safeFields() : safeFields,
                    fingerprintingRules == null ? s.fingerprintingRules() : fingerprintingRules,
                    groupingEnhancements == null ? s.groupingEnhancements() : groupingEnhancements);
        }
    }

    @GetMapping({"/organizations/{org}/projects/", "/organizations/{org}/projects"})
    ResponseEntity<List<AccountsJson.ProjectJson>> list(Actor actor, HttpServletRequest request, @PathVariable String org,
            PageRequest page) {
        var list = projects.listWithTeams(actor, org, page.offset(), page.perPage());
        var viewer = viewers.of(actor, org);
        return paging.respond(request, list, view -> AccountsJson.project(view, viewer));
    }

    @GetMapping({"/projects/{org}/{project}/", "/projects/{org}/{project}"})
    AccountsJson.ProjectJson get(Actor actor, @PathVariable String org, @PathVariable String project) {
        return AccountsJson.projectDetail(projects.get(actor, org, project), projects.settings(actor, org, project),
                viewers.of(actor, org));
    }

    @PutMapping({"/projects/{org}/{project}/", "/projects/{org}/{project}"})
    AccountsJson.ProjectJson update(Actor actor, @PathVariable String org, @PathVariable String project,
            @RequestBody UpdateProject body) {
        var view = projects.update(actor, org, project, body.name(), body.slug(), body.platform(), body::apply);
        return AccountsJson.projectDetail(view, projects.settings(actor, org, view.project().slug()), viewers.of(actor, org));
    }

    @DeleteMapping({"/projects/{org}/{project}/", "/projects/{org}/{project}"})
    ResponseEntity<Void> delete(Actor actor, @PathVariable String org, @PathVariable String project) {
        projects.delete(actor, org, project);
        return ResponseEntity.noContent().build();
    }
}
