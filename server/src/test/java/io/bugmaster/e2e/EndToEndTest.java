package io.bugmaster.e2e;

import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.testing.IntegrationTest;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of the end-to-end tests: real clients (Sentry SDKs, raw HTTP) against the running server,
 * each test in a project of its own, results read back from what the server stored.
 */
abstract class EndToEndTest extends IntegrationTest {
    @Autowired
    protected ProjectService projects;
    @Autowired
    protected JdbcClient db;

    /** A project of a new organization, with its DSN pointing at this test's server. */
    protected E2eProject newProject(String platform) {
        Tenant tenant = newTenant();
        String slug = unique("p");
        var view = projects.create(tenant.owner(), tenant.org().slug(), tenant.org().slug(), "E2E " + slug, slug, platform);
        List<ProjectKey> keys = projects.listKeys(tenant.owner(), tenant.org().slug(), slug);
        ProjectKey key = keys.get(0);
        return new E2eProject(tenant, view.project().id(), slug, key.publicKey(), port);
    }

    /** What the server stored for a project, read from its tables. */
    protected StoredEvents stored(E2eProject project) {
        return new StoredEvents(db, project.id());
    }

    /** A project of this server, as an SDK sees it. */
    protected record E2eProject(Tenant tenant, long id, String slug, String publicKey, int port) {
        String dsn() {
            return "http://" + publicKey + "@localhost:" + port + "/" + id;
        }

        String envelopeUrl() {
            return "http://localhost:" + port + "/api/" + id + "/envelope/";
        }

        String storeUrl() {
            return "http://localhost:" + port + "/api/" + id + "/store/";
        }
    }
}
