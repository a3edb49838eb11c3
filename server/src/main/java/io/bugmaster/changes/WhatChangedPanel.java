package io.bugmaster.changes;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.incidents.IncidentPanel;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.whatchanged.Checklist;
import io.bugmaster.incidents.whatchanged.FixDecision;
import io.bugmaster.incidents.whatchanged.WhatChanged;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The incident page's "What changed?" section: the recent changes and suspects, the checklist with
 * the answers the changes suggest, and the fixing decision, with their forms for those who may act.
 */
@Component
class WhatChangedPanel implements IncidentPanel {
    private final RecentChanges recent;
    private final WhatChanged whatChanged;
    private final OrganizationService organizations;
    private final Directory directory;

    WhatChangedPanel(RecentChanges recent, WhatChanged whatChanged, OrganizationService organizations, Directory directory) {
        this.recent = recent;
        this.whatChanged = whatChanged;
        this.organizations = organizations;
        this.directory = directory;
    }

    /** One checklist question as the form shows it: its current answer, and what the recent changes say about it (may be null). */
    record Item(Checklist.Question question, Checklist.Recorded answer, String hint) {}

    /** {@code linked}: the ids of the issues linked to the incident already (a suspect not among them can be linked from here). */
    record Model(String self, ChangeWindow window, List<Item> checklist, FixDecision decision, List<FixDecision.Strategy> strategies,
            boolean canAct, java.util.Set<Long> linked) {}

    @Override
    public int order() {
        return 300;
    }

    @Override
    public String template() {
        return "incidents/panels/whatchanged";
    }

    @Override
    public Object model(Actor actor, Incidents.View view) {
        var incident = view.incident();
        String org = directory.orgSlug(incident.orgId()).orElseThrow();
        ChangeWindow window = recent.of(incident, ChangeWindow.DEFAULT_HOURS);
        Map<Checklist.Question, Checklist.Recorded> answers = whatChanged.answers(incident).stream()
                .collect(Collectors.toMap(Checklist.Recorded::question, Function.identity()));
        Map<String, String> hints = window.hints().stream().collect(Collectors.toMap(ChangeWindow.Hint::question, ChangeWindow.Hint::text));
        List<Item> checklist = Arrays.stream(Checklist.Question.values())
                .map(q -> new Item(q, answers.get(q), hints.get(q.id()))).toList();
        List<FixDecision> decisions = whatChanged.decisions(incident);
        boolean canAct = organizations.access(actor, org).has(Scopes.EVENT_WRITE);
        return new Model("/orgs/" + org + "/incidents/" + incident.number(), window, checklist, decisions.isEmpty() ? null : decisions.get(0),
                List.of(FixDecision.Strategy.values()), canAct,
                view.linkedIssues().stream().map(Incidents.LinkedIssue::id).collect(Collectors.toUnmodifiableSet()));
    }
}
