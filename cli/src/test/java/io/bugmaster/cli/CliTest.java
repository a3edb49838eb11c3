package io.bugmaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Runs whole command lines against a real local HTTP server that answers like Sentry's API. */
class CliTest {
    private static final String TOKEN = "bm_test_token";
    private FakeSentryApi api;

    record Result(int exitCode, String out, String err) {}

    @BeforeEach
    void start() throws Exception {
        api = new FakeSentryApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", api.url(), "--token", TOKEN));
        all.addAll(List.of(args));
        return runRaw(all.toArray(String[]::new));
    }

    private static Result runRaw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static JsonNode json(String text) {
        return ApiClient.JSON.readTree(text);
    }

    @Test
    void listsOrganizationsAcrossEveryPageWithTheBearerToken() {
        String page2 = api.url() + "/api/0/organizations/?cursor=0:1:0";
        api.on("GET", "/api/0/organizations/", 200, "[{\"id\":\"1\",\"slug\":\"default\",\"name\":\"Default\",\"dateCreated\":\"2025-11-21T05:00:00Z\"}]",
                Map.of("Content-Type", "application/json",
                        "Link", "<" + api.url() + "/api/0/organizations/?cursor=0:0:1>; rel=\"previous\"; results=\"false\"; cursor=\"0:0:1\", "
                                + "<" + page2 + ">; rel=\"next\"; results=\"true\"; cursor=\"0:1:0\""));
        api.on("GET", "/api/0/organizations/?cursor=0:1:0", 200, "[{\"id\":\"2\",\"slug\":\"acme\",\"name\":\"Acme Corp\",\"dateCreated\":\"2025-11-21T06:00:00Z\"}]",
                Map.of("Content-Type", "application/json",
                        "Link", "<" + api.url() + "/api/0/organizations/?cursor=0:0:1>; rel=\"previous\"; results=\"true\"; cursor=\"0:0:1\", "
                                + "<" + api.url() + "/api/0/organizations/?cursor=0:2:0>; rel=\"next\"; results=\"false\"; cursor=\"0:2:0\""));

        Result result = run("orgs", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo("""
                SLUG     NAME       ID  CREATED
                default  Default    1   2025-11-21T05:00:00Z
                acme     Acme Corp  2   2025-11-21T06:00:00Z
                """);
        assertThat(api.requests).extracting(FakeSentryApi.Request::uri)
                .containsExactly("/api/0/organizations/", "/api/0/organizations/?cursor=0:1:0");
        assertThat(api.requests).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN));
    }

    @Test
    void jsonOptionPrintsTheItemsOfAllPagesAsOneArray() {
        api.on("GET", "/api/0/organizations/acme/teams/", 200, "[{\"slug\":\"backend\",\"name\":\"Backend\"}]",
                Map.of("Content-Type", "application/json", "Link", "</api/0/organizations/acme/teams/?cursor=x>; rel=\"next\"; results=\"true\""));
        api.on("GET", "/api/0/organizations/acme/teams/?cursor=x", 200, "[{\"slug\":\"web\",\"name\":\"Web\"}]");

        Result result = run("--org", "acme", "teams", "list", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(json(result.out())).isEqualTo(json("[{\"slug\":\"backend\",\"name\":\"Backend\"},{\"slug\":\"web\",\"name\":\"Web\"}]"));
    }

    @Test
    void globalOptionsWorkAfterTheCommandToo() {
        api.on("GET", "/api/0/organizations/acme/projects/", 200,
                "[{\"id\":\"7\",\"slug\":\"web\",\"name\":\"Web\",\"platform\":\"javascript\",\"teams\":[{\"slug\":\"frontend\"}]}]");

        Result result = runRaw("projects", "list", "--org", "acme", "--url", api.url(), "--token", TOKEN);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                SLUG  NAME  PLATFORM    TEAMS     ID
                web   Web   javascript  frontend  7
                """);
    }

    @Test
    void keysListShowsTheDsnOfEachKey() {
        api.on("GET", "/api/0/projects/default/web/keys/", 200, """
                [{"id":"k1","name":"Default","public":"8f3c","secret":"s","isActive":true,
                  "dsn":{"public":"http://8f3c@localhost:8080/7","secret":"http://8f3c:s@localhost:8080/7"}}]""");

        Result result = run("keys", "list", "web");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                NAME     PUBLIC KEY  ACTIVE  DSN
                Default  8f3c        yes     http://8f3c@localhost:8080/7
                """);
    }

    @Test
    void projectsCreatePostsToTheTeamsProjectsPath() {
        api.on("POST", "/api/0/teams/default/backend/projects/", 201,
                "{\"id\":\"9\",\"slug\":\"payments-api\",\"name\":\"Payments API\",\"platform\":\"java\"}");

        Result result = run("projects", "create", "Payments API", "--team", "backend", "--platform", "java");

        assertThat(result.exitCode()).isZero();
        FakeSentryApi.Request request = api.requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(json(request.body())).isEqualTo(json("{\"name\":\"Payments API\",\"platform\":\"java\"}"));
        assertThat(result.out()).startsWith("Created project payments-api for team backend.\n")
                .contains("slug:     payments-api\n")
                .contains("keys list payments-api");
    }

    @Test
    void changesAddPostsWhatADeployScriptKnows() {
        api.on("POST", "/api/0/organizations/default/changes/", 201,
                "{\"id\":\"7\",\"kind\":\"deploy\",\"summary\":\"shop 2.3.0\",\"environment\":\"production\",\"who\":\"ci\"}");

        Result result = run("changes", "add", "--kind", "deploy", "--summary", "shop 2.3.0", "--service", "3", "--service", "4",
                "--project", "shop", "--env", "production", "--who", "ci", "--link", "https://ci.example.com/run/42",
                "--at", "2026-12-01T10:00:00Z");

        assertThat(result.exitCode()).as(result.err()).isZero();
        FakeSentryApi.Request request = api.requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(json(request.body())).isEqualTo(json("""
                {"kind":"deploy","summary":"shop 2.3.0","service_ids":["3","4"],"projects":["shop"],"environment":"production",
                 "who":"ci","links":[{"href":"https://ci.example.com/run/42"}],"happened_at":"2026-12-01T10:00:00Z"}"""));
        assertThat(result.out()).startsWith("Recorded deploy change 7: shop 2.3.0.\n");
    }

    @Test
    void changesAddRefusesAnUnknownKindWithoutCallingTheServer() {
        Result result = run("changes", "add", "--kind", "rollout", "--summary", "x");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--kind is one of deploy, feature_flag, migration, infrastructure, config; got 'rollout'");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void changesListNarrowsByKindServiceAndProject() {
        api.on("GET", "/api/0/organizations/default/changes/?kind=migration&service_id=3&project=shop", 200,
                "[{\"id\":\"8\",\"happened_at\":\"2026-12-01T09:00:00Z\",\"kind\":\"migration\",\"summary\":\"add index\"}]");

        Result result = run("changes", "list", "--kind", "migration", "--service", "3", "--project", "shop");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("migration").contains("add index");
    }

    @Test
    void membersInvitePrintsTheInviteLink() {
        api.on("POST", "/api/0/organizations/default/members/", 201,
                "{\"id\":\"3\",\"email\":\"ana@example.com\",\"orgRole\":\"admin\",\"pending\":true,\"inviteLink\":\"http://localhost:8080/accept/abc\"}");

        Result result = run("members", "invite", "ana@example.com", "--role", "admin");

        assertThat(result.exitCode()).isZero();
        assertThat(json(api.requests.get(0).body())).isEqualTo(json("{\"email\":\"ana@example.com\",\"orgRole\":\"admin\"}"));
        assertThat(result.out()).contains("Invited ana@example.com to default.")
                .endsWith("Send them this invitation link: http://localhost:8080/accept/abc\n");
    }

    @Test
    void orgsCreateSendsNameAndSlug() {
        api.on("POST", "/api/0/organizations/", 201, "{\"id\":\"4\",\"slug\":\"acme\",\"name\":\"Acme\"}");

        Result result = run("orgs", "create", "Acme", "--slug", "acme");

        assertThat(result.exitCode()).isZero();
        assertThat(json(api.requests.get(0).body())).isEqualTo(json("{\"name\":\"Acme\",\"slug\":\"acme\"}"));
        assertThat(result.out()).startsWith("Created organization acme.\n");
    }

    @Test
    void emptyListSaysSoInsteadOfPrintingAnEmptyTable() {
        api.on("GET", "/api/0/api-tokens/", 200, "[]");

        Result result = run("tokens", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("No API tokens.\n");
    }

    @Test
    void serverErrorDetailGoesToStderrWithExitCode1() {
        api.on("POST", "/api/0/organizations/default/teams/", 409, "{\"detail\":\"A team with this slug already exists.\"}");

        Result result = run("teams", "create", "Backend");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("error: A team with this slug already exists. (HTTP 409)\n");
    }

    @Test
    void fieldErrorsAreShownWhenThereIsNoDetail() {
        api.on("POST", "/api/0/organizations/", 400, "{\"slug\":[\"Enter a valid slug.\"],\"name\":[\"This field is required.\"]}");

        Result result = run("orgs", "create", "x");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: slug: Enter a valid slug.; name: This field is required. (HTTP 400)\n");
    }

    @Test
    void notFoundWithoutDetailSaysWhatWasAskedAndWhere() {
        api.on("GET", "/api/0/", 404, "{\"timestamp\":\"2025-11-21T05:00:00Z\",\"status\":404,\"error\":\"Not Found\",\"path\":\"/api/0/\"}");

        Result result = run("info");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: GET /api/0/ failed with HTTP 404: not found on " + api.url())
                .contains("REST API");
    }

    @Test
    void missingTokenOn401SaysHowToGiveOne() {
        api.on("GET", "/api/0/organizations/", 401,
                "{\"detail\":\"Authentication credentials were not provided or are invalid: send Authorization: Bearer <token>\"}");

        Result result = runRaw("orgs", "list", "--url", api.url(), "--token", "");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(api.requests.get(0).authorization()).isNull();
        assertThat(result.err()).contains("(HTTP 401)").contains("pass --token or set BUGMASTER_TOKEN");
    }

    @Test
    void infoPrintsTheApiRootAsKeyValues() {
        api.on("GET", "/api/0/", 200, "{\"version\":\"0\",\"user\":{\"email\":\"admin@example.com\"},\"auth\":{\"scopes\":[\"org:read\",\"org:write\"]}}");

        Result result = run("info");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Bugmaster at " + api.url() + "\n"
                + "version:     0\n"
                + "user.email:  admin@example.com\n"
                + "auth.scopes: org:read, org:write\n");
    }

    @Test
    void aPageThatIsNotJsonGivesAClearError() {
        api.on("GET", "/api/0/", 200, "<html><body>Login</body></html>", Map.of("Content-Type", "text/html"));

        Result result = run("info");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("did not answer /api/0/ with JSON");
    }

    @Test
    void unreachableServerGivesAClearErrorWithExitCode1() {
        String url = api.url();
        api.close();

        Result result = runRaw("info", "--url", url);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: cannot reach Bugmaster at " + url + " (connection refused)")
                .contains("./bugmaster serve");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run("projects", "create", "Web").exitCode()).isEqualTo(2);
        assertThat(run("projects", "create", "Web").err()).contains("Missing required option: '--team=TEAM'");
        assertThat(run("no-such-command").exitCode()).isEqualTo(2);
        assertThat(run("orgs").exitCode()).isEqualTo(2);
        Result badUrl = runRaw("info", "--url", "localhost:8080");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).isEqualTo("error: the server URL 'localhost:8080' must look like http://host:port\n");
        assertThat(run("teams", "list", "--org", " ").err()).isEqualTo("error: no organization: pass --org or set BUGMASTER_ORG\n");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void pathSegmentsAreEncoded() {
        assertThat(ApiClient.path("projects", "acme", "web app", "keys")).isEqualTo("/api/0/projects/acme/web%20app/keys/");
        assertThat(ApiClient.path()).isEqualTo("/api/0/");
        assertThat(ApiClient.path("a/b")).isEqualTo("/api/0/a%2Fb/");
    }

    @Test
    void incidentsListAsksForOpenIncidentsAndShowsNumberStatusServiceAndAssignee() {
        api.on("GET", "/api/0/organizations/default/incidents/?statuses=triggered&statuses=acknowledged", 200, """
                [{"id":"42","incident_number":42,"title":"[FIRING:1] OrdersStuck","status":"triggered","stage":"investigating","urgency":"high",
                  "service":{"id":"3","summary":"Checkout"},"assignments":[{"assignee":{"id":"5","email":"ana@example.com"}}],
                  "created_at":"2026-12-05T01:00:00Z"}]""");

        Result result = run("incidents", "list"); // the plural still works

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                #   PRIORITY  STAGE          STATUS     URGENCY  SERVICE   ASSIGNED         CREATED               TITLE
                42            investigating  triggered  high     Checkout  ana@example.com  2026-12-05T01:00:00Z  [FIRING:1] OrdersStuck
                """);
    }

    static final String DECLARED = """
            {"id":"7","incident_number":7,"title":"Brands see no orders","status":"triggered","stage":"investigating",
             "priority":{"level":2,"label":"P2"},"service":{"id":"3","summary":"Orders"}}""";

    @Test
    void incidentDeclareFindsTheServiceByNameAndPostsTheDeclaration() {
        api.on("GET", "/api/0/organizations/default/services/", 200, "[{\"id\":\"3\",\"name\":\"Orders\"},{\"id\":\"4\",\"name\":\"Payments\"}]");
        api.on("POST", "/api/0/organizations/default/incidents/", 201, DECLARED);

        Result result = run("incident", "declare", "--title", "Brands see no orders", "--service", "orders", "--service", "9",
                "--priority", "P2", "--description", "Support: three brands", "--issue", "17");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Declared incident #7 as P2: Brands see no orders.\n");
        FakeSentryApi.Request post = api.requests.get(api.requests.size() - 1);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(json(post.body())).isEqualTo(json("""
                {"title":"Brands see no orders","service_ids":["3","9"],"priority":2,"description":"Support: three brands","issue_id":"17"}"""));
    }

    @Test
    void incidentDeclareNamesTheServicesThereAreWhenOneIsUnknown() {
        api.on("GET", "/api/0/organizations/default/services/", 200, "[{\"id\":\"3\",\"name\":\"Orders\"}]");

        Result result = run("incident", "declare", "--title", "t", "--service", "Billing", "--priority", "1");

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("no service named 'Billing' in default; there are: Orders");
        assertThat(api.requests).extracting(FakeSentryApi.Request::method).containsOnly("GET");
    }

    @Test
    void incidentDeclareRefusesAPriorityThatIsNoLevelWithoutCallingTheServer() {
        Result result = run("incident", "declare", "--title", "t", "--service", "3", "--priority", "high");

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("a priority is P1 to P10");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void incidentUpdatePutsOnlyWhatItIsToldToChange() {
        api.on("PUT", "/api/0/organizations/default/incidents/7/", 200, DECLARED.replace("investigating", "identified"));

        Result result = run("incident", "update", "#7", "--stage", "Identified", "--priority", "1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(json(api.requests.get(0).body())).isEqualTo(json("{\"stage\":\"identified\",\"priority\":1}"));
        assertThat(result.out()).startsWith("Updated incident #7: P2, identified.\n");
        assertThat(run("incident", "update", "7").err()).contains("say what to change");
    }

    @Test
    void incidentListFiltersByStageAndPriority() {
        api.on("GET", "/api/0/organizations/default/incidents/?stage=identified&priority=1&priority=2", 200, "[" + DECLARED + "]");

        Result result = run("incident", "list", "--stage", "identified", "--priority", "P1,2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("7  P2        investigating  triggered");
    }

    @Test
    void incidentsAckPostsToTheIncidentNumbersAcknowledgePath() {
        api.on("POST", "/api/0/organizations/default/incidents/42/acknowledge/", 200,
                "{\"id\":\"42\",\"incident_number\":42,\"title\":\"Checkout down\",\"status\":\"acknowledged\"}");

        Result result = run("incidents", "ack", "#42");

        assertThat(result.exitCode()).isZero();
        assertThat(api.requests.get(0).method()).isEqualTo("POST");
        assertThat(api.requests.get(0).authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(result.out()).startsWith("Acknowledged incident #42: Checkout down (now acknowledged).\n");
    }

    @Test
    void incidentsResolveRefusesSomethingThatIsNotANumberWithoutCallingTheServer() {
        Result result = run("incidents", "resolve", "../../projects");

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err()).contains("an incident number is digits");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void incidentsNotePostsTheMessageTimeAndLinkToTheTimeline() {
        api.on("POST", "/api/0/organizations/default/incidents/42/timeline/", 201,
                "{\"id\":\"log:7\",\"type\":\"note\",\"at\":\"2026-12-05T10:02:00Z\",\"message\":\"Rolled back orders-api\"}");

        Result result = run("incidents", "note", "#42", "Rolled", "back", "orders-api", "--at", "2026-12-05T11:02:00+01:00",
                "--link", "https://ci.example.com/runs/7");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(api.requests.get(0).body()).isEqualTo(
                "{\"message\":\"Rolled back orders-api\",\"at\":\"2026-12-05T11:02:00+01:00\",\"link\":\"https://ci.example.com/runs/7\"}");
        assertThat(result.out()).startsWith("Added note log:7 to incident #42 at 2026-12-05T10:02:00Z.\n");
    }

    @Test
    void incidentsTimelineShowsTheEntriesOrOnlyThePinnedOnes() {
        api.on("GET", "/api/0/organizations/default/incidents/42/timeline/?pinned=true", 200, """
                [{"id":"log:7","type":"note","at":"2026-12-05T10:02:00Z","pinned":true,"actor":"ana@example.com",
                  "message":"Rolled back orders-api"}]""");

        Result result = run("incidents", "timeline", "42", "--pinned");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("""
                AT                    TYPE  PINNED  BY               ID     MESSAGE
                2026-12-05T10:02:00Z  note  yes     ana@example.com  log:7  Rolled back orders-api
                """);
        assertThat(run("incidents", "note", "x1", "hello").err()).contains("an incident number is digits");
    }

    @Test
    void postmortemShowPrintsItsStateAndActionItems() {
        api.on("GET", "/api/0/organizations/default/incidents/42/postmortem/", 200, """
                {"id":"3","incident":{"number":42,"title":"Brands see no orders"},"title":"#42 Brands see no orders",
                 "body":"# Postmortem","state":"in_review","version":4,"created_at":"2026-12-05T01:00:00Z",
                 "updated_at":"2026-12-05T02:00:00Z","published_at":null}""");
        api.on("GET", "/api/0/organizations/default/incidents/42/action-items/", 200, """
                [{"id":"7","incident_number":42,"title":"Alert on empty order lists","owner":{"id":"5","name":"Ana","email":"ana@example.com"},
                  "due_date":"2026-12-01","status":"open","overdue":true,"external_url":null}]""");

        Result result = run("postmortem", "show", "#42");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Postmortem of incident #42: #42 Brands see no orders\n")
                .contains("state:      in_review\n").contains("version:    4\n")
                .contains("7   open    2026-12-01  yes      ana@example.com  Alert on empty order lists");
        assertThat(result.out()).doesNotContain("# Postmortem");

        JsonNode both = json(run("postmortem", "show", "42", "--json").out());
        assertThat(both.get("postmortem").get("body").asString()).isEqualTo("# Postmortem");
        assertThat(both.get("action_items").get(0).get("id").asString()).isEqualTo("7");
    }

    @Test
    void postmortemShowMarkdownPrintsTheTextWithoutTerminalControls() {
        api.on("GET", "/api/0/organizations/default/incidents/42/postmortem/", 200, """
                {"id":"3","title":"t","body":"# Postmortem\\n\\n| a | b |\\n\\u001b[31mred\\u001b]0;title\\u0007","state":"draft","version":1}""");

        Result result = run("postmortem", "show", "42", "--markdown");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("# Postmortem\n\n| a | b |\n[31mred]0;title\n");
        assertThat(run("postmortem", "show", "../42").err()).contains("an incident number is digits");
    }

    @Test
    void oncallNamesThePolicyAndScheduleOfEachLevel() {
        api.on("GET", "/api/0/organizations/default/oncalls/?at=2026-03-29T09%3A00%3A00%2B02%3A00", 200, """
                [{"user":{"id":"5","email":"ana@example.com"},"schedule":{"id":"7"},"escalation_policy":{"id":"2"},
                  "escalation_level":1,"start":"2026-03-23T07:00:00Z","end":"2026-03-30T07:00:00Z"},
                 {"user":{"id":"6","email":"bo@example.com"},"schedule":null,"escalation_policy":{"id":"2"},
                  "escalation_level":2,"start":null,"end":null}]""");
        api.on("GET", "/api/0/organizations/default/escalation-policies/", 200, "[{\"id\":\"2\",\"name\":\"Checkout\"}]");
        api.on("GET", "/api/0/organizations/default/schedules/", 200, "[{\"id\":\"7\",\"name\":\"Primary\"}]");

        Result result = run("oncall", "--at", "2026-03-29T09:00:00+02:00");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                POLICY    LEVEL  WHO              SCHEDULE  UNTIL
                Checkout  1      ana@example.com  Primary   2026-03-30T07:00:00Z
                Checkout  2      bo@example.com
                """);
    }

    @Test
    void servicesListShowsEachServicesPolicy() {
        api.on("GET", "/api/0/organizations/default/services/", 200,
                "[{\"id\":\"3\",\"name\":\"Checkout\",\"urgency\":\"severity_based\",\"escalation_policy\":{\"id\":\"2\"},\"team\":null}]");

        Result result = run("services", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                ID  NAME      URGENCY         POLICY  TEAM
                3   Checkout  severity_based  2
                """);
    }

    @Test
    void monitorsListShowsEachMonitorsStateKindAndLastCheckIn() {
        api.on("GET", "/api/0/organizations/default/monitors/", 200,
                "[{\"slug\":\"nightly-report\",\"name\":\"Nightly report\",\"state\":\"down\",\"type\":\"cron_job\","
                        + "\"lastCheckIn\":\"2026-12-05T03:00:02Z\"},"
                        + "{\"slug\":\"orders\",\"name\":\"Incoherent orders\",\"state\":\"up\",\"type\":\"sql\",\"lastCheckIn\":null}]");

        Result result = run("monitors", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                SLUG            STATE  KIND      LAST CHECK-IN         NAME
                nightly-report  down   cron_job  2026-12-05T03:00:02Z  Nightly report
                orders          up     sql                             Incoherent orders
                """);
    }

    @Test
    void monitorsPauseAndResumeChangeTheMonitorsStatusBySlug() {
        api.on("PUT", "/api/0/organizations/default/monitors/nightly-report/", 200,
                "{\"slug\":\"nightly-report\",\"status\":\"disabled\",\"state\":\"paused\"}");

        Result paused = run("monitors", "pause", "nightly-report");

        assertThat(paused.exitCode()).isZero();
        assertThat(paused.out()).startsWith("Paused monitor nightly-report: paused.");
        assertThat(json(api.requests.get(0).body()).path("status").asString()).isEqualTo("disabled");

        api.on("PUT", "/api/0/organizations/default/monitors/nightly-report/", 200,
                "{\"slug\":\"nightly-report\",\"status\":\"active\",\"state\":\"new\"}");
        Result resumed = run("monitors", "resume", "nightly-report");
        assertThat(resumed.out()).startsWith("Resumed monitor nightly-report: new.");
        assertThat(json(api.requests.get(1).body()).path("status").asString()).isEqualTo("active");
    }

    @Test
    void monitorsPauseOfAnUnknownSlugSaysWhatTheServerSaid() {
        api.on("PUT", "/api/0/organizations/default/monitors/nope/", 404, "{\"detail\":\"no monitor 'nope' in organization 'default'\"}");

        Result result = run("monitors", "pause", "nope");

        assertThat(result.exitCode()).isEqualTo(Main.FAILED);
        assertThat(result.err()).contains("no monitor 'nope'");
    }
}
