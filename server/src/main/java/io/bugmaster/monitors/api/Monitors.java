package io.bugmaster.monitors.api;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Page;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorService;
import io.bugmaster.monitors.MonitorStore;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Monitors as a person or an API token sees them: every call checks the caller's role in the
 * organization (reading needs {@code alerts:read}, changing {@code alerts:write}), and another
 * organization's monitor is "not found". The API and the pages both go through here.
 */
@Service
public class Monitors {
    private final OrganizationService organizations;
    private final MonitorService service;
    private final MonitorStore store;
    private final Directory directory;
    private final String baseUrl;

    Monitors(OrganizationService organizations, MonitorService service, MonitorStore store, Directory directory, BugmasterProperties props) {
        this.organizations = organizations;
        this.service = service;
        this.store = store;
        this.directory = directory;
        this.baseUrl = props.baseUrlTrimmed();
    }

    public OrgAccess reader(Actor actor, String org) {
        return organizations.access(actor, org).require(Scopes.ALERTS_READ);
    }

    public OrgAccess writer(Actor actor, String org) {
        return organizations.access(actor, org).require(Scopes.ALERTS_WRITE);
    }

    public List<Monitor> list(Actor actor, String org) {
        return service.list(reader(actor, org).org().id());
    }

    public Monitor get(Actor actor, String org, String slug) {
        return find(reader(actor, org), slug);
    }

    /** Creates a monitor in the organization's project {@code project} (its slug or id). */
    public Monitor create(Actor actor, String org, String project, String slug, MonitorStore.Settings settings) {
        OrgAccess access = writer(actor, org);
        return service.create(access.org().id(), projectId(access, project), slug, settings);
    }

    public Monitor update(Actor actor, String org, String slug, MonitorStore.Settings settings) {
        return service.update(find(writer(actor, org), slug), settings);
    }

    public void delete(Actor actor, String org, String slug) {
        service.delete(find(writer(actor, org), slug));
    }

    public Monitor pause(Actor actor, String org, String slug) {
        return service.pause(find(writer(actor, org), slug));
    }

    public Monitor resume(Actor actor, String org, String slug) {
        return service.resume(find(writer(actor, org), slug));
    }

    public Monitor mute(Actor actor, String org, String slug, boolean muted) {
        return service.mute(find(writer(actor, org), slug), muted);
    }

    /** A monitor's runs (check-ins), newest first. */
    public Page<MonitorStore.CheckIn> checkIns(Monitor m, int offset, int limit) {
        return Page.of(store.checkInPage(m.id(), offset, limit + 1), offset, limit);
    }

    /** A monitor's check results, newest first. */
    public Page<MonitorStore.Result> results(Monitor m, int offset, int limit) {
        return Page.of(store.resultPage(m.id(), offset, limit + 1), offset, limit);
    }

    /** A check's results in [from, to), oldest first, at most {@code limit} (the value chart). */
    public List<MonitorStore.Result> results(Monitor m, Instant from, Instant to, int limit) {
        return store.results(m.id(), from, to, limit);
    }

    /** What the uptime bars need since {@code from}: state changes (and the one before), failing runs by UTC day. */
    public record Uptime(List<MonitorStore.Flip> flips, java.util.Map<Long, Long> failuresByDay) {}

    public Uptime uptime(Monitor m, Instant from) {
        return new Uptime(store.flips(m.id(), from), store.failuresByDay(m.id(), from));
    }

    /** healthchecks.io-style addresses a job pings: by the monitor's uuid, and by the project's ping key and the slug. */
    public record PingUrls(String byUuid, String bySlug) {}

    public PingUrls pingUrls(Monitor m) {
        return new PingUrls(baseUrl + "/ping/" + m.pingUuid(), baseUrl + "/ping/" + service.pingKey(m.projectId()) + "/" + m.slug());
    }

    /** The project's slug (monitors show it; the API names it). */
    public String projectSlug(Monitor m) {
        return directory.projectSlug(m.projectId()).orElse(Long.toString(m.projectId()));
    }

    private Monitor find(OrgAccess access, String slug) {
        return service.find(access.org().id(), slug == null ? "" : slug)
                .orElseThrow(() -> new NotFoundException("no monitor '" + shorten(slug) + "' in organization '" + access.org().slug() + "'"));
    }

    private long projectId(OrgAccess access, String project) {
        if (project == null || project.isBlank()) {
            throw new InvalidInputException("project", "a monitor belongs to a project: give the project's slug or id");
        }
        String p = project.strip();
        if (p.matches("[0-9]{1,18}")) {
            long id = Long.parseLong(p);
            if (directory.orgOfProject(id).filter(o -> o == access.org().id()).isPresent()) {
                return id;
            }
        }
        return directory.projectId(access.org().id(), p)
                .orElseThrow(() -> new InvalidInputException("project", "no project '" + shorten(p) + "' in organization '" + access.org().slug() + "'"));
    }

    static String shorten(String s) {
        return s == null ? "" : s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
