package io.bugmaster.releases.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bugmaster.releases.Commit;
import io.bugmaster.releases.Deploy;
import io.bugmaster.releases.ReleaseProject;
import io.bugmaster.releases.ReleaseVersions;
import io.bugmaster.releases.ReleaseView;
import io.bugmaster.releases.Repository;
import io.bugmaster.releases.SuspectCommit;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of releases, commits, deploys and repositories, as Sentry's API serializes them. */
final class ReleasesJson {
    private ReleasesJson() {}

    record ReleaseJson(long id, String version, String shortVersion, String ref, String url, Instant dateCreated,
            Instant dateReleased, Instant dateStarted, long newGroups, long commitCount, CommitJson lastCommit,
            long deployCount, DeployJson lastDeploy, List<AuthorJson> authors, List<ProjectJson> projects,
            Instant firstEvent, Instant lastEvent, Map<String, Object> data, String status, VersionInfoJson versionInfo) {}

    record ProjectJson(long id, String slug, String name, long newGroups, String platform, List<String> platforms,
            boolean hasHealthData) {}

    record AuthorJson(String name, String email) {}

    record VersionInfoJson(@JsonProperty("package") String packageName, Map<String, Object> version, String buildHash,
            String description) {}

    record CommitJson(String id, String message, Instant dateCreated, AuthorJson author, RepositoryJson repository) {}

    record RepositoryJson(String id, String name, String url, Provider provider, String status, Instant dateCreated,
            String integrationId, String externalSlug) {}

    record Provider(String id, String name) {}

    record DeployJson(String id, String environment, String name, String url, Instant dateStarted, Instant dateFinished) {}

    /**
     * One file a release's commit changed, as Sentry's {@code commitfiles} serializes it; {@code id}
     * is the commit's SHA and the path (a commit changes a path once), {@code author} the commit
     * author's name (else e-mail).
     */
    record CommitFileJson(String id, long orgId, String author, String commitMessage, String filename, String type,
            String repoName) {}

    record SuspectJson(CommitJson commit, String suspectCommitType, String release, String path, FrameJson frame) {}

    record FrameJson(String filename, String absPath, String module, String function) {}

    static ReleaseJson release(ReleaseView view) {
        var r = view.release();
        return new ReleaseJson(r.id(), r.version(), ReleaseVersions.shortVersion(r.version()), r.ref(), r.url(), r.createdAt(),
                r.dateReleased(), r.dateStarted(), view.newIssues(), view.commitCount(),
                view.lastCommit() == null ? null : commit(view.lastCommit()), view.deployCount(),
                view.lastDeploy() == null ? null : deploy(view.lastDeploy()),
                view.authors().stream().map(a -> new AuthorJson(a.name(), a.email())).toList(),
                view.projects().stream().map(ReleasesJson::project).toList(), r.firstEvent(), r.lastEvent(), Map.of(), "open",
                versionInfo(r.version()));
    }

    static ProjectJson project(ReleaseProject p) {
        return new ProjectJson(p.projectId(), p.slug(), p.name(), p.newIssues(), p.platform(),
                p.platform() == null ? List.of() : List.of(p.platform()), false);
    }

    static VersionInfoJson versionInfo(String version) {
        var info = ReleaseVersions.info(version);
        var parts = info.version();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("raw", parts.raw());
        if (parts.major() != null) {
            v.put("major", parts.major());
            v.put("minor", parts.minor());
            v.put("patch", parts.patch());
            v.put("pre", parts.pre());
            v.put("buildCode", parts.buildCode());
        }
        return new VersionInfoJson(info.packageName(), v, info.buildHash(), info.description());
    }

    static CommitJson commit(Commit c) {
        Commit.Author author = c.author();
        return new CommitJson(c.key(), c.message(), c.timestamp() == null ? c.createdAt() : c.timestamp(),
                author == null ? null : new AuthorJson(author.name(), author.email()), repository(c.repository()));
    }

    static RepositoryJson repository(Repository r) {
        return new RepositoryJson(String.valueOf(r.id()), r.name(), r.url(), provider(r), "active", r.createdAt(), null, null);
    }

    /** The provider stored with the repository, else guessed from its URL; "unknown" when neither says. */
    static Provider provider(Repository r) {
        String hint = (r.provider() != null ? r.provider() : r.url() == null ? "" : r.url()).toLowerCase(Locale.ROOT);
        if (hint.contains("github")) {
            return new Provider("integrations:github", "GitHub");
        }
        if (hint.contains("gitlab")) {
            return new Provider("integrations:gitlab", "GitLab");
        }
        if (hint.contains("bitbucket")) {
            return new Provider("integrations:bitbucket", "Bitbucket");
        }
        return new Provider("unknown", "Unknown Provider");
    }

    static DeployJson deploy(Deploy d) {
        return new DeployJson(String.valueOf(d.id()), d.environment(), d.name(), d.url(), d.dateStarted(), d.dateFinished());
    }

    static CommitFileJson commitFile(io.bugmaster.releases.CommitFile f) {
        Commit c = f.commit();
        String author = c.authorName() != null ? c.authorName() : c.authorEmail();
        return new CommitFileJson(c.key() + ":" + f.path(), c.repository().orgId(), author, c.message(), f.path(), f.type(),
                c.repository().name());
    }

    static SuspectJson suspect(SuspectCommit s) {
        var f = s.frame();
        return new SuspectJson(commit(s.commit()), "via commit in release", s.release().version(), s.path(),
                new FrameJson(f.filename(), f.absPath(), f.module(), f.function()));
    }
}
