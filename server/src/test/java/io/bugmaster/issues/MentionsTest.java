package io.bugmaster.issues;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void membersAreMentionedByAtEmailAndTeamsByHashSlug() {
        List<Mentions.Candidate> found = Mentions.candidates("@Ann@Example.com and #payroll, please look. cc @bob@example.org.");
        assertThat(found).containsExactly(new Mentions.Candidate("@ann@example.com", false, "ann@example.com"),
                new Mentions.Candidate("#payroll", true, "payroll"),
                new Mentions.Candidate("@bob@example.org", false, "bob@example.org"));
    }

    @Test
    void plainEmailsAnchorsAndRepeatsAreNotNewMentions() {
        assertThat(Mentions.candidates("write to ann@example.com, see https://x.example/#top and a&#39;b")).isEmpty();
        assertThat(Mentions.candidates("#ops #ops #OPS")).hasSize(1);
        assertThat(Mentions.candidates(null)).isEmpty();
    }

    @Test
    void onlyResolvedMentionsBecomeMentionSegments() {
        List<Mentions.Segment> segments = Mentions.segments("hi @ann@example.com and #nobody, <b>#ops</b>",
                Set.of("@ann@example.com", "#ops"));
        assertThat(segments).containsExactly(new Mentions.Segment("hi ", false),
                new Mentions.Segment("@ann@example.com", true), new Mentions.Segment(" and #nobody, <b>", false),
                new Mentions.Segment("#ops", true), new Mentions.Segment("</b>", false));
        assertThat(Mentions.segments("no mentions", Set.of())).containsExactly(new Mentions.Segment("no mentions", false));
    }
}
