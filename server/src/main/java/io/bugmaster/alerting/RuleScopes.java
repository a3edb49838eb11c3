package io.bugmaster.alerting;

import io.bugmaster.accounts.Directory;
import io.bugmaster.alerting.AlertRuleDefinition.Scope;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which projects a rule's scope holds, with each team's projects looked up once per run. */
final class RuleScopes {
    private final Directory directory;
    private final Map<Long, List<Long>> teamProjects = new HashMap<>();

    RuleScopes(Directory directory) {
        this.directory = directory;
    }

    boolean holds(Scope scope, long projectId) {
        return switch (scope.type()) {
            case ORGANIZATION -> true;
            case PROJECTS -> scope.projectIds().contains(projectId);
            case TEAM -> teamProjects(scope.teamId()).contains(projectId);
        };
    }

    Collection<Long> projects(AlertRule rule) {
        Scope scope = rule.definition().scope();
        return switch (scope.type()) {
            case ORGANIZATION -> directory.projectIds(rule.orgId());
            case PROJECTS -> scope.projectIds();
            case TEAM -> teamProjects(scope.teamId());
        };
    }

    private List<Long> teamProjects(long teamId) {
        return teamProjects.computeIfAbsent(teamId, directory::teamProjectIds);
    }
}
