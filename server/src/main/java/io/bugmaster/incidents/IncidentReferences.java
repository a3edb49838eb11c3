package io.bugmaster.incidents;

import io.bugmaster.issues.IssueReferences;
import java.util.List;
import org.springframework.stereotype.Component;

/** "Incident: #42 Brands see no orders (P2, resolved)" on the page of an error issue linked to that incident. */
@Component
class IncidentReferences implements IssueReferences {
    static final int SHOWN = 20;

    private final IncidentStore store;
    private final IncidentPriorities priorities;

    IncidentReferences(IncidentStore store, IncidentPriorities priorities) {
        this.store = store;
        this.priorities = priorities;
    }

    @Override
    public List<Reference> of(long orgId, String orgSlug, long issueId) {
        return store.linkedTo(orgId, issueId, SHOWN).stream()
                .map(i -> new Reference("Incident", "#" + i.number() + " " + i.title() + " (" + (i.priority() == null ? ""
                        : priorities.find(orgId, i.priority()).map(Priority::label).orElse("P" + i.priority()) + ", ") + i.stage().id() + ")",
                        "/orgs/" + orgSlug + "/incidents/" + i.number()))
                .toList();
    }
}
