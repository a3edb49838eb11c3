package io.bugmaster.ingest;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.events.EventService;
import org.springframework.stereotype.Service;

/**
 * "Test these stack trace rules against this event": loads one of the project's stored events and
 * previews the (unsaved) rules on its frames as the SDK sent them. Reads only.
 */
@Service
public class StackTracePreviews {
    private final EventService events;

    public StackTracePreviews(EventService events) {
        this.events = events;
    }

    public StackTracePreview.Result preview(Actor actor, String org, String project, String eventId, String rulesText) {
        if (eventId == null || eventId.isBlank()) {
            throw new InvalidInputException("eventId", "choose an event or paste an event id");
        }
        if (rulesText != null && rulesText.length() > FingerprintPreviews.MAX_RULES) {
            throw new InvalidInputException("groupingEnhancements", "is longer than " + FingerprintPreviews.MAX_RULES + " characters");
        }
        return StackTracePreview.of(events.payloadForProject(actor, org, project, eventId.strip()), rulesText);
    }
}
