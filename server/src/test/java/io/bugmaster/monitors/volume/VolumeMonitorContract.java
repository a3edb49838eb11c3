package io.bugmaster.monitors.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.events.EventVolume;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorConfig;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.MonitorService;
import io.bugmaster.monitors.MonitorState;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.monitors.Schedule;
import io.bugmaster.monitors.VolumeCheck;
import io.bugmaster.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Event-volume monitors on a real database: events arrive through the store endpoint as SDKs send
 * them, over five weeks of test-clock time, and the engine runs the monitors. Seed 001's case: the
 * app sends "login succeeded" (tagged with the login provider); the Facebook login breaks and its
 * success events drop while Google's keep coming.
 */
abstract class VolumeMonitorContract extends IntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    MonitorService monitors;
    @Autowired
    MonitorStore store;
    @Autowired
    ProjectService projects;
    @Autowired
    EventVolume volume;
    @Autowired
    JdbcClient db;

    Tenant tenant;
    long projectId;
    ProjectKey key;
    final List<Monitor> made = new ArrayList<>();

    @BeforeEach
    void setUp() {
        tenant = newTenant();
        String org = tenant.org().slug();
        String slug = unique("web");
        projectId = projects.create(tenant.owner(), org, org, "Web", slug, "javascript").project().id();
        key = projects.listKeys(tenant.owner(), org, slug).get(0);
    }

    @AfterEach
    void tearDown() {
        made.forEach(m -> monitors.delete(m));
    }

    void send(int times, String message, String provider) {
        for (int i = 0; i < times; i++) {
            String tags = provider == null ? "{}" : "{\"provider\":\"" + provider + "\"}";
            String event = """
                    {"event_id":"%s","platform":"javascript","level":"info","environment":"production","timestamp":"%s",
                     "message":"%s","tags":%s}""".formatted(UUID.randomUUID().toString().replace("-", ""), clock.instant(), message, tags);
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                        .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            } catch (java.io.IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    Monitor monitor(String slug, VolumeCheck check) {
        MonitorConfig config = new MonitorConfig(Schedule.every(10, "minute"), "Europe/Paris", 1, 30, 1, 1, null, null, check);
        Monitor m = monitors.create(tenant.org().id(), projectId, slug,
                new MonitorStore.Settings(slug, MonitorKind.VOLUME, config, "critical", null, false));
        made.add(m);
        return m;
    }

    MonitorStore.Result latest(Monitor m) {
        return store.latestResults(m.id(), 1).get(0);
    }

    Monitor now(Monitor m) {
        return monitors.find(m.id()).orElseThrow();
    }

    List<String> signals(Monitor m) {
        return db.sql("SELECT kind FROM signals WHERE subject = ? ORDER BY tx_id, id").param(m.subject().toString()).query(String.class).list();
    }

    @Test
    void aDropOfFacebookLoginsFiresWithTheUsualRangeAndResolvesWhenTheyComeBack() {
        Instant start = clock.instant();
        int[] facebook = {20, 22, 24, 21};
        for (int week = 0; week < 4; week++) {
            clock.set(start.plus(Duration.ofDays(7L * week)).plus(Duration.ofMinutes(10)));
            send(facebook[week], "login succeeded", "facebook");
            send(5, "login succeeded", "google");
            send(3, "checkout failed", null);
        }
        clock.set(start.plus(Duration.ofDays(28)).plus(Duration.ofMinutes(10)));
        send(4, "login succeeded", "facebook");
        send(5, "login succeeded", "google");
        send(10, "checkout failed", null);

        Monitor facebookLogins = monitor("facebook-logins", new VolumeCheck("provider", "facebook", "Login Succeeded", null, "drop", 4, 50, 10));
        Monitor logins = monitor("logins", new VolumeCheck(null, null, "login succeeded", null, "drop", 4, 50, 10));
        Monitor failedCheckouts = monitor("failed-checkouts", new VolumeCheck(null, null, "checkout failed", null, "spike", 4, 50, 3));
        Monitor resets = monitor("password-resets", new VolumeCheck(null, null, "password reset", null, "both", 4, 50, 10));
        Monitor quietWeeks = monitor("quiet-weeks", new VolumeCheck(null, null, "checkout failed", null, "drop", 4, 50, 4));
        clock.set(start.plus(Duration.ofDays(28)).plus(Duration.ofMinutes(30)));
        engine.runOnce();

        MonitorStore.Result drop = latest(facebookLogins);
        assertThat(drop.outcome()).isEqualTo("firing");
        assertThat(drop.value()).isEqualTo(4.0);
        assertThat(drop.detail()).isEqualTo("{\"count\":4,\"usual_low\":20,\"usual_high\":24,\"weeks\":[21,24,22,20],\"fired\":\"drop\"}");
        assertThat(now(facebookLogins).state()).isEqualTo(MonitorState.DOWN);
        assertThat(now(facebookLogins).lastSaid()).isEqualTo("4 in the last hour, usually 20-24");
        assertThat(signals(facebookLogins)).containsExactly("monitor.failing");
        assertThat(now(logins).lastSaid()).as("Google's logins still come").isEqualTo("9 in the last hour, usually 25-29");
        assertThat(latest(failedCheckouts).detail()).contains("\"fired\":\"spike\"");
        assertThat(now(failedCheckouts).lastSaid()).isEqualTo("10 in the last hour, usually 3");
        assertThat(latest(resets).outcome()).isEqualTo("ok");
        assertThat(now(resets).state()).isEqualTo(MonitorState.UP);
        assertThat(latest(quietWeeks).outcome()).as("3 a week is under its minimum of 4: no baseline").isEqualTo("ok");

        send(20, "login succeeded", "facebook");
        clock.advance(Duration.ofMinutes(10));
        engine.runOnce();
        assertThat(latest(facebookLogins).outcome()).isEqualTo("ok");
        assertThat(now(facebookLogins).state()).isEqualTo(MonitorState.UP);
        assertThat(signals(facebookLogins)).containsExactly("monitor.failing", "monitor.up");
    }

    @Test
    void countsFilterOnColumnsAndTakeTheMessageLiterally() {
        Instant from = clock.instant();
        send(2, "disk 100% full", null);
        send(3, "disk 1000 full", null);
        send(1, "cache_miss", null);
        send(1, "cacheXmiss", null);
        Instant to = clock.instant().plusMillis(1);
        assertThat(volume.count(projectId, from, to, EventVolume.Filter.ALL)).isEqualTo(7);
        assertThat(volume.count(projectId, from, to, new EventVolume.Filter(null, null, "100%", null))).isEqualTo(2);
        assertThat(volume.count(projectId, from, to, new EventVolume.Filter(null, null, "cache_", null))).isEqualTo(1);
        assertThat(volume.count(projectId, from, to, new EventVolume.Filter("environment", "production", null, null))).isEqualTo(7);
        assertThat(volume.count(projectId, from, to, new EventVolume.Filter("environment", "staging", null, null))).isZero();
        assertThat(volume.count(projectId, from, to, new EventVolume.Filter("provider", "facebook", null, null))).isZero();
        assertThat(volume.count(projectId, from, to, new EventVolume.Filter(null, null, null, "GET /login"))).isZero();
        assertThat(volume.count(projectId, to, to.plusSeconds(3600), EventVolume.Filter.ALL)).isZero();
    }
}
