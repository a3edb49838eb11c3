package io.bugmaster.incidents.postmortems;

import io.bugmaster.common.PureLogic;
import java.time.Instant;

/** A comment on a postmortem; {@code userId} is null once its author's account is gone. */
@PureLogic
public record PostmortemComment(long id, long postmortemId, Long userId, String body, Instant createdAt) {}
