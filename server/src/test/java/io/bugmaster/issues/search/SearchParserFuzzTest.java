package io.bugmaster.issues.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bugmaster.common.InvalidInputException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the issue search syntax (seeds in SearchParserFuzzTestInputs/). Any text parses into at
 * most {@link SearchParser#MAX_TERMS} terms or is refused with an {@link InvalidInputException}
 * whose message is bounded; nothing else escapes. Parsing is deterministic and ignores the
 * whitespace around a query.
 */
class SearchParserFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void query(byte[] input) {
        String query = new String(input, StandardCharsets.UTF_8);
        SearchQuery parsed;
        try {
            parsed = SearchParser.parse(query);
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThanOrEqualTo(SearchParser.MAX_QUERY_LENGTH + 400);
            return;
        }
        assertThat(parsed.terms()).hasSizeLessThanOrEqualTo(SearchParser.MAX_TERMS).doesNotContainNull();
        for (SearchQuery.Term term : parsed.terms()) {
            if (term instanceof SearchQuery.Text text) {
                assertThat(text.text()).isNotEmpty();
            }
            if (term instanceof SearchQuery.Count count) {
                assertThat(count.value()).isNotNegative();
            }
        }
        assertThat(SearchParser.parse(query)).isEqualTo(parsed);
        if (query.length() + 3 <= SearchParser.MAX_QUERY_LENGTH) {
            assertThat(SearchParser.parse(" " + query + "\t ")).as("surrounding whitespace").isEqualTo(parsed);
        }
    }
}
