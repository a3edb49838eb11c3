package io.bugmaster.monitors.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JobOutputTest {
    @Test
    void keepsTheFirstTenKilobytesWithoutACutCharacterOrNul() {
        byte[] euros = "€".repeat(5000).getBytes(StandardCharsets.UTF_8); // 3 bytes each: the cut at 10240 splits one
        String kept = JobOutput.of(euros, euros.length);
        assertThat(kept).matches("€+");
        assertThat(kept.getBytes(StandardCharsets.UTF_8).length).isEqualTo(10_239);
        assertThat(JobOutput.of("a\u0000b")).isEqualTo("a\uFFFDb");
        assertThat(JobOutput.of(new byte[0], 0)).isNull();
        assertThat(JobOutput.append("started\n", "step 2")).isEqualTo("started\nstep 2");
        assertThat(JobOutput.append("x".repeat(10_240), "more")).hasSize(10_240);
    }
}
