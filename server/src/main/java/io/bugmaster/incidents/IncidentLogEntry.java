package io.bugmaster.incidents;

import io.bugmaster.common.PureLogic;
import java.time.Instant;

/**
 * One line of an incident's log. {@code kind}: triggered, alert, notified, acknowledged, escalated,
 * exhausted, retriggered, reassigned, resolved. {@code userId} is the person concerned (paged, or who
 * acted); {@code actor} who acted in words; {@code via} how (web, api, email link, integration...).
 */
@PureLogic
public record IncidentLogEntry(long id, long incidentId, Instant at, String kind, Long userId, String actor, String via, String message) {}
