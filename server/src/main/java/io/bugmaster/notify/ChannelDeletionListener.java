package io.bugmaster.notify;

import java.util.List;

/**
 * Told about a notification channel that is being deleted, so that what notifies it (alert rules)
 * is neither left silently dead nor kept pointing at nothing. The seam keeps notify free of the
 * features that depend on it.
 */
public interface ChannelDeletionListener {
    /** What uses a channel, as the delete confirmation lists it; {@code path} is its page (no host). */
    record ChannelUse(long id, String name, String path, boolean disabled) {}

    /** What would change if the channel were deleted now, for the confirmation; changes nothing. */
    List<ChannelUse> usesOf(long orgId, String orgSlug, long channelId);

    /**
     * The channel is about to be deleted, inside that change's transaction (its row is still there):
     * stop using it. {@code disabled} of each answer says whether the use was turned off for having
     * nothing left to do.
     *
     * @param actor who deletes it, as messages name people (an email address)
     */
    List<ChannelUse> channelDeleting(long orgId, String orgSlug, long channelId, String channelName, String actor);
}
