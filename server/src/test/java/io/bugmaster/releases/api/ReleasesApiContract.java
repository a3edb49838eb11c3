package io.bugmaster.releases.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.releases.ReleaseService;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.ApiClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The releases API as sentry-cli and Sentry API clients use it, on every database. */
abstract class ReleasesApiContract extends IntegrationTest {
    @Autowired ProjectService projects;
    @Autowired ReleaseService releaseService;

    ApiClient http;
    Tenant tenant;
    String org;
    String token;
    long projectId;

    @BeforeEach
    void tenant() {
        http = new ApiClient(baseUrl());
        tenant = newTenant();
        org = tenant.org().slug();
        token = tenant.ownerToken();
        projectId = projects.create(tenant.owner(), org, org, "Shop", "shop", "java").project().id();
        projects.create(tenant.owner(), org, org, "Admin", "admin", "node");
    }

    static String enc(String version) {
        return URLEncoder.encode(version, StandardCharsets.UTF_8).replace("+", "%2B");
    }

    String releases() {
        return "/api/0/organizations/" + org + "/releases/";
    }

    ApiClient.Response create(String version, String... projectSlugs) {
        clock.advance(Duration.ofSeconds(1));
        return http.post(token, releases(), ApiClient.JSON.createObjectNode().put("version", version)
                .set("projects", ApiClient.JSON.valueToTree(List.of(projectSlugs))).toString());
    }

