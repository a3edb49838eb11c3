package examples.architecture.storage_knows_no_feature.accounts;

import examples.architecture.storage_knows_no_feature.storage.AllowedRows;

/** Allowed: a feature uses storage. */
public class AllowedActor {
    public String email() {
        return AllowedRows.text("a@example.com");
    }
}
