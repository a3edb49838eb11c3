package io.bugmaster.ingest;

import io.bugmaster.accounts.Actor;
import io.bugmaster.issues.IngestedExtras;
import java.util.List;
import org.springframework.stereotype.Component;

/** The issue page's attachments and feedback, from what ingestion kept ({@link IngestedData} checks the caller). */
@Component
class IssueExtras implements IngestedExtras {
    private final IngestedData data;

    IssueExtras(IngestedData data) {
        this.data = data;
    }

    @Override
    public List<Attachment> attachments(Actor actor, String org, String project, String eventId) {
        return data.attachments(actor, org, project, eventId).stream()
                .map(a -> new Attachment(a.id(), a.name(), a.contentType(), a.size())).toList();
    }

    @Override
    public Download attachment(Actor actor, String org, String project, String eventId, String attachmentId) {
        IngestedData.Download download = data.attachment(actor, org, project, eventId, attachmentId);
        return new Download(download.attachment().name(), download.data());
    }

    @Override
    public List<Feedback> feedbackOfEvent(Actor actor, String org, String project, String eventId) {
        return data.userFeedbackOfEvent(actor, org, project, eventId).stream().map(IssueExtras::feedback).toList();
    }

    @Override
    public List<Feedback> feedbackOfIssue(Actor actor, String org, String issueId) {
        return data.userFeedbackOfIssue(actor, org, issueId).stream().map(IssueExtras::feedback).toList();
    }

    private static Feedback feedback(IngestStore.StoredUserReport r) {
        return new Feedback(r.eventId(), r.name(), r.email(), r.comments(), r.createdAt());
    }
}
