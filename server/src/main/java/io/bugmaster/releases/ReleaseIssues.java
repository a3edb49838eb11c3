package io.bugmaster.releases;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.Page;

/** The issues a release page lists. The issues feature, which depends on this one, provides it. */
public interface ReleaseIssues {

    /** An issue as a release page lists it. */
    record IssueRow(long id, String title, String shortId, long timesSeen, String firstRelease) {}

    /** The first {@code limit} issues of the organization matching an issue search, newest first. */
    Page<IssueRow> search(Actor actor, String org, String query, int limit);
}
