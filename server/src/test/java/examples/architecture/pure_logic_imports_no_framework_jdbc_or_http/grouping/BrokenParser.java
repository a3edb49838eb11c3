package examples.architecture.pure_logic_imports_no_framework_jdbc_or_http.grouping;

import io.bugmaster.common.PureLogic;
import org.springframework.util.StringUtils;

/** Broken: pure logic that imports Spring. */
@PureLogic
public final class BrokenParser {
    private BrokenParser() {}

    public static boolean blank(String text) {
        return !StringUtils.hasText(text);
    }
}
