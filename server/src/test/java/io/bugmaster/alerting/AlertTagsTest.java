package io.bugmaster.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.common.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which tags an alert message shows: the project's keys in order, from the event's tags or what Bugmaster knows. */
class AlertTagsTest {
    @Test
    void blankMeansTheDefault() {
        assertThat(AlertTags.parse(null)).isEqualTo(AlertTags.DEFAULT);
        assertThat(AlertTags.parse("  , \n")).isEqualTo(AlertTags.DEFAULT);
        assertThat(AlertTags.DEFAULT).containsExactly("environment", "release", "level", "browser", "os", "url");
    }

    @Test
    void keysAreSplitOnCommasAndSpacesKeptInOrderWithoutRepeats() {
        assertThat(AlertTags.parse("browser, release\ncustomer.tier  release,server_name"))
                .containsExactly("browser", "release", "customer.tier", "server_name");
        assertThat(AlertTags.format(List.of("a", "b"))).isEqualTo("a, b");
    }

    @Test
    void notATagKeyOrTooManyKeysAreRefused() {
        assertThatThrownBy(() -> AlertTags.parse("browser <b>"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'<b>' is not a tag key");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= AlertTags.MAX_KEYS; i++) {
            many.append("k").append(i).append(' ');
        }
        assertThatThrownBy(() -> AlertTags.parse(many.toString())).hasMessageContaining("at most 20 tags");
    }

    @Test
    void eventTagsWinKnownFactsFillInAndKeysWithoutValueAreLeftOut() {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("browser", "Firefox 120");
        event.put("os", "");
        event.put("server_name", "web-1");
        Map<String, String> known = Map.of("environment", "production", "os", "Windows 11", "browser", "Chrome 1",
                "url", "x".repeat(500));
        Map<String, String> shown = AlertTags.select(List.of("url", "browser", "os", "release", "environment", "server_name"), event, known);
        assertThat(shown.keySet()).containsExactly("url", "browser", "os", "environment", "server_name");
        assertThat(shown).containsEntry("browser", "Firefox 120").containsEntry("os", "Windows 11");
        assertThat(shown.get("url")).hasSize(AlertTags.MAX_VALUE).endsWith("…");
    }

    @Test
    void browserAndOsAreNameAndVersion() {
        assertThat(AlertTags.nameAndVersion("Chrome", "120.0")).isEqualTo("Chrome 120.0");
        assertThat(AlertTags.nameAndVersion("Linux", null)).isEqualTo("Linux");
        assertThat(AlertTags.nameAndVersion(null, "1")).isNull();
    }
}
