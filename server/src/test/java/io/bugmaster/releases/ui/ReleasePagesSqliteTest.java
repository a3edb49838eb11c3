package io.bugmaster.releases.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/** The release pages over real HTTP, with releases made through the REST API as sentry-cli makes them. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class ReleasePagesSqliteTest extends IntegrationTest {
    @Autowired ProjectService projects;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> api(String method, String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return response;
    }

    @Test
    void anOrganizationWithoutReleasesShowsTheSentryCliCommands() {
        String password = "release-pages-password";
        User user = newUser(password);
        Actor actor = Actor.session(user.id(), user.email());
        Organization org = organizations.create(actor, "Shop", unique("shop"));
        WebClient web = new WebClient(baseUrl());
        web.login(user.email(), password);

        HttpResponse<String> page = web.get("/orgs/" + org.slug() + "/releases");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("No releases yet").contains(">Releases</a>")
                .contains("<pre class=\"code\">sentry-cli releases --org " + org.slug() + " new -p PROJECT")
                .contains("sentry-cli releases --org " + org.slug() + " set-commits --local")
                .contains("sentry-cli releases --org " + org.slug() + " deploys &quot;$VERSION&quot; new -e production")
                .contains("docs/releases.md");
    }

    @Test
    void aReleaseWithCommitsAndADeployShowsInTheListAndItsDetailPageEscaped() throws Exception {
        Actor admin = Actor.session(users.findByEmail(ADMIN_EMAIL).orElseThrow().id(), ADMIN_EMAIL);
        String projectSlug = unique("web");
        long projectId = projects.create(admin, "default", "default", "Web", projectSlug, "javascript").project().id();
        String version = unique("web") + "@1.2.0+b7";
        api("POST", "/api/0/organizations/default/releases/", """
                {"version":"%s","projects":["%s"],"commits":[
                 {"id":"0123456789abcdef0123456789abcdef01234567","repository":"acme/web",
                  "message":"fix <script>alert(1)</script> checkout","author_name":"Mallory <script>alert(1)</script>",
                  "author_email":"m@example.com","patch_set":[{"path":"src/a.js","type":"M"}]},
                 {"id":"89abcdef0123456789abcdef0123456789abcdef","repository":"acme/web","message":"second commit",
                  "author_name":"Ann","author_email":"ann@example.com"}]}""".formatted(version, projectSlug));
        api("POST", "/api/0/organizations/default/releases/" + URLEncoder.encode(version, StandardCharsets.UTF_8).replace("+", "%2B")
                + "/deploys/", "{\"environment\":\"production\",\"name\":\"deploy 7\"}");

        sendSessionsAndAnEvent(projectId, projects.listKeys(admin, "default", projectSlug).get(0).publicKey(), version);

        WebClient web = new WebClient(baseUrl());
        web.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        HttpResponse<String> list = web.get("/orgs/default/releases?project=" + projectSlug);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains(">" + version + "</a>").contains(">Web</span>").contains(">production</span>")
                .contains("title=\"Created 20").contains(">75.00%</span>").contains("4 sessions in the last 30 days")
                .contains("href=\"/orgs/default/releases/" + version + "\"");

        String href = list.body().replaceAll("(?s).*href=\"(/orgs/default/releases/[^\"?]+)\".*", "$1");
        HttpResponse<String> detail = web.get(href);
        assertThat(detail.statusCode()).as(href + "\n" + detail.body()).isEqualTo(200);
        assertThat(detail.body()).contains("<h1 class=\"release-version\">" + version + "</h1>")
                .contains("Commits (2)").contains("title=\"0123456789abcdef0123456789abcdef01234567\">0123456789ab</code>")
                .contains("second commit").contains(">Ann</td>").contains("deploy 7").contains(">production</span>")
                .contains("Issues seen in this release").contains("ReleaseBoom").contains("new in this release")
                .contains("75.00% of 4 (last 30 days)")
                .contains("New issues in this release").contains("1 new issue, 0 regressions")
                .contains("<summary>1 file</summary>").contains("<code>src/a.js</code>").contains("not sent")
                .contains("fix &lt;script&gt;alert(1)&lt;/script&gt; checkout")
                .contains("Mallory &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)</script>");

        assertThat(web.get("/orgs/default/releases/no-such-release").statusCode()).isEqualTo(404);
    }

    @Test
    void eachRowShowsItsOwnDeploysPerEnvironmentAndRegressions() throws Exception {
        Actor admin = Actor.session(users.findByEmail(ADMIN_EMAIL).orElseThrow().id(), ADMIN_EMAIL);
        String projectSlug = unique("api");
        projects.create(admin, "default", "default", "Api", projectSlug, "java");
        String one = unique("api") + "@1.0.0";
        String two = unique("api") + "@2.0.0";
        for (String version : new String[] {one, two}) {
            api("POST", "/api/0/organizations/default/releases/", "{\"version\":\"" + version + "\",\"projects\":[\"" + projectSlug + "\"]}");
        }
        String deploys = "/api/0/organizations/default/releases/%s/deploys/";
        api("POST", deploys.formatted(one), "{\"environment\":\"staging\"}");
        api("POST", deploys.formatted(one), "{\"environment\":\"staging\"}");
        api("POST", deploys.formatted(one), "{\"environment\":\"prod <b>eu\"}");
        api("POST", deploys.formatted(two), "{\"environment\":\"canary\"}");

        WebClient web = new WebClient(baseUrl());
        web.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String body = web.get("/orgs/default/releases?project=" + projectSlug).body();
        assertThat(body).contains(">Regressions</th>").doesNotContain("<b>eu");
        String rowOne = body.substring(body.indexOf(">" + one + "</a>"));
        rowOne = rowOne.substring(0, rowOne.indexOf("</tr>"));
        String rowTwo = body.substring(body.indexOf(">" + two + "</a>"));
        rowTwo = rowTwo.substring(0, rowTwo.indexOf("</tr>"));
        assertThat(rowOne).contains(">staging</span>").contains("(2 deploys)").contains(">prod &lt;b&gt;eu</span>")
                .doesNotContain("canary");
        assertThat(rowTwo).contains(">canary</span>").doesNotContain("staging").doesNotContain("deploys)");
    }

    void sendSessionsAndAnEvent(long projectId, String publicKey, String version) throws Exception {
        String id = java.util.UUID.randomUUID().toString().replace("-", "");
        String attrs = "\"attrs\":{\"release\":\"" + version + "\",\"environment\":\"production\"}";
        String envelope = "{\"event_id\":\"" + id + "\"}\n"
                + "{\"type\":\"event\"}\n{\"platform\":\"javascript\",\"level\":\"error\",\"release\":\"" + version
                + "\",\"environment\":\"production\",\"exception\":{\"values\":[{\"type\":\"ReleaseBoom\",\"value\":\"x\"}]}}\n"
                + "{\"type\":\"session\"}\n{\"sid\":\"" + java.util.UUID.randomUUID() + "\",\"init\":true,\"status\":\"crashed\",\"errors\":1,"
                + "\"started\":\"" + clock.instant() + "\"," + attrs + "}\n"
                + "{\"type\":\"sessions\"}\n{\"aggregates\":[{\"started\":\"" + clock.instant() + "\",\"exited\":3}]," + attrs + "}\n";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId
                + "/envelope/?sentry_key=" + publicKey)).POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        engine.runOnce();
    }
}
