package io.bugmaster.accounts;

import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Page;
import io.bugmaster.common.Secrets;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/** Projects and their DSN keys, always reached through the caller's organization. */
@Service
public class ProjectService {
    private static final Pattern PLATFORM = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    private final OrganizationService organizations;
    private final ProjectStore projects;
    private final ProjectKeyStore keys;
    private final TeamStore teams;
    private final Transactions tx;
    private final Clock clock;
    private final DsnKeys dsnKeys;
    private final EnvironmentStore environmentStore;

    private final ObjectProvider<ProjectDeletionListener> deletionListeners;

    public ProjectService(OrganizationService organizations, ProjectStore projects, ProjectKeyStore keys, TeamStore teams,
            Transactions tx, Clock clock, DsnKeys dsnKeys, EnvironmentStore environmentStore,
            ObjectProvider<ProjectDeletionListener> deletionListeners) {
        this.deletionListeners = deletionListeners;
        this.dsnKeys = dsnKeys;
        this.environmentStore = environmentStore;
        this.organizations = organizations;
        this.projects = projects;
        this.keys = keys;
        this.teams = teams;
        this.tx = tx;
        this.clock = clock;
    }

    /** A project and the teams that own it. */
    public record ProjectView(Project project, List<Team> teams) {}

    public Page<Project> list(Actor actor, String orgSlug, int offset, int limit) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.PROJECT_READ);
        return Page.of(projects.list(access.org().id(), offset, limit + 1), offset, limit);
    }

    public List<Project> listForTeam(Actor actor, String orgSlug, String teamSlug) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.PROJECT_READ);
        return projects.listForTeam(organizations.findTeam(access, teamSlug).id());
    }

    /** Like {@link #list}, with each project's teams. */
    public Page<ProjectView> listWithTeams(Actor actor, String orgSlug, int offset, int limit) {
        Page<Project> page = list(actor, orgSlug, offset, limit);
        return new Page<>(withTeams(page.items()), page.offset(), page.limit(), page.hasMore());
    }

    /** Like {@link #listForTeam}, with each project's teams (a project may belong to several). */
    public List<ProjectView> listForTeamWithTeams(Actor actor, String orgSlug, String teamSlug) {
        return withTeams(listForTeam(actor, orgSlug, teamSlug));
    }

    private List<ProjectView> withTeams(List<Project> list) {
        var teamsByProject = teams.listForProjects(list.stream().map(Project::id).toList());
        return list.stream().map(p -> new ProjectView(p, teamsByProject.getOrDefault(p.id(), List.of()))).toList();
    }

    public ProjectView get(Actor actor, String orgSlug, String projectSlug) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.PROJECT_READ);
        Project project = find(access, projectSlug);
        return new ProjectView(project, teams.listForProject(project.id()));
    }

    /** Creates a project owned by a team, with its first DSN key. */
    public ProjectView create(Actor actor, String orgSlug, String teamSlug, String name, String slug, String platform) {
        if (name == null && slug == null) {
            throw new InvalidInputException("name", "is required (or give a slug)");
        }
        String validName = Validation.name("name", name == null ? slug : name);
        String validSlug = slug == null ? Validation.slugify(validName) : Validation.slug("slug", slug);
        String validPlatform = platform(platform);
        return tx.write(() -> {
            OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.PROJECT_WRITE);
            Team team = organizations.findTeam(access, teamSlug);
            Project project = projects.insert(access.org().id(), validSlug, validName, validPlatform, clock.instant())
                    .orElseThrow(() -> new ConflictException("a project with slug '" + validSlug + "' already exists in this organization"));
            projects.addTeam(project.id(), team.id());
            keys.insert(project.id(), "Default", newPublicKey(), null, null, clock.instant());
            return new ProjectView(project, List.of(team));
        });
    }

    public ProjectView update(Actor actor, String orgSlug, String projectSlug, String name, String slug, String platform) {
        return update(actor, orgSlug, projectSlug, name, slug, platform, UnaryOperator.identity());
    }

    /** Renames and changes the ingestion settings in one transaction: a rejected setting changes nothing. */
    public ProjectView update(Actor actor, String orgSlug, String projectSlug, String name, String slug, String platform,
            UnaryOperator<ProjectSettings> settingsChange) {
        return tx(() -> {
            OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.PROJECT_WRITE);
            Project project = find(access, projectSlug);
            ProjectSettings current = projects.settings(project.id());
            ProjectSettings changed = settingsChange.apply(current);
            if (!changed.equals(current)) {
                projects.updateSettings(project.id(), changed);
            }
            String newName = name == null ? project.name() : Validation.name("name", name);
            String newSlug = slug == null ? project.slug() : Validation.slug("slug", slug);
            String newPlatform = platform == null ? project.platform() : platform(platform);
            if (!projects.update(project.id(), access.org().id(), newSlug, newName, newPlatform)) {
                throw new ConflictException("a project with slug '" + newSlug + "' already exists in this organization");
            }
            Project updated = projects.findById(project.id()).orElseThrow();
            return new ProjectView(updated, teams.listForProject(updated.id()));
        }, dsnKeys::invalidateAll);
    }

    public void delete(Actor actor, String orgSlug, String projectSlug) {
        tx.write(() -> {
            OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.PROJECT_ADMIN);
            Project project = find(access, projectSlug);
            deletionListeners.orderedStream().forEach(l -> l.projectDeleting(access.org().id(), project.id(), actor.email()));
            projects.delete(project.id());
        });
        dsnKeys.invalidateAll();
    }

    public ProjectSettings settings(Actor actor, String orgSlug, String projectSlug) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.PROJECT_READ);
        return projects.settings(find(access, projectSlug).id());
    }

    // --- environments ---

    /** The project's environments (Sentry's {@code ?visibility=}, default visible), by name. */
    public List<ProjectEnvironment> environments(Actor actor, String orgSlug, String projectSlug,
            ProjectEnvironment.Visibility visibility) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.PROJECT_READ);
        return environmentStore.list(find(access, projectSlug).id(), visibility);
    }

    /**
     * The environment names an issue picker offers: the visible environments of the project, or of
     * every project of the organization when {@code projectSlug} is null (at most 200).
     */
    public List<String> pickerEnvironments(Actor actor, String orgSlug, String projectSlug) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.PROJECT_READ);
        if (projectSlug != null) {
            return environmentStore.list(find(access, projectSlug).id(), ProjectEnvironment.Visibility.VISIBLE).stream()
                    .map(ProjectEnvironment::name).toList();
        }
        return environmentStore.visibleNamesInOrganization(access.org().id(), 200);
    }

    /** Hides an environment from pickers, or shows it again; needs {@code project:write}. */
    public ProjectEnvironment setEnvironmentHidden(Actor actor, String orgSlug, String projectSlug, String name, boolean hidden) {
        return tx.write(() -> {
            OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.PROJECT_WRITE);
            long projectId = find(access, projectSlug).id();
            if (name == null || !environmentStore.setHidden(projectId, name, hidden)) {
                throw new NotFoundException("environment '" + name + "' not found");
            }
            return environmentStore.list(projectId, ProjectEnvironment.Visibility.ALL).stream()
                    .filter(e -> e.name().equals(name)).findFirst().orElseThrow();
        });
    }

    // --- keys ---

    public List<ProjectKey> listKeys(Actor actor, String orgSlug, String projectSlug) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.PROJECT_READ);
        return keys.list(find(access, projectSlug).id());
    }

    public ProjectKey getKey(Actor actor, String orgSlug, String projectSlug, String publicKey) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.PROJECT_READ);
        return findKey(find(access, projectSlug), publicKey);
    }

    public ProjectKey createKey(Actor actor, String orgSlug, String projectSlug, String label, RateLimit rateLimit) {
        String validLabel = label == null ? "Default" : Validation.name("name", label);
        RateLimit limit = rateLimit == null ? RateLimit.NONE : rateLimit;
        return tx.write(() -> {
            OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.PROJECT_WRITE);
            Project project = find(access, projectSlug);
            return keys.insert(project.id(), validLabel, newPublicKey(), limit.count(), limit.window(), clock.instant());
        });
    }

    /** Changes a key; null arguments keep their current value, {@link RateLimit#NONE} removes the limit. */
    public ProjectKey updateKey(Actor actor, String orgSlug, String projectSlug, String publicKey, String label,
            Boolean active, RateLimit rateLimit) {
        String validLabel = label == null ? null : Validation.name("name", label);
        return tx(() -> {
            OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.PROJECT_WRITE);
            ProjectKey key = findKey(find(access, projectSlug), publicKey);
            RateLimit limit = rateLimit == null ? new RateLimit(key.rateLimitCount(), key.rateLimitWindow()) : rateLimit;
            keys.update(key.id(), validLabel == null ? key.label() : validLabel, active == null ? key.active() : active,
                    limit.count(), limit.window());
            return keys.find(key.projectId(), key.publicKey()).orElseThrow();
        }, dsnKeys::invalidateAll);
    }

    /**
     * Replaces a leaked key: a new key with the same label and limit, and the old one disabled
     * (it can be enabled again while the apps move to the new DSN).
     */
    public ProjectKey rotateKey(Actor actor, String orgSlug, String projectSlug, String publicKey) {
        return tx(() -> {
            OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.PROJECT_WRITE);
            ProjectKey old = findKey(find(access, projectSlug), publicKey);
            keys.update(old.id(), old.label(), false, old.rateLimitCount(), old.rateLimitWindow());
            return keys.insert(old.projectId(), old.label(), newPublicKey(), old.rateLimitCount(), old.rateLimitWindow(),
                    clock.instant());
        }, dsnKeys::invalidateAll);
    }

    public void deleteKey(Actor actor, String orgSlug, String projectSlug, String publicKey) {
        tx.write(() -> {
            OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.PROJECT_WRITE);
            keys.delete(findKey(find(access, projectSlug), publicKey).id());
        });
        dsnKeys.invalidateAll();
    }

    /** A per-key rate limit: {@code count} events per {@code window} seconds; both null means none. */
    public record RateLimit(Integer count, Integer window) {
        public static final RateLimit NONE = new RateLimit(null, null);

        public RateLimit {
            if ((count == null) != (window == null)) {
                throw new InvalidInputException("rateLimit", "give both count and window, or neither");
            }
            if (count != null && (count < 1 || count > 1_000_000_000)) {
                throw new InvalidInputException("rateLimit.count", "must be between 1 and 1000000000");
            }
            if (window != null && (window < 1 || window > 86_400)) {
                throw new InvalidInputException("rateLimit.window", "must be between 1 and 86400 seconds");
            }
        }
    }

    /** Runs a write, then forgets cached DSN keys so ingestion sees the change at once. */
    private <T> T tx(java.util.function.Supplier<T> work, Runnable after) {
        T result = tx.write(work);
        after.run();
        return result;
    }

    Project find(OrgAccess access, String projectSlug) {
        return projects.findBySlug(access.org().id(), projectSlug)
                .orElseThrow(() -> new NotFoundException("project '" + projectSlug + "' not found"));
    }

    private ProjectKey findKey(Project project, String publicKey) {
        return keys.find(project.id(), publicKey)
                .orElseThrow(() -> new NotFoundException("key '" + publicKey + "' not found"));
    }

    private static String platform(String platform) {
        if (platform == null || platform.isBlank()) {
            return null;
        }
        if (!PLATFORM.matcher(platform).matches()) {
            throw new InvalidInputException("platform", "must be a platform id such as java, node, javascript-react or python");
        }
        return platform;
    }

    private static String newPublicKey() {
        return Secrets.randomHex(16);
    }
}
