package io.bugmaster.releases;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Page;
import io.bugmaster.releases.ReleaseInputs.CommitChange;
import io.bugmaster.releases.ReleaseInputs.CommitSpec;
import io.bugmaster.releases.ReleaseInputs.DeploySpec;
import io.bugmaster.releases.ReleaseInputs.RefSpec;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Releases of an organization, their commits and deploys, as sentry-cli and Sentry API clients use
 * them. Reading needs {@code project:read} (or {@code project:releases}, which CI tokens carry),
 * writing {@code project:releases}; another organization's release is "not found".
 */
@Service
public class ReleaseService {
    private final OrganizationService organizations;
    private final Directory directory;
    private final ReleaseStore releases;
    private final CommitStore commits;
    private final DeployStore deploys;
    private final Transactions tx;
    private final Clock clock;

    public ReleaseService(OrganizationService organizations, Directory directory, ReleaseStore releases, CommitStore commits,
            DeployStore deploys, Transactions tx, Clock clock) {
        this.organizations = organizations;
        this.directory = directory;
        this.releases = releases;
        this.commits = commits;
        this.deploys = deploys;
        this.tx = tx;
        this.clock = clock;
    }

    /** What a client sends to create a release (dates as RFC 3339 strings). */
    public record NewRelease(String version, List<String> projects, String ref, String url, String dateStarted,
            String dateReleased, List<CommitSpec> commits, List<RefSpec> refs) {}

    /** What a client sends to change one; null fields stay as they are, {@code commits: []} clears the commits. */
    public record ReleaseUpdate(List<String> projects, String ref, String url, String dateStarted, String dateReleased,
            List<CommitSpec> commits, List<RefSpec> refs) {}

    public record Created(ReleaseView release, boolean created) {}

    // --- releases ---

    /** Creates the release, or adds the projects to the existing one of that version ({@code created} false). */
    public Created create(Actor actor, String orgSlug, NewRelease input) {
        String version = ReleaseVersions.validate("version", input.version());
        List<String> projectSlugs = projectSlugs(input.projects(), true);
        String ref = ReleaseInputs.ref("ref", input.ref());
        String url = ReleaseInputs.url("url", input.url());
        Instant started = Dates.parse("dateStarted", input.dateStarted());
        Instant released = Dates.parse("dateReleased", input.dateReleased());
        List<CommitChange> changes = input.commits() == null && input.refs() == null ? null
                : ReleaseInputs.commits(input.commits(), input.refs());
        return tx.write(() -> {
            OrgAccess access = writeAccess(actor, orgSlug);
            long orgId = access.org().id();
            Collection<Long> projectIds = resolveProjects(orgId, projectSlugs);
            Instant now = clock.instant();
            Optional<Long> inserted = releases.insert(orgId, version, ref, url, now, started, released);
            long id = inserted.orElseGet(() -> {
                Release existing = releases.find(orgId, version).orElseThrow();
                releases.fillIn(existing.id(), ref, url, started, released);
                return existing.id();
            });
            releases.linkProjects(id, projectIds);
            if (changes != null) {
                setCommits(orgId, id, changes, now);
            }
            return new Created(view(releases.findById(id).orElseThrow()), inserted.isPresent());
        });
    }

    public Page<ReleaseView> list(Actor actor, String orgSlug, List<String> projects, String query, int offset, int limit) {
        OrgAccess access = readAccess(actor, orgSlug);
        Collection<Long> projectIds = projectFilter(access.org().id(), projects);
        if (projectIds == null) {
            return new Page<>(List.of(), offset, limit, false);
        }
        String prefix = query == null || query.isBlank() ? null : query.strip();
        return views(Page.of(releases.list(access.org().id(), projectIds, prefix, offset, limit + 1), offset, limit));
    }

    public Page<ReleaseView> listForProject(Actor actor, String orgSlug, String projectSlug, int offset, int limit) {
        OrgAccess access = readAccess(actor, orgSlug);
        Long projectId = directory.projectIdsBySlug(access.org().id(), List.of(projectSlug)).get(projectSlug);
        if (projectId == null) {
            throw new NotFoundException("project '" + projectSlug + "' not found");
        }
        return views(Page.of(releases.list(access.org().id(), List.of(projectId), null, offset, limit + 1), offset, limit));
    }

