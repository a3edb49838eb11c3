package io.bugmaster.monitors.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorService;
import io.bugmaster.monitors.MonitorState;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The monitors API over real HTTP in Sentry's shapes: create, read, change, pause and mute, delete;
 * check-ins and results with cursor pagination; errors as {"detail"}; viewers cannot change; another
 * organization's monitors are not found.
 */
abstract class MonitorsApiContract extends IntegrationTest {
    @Autowired
    ProjectService projects;
    @Autowired
    MonitorService service;
    @Autowired
    MonitorStore store;

    ApiClient api;
    Tenant tenant;
    String project;
    String base;

    @BeforeEach
    void setUp() {
        api = new ApiClient(baseUrl());
        tenant = newTenant();
        String org = tenant.org().slug();
        project = unique("jobs");
        projects.create(tenant.owner(), org, org, "Jobs", project, "java");
        base = "/api/0/organizations/" + org + "/monitors/";
    }

    String cronJson(String slug) {
        return """
                {"name": "Nightly report", "slug": "%s", "project": "%s", "type": "cron_job",
                 "config": {"schedule_type": "crontab", "schedule": "0 3 * * *", "checkin_margin": 5, "max_runtime": 30,
                            "timezone": "Europe/Paris", "failure_issue_threshold": 2}}""".formatted(slug, project);
    }

