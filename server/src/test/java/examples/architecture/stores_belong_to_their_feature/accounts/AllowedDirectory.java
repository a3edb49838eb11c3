package examples.architecture.stores_belong_to_their_feature.accounts;

/** Allowed: accounts' own service uses accounts' store. */
public class AllowedDirectory {
    private final AllowedMemberStore store;

    public AllowedDirectory(AllowedMemberStore store) {
        this.store = store;
    }

    public boolean isMember(long orgId, long userId) {
        return store.isMember(orgId, userId);
    }
}
