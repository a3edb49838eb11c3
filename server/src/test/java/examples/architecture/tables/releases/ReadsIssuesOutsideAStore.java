package examples.architecture.tables.releases;

/** Deliberately broken for TableOwnershipTest: SQL in a class that is not a store and uses no JdbcClient itself. */
public final class ReadsIssuesOutsideAStore {
    private ReadsIssuesOutsideAStore() {}

    public static String firstReleaseOf(long issueId) {
        return "SELECT first_release FROM issues WHERE id = " + issueId;
    }

    /** Its own tables are fine. */
    public static String own() {
        return "SELECT version FROM releases";
    }
}