    @Test
    void creatingAReleaseAnswers201AndTheSameVersionAgain208WithTheProjectsAdded() {
        ApiClient.Response created = http.post(token, releases(),
                "{\"version\":\"shop@1.2.3+42\",\"projects\":[\"shop\"],\"dateStarted\":\"2026-11-21T05:36:44.773730147Z\","
                        + "\"ref\":\"main\",\"url\":\"https://ci.acme.io/1\",\"someFutureField\":1}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode json = created.json();
        assertThat(json.path("version").asString()).isEqualTo("shop@1.2.3+42");
        assertThat(json.path("shortVersion").asString()).isEqualTo("1.2.3+42");
        assertThat(json.path("ref").asString()).isEqualTo("main");
        assertThat(json.path("status").asString()).isEqualTo("open");
        assertThat(json.path("dateStarted").asString()).isEqualTo("2026-11-21T05:36:44.773Z");
        assertThat(json.path("dateReleased").isNull()).isTrue();
        assertThat(json.path("commitCount").asLong()).isZero();
        assertThat(json.path("versionInfo").path("package").asString()).isEqualTo("shop");
        assertThat(json.path("versionInfo").path("version").path("major").asLong()).isEqualTo(1);
        assertThat(json.path("versionInfo").path("version").path("buildCode").asString()).isEqualTo("42");
        assertThat(json.path("projects").get(0).path("slug").asString()).isEqualTo("shop");
        assertThat(json.path("projects").get(0).path("platforms").get(0).asString()).isEqualTo("java");
        assertThat(json.path("data").isObject()).isTrue();

        ApiClient.Response again = http.post(token, releases(), "{\"version\":\"shop@1.2.3+42\",\"projects\":[\"admin\"]}");
        assertThat(again.status()).as(again.toString()).isEqualTo(208);
        assertThat(again.json().path("id").asLong()).isEqualTo(json.path("id").asLong());
        assertThat(again.json().path("ref").asString()).isEqualTo("main");
        assertThat(again.json().path("projects").valueStream().map(n -> n.path("slug").asString()).toList()).containsExactly("admin", "shop");

        ApiClient.Response got = http.get(token, releases() + enc("shop@1.2.3+42") + "/");
        assertThat(got.status()).as(got.toString()).isEqualTo(200);
        assertThat(got.json().path("version").asString()).isEqualTo("shop@1.2.3+42");
        assertThat(http.get(token, releases() + "shop@1.2.3+42/").json().path("version").asString()).isEqualTo("shop@1.2.3+42");
        assertThat(http.get(token, releases() + "nope/").status()).isEqualTo(404);
    }

    @Test
    void finalizingSetsTheReleaseDateAndCommitsBringAuthorsFilesAndRepositories() {
        create("2.0.0", "shop");
        ApiClient.Response finalized = http.put(token, releases() + "2.0.0/",
                "{\"projects\":[\"shop\"],\"dateReleased\":\"2026-11-21T06:00:00Z\"}");
        assertThat(finalized.status()).as(finalized.toString()).isEqualTo(200);
        assertThat(finalized.json().path("version").asString()).isEqualTo("2.0.0");
        assertThat(finalized.json().path("dateReleased").asString()).isEqualTo("2026-11-21T06:00:00Z");

        ApiClient.Response withCommits = http.put(token, releases() + "2.0.0/", """
                {"commits":[
                  {"id":"bbbb","repository":"acme/shop","message":"Pay by card\\n","author_name":"Ann","author_email":"ann@acme.io",
                   "timestamp":"2026-11-21T05:00:00+01:00","patch_set":[{"path":"src/Pay.java","type":"M"},{"path":"src/Card.java","type":"A"}]},
                  {"id":"aaaa","repository":"acme/shop","message":"Start","author_name":"Bob","author_email":"bob@acme.io",
                   "timestamp":"2026-11-20T05:00:00Z","patch_set":[{"path":"README.md","type":"A"}],"unknownCliField":true}]}""");
        assertThat(withCommits.status()).as(withCommits.toString()).isEqualTo(200);
        JsonNode json = withCommits.json();
        assertThat(json.path("commitCount").asLong()).isEqualTo(2);
        assertThat(json.path("lastCommit").path("id").asString()).isEqualTo("bbbb");
        assertThat(json.path("lastCommit").path("dateCreated").asString()).isEqualTo("2026-11-21T04:00:00Z");
        assertThat(json.path("lastCommit").path("author").path("email").asString()).isEqualTo("ann@acme.io");
        assertThat(json.path("authors").valueStream().map(n -> n.path("email").asString()).toList()).containsExactly("ann@acme.io", "bob@acme.io");

        ApiClient.Response commits = http.get(token, releases() + "2.0.0/commits/");
        assertThat(commits.status()).isEqualTo(200);
        assertThat(commits.json().valueStream().map(n -> n.path("id").asString()).toList()).containsExactly("bbbb", "aaaa");
        assertThat(commits.json().get(0).path("repository").path("name").asString()).isEqualTo("acme/shop");

        ApiClient.Response repos = http.get(token, "/api/0/organizations/" + org + "/repos/?cursor=");
        assertThat(repos.status()).as(repos.toString()).isEqualTo(200);
        assertThat(repos.json().valueStream().map(n -> n.path("name").asString()).toList()).containsExactly("acme/shop");
        assertThat(repos.json().get(0).path("provider").path("id").asString()).isNotBlank();
        assertThat(repos.json().get(0).path("status").asString()).isEqualTo("active");

        // sentry-cli asks for the previous release with commits, to send only newer ones
        assertThat(http.get(token, releases() + "2.0.0/previous-with-commits/").body()).isEqualTo("{}");
        create("2.0.1", "shop");
        JsonNode previous = http.get(token, releases() + "2.0.1/previous-with-commits/").json();
        assertThat(previous.path("version").asString()).isEqualTo("2.0.0");
        assertThat(previous.path("lastCommit").path("id").asString()).isEqualTo("bbbb");

        // refs name a repository's head commit; setting commits again replaces them
        ApiClient.Response refs = http.put(token, releases() + "2.0.0/",
                "{\"refs\":[{\"repository\":\"acme/api\",\"commit\":\"cccc\",\"previousCommit\":null}]}");
        assertThat(refs.json().path("commitCount").asLong()).isEqualTo(1);
        assertThat(refs.json().path("lastCommit").path("repository").path("name").asString()).isEqualTo("acme/api");
        assertThat(http.put(token, releases() + "2.0.0/", "{\"commits\":[]}").json().path("commitCount").asLong()).isZero();
    }

    @Test
    void commitFilesListTheFilesOfTheReleasesCommitsAsSentryShapesThem() {
        create("3.0.0", "shop");
        assertThat(http.get(token, releases() + "3.0.0/commitfiles/").json().size()).isZero();
        ApiClient.Response withCommits = http.put(token, releases() + "3.0.0/", """
                {"commits":[
                  {"id":"dddd","repository":"acme/shop","message":"Pay by card","author_name":"Ann","author_email":"ann@acme.io",
                   "patch_set":[{"path":"src/Pay.java","type":"M"},{"path":"src/Card.java","type":"A"}]},
                  {"id":"cccc","repository":"acme/shop","message":"Clean up","author_email":"bob@acme.io",
                   "patch_set":[{"path":"src/Old.java","type":"D"}]},
                  {"id":"eeee","repository":"acme/shop","message":"no files sent"}]}""");
        assertThat(withCommits.status()).as(withCommits.toString()).isEqualTo(200);

        ApiClient.Response files = http.get(token, releases() + "3.0.0/commitfiles/");
        assertThat(files.status()).as(files.toString()).isEqualTo(200);
        assertThat(files.json().valueStream().map(n -> n.path("filename").asString() + " " + n.path("type").asString()).toList())
                .containsExactly("src/Card.java A", "src/Pay.java M", "src/Old.java D");
        JsonNode first = files.json().get(0);
        assertThat(first.path("commitMessage").asString()).isEqualTo("Pay by card");
        assertThat(first.path("author").asString()).isEqualTo("Ann");
        assertThat(first.path("repoName").asString()).isEqualTo("acme/shop");
        assertThat(first.path("orgId").asLong()).isEqualTo(tenant.org().id());
        assertThat(first.path("id").asString()).isNotBlank();
        assertThat(files.json().get(2).path("author").asString()).isEqualTo("bob@acme.io");

        ApiClient.Response paged = http.get(token, releases() + "3.0.0/commitfiles/?per_page=2");
        assertThat(paged.json().size()).isEqualTo(2);
        assertThat(paged.header("Link")).contains("results=\"true\"");

        // the service pairs each commit with its files for the release page
        var withFiles = releaseService.commitsWithFiles(tenant.owner(), org, "3.0.0", 0, 10).items();
        assertThat(withFiles.stream().map(c -> c.commit().key() + "=" + c.files().size()).toList())
                .containsExactly("dddd=2", "cccc=1", "eeee=0");

        assertThat(http.get(token, releases() + "no-such/commitfiles/").status()).isEqualTo(404);
        Tenant other = newTenant();
        assertThat(http.get(other.ownerToken(), "/api/0/organizations/" + org + "/releases/3.0.0/commitfiles/").status())
                .isIn(403, 404);
    }

    @Test
    void releaseListsPageWithLinkCursorsAndFilterByProjectAndPrefix() {
        create("web@1.0.0", "shop");
        create("web@1.1.0", "shop");
        create("api@1.0.0", "admin");
        ApiClient.Response first = http.get(token, releases() + "?per_page=2");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().valueStream().map(n -> n.path("version").asString()).toList()).containsExactly("api@1.0.0", "web@1.1.0");
        assertThat(first.header("Link")).contains("rel=\"next\"; results=\"true\"; cursor=\"0:2:0\"");
        ApiClient.Response second = http.get(token, releases() + "?per_page=2&cursor=0:2:0");
        assertThat(second.json().valueStream().map(n -> n.path("version").asString()).toList()).containsExactly("web@1.0.0");
        assertThat(second.header("Link")).contains("rel=\"next\"; results=\"false\"");

        assertThat(http.get(token, releases() + "?query=WEB@").json().valueStream().map(n -> n.path("version").asString()).toList())
                .containsExactly("web@1.1.0", "web@1.0.0");
        assertThat(http.get(token, releases() + "?query=web%25").json().size()).isZero();
        assertThat(http.get(token, releases() + "?project=" + projectId).json().valueStream().map(n -> n.path("version").asString()).toList())
                .containsExactly("web@1.1.0", "web@1.0.0");
        assertThat(http.get(token, releases() + "?project=999999999").json().size()).isZero();

        ApiClient.Response project = http.get(token, "/api/0/projects/" + org + "/admin/releases/");
        assertThat(project.status()).isEqualTo(200);
        assertThat(project.json().isArray()).isTrue();
        assertThat(project.json().valueStream().map(n -> n.path("version").asString()).toList()).containsExactly("api@1.0.0");
        assertThat(http.get(token, "/api/0/projects/" + org + "/nope/releases/").status()).isEqualTo(404);
    }

