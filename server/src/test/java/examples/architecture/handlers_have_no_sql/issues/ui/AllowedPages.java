package examples.architecture.handlers_have_no_sql.issues.ui;

import examples.architecture.handlers_have_no_sql.issues.AllowedService;
import io.bugmaster.web.UiController;
import org.springframework.web.bind.annotation.GetMapping;

/** Allowed: a page handler that makes one domain call. */
@UiController
public class AllowedPages {
    private final AllowedService issues;

    public AllowedPages(AllowedService issues) {
        this.issues = issues;
    }

    @GetMapping("/examples/allowed")
    public String count() {
        return String.valueOf(issues.count());
    }
}
