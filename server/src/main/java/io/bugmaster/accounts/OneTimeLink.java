package io.bugmaster.accounts;

import java.time.Instant;

/** A setup link or a password reset: usable once, until it expires. (Invitations are pending members: {@link MemberStore}.) */
public record OneTimeLink(long id, Purpose purpose, Long orgId, Long userId, String email, Role role, State state,
        Instant createdAt, Instant expiresAt) {

    public enum Purpose { SETUP, PASSWORD_RESET }

    public enum State { ACTIVE, USED, EXPIRED }

    public boolean usableAt(Instant now) {
        return state == State.ACTIVE && now.isBefore(expiresAt);
    }
}
