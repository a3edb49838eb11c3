package examples.architecture.handlers_have_no_sql.issues.api;

import examples.architecture.handlers_have_no_sql.issues.AllowedStore;
import io.bugmaster.web.api.ApiController;
import org.springframework.web.bind.annotation.GetMapping;

/** Broken: an API handler (meta-annotated @RestController) that calls a store instead of a service. */
@ApiController
public class BrokenApi {
    private final AllowedStore store;

    public BrokenApi(AllowedStore store) {
        this.store = store;
    }

    @GetMapping("/examples/count")
    public long count() {
        return store.count();
    }
}
