package examples.architecture.stores_belong_to_their_feature.accounts;

import org.springframework.stereotype.Repository;

/** A store of accounts; only accounts may use it. */
@Repository
public class AllowedMemberStore {
    public boolean isMember(long orgId, long userId) {
        return orgId == userId;
    }
}
