package io.bugmaster.issues;

import io.bugmaster.accounts.ProjectDeletionListener;
import org.springframework.stereotype.Component;

/** Deleting a project deletes its issues: each is deleted as {@link IssueChanges} deletes one, so its open alerts close. */
@Component
class ProjectDeletions implements ProjectDeletionListener {
    private final IssueChanges changes;

    ProjectDeletions(IssueChanges changes) {
        this.changes = changes;
    }

    @Override
    public void projectDeleting(long orgId, long projectId, String actor) {
        changes.projectDeleting(projectId, actor);
    }
}
