package io.bugmaster.incidents.timeline.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimelinePanelTest {

    @Test
    void onlyHttpLinksAndPathsOnThisServerAreFollowed() {
        assertThat(TimelinePanel.href("https://grafana.example.com/d/orders")).isEqualTo("https://grafana.example.com/d/orders");
        assertThat(TimelinePanel.href("http://ci.internal/runs/7")).isEqualTo("http://ci.internal/runs/7");
        assertThat(TimelinePanel.href("/orgs/acme/issues/17")).isEqualTo("/orgs/acme/issues/17");
        assertThat(TimelinePanel.href("javascript:alert(1)")).isNull();
        assertThat(TimelinePanel.href(" JavaScript:alert(1)")).isNull();
        assertThat(TimelinePanel.href("data:text/html,<script>alert(1)</script>")).isNull();
        assertThat(TimelinePanel.href("//evil.example.com/x")).isNull();
        assertThat(TimelinePanel.href("/\\evil.example.com/x")).isNull();
        assertThat(TimelinePanel.href(null)).isNull();
    }
}
