package io.bugmaster.accounts;

/**
 * Told when someone stops being a member of an organization (removed by an admin, or left), inside
 * that change's transaction, so that other features let go of what the person held there: issues
 * assigned to them and their subscriptions (as Sentry does). The seam keeps accounts free of the
 * features that depend on it.
 */
public interface MembershipListener {
    void memberLeft(long orgId, long userId);
}
