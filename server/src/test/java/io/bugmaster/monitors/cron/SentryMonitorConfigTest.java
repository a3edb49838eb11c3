package io.bugmaster.monitors.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.monitors.MonitorConfig;
import io.bugmaster.monitors.Schedule;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SentryMonitorConfigTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void readsSentryCliAndTheSdksShapesWithSentrysDefaults() {
        MonitorConfig c = SentryMonitorConfig.read(json("""
                {"schedule":{"type":"crontab","value":"0 3 * * *"},"checkin_margin":5,"max_runtime":30,"timezone":"Europe/Paris"}"""), null);
        assertThat(c).isEqualTo(new MonitorConfig(Schedule.crontab("0 3 * * *"), "Europe/Paris", 5, 30, 1, 1, null, null, null));
        MonitorConfig interval = SentryMonitorConfig.read(json("""
                {"schedule":{"type":"interval","value":2,"unit":"hour"},"failure_issue_threshold":3,"recovery_threshold":"2"}"""), null);
        assertThat(interval).isEqualTo(new MonitorConfig(Schedule.every(2, "hour"), "UTC", MonitorConfig.DEFAULT_MARGIN,
                MonitorConfig.DEFAULT_MAX_RUNTIME, 3, 2, null, null, null));
    }

    @Test
    void whatIsNotSentKeepsTheMonitorsSettings() {
        MonitorConfig base = new MonitorConfig(Schedule.crontab("0 3 * * *"), "Europe/Paris", 15, 90, 2, 2, null, null, null);
        assertThat(SentryMonitorConfig.read(json("{\"max_runtime\":null}"), base)).isEqualTo(base);
        assertThat(SentryMonitorConfig.read(json("{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 4 * * *\"}}"), base).checkinMargin())
                .isEqualTo(15);
    }

    @Test
    void badConfigsSayWhatIsWrong() {
        assertThatThrownBy(() -> SentryMonitorConfig.read(json("{}"), null)).hasMessageContaining("no schedule");
        assertThatThrownBy(() -> SentryMonitorConfig.read(json("{\"schedule\":\"0 3 * * *\"}"), null)).hasMessageContaining("is an object");
        assertThatThrownBy(() -> SentryMonitorConfig.read(json("{\"schedule\":{\"type\":\"weekly\",\"value\":\"x\"}}"), null))
                .hasMessageContaining("crontab or interval");
        assertThatThrownBy(() -> SentryMonitorConfig.read(json("{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 3 * *\"}}"), null))
                .hasMessageContaining("crontab");
        assertThatThrownBy(() -> SentryMonitorConfig.read(json("""
                {"schedule":{"type":"crontab","value":"0 3 * * *"},"timezone":"Mars/Olympus"}"""), null)).hasMessageContaining("time zone");
        assertThatThrownBy(() -> SentryMonitorConfig.read(json("""
                {"schedule":{"type":"crontab","value":"0 3 * * *"},"checkin_margin":1.5}"""), null)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> SentryMonitorConfig.read(json("""
                {"schedule":{"type":"crontab","value":"0 3 * * *"},"max_runtime":999999}"""), null)).hasMessageContaining("max_runtime");
        assertThatThrownBy(() -> SentryMonitorConfig.read(json("""
                {"schedule":{"type":"interval","value":2,"unit":"fortnight"}}"""), null)).hasMessageContaining("unit");
    }
}
