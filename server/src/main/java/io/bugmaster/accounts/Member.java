package io.bugmaster.accounts;

import java.time.Instant;

/**
 * A user's membership of an organization, or a pending invitation to one. An invitation has no
 * user yet ({@code userId} null, {@link #pending()}): its {@code email} is the invited address and
 * its {@code name} that address too, as Sentry shows it; it grants nothing until someone accepts it.
 */
public record Member(long id, long orgId, Long userId, String email, String name, Role role, Instant createdAt,
        Instant inviteExpiresAt) {

    /** An invitation nobody has accepted yet: not a member of anything. */
    public boolean pending() {
        return userId == null;
    }

    /** Whether the invitation's link no longer works at {@code now}; false for members. */
    public boolean expiredAt(Instant now) {
        return pending() && !now.isBefore(inviteExpiresAt);
    }

    /** Whether this is the membership of that user (never true of an invitation). */
    public boolean isUser(long otherUserId) {
        return userId != null && userId == otherUserId;
    }
}
