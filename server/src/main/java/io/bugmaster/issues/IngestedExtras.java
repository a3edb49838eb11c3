package io.bugmaster.issues;

import io.bugmaster.accounts.Actor;
import java.time.Instant;
import java.util.List;

/**
 * What ingestion kept beside an issue's events (attachments, user feedback), for the issue page.
 * The ingest feature, which depends on this one, provides it; each call checks the caller's
 * organization and {@code event:read}.
 */
public interface IngestedExtras {

    /** An event's attachment, without its bytes. */
    record Attachment(long id, String name, String contentType, long size) {}

    /** Feedback a user left on an event. */
    record Feedback(String eventId, String name, String email, String comments, Instant createdAt) {}

    /** An attachment's name and bytes. */
    record Download(String name, byte[] data) {}

    List<Attachment> attachments(Actor actor, String org, String project, String eventId);

    Download attachment(Actor actor, String org, String project, String eventId, String attachmentId);

    List<Feedback> feedbackOfEvent(Actor actor, String org, String project, String eventId);

    /** Feedback left on any event of the issue, newest first. */
    List<Feedback> feedbackOfIssue(Actor actor, String org, String issueId);
}
