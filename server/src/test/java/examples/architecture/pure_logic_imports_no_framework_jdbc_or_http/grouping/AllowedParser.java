package examples.architecture.pure_logic_imports_no_framework_jdbc_or_http.grouping;

import io.bugmaster.common.PureLogic;
import java.util.Locale;

/** Allowed: pure logic on the JDK alone. */
@PureLogic
public final class AllowedParser {
    private AllowedParser() {}

    public static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
