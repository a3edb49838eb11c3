package examples.architecture.pure_logic_imports_no_framework_jdbc_or_http.common;

import java.sql.Timestamp;

/** Broken: the common package is pure logic, annotated or not; this one uses JDBC. */
public final class BrokenHelper {
    private BrokenHelper() {}

    public static long millis(Timestamp at) {
        return at.getTime();
    }
}
