package io.bugmaster.accounts;

/**
 * Told when a project is about to be deleted, inside that change's transaction (its rows are
 * still there), so that other features can say goodbye to what goes with it: the alerts open
 * about its issues are closed. The seam keeps accounts free of the features that depend on it.
 */
public interface ProjectDeletionListener {
    /** @param actor who deletes it, as messages name people (an email address) */
    void projectDeleting(long orgId, long projectId, String actor);
}