    @Test
    void aCronMonitorIsCreatedReadChangedPausedMutedAndDeletedInSentrysShape() {
        ApiClient.Response created = api.post(tenant.ownerToken(), base, cronJson("nightly-report"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode m = created.json();
        assertThat(m.path("slug").asString()).isEqualTo("nightly-report");
        assertThat(m.path("type").asString()).isEqualTo("cron_job");
        assertThat(m.path("status").asString()).isEqualTo("active");
        assertThat(m.path("state").asString()).isEqualTo("new");
        assertThat(m.path("config").path("schedule").asString()).isEqualTo("0 3 * * *");
        assertThat(m.path("config").path("checkin_margin").asInt()).isEqualTo(5);
        assertThat(m.path("config").path("failure_issue_threshold").asInt()).isEqualTo(2);
        assertThat(m.path("config").path("timezone").asString()).isEqualTo("Europe/Paris");
        assertThat(m.path("project").path("slug").asString()).isEqualTo(project);
        assertThat(m.path("ping_urls").path("uuid").asString()).matches("http://localhost:8080/ping/[0-9a-f-]{36}");
        assertThat(m.path("ping_urls").path("slug").asString()).matches("http://localhost:8080/ping/[0-9a-f]{32}/nightly-report");

        ApiClient.Response changed = api.put(tenant.ownerToken(), base + "nightly-report/",
                "{\"config\": {\"schedule_type\": \"interval\", \"schedule\": [2, \"hour\"]}, \"isMuted\": true, \"status\": \"disabled\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("config").path("schedule").toString()).isEqualTo("[2,\"hour\"]");
        assertThat(changed.json().path("config").path("checkin_margin").asInt()).as("kept").isEqualTo(5);
        assertThat(changed.json().path("isMuted").asBoolean()).isTrue();
        assertThat(changed.json().path("status").asString()).isEqualTo("disabled");
        assertThat(changed.json().path("state").asString()).isEqualTo("paused");
        assertThat(service.find(tenant.org().id(), "nightly-report").orElseThrow().state()).isEqualTo(MonitorState.PAUSED);

        ApiClient.Response resumed = api.put(tenant.ownerToken(), base + "nightly-report", "{\"status\": \"active\"}");
        assertThat(resumed.json().path("state").asString()).isEqualTo("new");

        ApiClient.Response list = api.get(tenant.ownerToken(), base);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).extracting(n -> n.path("slug").asString()).containsExactly("nightly-report");
        assertThat(list.header("Link")).contains("rel=\"next\"; results=\"false\"");

        assertThat(api.delete(tenant.ownerToken(), base + "nightly-report/").status()).isEqualTo(204);
        assertThat(api.get(tenant.ownerToken(), base + "nightly-report/").status()).isEqualTo(404);
    }

    @Test
    void badInputIsADetailThatSaysWhatIsWrong() {
        ApiClient.Response noSchedule = api.post(tenant.ownerToken(), base, "{\"name\": \"x\", \"project\": \"" + project + "\"}");
        assertThat(noSchedule.status()).isEqualTo(400);
        assertThat(noSchedule.detail()).contains("needs a schedule");

        ApiClient.Response badCron = api.post(tenant.ownerToken(), base, cronJson("bad").replace("0 3 * * *", "61 3 * * *"));
        assertThat(badCron.status()).isEqualTo(400);
        assertThat(badCron.detail()).contains("not a crontab schedule");

        ApiClient.Response badSlug = api.post(tenant.ownerToken(), base, cronJson("Not A Slug"));
        assertThat(badSlug.status()).isEqualTo(400);
        assertThat(badSlug.detail()).contains("lower-case letters");

        ApiClient.Response noProject = api.post(tenant.ownerToken(), base, cronJson("x").replace(project, "nope"));
        assertThat(noProject.status()).isEqualTo(400);
        assertThat(noProject.detail()).contains("no project 'nope'");

        ApiClient.Response notJson = api.post(tenant.ownerToken(), base, "[1]");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.detail()).contains("a monitor is a JSON object");

        assertThat(api.post(tenant.ownerToken(), base, cronJson("twice")).status()).isEqualTo(201);
        ApiClient.Response twice = api.post(tenant.ownerToken(), base, cronJson("twice"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.detail()).contains("exists");

        ApiClient.Response sqlWithoutQuery = api.post(tenant.ownerToken(), base,
                "{\"name\": \"Orders\", \"project\": \"" + project + "\", \"type\": \"sql\"}");
        assertThat(sqlWithoutQuery.status()).isEqualTo(400);
        assertThat(sqlWithoutQuery.detail()).contains("config.sql");
    }

    @Test
    void checkInsArePagedNewestFirstWithDurationsInMilliseconds() {
        Monitor m = service.create(tenant.org().id(), projectId(), "backup",
                new MonitorStore.Settings("Backup", io.bugmaster.monitors.MonitorKind.CRON,
                        io.bugmaster.monitors.MonitorConfig.cron(io.bugmaster.monitors.Schedule.crontab("0 * * * *"), "UTC"), "error", null, false));
        Instant t0 = clock.instant();
        for (int i = 0; i < 3; i++) {
            store.insertCheckIn(m.projectId(), m, "run" + i, i == 2 ? "error" : "ok", t0.plusSeconds(i * 3600L),
                    t0.plusSeconds(i * 3600L + 2), 1.5 + i, i == 2 ? 3 : 0, "<script>alert(" + i + ")</script>", "ping", "production", null, null);
        }
        ApiClient.Response first = api.get(tenant.ownerToken(), base + "backup/checkins/?per_page=2");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json()).extracting(n -> n.path("id").asString()).containsExactly("run2", "run1");
        assertThat(first.json().get(0).path("status").asString()).isEqualTo("error");
        assertThat(first.json().get(0).path("duration").asLong()).isEqualTo(3500);
        assertThat(first.json().get(0).path("exit_code").asInt()).isEqualTo(3);
        assertThat(first.header("Link")).contains("cursor=0:2:0>; rel=\"next\"; results=\"true\"");
        ApiClient.Response second = api.get(tenant.ownerToken(), base + "backup/checkins/?per_page=2&cursor=0:2:0");
        assertThat(second.json()).extracting(n -> n.path("id").asString()).containsExactly("run0");
        assertThat(second.header("Link")).contains("rel=\"next\"; results=\"false\"");

        long r = store.insertResult(m.id(), t0, "firing", 1.0, 1L, 12L,
                "{\"columns\":[\"id\"],\"rows\":[[\"<b>7</b>\"]],\"truncated\":false}");
        ApiClient.Response results = api.get(tenant.ownerToken(), base + "backup/results/");
        assertThat(results.json().get(0).path("id").asString()).isEqualTo(Long.toString(r));
        assertThat(results.json().get(0).path("detail").path("rows").get(0).get(0).asString()).isEqualTo("<b>7</b>");
    }

    @Test
    void viewersReadButCannotChangeAndOtherOrganizationsSeeNothing() {
        assertThat(api.post(tenant.ownerToken(), base, cronJson("guarded")).status()).isEqualTo(201);
        String viewer = memberToken(tenant, Role.VIEWER);
        assertThat(api.get(viewer, base + "guarded/").status()).isEqualTo(200);
        ApiClient.Response put = api.put(viewer, base + "guarded/", "{\"status\": \"disabled\"}");
        assertThat(put.status()).isEqualTo(403);
        assertThat(put.detail()).contains("alerts:write");
        assertThat(api.delete(viewer, base + "guarded/").status()).isEqualTo(403);
        assertThat(api.post(viewer, base, cronJson("mine")).status()).isEqualTo(403);

        Tenant other = newTenant();
        String otherBase = "/api/0/organizations/" + other.org().slug() + "/monitors/";
        assertThat(api.get(other.ownerToken(), base + "guarded/").status()).isEqualTo(404);
        assertThat(api.get(other.ownerToken(), otherBase + "guarded/").status()).isEqualTo(404);
        assertThat(api.put(other.ownerToken(), otherBase + "guarded/", "{\"status\": \"disabled\"}").status()).isEqualTo(404);
        assertThat(api.delete(other.ownerToken(), otherBase + "guarded/").status()).isEqualTo(404);
        assertThat(api.get(other.ownerToken(), otherBase + "guarded/checkins/").status()).isEqualTo(404);
        // a project of another organization cannot be named, by slug or id
        ApiClient.Response foreign = api.post(other.ownerToken(), otherBase, cronJson("stolen").replace("\"" + project + "\"",
                "\"" + projectId() + "\""));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(service.find(tenant.org().id(), "guarded").orElseThrow().state()).isEqualTo(MonitorState.NEW);
    }

    @Test
    void theOpenApiDescriptionListsTheMonitorPaths() {
        ApiClient.Response doc = api.get(tenant.ownerToken(), "/api/0/openapi.json");
        assertThat(doc.body()).contains("/api/0/organizations/{org}/monitors/").contains("/api/0/organizations/{org}/monitors/{slug}/checkins/");
    }

    long projectId() {
        return projects.get(tenant.owner(), tenant.org().slug(), project).project().id();
    }
}
