package io.bugmaster.monitors.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

class PingPathTest {
    static final String UUID = "5bf66975-d4c7-4bf5-bcc8-b8d8a82ea278";
    static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void readsEveryHealthchecksForm() {
        assertThat(PingPath.parse(UUID)).isEqualTo(new PingPath(UUID, null, null, CronRuns.Status.OK, null));
        assertThat(PingPath.parse(UUID + "/")).isEqualTo(new PingPath(UUID, null, null, CronRuns.Status.OK, null));
        assertThat(PingPath.parse(UUID.toUpperCase() + "/start").status()).isEqualTo(CronRuns.Status.IN_PROGRESS);
        assertThat(PingPath.parse(UUID + "/fail")).isEqualTo(new PingPath(UUID, null, null, CronRuns.Status.ERROR, null));
        assertThat(PingPath.parse(UUID + "/log").status()).isEqualTo(CronRuns.Status.LOG);
        assertThat(PingPath.parse(UUID + "/0")).isEqualTo(new PingPath(UUID, null, null, CronRuns.Status.OK, 0));
        assertThat(PingPath.parse(UUID + "/255")).isEqualTo(new PingPath(UUID, null, null, CronRuns.Status.ERROR, 255));
        assertThat(PingPath.parse(KEY + "/db-backup/3")).isEqualTo(new PingPath(null, KEY, "db-backup", CronRuns.Status.ERROR, 3));
        assertThat(PingPath.parse(KEY + "/db-backup")).isEqualTo(new PingPath(null, KEY, "db-backup", CronRuns.Status.OK, null));
    }

    @Test
    void refusesWhatIsNoPingWithTheReason() {
        assertThatThrownBy(() -> PingPath.parse("")).hasMessageContaining("/ping/<uuid>");
        assertThatThrownBy(() -> PingPath.parse(UUID + "/256")).hasMessageContaining("0 to 255");
        assertThatThrownBy(() -> PingPath.parse(UUID + "/-1")).hasMessageContaining("0 to 255");
        assertThatThrownBy(() -> PingPath.parse(UUID + "/0003")).hasMessageContaining("0 to 255");
        assertThatThrownBy(() -> PingPath.parse(UUID + "/start/x")).hasMessageContaining("after /ping/<uuid>");
        assertThatThrownBy(() -> PingPath.parse(KEY)).hasMessageContaining("<ping-key>/<slug>");
        assertThatThrownBy(() -> PingPath.parse(KEY + "/Bad%20Slug")).hasMessageContaining("slug");
        assertThatThrownBy(() -> PingPath.parse(KEY + "/" + "a".repeat(51))).hasMessageContaining("slug");
        assertThatThrownBy(() -> PingPath.parse("x".repeat(10_000))).hasMessageContaining("at most 200");
        assertThatThrownBy(() -> PingPath.parse("<script>")).hasMessageContaining("/ping/<uuid>");
        assertThat(PingPath.runId(null)).isNull();
        assertThat(PingPath.runId(UUID)).isEqualTo(UUID.replace("-", ""));
        assertThatThrownBy(() -> PingPath.runId("1; DROP TABLE")).hasMessageContaining("rid is a UUID");
    }

    @Test
    void takesTheRunIdFromTheQueryStringOnly() {
        assertThat(PingEndpoint.queryParameter("a=1&rid=" + UUID, "rid")).isEqualTo(UUID);
        assertThat(PingEndpoint.queryParameter("xrid=1", "rid")).isNull();
        assertThat(PingEndpoint.queryParameter(null, "rid")).isNull();
        assertThatThrownBy(() -> PingEndpoint.queryParameter("rid=%zz", "rid")).hasMessageContaining("URL-encoded");
    }

    /** Any path: a ping or an IllegalArgumentException with words, never anything else. */
    @FuzzTest(maxDuration = "5m")
    void anyPathIsAPingOrAClearRefusal(FuzzedDataProvider data) {
        String path = data.consumeRemainingAsString();
        try {
            PingPath p = PingPath.parse(path);
            assertThat(p.uuid() == null).isNotEqualTo(p.pingKey() == null);
            assertThat(p.exitCode() == null || (p.exitCode() >= 0 && p.exitCode() <= 255)).isTrue();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
