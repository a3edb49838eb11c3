package io.bugmaster.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IssueSummaryTest {

    @Test
    void javaExceptionTitleAndCulprit() {
        IssueSummary summary = Grouper.group(Fixtures.javaProbeEvent("For input string: \"boom\"", 14, "probe@1.0.0")).summary();

        assertThat(summary).isEqualTo(new IssueSummary("NumberFormatException: For input string: \"boom\"",
                "java.lang.NumberFormatException in forInputString", "NumberFormatException", "For input string: \"boom\"",
                "NumberFormatException.java", "forInputString"));
    }

    @Test
    void culpritIsTheCrashingInAppFrame() {
        IssueSummary summary = IssueSummaries.of(Fixtures.nodeProbeEvent("Expected property name or '}' in JSON at position 1", 6));

        assertThat(summary.title()).isEqualTo("SyntaxError: Expected property name or '}' in JSON at position 1");
        assertThat(summary.culprit()).isEqualTo("probe in Object.?");
        assertThat(summary.filename()).isEqualTo("/app/probe.js");
    }

    @Test
    void messageTitleIsCutAndCulpritIsTheTransaction() {
        String longMessage = "Checkout failed because " + "the gateway said no ".repeat(10) + "\nsecond line";
        IssueSummary summary = IssueSummaries.of(GroupingEvent.builder().message(longMessage).transaction("POST /pay").build());

        assertThat(summary.title()).hasSize(IssueSummaries.MAX_TITLE).startsWith("Checkout failed because").endsWith("\u2026");
        assertThat(summary.culprit()).isEqualTo("POST /pay");
        assertThat(summary.type()).isNull();
    }

    @Test
    void syntheticExceptionIsTitledByItsMessage() {
        IssueSummary summary = IssueSummaries.of(Fixtures.nodeMessageEvent("hello from node probe", 7));

        assertThat(summary.title()).isEqualTo("hello from node probe");
        assertThat(summary.culprit()).isEqualTo("probe in Object.?");
    }

    @Test
    void titleFallsBackWhenThereIsNothing() {
        assertThat(IssueSummaries.of(GroupingEvent.builder().build()).title()).isEqualTo("<unlabeled event>");
        assertThat(IssueSummaries.of(GroupingEvent.builder()
                .exception(new GroupingException("Oops", null, null, null, false, List.of())).build()).title()).isEqualTo("Oops");
    }
}
