package io.bugmaster.incidents.postmortems;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.incidents.TimelineEntry;
import io.bugmaster.incidents.ui.RunbookMarkdown;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The draft's Markdown: hostile event data stays text inside its cell; impact numbers; time in each stage. */
class PostmortemDraftTest {
    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    static TimelineEntry entry(int minutes, String kind, Long user, String message, String link) {
        return new TimelineEntry("log:" + minutes, T0.plus(Duration.ofMinutes(minutes)), kind, user, "ana@example.com", "web", message, link,
                true, false);
    }

    static PostmortemDraft.Facts facts(List<TimelineEntry> timeline) {
        return new PostmortemDraft.Facts(42, "Brands see no orders", "http://localhost:8080/orgs/acme/incidents/42", "Support: no orders",
                T0, T0.plusSeconds(240), T0.plus(Duration.ofMinutes(85)), "P2 (Major)", List.of("Orders"),
                List.of(new PostmortemDraft.StageEntry("investigating", T0), new PostmortemDraft.StageEntry("identified", T0.plusSeconds(1200)),
                        new PostmortemDraft.StageEntry("monitoring", T0.plusSeconds(3000)),
                        new PostmortemDraft.StageEntry("resolved", T0.plus(Duration.ofMinutes(85)))),
                List.of(new PostmortemDraft.IssueImpact("WEB-12", "TypeError: orders is undefined", "http://localhost:8080/orgs/acme/issues/12",
                        1234, 567)),
                timeline, Map.of(7L, "Ana"), List.of(new PostmortemDraft.ActionLine("Alert on empty lists", "Ana", LocalDate.of(2026, 12, 31),
                        false, "https://tracker.example.com/OPS-1")), T0.plus(Duration.ofHours(2)));
    }

    @Test
    void hostileEventDataStaysTextInsideItsCell() {
        List<TimelineEntry> timeline = List.of(
                entry(0, "triggered", null, "Orders | stuck\n| forged | row |\n\n# Heading <script>alert(1)</script>", null),
                entry(1, "alert", null, "[click](javascript:alert(1)) ![img](x) <img src=x onerror=alert(1)> `code | pipe` &lt;b&gt;", null),
                entry(2, "notified", 7L, "Paged Ana", "javascript:alert(1)"),
                entry(3, "change", null, "Deploy web@1.2.3", "https://ci.example.com/run/1"),
                entry(4, "acknowledged", 7L, "Acknowledged by Ana \\| backslash", "https://x.example.com/a)b"));
        String md = PostmortemDraft.markdown(facts(timeline));
        String html = RunbookMarkdown.toHtml(md);

        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("href=\"javascript").doesNotContain("<h1>Heading")
                .doesNotContain("<code>");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        String table = html.substring(html.indexOf("<table>"), html.indexOf("</table>"));
        assertThat(table.split("<tr>", -1)).as("a header row and one row per entry").hasSize(1 + 1 + timeline.size());
        for (String row : table.split("<tr>")) {
            if (row.contains("<td")) {
                assertThat(row.split("<td", -1)).as("three cells: " + row).hasSize(4);
            }
        }
        assertThat(table).contains("href=\"https://ci.example.com/run/1\"").doesNotContain("x.example.com");
        assertThat(table).contains("Orders | stuck | forged | row | # Heading");
    }

    @Test
    void theImpactTellsDurationsStagesIssuesPagesAndResponders() {
        String md = PostmortemDraft.markdown(facts(List.of(entry(0, "triggered", null, "Triggered", null),
                entry(1, "notified", 7L, "Paged Ana by email", null), entry(2, "notified", 7L, "Paged Ana by SMS", null),
                entry(4, "acknowledged", 7L, "Acknowledged", null))));
        assertThat(md).contains("- **Duration:** 1 h 25 min, from 2026-12-05 10:00:00 UTC to 2026-12-05 11:25:00 UTC");
        assertThat(md).contains("- **Time to acknowledge:** 4 min");
        assertThat(md).contains("- **Priority:** P2 (Major)");
        assertThat(md).contains("- **Time in each stage:** investigating 20 min, identified 30 min, monitoring 35 min");
        assertThat(md).contains("- **Error issues:** 1 linked, 1,234 events and 567 users affected");
        assertThat(md).contains("  - [WEB-12](http://localhost:8080/orgs/acme/issues/12) TypeError: orders is undefined: 1,234 events, 567 users");
        assertThat(md).contains("- **Notifications:** 2 pages sent to 1 person");
        assertThat(md).contains("- **Responders:** Ana");
        assertThat(md).contains("- [ ] Alert on empty lists (owner: Ana, due 2026-12-31) [ticket](https://tracker.example.com/OPS-1)");
        assertThat(md).contains("First description: Support: no orders");
    }

    @Test
    void linksToBugmastersOwnPagesAreFullAddressesSoTheExportedMarkdownOpensThem() {
        String md = PostmortemDraft.markdown(facts(List.of(entry(1, "change", null, "Deployed shop@1.4.0", "/orgs/acme/releases/shop@1.4.0"),
                entry(2, "note", 7L, "See the dashboard", "https://grafana.example.com/d/1"))));

        assertThat(md).contains("[open](http://localhost:8080/orgs/acme/releases/shop@1.4.0)")
                .contains("[open](https://grafana.example.com/d/1)").doesNotContain("(/orgs/");
    }

    @Test
    void anOpenIncidentIsMeasuredUntilNow() {
        var f = facts(List.of());
        var open = new PostmortemDraft.Facts(f.number(), f.title(), f.url(), null, f.createdAt(), null, null, null, List.of(),
                List.of(new PostmortemDraft.StageEntry("investigating", T0)), List.of(), List.of(), Map.of(), List.of(), f.now());
        String md = PostmortemDraft.markdown(open);
        assertThat(md).contains("- **Duration:** 2 h so far (still open)").contains("never acknowledged").contains("- **Priority:** not set")
                .contains("investigating 2 h").contains("none linked").contains("0 pages sent");
    }

    @Test
    void aLongTimelineEndsWithAPointerToTheIncident() {
        List<TimelineEntry> many = new java.util.ArrayList<>();
        for (int k = 0; k < 2000; k++) {
            many.add(entry(k, "alert", null, "x".repeat(500), null));
        }
        String md = PostmortemDraft.markdown(facts(many));
        assertThat(md.length()).isLessThan(Postmortems.MAX_BODY_BYTES);
        assertThat(md).contains("more entries: see the incident's timeline");
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(PostmortemDraft.duration(Duration.ofSeconds(40))).isEqualTo("40 s");
        assertThat(PostmortemDraft.duration(Duration.ofMinutes(60))).isEqualTo("1 h");
        assertThat(PostmortemDraft.duration(Duration.ofMinutes(61))).isEqualTo("1 h 1 min");
        assertThat(PostmortemDraft.duration(Duration.ofHours(51))).isEqualTo("2 d 3 h");
    }
}
