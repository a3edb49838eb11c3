package io.bugmaster.incidents.comms;

import io.bugmaster.common.PureLogic;

/** A service's own channels for its incidents (null: the organization's). */
@PureLogic
public record ServiceChannels(long serviceId, Long stakeholderChannelId, Long techChannelId) {}
