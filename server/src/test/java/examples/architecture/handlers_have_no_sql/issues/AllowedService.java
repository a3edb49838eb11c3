package examples.architecture.handlers_have_no_sql.issues;

import org.springframework.stereotype.Service;

/** Allowed: the domain call handlers make. */
@Service
public class AllowedService {
    private final AllowedStore store;

    public AllowedService(AllowedStore store) {
        this.store = store;
    }

    public long count() {
        return store.count();
    }
}
