package examples.architecture.storage_knows_no_feature.storage;

import examples.architecture.storage_knows_no_feature.accounts.AllowedActor;

/** Broken: the bottom layer knows a feature. */
public class BrokenTransactions {
    public String auditedBy(AllowedActor actor) {
        return actor.email();
    }
}
