package io.bugmaster.incidents;

import io.bugmaster.accounts.Actor;

/**
 * A section of an incident's web page contributed by a feature built on incidents (roles, status
 * updates, what changed, timeline, postmortem). A Spring bean; the page renders each panel's
 * {@code template} fragment {@code panel(m)} with the model it returns, in {@code order}.
 * Orders in use: 100 status updates, 200 roles and responders, 300 what changed, 400 timeline, 500 postmortem.
 */
public interface IncidentPanel {
    int order();

    /** The Thymeleaf template holding a fragment {@code panel(m)}, e.g. {@code incidents/panels/roles}. */
    String template();

    /** The model the fragment gets as {@code m}; null to show nothing. */
    Object model(Actor actor, Incidents.View view);
}