    public ReleaseView get(Actor actor, String orgSlug, String version) {
        OrgAccess access = readAccess(actor, orgSlug);
        return view(find(access, version));
    }

    public ReleaseView update(Actor actor, String orgSlug, String version, ReleaseUpdate input) {
        List<String> projectSlugs = projectSlugs(input.projects(), false);
        String ref = ReleaseInputs.ref("ref", input.ref());
        String url = ReleaseInputs.url("url", input.url());
        Instant started = Dates.parse("dateStarted", input.dateStarted());
        Instant released = Dates.parse("dateReleased", input.dateReleased());
        List<CommitChange> changes = input.commits() == null && input.refs() == null ? null
                : ReleaseInputs.commits(input.commits(), input.refs());
        return tx.write(() -> {
            OrgAccess access = writeAccess(actor, orgSlug);
            Release release = find(access, version);
            releases.linkProjects(release.id(), resolveProjects(access.org().id(), projectSlugs));
            releases.update(release.id(), ref, url, started, released);
            if (changes != null) {
                setCommits(access.org().id(), release.id(), changes, clock.instant());
            }
            return view(releases.findById(release.id()).orElseThrow());
        });
    }

    /** Deletes a release that no event has named (its commits' links and deploys go with it). */
    public void delete(Actor actor, String orgSlug, String version) {
        tx.write(() -> {
            OrgAccess access = writeAccess(actor, orgSlug);
            Release release = find(access, version);
            if (release.firstEvent() != null) {
                throw new InvalidInputException(null, "release '" + version + "' has events and cannot be deleted");
            }
            releases.delete(release.id());
        });
    }

    /** The newest earlier release (sharing a project) that has commits: sentry-cli sends only the commits since its last one. */
    public Optional<ReleaseView> previousWithCommits(Actor actor, String orgSlug, String version) {
        OrgAccess access = readAccess(actor, orgSlug);
        return releases.previousWithCommits(find(access, version)).map(this::view);
    }

    // --- commits and repositories ---

    public Page<Commit> commits(Actor actor, String orgSlug, String version, int offset, int limit) {
        OrgAccess access = readAccess(actor, orgSlug);
        Release release = find(access, version);
        return Page.of(commits.ofRelease(release.id(), offset, limit + 1), offset, limit);
    }

    /** A commit of a release with the files it changed (empty when the client sent no {@code patch_set}). */
    public record CommitWithFiles(Commit commit, List<ReleaseInputs.FileChange> files) {}

    /** Like {@link #commits}, with each commit's changed files (one more query for the page). */
    public Page<CommitWithFiles> commitsWithFiles(Actor actor, String orgSlug, String version, int offset, int limit) {
        Page<Commit> page = commits(actor, orgSlug, version, offset, limit);
        var files = commits.filesOf(page.items().stream().map(Commit::id).toList());
        return new Page<>(page.items().stream().map(c -> new CommitWithFiles(c, files.getOrDefault(c.id(), List.of()))).toList(),
                page.offset(), page.limit(), page.hasMore());
    }

    /** A page of the files the release's commits changed (Sentry's {@code commitfiles}), newest commit first. */
    public Page<CommitFile> commitFiles(Actor actor, String orgSlug, String version, int offset, int limit) {
        OrgAccess access = readAccess(actor, orgSlug);
        Release release = find(access, version);
        return Page.of(commits.filesOfRelease(release.id(), offset, limit + 1), offset, limit);
    }

    public Page<Repository> repositories(Actor actor, String orgSlug, int offset, int limit) {
        OrgAccess access = readAccess(actor, orgSlug);
        return Page.of(commits.repositories(access.org().id(), offset, limit + 1), offset, limit);
    }

