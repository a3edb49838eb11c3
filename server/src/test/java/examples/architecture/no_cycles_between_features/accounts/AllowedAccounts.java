package examples.architecture.no_cycles_between_features.accounts;

/** Allowed: a feature below the others, which uses none of them. */
public class AllowedAccounts {
    public String name() {
        return "acme";
    }
}
