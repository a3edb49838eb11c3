package examples.architecture.stores_belong_to_their_feature.issues;

import examples.architecture.stores_belong_to_their_feature.accounts.AllowedMemberStore;

/** Broken: issues uses accounts' store instead of its service. */
public class BrokenAssignments {
    private final AllowedMemberStore members;

    public BrokenAssignments(AllowedMemberStore members) {
        this.members = members;
    }

    public boolean assignable(long orgId, long userId) {
        return members.isMember(orgId, userId);
    }
}
