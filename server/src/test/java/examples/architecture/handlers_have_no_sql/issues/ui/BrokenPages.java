package examples.architecture.handlers_have_no_sql.issues.ui;

import io.bugmaster.web.UiController;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;

/** Broken: a page handler (meta-annotated @Controller) that runs SQL itself. */
@UiController
public class BrokenPages {
    private final JdbcClient db;

    public BrokenPages(JdbcClient db) {
        this.db = db;
    }

    @GetMapping("/examples/count")
    public String count() {
        return String.valueOf(db.sql("SELECT COUNT(*) FROM issues").query(Long.class).single());
    }
}