    @Test
    void deploysAreListedCountedAndAvailableAsChanges() {
        create("3.0.0", "shop");
        Instant before = clock.instant();
        ApiClient.Response deploy = http.post(token, releases() + "3.0.0/deploys/",
                "{\"environment\":\"production\",\"name\":null,\"url\":null,\"dateStarted\":null,\"dateFinished\":\"2026-11-21T05:36:44.843215085Z\"}");
        assertThat(deploy.status()).as(deploy.toString()).isEqualTo(201);
        assertThat(deploy.json().path("environment").asString()).isEqualTo("production");
        assertThat(deploy.json().path("id").asString()).isNotBlank();
        assertThat(deploy.json().path("dateFinished").asString()).isEqualTo("2026-11-21T05:36:44.843Z");
        assertThat(deploy.json().has("name")).isTrue();
        ApiClient.Response staging = http.post(token, releases() + "3.0.0/deploys/", "{\"environment\":\"staging\",\"name\":\"canary\"}");
        assertThat(staging.status()).isEqualTo(201);
        assertThat(staging.json().path("dateFinished").asString()).isEqualTo(Instant.ofEpochMilli(clock.instant().toEpochMilli()).toString());

        ApiClient.Response list = http.get(token, releases() + "3.0.0/deploys/");
        assertThat(list.json().valueStream().map(n -> n.path("environment").asString()).toList()).containsExactly("staging", "production");
        JsonNode release = http.get(token, releases() + "3.0.0/").json();
        assertThat(release.path("deployCount").asLong()).isEqualTo(2);
        assertThat(release.path("lastDeploy").path("environment").asString()).isEqualTo("staging");

        assertThat(releaseService.deploysBetween(tenant.org().id(), before, clock.instant().plusMillis(1)))
                .extracting(d -> d.version() + " " + d.environment()).containsExactly("3.0.0 staging");
    }

