package io.bugmaster.issues;

import java.util.List;

/**
 * Features above issues that point at an issue (postmortems of the incidents it was linked to)
 * show those links on the issue's page through this interface, so issues never depends on them.
 * A Spring bean; the caller has checked that the reader may see the issue in {@code orgId}.
 */
public interface IssueReferences {

    /** One link: {@code kind} names the group ("Postmortems"), {@code text} the link's words, {@code url} a path in this site. */
    record Reference(String kind, String text, String url) {}

    List<Reference> of(long orgId, String orgSlug, long issueId);
}
