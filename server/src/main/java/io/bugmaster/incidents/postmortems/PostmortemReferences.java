package io.bugmaster.incidents.postmortems;

import io.bugmaster.issues.IssueReferences;
import java.util.List;
import org.springframework.stereotype.Component;

/** "Postmortems: #42 Brands see no orders" on the page of an issue linked to an incident whose postmortem is published. */
@Component
class PostmortemReferences implements IssueReferences {
    private final Postmortems postmortems;

    PostmortemReferences(Postmortems postmortems) {
        this.postmortems = postmortems;
    }

    @Override
    public List<Reference> of(long orgId, String orgSlug, long issueId) {
        return postmortems.publishedForIssue(orgId, issueId).stream()
                .map(p -> new Reference("Postmortem", p.title(), "/orgs/" + orgSlug + "/incidents/" + p.incidentNumber() + "/postmortem"))
                .toList();
    }
}
