package io.bugmaster.accounts.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectEnvironment;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.web.api.ApiController;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A project's environments as Sentry's API has them: list with {@code ?visibility=}, hide or show
 * one with {@code PUT {"isHidden": true}}. The environment name is the last path segment,
 * URL-encoded by the client; {@code id} is the name, as environments have no number here.
 */
@ApiController
@RequestMapping("/api/0/projects/{org}/{project}/environments")
class EnvironmentsApi {
    private final ProjectService projects;

    EnvironmentsApi(ProjectService projects) {
        this.projects = projects;
    }

    record EnvironmentJson(String id, String name, boolean isHidden, Instant firstSeen) {
        static EnvironmentJson of(ProjectEnvironment e) {
            return new EnvironmentJson(e.name(), e.name(), e.hidden(), e.firstSeen());
        }
    }

    record UpdateEnvironment(Boolean isHidden) {}

    @GetMapping({"/", ""})
    List<EnvironmentJson> list(Actor actor, @PathVariable String org, @PathVariable String project,
            @RequestParam(required = false) String visibility) {
        return projects.environments(actor, org, project, ProjectEnvironment.Visibility.parse(visibility)).stream()
                .map(EnvironmentJson::of).toList();
    }

    @GetMapping({"/{environment}/", "/{environment}"})
    EnvironmentJson get(Actor actor, @PathVariable String org, @PathVariable String project, @PathVariable String environment) {
        return projects.environments(actor, org, project, ProjectEnvironment.Visibility.ALL).stream()
                .filter(e -> e.name().equals(environment)).findFirst().map(EnvironmentJson::of)
                .orElseThrow(() -> new io.bugmaster.common.NotFoundException("environment '" + environment + "' not found"));
    }

    @PutMapping({"/{environment}/", "/{environment}"})
    EnvironmentJson update(Actor actor, @PathVariable String org, @PathVariable String project,
            @PathVariable String environment, @RequestBody UpdateEnvironment body) {
        if (body == null || body.isHidden() == null) {
            throw new InvalidInputException("isHidden", "is required: true to hide the environment, false to show it");
        }
        return EnvironmentJson.of(projects.setEnvironmentHidden(actor, org, project, environment, body.isHidden()));
    }
}
