package examples.architecture.storage_knows_no_feature.storage;

/** Allowed: storage on its own. */
public final class AllowedRows {
    private AllowedRows() {}

    public static String text(String value) {
        return value;
    }
}
