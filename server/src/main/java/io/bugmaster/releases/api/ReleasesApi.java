package io.bugmaster.releases.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bugmaster.accounts.Actor;
import io.bugmaster.releases.ReleaseInputs.CommitSpec;
import io.bugmaster.releases.ReleaseInputs.DeploySpec;
import io.bugmaster.releases.ReleaseInputs.FileSpec;
import io.bugmaster.releases.ReleaseInputs.RefSpec;
import io.bugmaster.releases.ReleaseService;
import io.bugmaster.releases.SuspectCommitService;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Releases, their commits and deploys, and the organization's repositories, at Sentry's paths so
 * sentry-cli works unchanged. Request bodies accept fields they do not model: sentry-cli may send
 * more than Bugmaster keeps, and must never get a 400 for it.
 */
@ApiController
@RequestMapping("/api/0")
class ReleasesApi {
    private static final String RELEASE = "/organizations/{org}/releases/{version}";

    private final ReleaseService releases;
    private final SuspectCommitService suspects;
    private final Paging paging;

    ReleasesApi(ReleaseService releases, SuspectCommitService suspects, Paging paging) {
        this.releases = releases;
        this.suspects = suspects;
        this.paging = paging;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CreateRelease(String version, List<String> projects, String ref, String url, String dateStarted,
            String dateReleased, List<CommitBody> commits, List<RefBody> refs) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UpdateRelease(List<String> projects, String ref, String url, String dateStarted, String dateReleased,
            List<CommitBody> commits, List<RefBody> refs) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CommitBody(String id, String repository, String message, @JsonProperty("author_name") String authorName,
            @JsonProperty("author_email") String authorEmail, String timestamp,
            @JsonProperty("patch_set") List<FileBody> patchSet) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FileBody(String path, String type) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RefBody(String repository, String commit, String previousCommit) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CreateDeploy(String environment, String name, String url, String dateStarted, String dateFinished) {}

    /** 201 with the new release; 208 with the existing one when the version is already there (Sentry's answer). */
    @PostMapping({"/organizations/{org}/releases/", "/organizations/{org}/releases"})
    ResponseEntity<ReleasesJson.ReleaseJson> create(Actor actor, @PathVariable String org, @RequestBody CreateRelease body) {
        var created = releases.create(actor, org, new ReleaseService.NewRelease(body.version(), body.projects(), body.ref(),
                body.url(), body.dateStarted(), body.dateReleased(), commits(body.commits()), refs(body.refs())));
        return ResponseEntity.status(created.created() ? HttpStatus.CREATED : HttpStatus.ALREADY_REPORTED)
                .body(ReleasesJson.release(created.release()));
    }

    @GetMapping({"/organizations/{org}/releases/", "/organizations/{org}/releases"})
    ResponseEntity<List<ReleasesJson.ReleaseJson>> list(Actor actor, HttpServletRequest request, @PathVariable String org,
            @RequestParam(required = false) List<String> project, @RequestParam(required = false) String query,
            PageRequest page) {
        return paging.respond(request, releases.list(actor, org, project, query, page.offset(), page.perPage()),
                ReleasesJson::release);
    }

    @GetMapping({"/projects/{org}/{project}/releases/", "/projects/{org}/{project}/releases"})
    ResponseEntity<List<ReleasesJson.ReleaseJson>> listForProject(Actor actor, HttpServletRequest request,
            @PathVariable String org, @PathVariable String project, PageRequest page) {
        return paging.respond(request, releases.listForProject(actor, org, project, page.offset(), page.perPage()),
                ReleasesJson::release);
    }

    @GetMapping({RELEASE + "/", RELEASE})
    ReleasesJson.ReleaseJson get(Actor actor, @PathVariable String org, @PathVariable String version) {
        return ReleasesJson.release(releases.get(actor, org, version));
    }

    @PutMapping({RELEASE + "/", RELEASE})
    ReleasesJson.ReleaseJson update(Actor actor, @PathVariable String org, @PathVariable String version,
            @RequestBody UpdateRelease body) {
        return ReleasesJson.release(releases.update(actor, org, version, new ReleaseService.ReleaseUpdate(body.projects(),
                body.ref(), body.url(), body.dateStarted(), body.dateReleased(), commits(body.commits()), refs(body.refs()))));
    }

    @DeleteMapping({RELEASE + "/", RELEASE})
    ResponseEntity<Void> delete(Actor actor, @PathVariable String org, @PathVariable String version) {
        releases.delete(actor, org, version);
        return ResponseEntity.noContent().build();
    }

    /** The previous release with commits, or {@code {}} when there is none (what sentry-cli expects). */
    @GetMapping({RELEASE + "/previous-with-commits/", RELEASE + "/previous-with-commits"})
    Object previousWithCommits(Actor actor, @PathVariable String org, @PathVariable String version) {
        return releases.previousWithCommits(actor, org, version).<Object>map(ReleasesJson::release).orElse(Map.of());
    }

    @GetMapping({RELEASE + "/commits/", RELEASE + "/commits"})
    ResponseEntity<List<ReleasesJson.CommitJson>> commits(Actor actor, HttpServletRequest request, @PathVariable String org,
            @PathVariable String version, PageRequest page) {
        return paging.respond(request, releases.commits(actor, org, version, page.offset(), page.perPage()),
                ReleasesJson::commit);
    }

    @GetMapping({RELEASE + "/commitfiles/", RELEASE + "/commitfiles"})
    ResponseEntity<List<ReleasesJson.CommitFileJson>> commitFiles(Actor actor, HttpServletRequest request,
            @PathVariable String org, @PathVariable String version, PageRequest page) {
        return paging.respond(request, releases.commitFiles(actor, org, version, page.offset(), page.perPage()),
                ReleasesJson::commitFile);
    }

    @GetMapping({RELEASE + "/deploys/", RELEASE + "/deploys"})
    ResponseEntity<List<ReleasesJson.DeployJson>> deploys(Actor actor, HttpServletRequest request, @PathVariable String org,
            @PathVariable String version, PageRequest page) {
        return paging.respond(request, releases.deploys(actor, org, version, page.offset(), page.perPage()),
                ReleasesJson::deploy);
    }

    @PostMapping({RELEASE + "/deploys/", RELEASE + "/deploys"})
    ResponseEntity<ReleasesJson.DeployJson> createDeploy(Actor actor, @PathVariable String org, @PathVariable String version,
            @RequestBody CreateDeploy body) {
        var deploy = releases.createDeploy(actor, org, version,
                new DeploySpec(body.environment(), body.name(), body.url(), body.dateStarted(), body.dateFinished()));
        return ResponseEntity.status(HttpStatus.CREATED).body(ReleasesJson.deploy(deploy));
    }

    @GetMapping({"/organizations/{org}/repos/", "/organizations/{org}/repos"})
    ResponseEntity<List<ReleasesJson.RepositoryJson>> repositories(Actor actor, HttpServletRequest request,
            @PathVariable String org, PageRequest page) {
        return paging.respond(request, releases.repositories(actor, org, page.offset(), page.perPage()),
                ReleasesJson::repository);
    }

    /** The suspect commit as a list of zero or one. */
    @GetMapping({"/issues/{id}/suspect-commits/", "/issues/{id}/suspect-commits"})
    List<ReleasesJson.SuspectJson> suspectCommits(Actor actor, @PathVariable long id) {
        return suspects.suspectCommit(actor, id).map(ReleasesJson::suspect).stream().toList();
    }

    private static List<CommitSpec> commits(List<CommitBody> commits) {
        return commits == null ? null : commits.stream().map(c -> c == null ? null
                : new CommitSpec(c.id(), c.repository(), c.message(), c.authorName(), c.authorEmail(), c.timestamp(),
                        c.patchSet() == null ? null : c.patchSet().stream()
                                .map(f -> f == null ? null : new FileSpec(f.path(), f.type())).toList()))
                .toList();
    }

    private static List<RefSpec> refs(List<RefBody> refs) {
        return refs == null ? null : refs.stream()
                .map(r -> r == null ? null : new RefSpec(r.repository(), r.commit(), r.previousCommit())).toList();
    }
}
