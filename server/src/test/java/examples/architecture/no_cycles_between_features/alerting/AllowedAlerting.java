package examples.architecture.no_cycles_between_features.alerting;

import examples.architecture.no_cycles_between_features.accounts.AllowedAccounts;

/** Allowed: uses a feature below it, which does not use it back. */
public class AllowedAlerting {
    public String org(AllowedAccounts accounts) {
        return accounts.name();
    }
}
