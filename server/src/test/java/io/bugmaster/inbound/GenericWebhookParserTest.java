package io.bugmaster.inbound;

import static io.bugmaster.inbound.InboundFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.incidents.AlertIntake.Action;
import io.bugmaster.incidents.AlertIntake.InboundAlert;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenericWebhookParserTest {

    @Test
    void onlyTheSummaryIsRequiredToTrigger() {
        InboundAlert alert = GenericWebhookParser.parse(utf8("{\"summary\":\"Backup failed\"}")).alert();
        assertThat(alert.action()).isEqualTo(Action.TRIGGER);
        assertThat(alert.summary()).isEqualTo("Backup failed");
        assertThat(alert.severity()).isEqualTo("error");
        assertThat(alert.source()).isEqualTo("webhook");
        assertThat(alert.dedupKey()).isNull();
    }

    @Test
    void readsEveryField() {
        InboundAlert alert = GenericWebhookParser.parse(utf8("{\"action\":\"trigger\",\"summary\":\"Backup failed\",\"severity\":\"critical\","
                + "\"source\":\"backup.sh\",\"dedup_key\":\"nightly-backup\",\"details\":{\"exit\":3}}")).alert();
        assertThat(alert.dedupKey()).isEqualTo("nightly-backup");
        assertThat(alert.severity()).isEqualTo("critical");
        assertThat(alert.source()).isEqualTo("backup.sh");
        assertThat(alert.details()).isEqualTo(Map.of("exit", 3));
        InboundAlert resolve = GenericWebhookParser.parse(utf8("{\"action\":\"resolve\",\"dedup_key\":\"nightly-backup\"}")).alert();
        assertThat(resolve.action()).isEqualTo(Action.RESOLVE);
    }

    @Test
    void saysWhatIsWrong() {
        assertThat(GenericWebhookParser.parse(utf8("{\"action\":\"resolve\"}")).errors())
                .isEqualTo(List.of("dedup_key is required to resolve an alert"));
        assertThat(GenericWebhookParser.parse(utf8("{\"action\":\"ack\",\"summary\":1}")).errors())
                .isEqualTo(List.of("action must be trigger or resolve, got \"ack\""));
        assertThat(GenericWebhookParser.parse(utf8("{\"summary\":1,\"severity\":\"loud\"}")).errors())
                .isEqualTo(List.of("summary must be a string, got a number",
                        "severity must be one of critical, error, warning, info, got \"loud\""));
    }
}
