package io.bugmaster.slack.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlackCallsModuleTest {
    @Test
    void backoffDoublesFromTenSecondsUpToHalfAnHour() {
        assertThat(SlackCallsModule.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(SlackCallsModule.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(SlackCallsModule.backoff(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(SlackCallsModule.backoff(7)).isEqualTo(Duration.ofSeconds(640));
        assertThat(SlackCallsModule.backoff(9)).isEqualTo(Duration.ofMinutes(30));
        assertThat(SlackCallsModule.backoff(40)).isEqualTo(Duration.ofMinutes(30));
    }
}