    private void setCommits(long orgId, long releaseId, List<CommitChange> changes, Instant now) {
        Map<String, Long> repositoryIds = new HashMap<>();
        List<Long> ids = new ArrayList<>(changes.size());
        for (CommitChange change : changes) {
            long repositoryId = repositoryIds.computeIfAbsent(change.repository(), name -> commits.repositoryId(orgId, name, now));
            ids.add(commits.upsert(orgId, repositoryId, change, now));
        }
        commits.replaceReleaseCommits(releaseId, ids);
    }

    // --- deploys ---

    public Deploy createDeploy(Actor actor, String orgSlug, String version, DeploySpec input) {
        ReleaseInputs.NewDeploy deploy = ReleaseInputs.deploy(input, clock.instant());
        return tx.write(() -> {
            OrgAccess access = writeAccess(actor, orgSlug);
            return deploys.insert(find(access, version), deploy, clock.instant());
        });
    }

    public Page<Deploy> deploys(Actor actor, String orgSlug, String version, int offset, int limit) {
        OrgAccess access = readAccess(actor, orgSlug);
        return Page.of(deploys.ofRelease(find(access, version).id(), offset, limit + 1), offset, limit);
    }

    /**
     * The deploys of each of these releases per environment (count and newest), by release id, in
     * a fixed number of queries; releases of another organization are left out.
     */
    public Map<Long, List<EnvironmentDeploys>> deploysPerEnvironment(Actor actor, String orgSlug, Collection<ReleaseView> views) {
        OrgAccess access = readAccess(actor, orgSlug);
        long orgId = access.org().id();
        return deploys.perEnvironment(views.stream().map(ReleaseView::release).filter(r -> r.orgId() == orgId)
                .map(Release::id).toList());
    }

    /** The organization's deploys that finished in [from, to), oldest first: changes to production, for timelines. */
    public List<Deploy> deploysBetween(long orgId, Instant from, Instant to) {
        return deploys.between(orgId, from, to);
    }

    /**
     * Deploys of a project's releases that finished in [from, to), oldest first: for marking
     * changes on a chart. The caller has already checked that its caller may see the project.
     */
    public List<Deploy> deploysOfProjectBetween(long projectId, Instant from, Instant to) {
        return deploys.ofProjectBetween(projectId, from, to);
    }

    /** Deploys of any of these projects' releases that finished in [from, to], newest first: what changed before an incident. No caller checks. */
    public List<Deploy> deploysOfProjectsBetween(Collection<Long> projectIds, Instant from, Instant to, int limit) {
        return deploys.ofProjectsBetween(projectIds, from, to, limit);
    }

    /** Releases of any of these projects created or finalized in [from, to], newest first. No caller checks. */
    public List<Release> releasesOfProjectsBetween(Collection<Long> projectIds, Instant from, Instant to, int limit) {
        return releases.ofProjectsBetween(projectIds, from, to, limit);
    }

    /** The first {@code limit} commits of a release (newest first): a deploy's suspect commits. No caller checks. */
    public List<Commit> commitsOfRelease(long releaseId, int limit) {
        return commits.ofRelease(releaseId, 0, limit);
    }

    /** Versions of a project's releases, newest first, at most {@code limit}; the caller has checked access. */
    /** For other features (resolve in a release): whether the organization has this release. No caller checks. */
    public boolean exists(long orgId, String version) {
        return releases.find(orgId, version).isPresent();
    }

    public List<String> recentVersionsOfProject(long projectId, int limit) {
        return releases.recentVersions(projectId, limit);
    }

    // --- helpers ---

    private OrgAccess readAccess(Actor actor, String orgSlug) {
        OrgAccess access = organizations.access(actor, orgSlug);
        if (!access.has(Scopes.PROJECT_READ) && !access.has(Scopes.PROJECT_RELEASES)) {
            throw new ForbiddenException("you need the '" + Scopes.PROJECT_READ + "' or '" + Scopes.PROJECT_RELEASES
                    + "' permission in organization '" + orgSlug + "'");
        }
        return access;
    }

    private OrgAccess writeAccess(Actor actor, String orgSlug) {
        return organizations.access(actor, orgSlug).require(Scopes.PROJECT_RELEASES);
    }

