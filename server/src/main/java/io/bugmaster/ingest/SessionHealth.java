package io.bugmaster.ingest;

import io.bugmaster.accounts.Actor;
import io.bugmaster.releases.ReleaseHealth;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/** The release pages' health, from the session counts ingestion keeps ({@link IngestedData} checks the caller). */
@Component
class SessionHealth implements ReleaseHealth {
    private final IngestedData data;

    SessionHealth(IngestedData data) {
        this.data = data;
    }

    @Override
    public List<Health> of(Actor actor, String org, Collection<String> projectSlugs, Collection<String> versions, String period) {
        return data.releaseHealth(actor, org, projectSlugs, versions, period).stream()
                .map(h -> new Health(h.release(), h.environment(), h.sessions(), h.crashed(), h.abnormal())).toList();
    }
}
