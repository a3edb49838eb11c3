package io.bugmaster.incidents.comms;

import io.bugmaster.common.PureLogic;
import java.util.List;

/**
 * An organization's incident communication: the situation room (a video call URL, or null), the
 * stakeholder channel that gets status updates, the tech channel that gets notes and milestones
 * (notification channel ids, or null), and the services that use channels of their own.
 */
@PureLogic
public record IncidentSettings(String situationRoomUrl, Long stakeholderChannelId, Long techChannelId, List<ServiceChannels> services) {
    public IncidentSettings {
        services = List.copyOf(services);
    }

    /**
     * A change: each {@code set...} flag says whether its value is to be written (null clears it);
     * {@code services} null keeps the services' channels, a list replaces them all. Ids as sent.
     */
    public record Update(boolean setSituationRoom, String situationRoomUrl, boolean setStakeholder, String stakeholderChannelId,
            boolean setTech, String techChannelId, List<ServiceInput> services) {}

    /** One service's channels as sent: ids as text, blank or null for the organization's. */
    public record ServiceInput(String serviceId, String stakeholderChannelId, String techChannelId) {}
}