    @Test
    void badInputIsA400ThatNamesTheField() {
        assertThat(http.post(token, releases(), "{\"projects\":[\"shop\"]}").detail()).startsWith("version: ");
        assertThat(http.post(token, releases(), "{\"version\":\"a/b\",\"projects\":[\"shop\"]}").detail())
                .startsWith("version: must not contain '/'");
        assertThat(http.post(token, releases(), "{\"version\":\"1.0\"}").detail()).startsWith("projects: ");
        ApiClient.Response unknownProject = http.post(token, releases(), "{\"version\":\"1.0\",\"projects\":[\"ghost\"]}");
        assertThat(unknownProject.status()).isEqualTo(400);
        assertThat(unknownProject.detail()).contains("projects").contains("ghost");
        assertThat(http.post(token, releases(), "{\"version\":\"1.0\",\"projects\":[\"shop\"],\"dateStarted\":\"soon\"}").detail())
                .startsWith("dateStarted: ");
        assertThat(http.post(token, releases(), "{\"version\":1,\"projects\":[\"shop\"]}").status()).isEqualTo(400);
        create("4.0.0", "shop");
        ApiClient.Response badType = http.put(token, releases() + "4.0.0/",
                "{\"commits\":[{\"id\":\"abc\",\"patch_set\":[{\"path\":\"a\",\"type\":\"X\"}]}]}");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.detail()).startsWith("commits[0].patch_set[0].type: ");
        assertThat(http.put(token, releases() + "4.0.0/", "{\"commits\":[{\"message\":\"no id\"}]}").detail())
                .isEqualTo("commits[0].id: is required");
        ApiClient.Response noEnvironment = http.post(token, releases() + "4.0.0/deploys/", "{\"name\":\"x\"}");
        assertThat(noEnvironment.status()).isEqualTo(400);
        assertThat(noEnvironment.detail()).isEqualTo("environment: is required");
        assertThat(http.get(token, releases() + "?cursor=bad").detail()).startsWith("cursor: ");
        assertThat(http.get(token, "/api/0/issues/abc/suspect-commits/").status()).isEqualTo(400);
        // no release name has a slash; an encoded one in the path is refused before any handler (Tomcat's own 400)
        assertThat(http.get(token, releases() + "a%2Fb/").status()).isEqualTo(400);
    }

    @Test
    void anotherOrganizationsReleasesAreNotFoundAndViewersCannotWrite() {
        create("5.0.0", "shop");
        String stranger = newTenant().ownerToken();
        assertThat(http.get(stranger, releases() + "5.0.0/").status()).isEqualTo(404);
        assertThat(http.get(stranger, releases()).status()).isEqualTo(404);
        assertThat(http.post(stranger, releases(), "{\"version\":\"6.0.0\",\"projects\":[\"shop\"]}").status()).isEqualTo(404);
        assertThat(http.put(stranger, releases() + "5.0.0/", "{\"dateReleased\":\"2026-11-21T06:00:00Z\"}").status()).isEqualTo(404);
        assertThat(http.post(stranger, releases() + "5.0.0/deploys/", "{\"environment\":\"prod\"}").status()).isEqualTo(404);
        assertThat(http.get(stranger, releases() + "5.0.0/commits/").status()).isEqualTo(404);
        assertThat(http.get(stranger, "/api/0/organizations/" + org + "/repos/").status()).isEqualTo(404);
        assertThat(http.get(stranger, "/api/0/projects/" + org + "/shop/releases/").status()).isEqualTo(404);
        assertThat(http.delete(stranger, releases() + "5.0.0/").status()).isEqualTo(404);
        assertThat(http.get(null, releases()).status()).isEqualTo(401);

        String viewer = memberToken(tenant, Role.VIEWER);
        assertThat(http.get(viewer, releases() + "5.0.0/").status()).isEqualTo(200);
        assertThat(http.post(viewer, releases(), "{\"version\":\"6.0.0\",\"projects\":[\"shop\"]}").status()).isEqualTo(403);
        assertThat(http.post(viewer, releases() + "5.0.0/deploys/", "{\"environment\":\"prod\"}").status()).isEqualTo(403);

        // a CI token with only project:releases can do everything sentry-cli does
        String ci = token(tenant.owner(), List.of(Scopes.PROJECT_RELEASES));
        assertThat(http.post(ci, releases(), "{\"version\":\"6.0.0\",\"projects\":[\"shop\"]}").status()).isEqualTo(201);
        assertThat(http.get(ci, "/api/0/projects/" + org + "/shop/releases/").status()).isEqualTo(200);
        assertThat(http.get(ci, "/api/0/organizations/" + org + "/repos/").status()).isEqualTo(200);
        String readOnly = token(tenant.owner(), List.of(Scopes.PROJECT_READ));
        assertThat(http.put(readOnly, releases() + "6.0.0/", "{\"ref\":\"x\"}").status()).isEqualTo(403);
    }

    @Test
    void deletingARemovesItsCommitsLinksAndDeploys() {
        create("7.0.0", "shop");
        http.post(token, releases() + "7.0.0/deploys/", "{\"environment\":\"production\"}");
        assertThat(http.delete(token, releases() + "7.0.0/").status()).isEqualTo(204);
        assertThat(http.get(token, releases() + "7.0.0/").status()).isEqualTo(404);
        assertThat(http.get(token, releases() + "7.0.0/deploys/").status()).isEqualTo(404);
    }
}
