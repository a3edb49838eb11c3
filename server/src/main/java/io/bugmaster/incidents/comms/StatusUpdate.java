package io.bugmaster.incidents.comms;

import io.bugmaster.common.PureLogic;
import java.time.Instant;

/** A status update: what stakeholders were told, in which stage, by whom (null: the person is gone). */
@PureLogic
public record StatusUpdate(long id, long incidentId, Instant at, String stage, String message, Long postedBy) {}
