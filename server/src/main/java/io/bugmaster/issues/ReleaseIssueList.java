package io.bugmaster.issues;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.Page;
import io.bugmaster.issues.IssueViews.IssueView;
import io.bugmaster.releases.ReleaseIssues;
import java.util.List;
import org.springframework.stereotype.Component;

/** The issues a release page lists: an issue search of the organization, newest first. */
@Component
class ReleaseIssueList implements ReleaseIssues {
    private final IssueQueries issues;

    ReleaseIssueList(IssueQueries issues) {
        this.issues = issues;
    }

    @Override
    public Page<IssueRow> search(Actor actor, String org, String query, int limit) {
        Page<IssueView> page = issues.listForOrganization(actor, org, List.of(), query, "new", "", 0, limit);
        return new Page<>(page.items().stream().map(v -> new IssueRow(v.issue().id(), v.issue().title(), v.issue().shortId(),
                v.issue().timesSeen(), v.issue().firstRelease())).toList(), page.offset(), page.limit(), page.hasMore());
    }
}
