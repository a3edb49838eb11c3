package io.bugmaster.incidents;

/**
 * Acting on an incident by its number from outside the web UI: an SMS reply ("ack 42"), a chat
 * button. The person is checked: they must be a member of the incident's organization.
 */
public interface IncidentCommands {

    Result acknowledge(long orgId, long incidentNumber, long userId, String via);

    Result resolve(long orgId, long incidentNumber, long userId, String via);

    enum Result {
        DONE,
        /** already acknowledged (for an acknowledge) or resolved */
        ALREADY,
        NOT_FOUND,
        /** the person may not act on it */
        FORBIDDEN
    }
}
