package io.bugmaster.monitors.sources;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorService;
import io.bugmaster.notify.OutboundHttp;
import io.bugmaster.notify.OutboundPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Data sources as people manage them (API and settings page): everyone in the organization may
 * list and read them (never the password: only whether one is stored); admins and owners
 * ({@code org:write}) add, change, delete and test them. Another organization's data source is
 * "not found". URLs are checked for their kind ({@link JdbcUrls}; a Prometheus URL is http or https)
 * and against the outbound policy before they are saved; an SQLite file must be inside the
 * directory the server's admin set aside ({@link SqliteSourceFiles}). A data source a monitor uses
 * cannot be deleted.
 */
@Service
public class DataSourceAdmin {
    static final int MAX_USERNAME = 200;
    static final int MAX_SECRET = 1000;

    private final OrganizationService organizations;
    private final DataSources sources;
    private final MonitorService monitors;
    private final List<DataSourceProbe> probes;
    private final SqliteSourceFiles sqliteFiles;
    private final OutboundPolicy policy;

    DataSourceAdmin(OrganizationService organizations, DataSources sources, MonitorService monitors, List<DataSourceProbe> probes,
            SqliteSourceFiles sqliteFiles, OutboundHttp outbound) {
        this.organizations = organizations;
        this.sources = sources;
        this.monitors = monitors;
        this.probes = probes;
        this.sqliteFiles = sqliteFiles;
        this.policy = outbound.policy();
    }

    /** What a client sends to add a data source; {@code password}: the password or bearer token, or null. */
    public record NewDataSource(String name, String kind, String url, String username, String password) {}

    /** What a client sends to change one: null keeps a field; a password of "" removes the stored one. The kind stays. */
    public record DataSourceChange(String name, String url, String username, String password) {}

    /** The answer of "Test connection": {@code error} null when it worked. */
    public record TestResult(boolean ok, String error) {}

    public List<DataSource> list(Actor actor, String orgSlug) {
        return sources.list(read(actor, orgSlug).org().id());
    }

    public DataSource get(Actor actor, String orgSlug, String id) {
        return find(read(actor, orgSlug), id);
    }

    /** Whether this caller may add, change, delete and test data sources (the settings page shows the forms). */
    public boolean canManage(Actor actor, String orgSlug) {
        return read(actor, orgSlug).has(Scopes.ORG_WRITE);
    }

    public DataSource create(Actor actor, String orgSlug, NewDataSource input) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_WRITE);
        DataSourceKind kind = kind(input.kind());
        String url = url(kind, input.url());
        return sources.create(access.org().id(), input.name(), kind, url, username(input.username()), secret(input.password()),
                actor.userId());
    }

    public DataSource update(Actor actor, String orgSlug, String id, DataSourceChange input) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_WRITE);
        DataSource ds = find(access, id);
        String url = input.url() == null ? ds.url() : url(ds.kind(), input.url());
        String username = input.username() == null ? ds.username() : username(input.username());
        return sources.update(ds, input.name() == null ? ds.name() : input.name(), url, username,
                input.password() == null ? null : input.password().isEmpty() ? "" : secret(input.password()));
    }

    /** @throws ConflictException a monitor uses it (its settings name the monitors) */
    public void delete(Actor actor, String orgSlug, String id) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_WRITE);
        DataSource ds = find(access, id);
        List<String> users = usedBy(ds);
        if (!users.isEmpty()) {
            throw new ConflictException("data source '" + ds.name() + "' is used by " + (users.size() == 1 ? "monitor " : "monitors ")
                    + String.join(", ", users) + "; change or delete " + (users.size() == 1 ? "it" : "them") + " first");
        }
        sources.delete(ds);
    }

    /** The slugs of the monitors that query this data source. */
    public List<String> usedBy(DataSource ds) {
        return monitors.list(ds.orgId()).stream().filter(m -> uses(m, ds.id())).map(Monitor::slug).sorted().toList();
    }

    /** Tries the connection now (as a monitor would connect) and keeps what it found with the data source. */
    public TestResult test(Actor actor, String orgSlug, String id) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_WRITE);
        DataSource ds = find(access, id);
        Optional<DataSourceProbe> probe = probes.stream().filter(p -> p.handles(ds.kind())).findFirst();
        if (probe.isEmpty()) {
            return new TestResult(false, "this server cannot test " + ds.kind().id() + " data sources");
        }
        Optional<String> error = probe.get().probe(ds, sources.secret(ds).orElse(null));
        sources.checked(ds, error.orElse(null));
        return new TestResult(error.isEmpty(), error.orElse(null));
    }

    private static boolean uses(Monitor m, long sourceId) {
        return (m.config().sql() != null && m.config().sql().dataSourceId() == sourceId)
                || (m.config().metric() != null && m.config().metric().dataSourceId() == sourceId);
    }

    private OrgAccess read(Actor actor, String orgSlug) {
        return organizations.access(actor, orgSlug).require(Scopes.ORG_READ);
    }

    private DataSource find(OrgAccess access, String id) {
        long parsed;
        try {
            parsed = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("no data source " + clip(id) + " in this organization");
        }
        return sources.find(access.org().id(), parsed)
                .orElseThrow(() -> new NotFoundException("no data source " + parsed + " in this organization"));
    }

    private static DataSourceKind kind(String kind) {
        return DataSourceKind.parse(kind == null ? "" : kind.strip().toLowerCase(Locale.ROOT)).orElseThrow(() -> new InvalidInputException(
                "kind", "a data source's kind is postgresql, mysql (MySQL and MariaDB), sqlite or prometheus (got: " + clip(kind) + ")"));
    }

    private String url(DataSourceKind kind, String url) {
        if (kind == DataSourceKind.PROMETHEUS) {
            return prometheusUrl(url);
        }
        JdbcUrls.Target target;
        try {
            target = JdbcUrls.parse(kind, url);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("url", e.getMessage());
        }
        Optional<String> refused = kind == DataSourceKind.SQLITE ? sqliteFiles.refuse(target.file())
                : policy.refuseUrl(URI.create("http://" + (target.host().contains(":") ? "[" + target.host() + "]" : target.host())
                        + ":" + target.port() + "/"));
        if (refused.isPresent()) {
            throw new InvalidInputException("url", refused.get());
        }
        return url.strip();
    }

    private String prometheusUrl(String url) {
        String u = url == null ? "" : url.strip();
        if (u.isEmpty() || u.length() > JdbcUrls.MAX_URL) {
            throw new InvalidInputException("url", "a Prometheus URL is 1 to " + JdbcUrls.MAX_URL + " characters");
        }
        try {
            Optional<String> refused = policy.refuseUrl(new URI(u));
            if (refused.isPresent()) {
                throw new InvalidInputException("url", refused.get());
            }
        } catch (URISyntaxException e) {
            throw new InvalidInputException("url", "not a URL: " + clip(u));
        }
        return u;
    }

    private static String username(String username) {
        if (username == null || username.isBlank()) {
            return null;
        }
        if (username.length() > MAX_USERNAME || username.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("username", "a user name is at most " + MAX_USERNAME + " characters, without control characters");
        }
        return username.strip();
    }

    private static String secret(String secret) {
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        if (secret.length() > MAX_SECRET) {
            throw new InvalidInputException("password", "a password or token is at most " + MAX_SECRET + " characters");
        }
        return secret;
    }

    private static String clip(String s) {
        return s == null ? "nothing" : s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
