package io.bugmaster.incidents.comms;

import io.bugmaster.notify.ChannelDeletionListener;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A notification channel being deleted stops being an incident channel: the organization's or a
 * service's setting that named it is cleared (its incidents then use the organization's channel,
 * or none), and the delete confirmation lists those settings.
 */
@Component
class CommsChannelDeletions implements ChannelDeletionListener {
    private final CommsStore store;

    CommsChannelDeletions(CommsStore store) {
        this.store = store;
    }

    @Override
    public List<ChannelUse> usesOf(long orgId, String orgSlug, long channelId) {
        return store.usesOf(orgId, channelId).stream().map(u -> new ChannelUse(u.serviceId() == null ? 0 : u.serviceId(),
                "Incident " + (u.stakeholder() ? "stakeholder" : "tech") + " channel"
                        + (u.serviceId() == null ? " of the organization" : " of service " + u.serviceId()),
                "/orgs/" + orgSlug + "/settings/incidents", false)).toList();
    }

    @Override
    public List<ChannelUse> channelDeleting(long orgId, String orgSlug, long channelId, String channelName, String actor) {
        List<ChannelUse> uses = usesOf(orgId, orgSlug, channelId);
        store.forgetChannel(orgId, channelId);
        return uses;
    }
}
