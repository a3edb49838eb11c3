package io.bugmaster.incidents;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A PagerDuty change event a service received on {@code /v2/change/enqueue}; {@code links} are {@code {href, text}} as sent. */
@PureLogic
public record ChangeEvent(long id, long serviceId, String summary, String source, Instant happenedAt, List<Map<String, String>> links) {}