    private Release find(OrgAccess access, String version) {
        return releases.find(access.org().id(), version)
                .orElseThrow(() -> new NotFoundException("release '" + version + "' not found"));
    }

    private static List<String> projectSlugs(List<String> slugs, boolean required) {
        if (slugs == null || slugs.isEmpty()) {
            if (required) {
                throw new InvalidInputException("projects", "give at least one project slug");
            }
            return List.of();
        }
        Set<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < slugs.size(); i++) {
            String slug = slugs.get(i);
            if (slug == null || slug.isBlank()) {
                throw new InvalidInputException("projects[" + i + "]", "must be a project slug");
            }
            unique.add(slug);
        }
        return List.copyOf(unique);
    }

    private Collection<Long> resolveProjects(long orgId, List<String> slugs) {
        Map<String, Long> ids = directory.projectIdsBySlug(orgId, slugs);
        for (String slug : slugs) {
            if (!ids.containsKey(slug)) {
                throw new InvalidInputException("projects", "there is no project '" + slug + "' in this organization");
            }
        }
        return slugs.stream().map(ids::get).toList();
    }

    /**
     * The {@code ?project=} filter: project ids (Sentry's form) or slugs; {@code -1} or nothing means
     * all projects. Null when the filter names no project of the organization (an empty answer).
     */
    private Collection<Long> projectFilter(long orgId, List<String> projects) {
        if (projects == null || projects.isEmpty() || projects.contains("-1")) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        List<String> slugs = new ArrayList<>();
        for (String project : projects) {
            if (project.chars().allMatch(Character::isDigit) && !project.isEmpty() && project.length() < 19) {
                ids.add(Long.parseLong(project));
            } else {
                slugs.add(project);
            }
        }
        Set<Long> known = new LinkedHashSet<>();
        directory.projects(ids).values().stream().filter(p -> p.orgId() == orgId).map(Directory.ProjectInfo::id).sorted()
                .forEach(known::add);
        known.addAll(directory.projectIdsBySlug(orgId, slugs).values());
        return known.isEmpty() ? null : known;
    }

    /** The projects of each release, by release id, in slug order, with their slugs and names from accounts. */
    private Map<Long, List<ReleaseProject>> projectsOf(List<Long> releaseIds) {
        List<ReleaseProject> rows = releases.projectsOf(releaseIds);
        Map<Long, Directory.ProjectInfo> info = directory.projects(rows.stream().map(ReleaseProject::projectId).distinct().toList());
        Map<Long, List<ReleaseProject>> byRelease = new java.util.HashMap<>();
        rows.stream().filter(r -> info.containsKey(r.projectId()))
                .map(r -> {
                    Directory.ProjectInfo p = info.get(r.projectId());
                    return new ReleaseProject(r.releaseId(), r.projectId(), p.slug(), p.name(), p.platform(), r.newIssues(),
                            r.regressions());
                })
                .sorted(java.util.Comparator.comparing(ReleaseProject::slug))
                .forEach(p -> byRelease.computeIfAbsent(p.releaseId(), k -> new ArrayList<>()).add(p));
        return byRelease;
    }

    ReleaseView view(Release release) {
        return views(List.of(release)).get(0);
    }

    private Page<ReleaseView> views(Page<Release> page) {
        return new Page<>(views(page.items()), page.offset(), page.limit(), page.hasMore());
    }

    private List<ReleaseView> views(List<Release> list) {
        List<Long> ids = list.stream().map(Release::id).toList();
        var projects = projectsOf(ids);
        var commitCounts = commits.counts(ids);
        var lastCommits = commits.lastCommits(ids);
        var authors = commits.authors(ids);
        var deployCounts = deploys.counts(ids);
        var lastDeploys = deploys.last(ids);
        return list.stream().map(r -> new ReleaseView(r, projects.getOrDefault(r.id(), List.of()),
                commitCounts.getOrDefault(r.id(), 0L), lastCommits.get(r.id()), deployCounts.getOrDefault(r.id(), 0L),
                lastDeploys.get(r.id()), authors.getOrDefault(r.id(), List.of()))).toList();
    }
}
