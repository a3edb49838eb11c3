package io.bugmaster.releases;

import io.bugmaster.accounts.Actor;
import java.util.Collection;
import java.util.List;

/**
 * The session health of releases, for the release pages. The ingest feature, which keeps the
 * sessions and depends on this one, provides it.
 */
public interface ReleaseHealth {

    /** Sessions of one release in one environment over the period. */
    record Health(String release, String environment, long sessions, long crashed, long abnormal) {}

    /**
     * The health of these releases in these projects (by slug), summed over the projects, over the
     * period ({@code 30d}); the caller needs {@code event:read} in the organization.
     */
    List<Health> of(Actor actor, String org, Collection<String> projectSlugs, Collection<String> versions, String period);
}
