package io.bugmaster.ingest;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.events.EventService;
import io.bugmaster.grouping.FingerprintPreview;
import java.time.Clock;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * "Test these fingerprint rules against this event": loads one of the project's stored events,
 * turns it into the grouping input exactly as ingestion does, and previews the (unsaved) rules on
 * it. Reads only; nothing is regrouped.
 */
@Service
public class FingerprintPreviews {
    /** Longer than any rules text the settings accept, so a pasted draft is never cut. */
    static final int MAX_RULES = 100_000;

    private final EventService events;
    private final Clock clock;

    public FingerprintPreviews(EventService events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    public FingerprintPreview.Result preview(Actor actor, String org, String project, String eventId, String rulesText) {
        if (eventId == null || eventId.isBlank()) {
            throw new InvalidInputException("eventId", "choose an event or paste an event id");
        }
        if (rulesText != null && rulesText.length() > MAX_RULES) {
            throw new InvalidInputException("fingerprintingRules", "is longer than " + MAX_RULES + " characters");
        }
        JsonNode payload = events.payloadForProject(actor, org, project, eventId.strip());
        NormalizedEvent event = EventNormalizer.normalize(payload, "event", null, clock.instant(), null,
                ScrubbingSettings.disabled());
        return FingerprintPreview.of(EventMapping.groupingEvent(event), rulesText);
    }
}
