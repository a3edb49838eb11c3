package io.bugmaster.issues;

import java.util.List;

/**
 * Told which events go when issues are deleted, inside the deleting transaction and before the
 * events go, so what another feature keeps per event (ingestion's attachments and user feedback,
 * keyed by project and event id) goes with them or not at all. Implemented by the features that
 * keep such data; the issues feature knows none of their tables.
 */
public interface IssueDeletionListener {

    /** Whether anything is kept for events of the project; when no listener keeps anything, the events are not listed. */
    boolean keepsEventData(long projectId);

    /** Some of the events being deleted, by event id: a few hundred per call, each event once. */
    void eventsDeleted(long projectId, List<String> eventIds);
}
