package io.bugmaster.ingest;

import io.bugmaster.issues.IssueDeletionListener;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What ingestion kept for the events of deleted issues goes with them (as in Sentry): their
 * attachments, with their bytes freed from the project's attachment storage quota, and the user
 * feedback left on them.
 */
@Component
class DeletedIssuesData implements IssueDeletionListener {
    private final IngestStore store;

    DeletedIssuesData(IngestStore store) {
        this.store = store;
    }

    @Override
    public boolean keepsEventData(long projectId) {
        return store.keepsEventData(projectId);
    }

    @Override
    public void eventsDeleted(long projectId, List<String> eventIds) {
        store.forgetEvents(projectId, eventIds);
    }
}
