package io.bugmaster.oncall.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ICalendarTest {

    @Test
    void longLinesAreFoldedAt75OctetsWithoutSplittingACharacter() {
        String summary = "On call: " + "équipe 東京 ".repeat(20);
        String ics = ICalendar.feed("x", Instant.parse("2026-03-01T00:00:00Z"), List.of(new ICalendar.Event("u@bugmaster",
                Instant.parse("2026-03-02T08:00:00Z"), Instant.parse("2026-03-03T08:00:00Z"), summary, null, null, false)));
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
            assertThat(line).doesNotContain("\uFFFD");
        }
        assertThat(ics.replace("\r\n ", "")).contains("\r\nSUMMARY:" + summary + "\r\n");
        assertThat(ics).contains("\r\nDTSTART:20260302T080000Z\r\nDTEND:20260303T080000Z\r\n");
    }

    @Test
    void textValuesAreEscaped() {
        assertThat(ICalendar.text("a;b,c\\d\ne")).isEqualTo("a\\;b\\,c\\\\d\\ne");
    }
}
