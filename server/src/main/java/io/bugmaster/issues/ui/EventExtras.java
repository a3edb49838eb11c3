package io.bugmaster.issues.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.events.EventService;
import io.bugmaster.issues.IngestedExtras;
import io.bugmaster.issues.Issue;
import io.bugmaster.issues.IssueQueries;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What ingestion kept beside an issue's events, for the issue page: the shown event's attachments and
 * user feedback, and the feedback on all the issue's events. Read through {@link IngestedExtras} (ingest
 * provides it), which checks the caller's organization and {@code event:read}.
 */
@Component
class EventExtras {
    /** An attachment as a row: {@code size} is human readable; the bytes are only ever downloaded. */
    record AttachmentRow(long id, String name, String contentType, String size, long bytes) {}

    /** The shown event's attachments and feedback (empty when no event is shown), and the issue's feedback. */
    record Extras(List<AttachmentRow> attachments, List<IngestedExtras.Feedback> eventFeedback,
            List<IngestedExtras.Feedback> issueFeedback) {}

    private final IngestedExtras ingested;
    private final IssueQueries queries;
    private final EventService events;

    EventExtras(IngestedExtras ingested, IssueQueries queries, EventService events) {
        this.ingested = ingested;
        this.queries = queries;
        this.events = events;
    }

    Extras of(Actor actor, String org, Issue issue, EventView event) {
        List<IngestedExtras.Feedback> ofIssue = ingested.feedbackOfIssue(actor, org, String.valueOf(issue.id()));
        if (event == null || event.id() == null) {
            return new Extras(List.of(), List.of(), ofIssue);
        }
        List<AttachmentRow> attachments = ingested.attachments(actor, org, issue.projectSlug(), event.id()).stream()
                .map(a -> new AttachmentRow(a.id(), a.name(), a.contentType(), EventFormat.size(a.size()), a.size())).toList();
        List<IngestedExtras.Feedback> ofEvent = ingested.feedbackOfEvent(actor, org, issue.projectSlug(), event.id());
        return new Extras(attachments, ofEvent, ofIssue);
    }

    /**
     * One attachment of one of the issue's events: the event must belong to the issue (so an issue link
     * never reaches another issue's data), and the attachment to the event.
     */
    IngestedExtras.Download attachment(Actor actor, String org, String issueId, String eventId, String attachmentId) {
        Issue issue = queries.get(actor, org, issueId, "").issue();
        String event = EventView.text(events.forIssue(actor, org, issueId, eventId).get("eventID"));
        return ingested.attachment(actor, org, issue.projectSlug(), event, attachmentId);
    }
}
