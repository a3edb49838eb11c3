package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DownloadsTest {

    @Test
    void aLongNameIsCutToTheLimitKeepingItsExtension() {
        String shortened = Downloads.shorten("a".repeat(5000) + ".tar.gz");
        assertThat(shortened.codePointCount(0, shortened.length())).isEqualTo(Downloads.MAX_NAME);
        assertThat(shortened).startsWith("aaaa").endsWith("a….gz");
    }

    @Test
    void aLongNameWithoutAShortExtensionIsCutAtTheLimit() {
        String shortened = Downloads.shorten("report." + "b".repeat(300));
        assertThat(shortened.codePointCount(0, shortened.length())).isEqualTo(Downloads.MAX_NAME);
        assertThat(shortened).startsWith("report.bbb").endsWith("b…");
    }

    @Test
    void aNameIsCutBetweenCharactersNotInsideOne() {
        String shortened = Downloads.shorten("😀".repeat(300) + ".png");
        assertThat(shortened.codePointCount(0, shortened.length())).isEqualTo(Downloads.MAX_NAME);
        assertThat(shortened).endsWith("😀….png");
    }

    @Test
    void shortNamesStayAndBlankOnesGetAName() {
        assertThat(Downloads.shorten(" crash.dmp ")).isEqualTo("crash.dmp");
        assertThat(Downloads.shorten("")).isEqualTo("attachment");
        assertThat(Downloads.shorten(null)).isEqualTo("attachment");
    }

    @Test
    void quotesAndLineBreaksCannotLeaveTheHeaderValue() {
        assertThat(Downloads.attachment("a\"b\r\nSet-Cookie: x=1.txt")).doesNotContain("\r", "\n").startsWith("attachment; filename");
    }
}
