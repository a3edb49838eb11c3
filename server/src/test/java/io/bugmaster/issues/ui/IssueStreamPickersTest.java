package io.bugmaster.issues.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.issues.search.SearchParser;
import io.bugmaster.issues.search.SearchQuery;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The stream's environment and time-range pickers: their choices, their links, and what a saved search keeps of them. */
class IssueStreamPickersTest {

    @Test
    void theTimeRangesAreTheStreamsChoicesAndAnythingElseIsRefused() {
        assertThat(IssueStreamPages.PERIODS).extracting(IssueStreamPages.Period::id).containsExactly("1h", "24h", "7d", "14d", "30d", "all");
        assertThat(IssueStreamPages.period("7d").within()).isEqualTo(Duration.ofDays(7));
        assertThat(IssueStreamPages.period(null).within()).as("no choice is any time").isNull();
        assertThat(IssueStreamPages.period(" ").within()).isNull();
        assertThatThrownBy(() -> IssueStreamPages.period("13x")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown time range '13x'");
    }

    @Test
    void aSavedSearchKeepsThePickersAsTermsThatParseBackToTheSameEnvironment() {
        assertThat(IssueStreamPages.savedQuery("is:unresolved", "production", "24h"))
                .isEqualTo("is:unresolved environment:production last-seen:-24h");
        assertThat(IssueStreamPages.savedQuery("is:unresolved", null, "all")).isEqualTo("is:unresolved");
        assertThat(IssueStreamPages.savedQuery("", "", "30d")).isEqualTo("last-seen:-30d");
        for (String name : new String[] {"eu west", "say \"hi\"", "back\\slash", "a:b", "prod*"}) {
            SearchQuery parsed = SearchParser.parse(IssueStreamPages.savedQuery("is:unresolved", name, "1h"));
            assertThat(parsed.terms()).as(name).contains(new SearchQuery.Tag("environment", name, false));
            assertThat(parsed.terms()).as(name).hasSize(3);
        }
    }

    @Test
    void everyLinkOfTheStreamKeepsProjectEnvironmentAndTimeRangeWithItsValuesEscaped() {
        IssueStreamPages.Links links = new IssueStreamPages.Links("shop", 7L, "eu west&x=1", "24h");
        assertThat(links.stream("is:unresolved first-seen:+7d", "date"))
                .isEqualTo("/orgs/shop/issues?query=is:unresolved%20first-seen:%2B7d&sort=date&project=7&environment=eu%20west%26x%3D1&period=24h");
        assertThat(links.page("is:unresolved", "freq", 25)).endsWith("&offset=25");
        assertThat(new IssueStreamPages.Links("shop", null, null, null).page("a#b", "date", -5))
                .isEqualTo("/orgs/shop/issues?query=a%23b&sort=date");
    }
}
