package io.bugmaster.incidents.roles;

import io.bugmaster.common.PureLogic;

/** A named duty on an incident in an organization ("Incident manager"), addressed by its id or its slug. */
@PureLogic
public record IncidentRole(long id, long orgId, String slug, String name, String description, int position) {}
