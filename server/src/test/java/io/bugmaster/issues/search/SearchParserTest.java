package io.bugmaster.issues.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.issues.search.SearchQuery.Assigned;
import io.bugmaster.issues.search.SearchQuery.AssigneeKind;
import io.bugmaster.issues.search.SearchQuery.Count;
import io.bugmaster.issues.search.SearchQuery.CountField;
import io.bugmaster.issues.search.SearchQuery.Op;
import io.bugmaster.issues.search.SearchQuery.Status;
import io.bugmaster.issues.search.SearchQuery.Substatus;
import io.bugmaster.issues.search.SearchQuery.Tag;
import io.bugmaster.issues.search.SearchQuery.Text;
import io.bugmaster.issues.search.SearchQuery.Time;
import io.bugmaster.issues.search.SearchQuery.TimeField;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SearchParserTest {
    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final SearchSql.Assignees ASSIGNEES = new SearchSql.Assignees() {
        @Override
        public long currentUserId() {
            return 7;
        }

        @Override
        public List<Long> currentUserTeamIds() {
            return List.of(3L, 4L);
        }

        @Override
        public Optional<Long> memberUserIdByEmail(String email) {
            return email.equals("dev@example.com") ? Optional.of(9L) : Optional.empty();
        }

        @Override
        public Optional<Long> teamIdBySlug(String slug) {
            return slug.equals("payroll") ? Optional.of(5L) : Optional.empty();
        }
    };

    static List<SearchQuery.Term> terms(String q) {
        return SearchParser.parse(q).terms();
    }

    static SearchSql.Where sql(String q) {
        return SearchSql.build(SearchParser.parse(q), List.of(1L, 2L), NOW, ASSIGNEES);
    }

    @Test
    void emptyQueriesHaveNoTerms() {
        assertThat(terms(null)).isEmpty();
        assertThat(terms("   ")).isEmpty();
        assertThat(sql("").sql()).isEqualTo("i.project_id IN (?, ?)");
    }

    @Test
    void firstReleaseMatchesOnlyTheReleaseAnIssueWasFirstSeenIn() {
        assertThat(terms("first-release:app@1.0 firstRelease:\"a b\" !first_release:x")).containsExactly(
                new SearchQuery.FirstRelease("app@1.0", false), new SearchQuery.FirstRelease("a b", false),
                new SearchQuery.FirstRelease("x", true));
        SearchSql.Where where = sql("firstRelease:app@1.0");
        assertThat(where.sql()).contains("i.first_release = ?");
        assertThat(where.params()).contains("app@1.0");
    }

    @Test
    void statusSubstatusAndAssignment() {
        assertThat(terms("is:unresolved is:archived is:regressed is:assigned is:unassigned")).containsExactly(
                new Status("unresolved", false), new Status("ignored", false), new Substatus("regressed", false),
                new Assigned(AssigneeKind.ANYONE, null, false), new Assigned(AssigneeKind.NOBODY, null, false));
        assertThat(terms("assigned:me assigned:#payroll assigned:dev@example.com !assigned:my_teams assigned:none"))
                .containsExactly(new Assigned(AssigneeKind.ME, null, false), new Assigned(AssigneeKind.TEAM, "payroll", false),
                        new Assigned(AssigneeKind.EMAIL, "dev@example.com", false),
                        new Assigned(AssigneeKind.MY_TEAMS, null, true), new Assigned(AssigneeKind.NOBODY, null, false));
    }

    @Test
    void tagsQuotedValuesNegationAndFreeText() {
        assertThat(terms("browser:\"Chrome 120\" !environment:staging tags[is]:x NullPointer \"out of memory\" !timeout"))
                .containsExactly(new Tag("browser", "Chrome 120", false), new Tag("environment", "staging", true),
                        new Tag("is", "x", false), new Text("NullPointer", false), new Text("out of memory", false),
                        new Text("timeout", true));
        assertThat(terms("url:\"say \\\"hi\\\"\"")).containsExactly(new Tag("url", "say \"hi\"", false));
        assertThat(terms("url:https://api.example.com/payroll/*"))
                .containsExactly(new Tag("url", "https://api.example.com/payroll/*", false));
    }

    @Test
    void timesAndCounts() {
        assertThat(terms("first-seen:-24h lastSeen:+7d age:-30m")).containsExactly(
                new Time(TimeField.FIRST_SEEN, Op.GTE, null, Duration.ofHours(24), false),
                new Time(TimeField.LAST_SEEN, Op.LT, null, Duration.ofDays(7), false),
                new Time(TimeField.FIRST_SEEN, Op.GTE, null, Duration.ofMinutes(30), false));
        assertThat(terms("first-seen:>2026-01-01 last-seen:<=2026-01-02T10:00:00Z")).containsExactly(
                new Time(TimeField.FIRST_SEEN, Op.GT, Instant.parse("2026-01-01T00:00:00Z"), null, false),
                new Time(TimeField.LAST_SEEN, Op.LTE, Instant.parse("2026-01-02T10:00:00Z"), null, false));
        assertThat(terms("times-seen:>100 timesSeen:<=5 user-count:>=2 user_count:3")).containsExactly(
                new Count(CountField.TIMES_SEEN, Op.GT, 100, false), new Count(CountField.TIMES_SEEN, Op.LTE, 5, false),
                new Count(CountField.USER_COUNT, Op.GTE, 2, false), new Count(CountField.USER_COUNT, Op.EQ, 3, false));
    }

    @Test
    void sqlUsesOnlyPlaceholdersForValues() {
        SearchSql.Where w = sql("is:unresolved level:error assigned:me times-seen:>100 first-seen:-24h release:app@1.0 "
                + "browser:Chrome boom");
        assertThat(w.sql()).doesNotContain("Chrome", "boom", "app@1.0", "100", "error'");
        assertThat(w.params()).containsExactly(1L, 2L, "unresolved", "error", 7L, 100L,
                NOW.minus(Duration.ofHours(24)).toEpochMilli(), "app@1.0", "app@1.0", "app@1.0", "browser", "Chrome",
                "%boom%", "%boom%");
    }

    @Test
    void negationTreatsUnknownAsNotMatching() {
        assertThat(sql("!assigned:me").sql()).endsWith("AND NOT COALESCE((i.assignee_user_id = ?), FALSE)");
    }

    @Test
    void assigneesResolveThroughTheOrganization() {
        assertThat(sql("assigned:#payroll").params()).endsWith(5L);
        assertThat(sql("assigned:my_teams").params()).endsWith(3L, 4L);
        assertThat(sql("assigned:nobody@example.com").sql()).endsWith("(1 = 0)");
        assertThatThrownBy(() -> sql("assigned:#ghosts")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("assigned:#ghosts");
    }

    @Test
    void assignedTakesSentrysListSyntaxMeaningAnyOfTheValues() {
        assertThat(terms("assigned:[me, my_teams] is:unresolved")).containsExactly(
                new SearchQuery.AssignedAny(List.of(new Assigned(AssigneeKind.ME, null, false),
                        new Assigned(AssigneeKind.MY_TEAMS, null, false)), false),
                new Status("unresolved", false));
        assertThat(terms("!assigned:[#payroll,dev@example.com]")).containsExactly(
                new SearchQuery.AssignedAny(List.of(new Assigned(AssigneeKind.TEAM, "payroll", false),
                        new Assigned(AssigneeKind.EMAIL, "dev@example.com", false)), true));
        assertThat(terms("assigned:[my_teams]")).containsExactly(new Assigned(AssigneeKind.MY_TEAMS, null, false));

        SearchSql.Where any = sql("assigned:[me, my_teams, #payroll]");
        assertThat(any.sql()).endsWith("AND ((i.assignee_user_id = ?) OR (i.assignee_team_id IN (?, ?)) OR (i.assignee_team_id = ?))");
        assertThat(any.params()).containsExactly(1L, 2L, 7L, 3L, 4L, 5L);
        assertThat(sql("!assigned:[me, none]").sql()).endsWith("AND NOT COALESCE(((i.assignee_user_id = ?) OR "
                + "(i.assignee_user_id IS NULL AND i.assignee_team_id IS NULL)), FALSE)");

        assertError("assigned:[me, someone]", "assigned:");
        assertError("assigned:[me, ]", "empty value in the list");
        assertError("assigned:[me, my_teams", "not closed with ']'");
        assertError("assigned:[me]x", "put a space after the closing ']'");
        assertThatThrownBy(() -> sql("assigned:[me, #ghosts]")).hasMessageContaining("#ghosts");
    }

    @Test
    void myTeamsWithNoTeamsMatchesNothing() {
        SearchSql.Assignees teamless = new SearchSql.Assignees() {
            @Override
            public long currentUserId() {
                return 7;
            }

            @Override
            public List<Long> currentUserTeamIds() {
                return List.of();
            }

            @Override
            public Optional<Long> memberUserIdByEmail(String email) {
                return Optional.empty();
            }

            @Override
            public Optional<Long> teamIdBySlug(String slug) {
                return Optional.empty();
            }
        };
        assertThat(SearchSql.build(SearchParser.parse("assigned:my_teams"), List.of(1L), NOW, teamless).sql())
                .isEqualTo("i.project_id IN (?) AND (1 = 0)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"' OR 1=1 --", "x'); DROP TABLE issues; --", "%", "_", "\\", "\" OR \"\"=\"", "Robert'); --"})
    void injectionAttemptsAreJustValues(String evil) {
        String quoted = "\"" + evil.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        for (String prefix : List.of("browser:", "", "release:", "environment:")) {
            SearchSql.Where w = sql(prefix + quoted);
            assertThat(w.sql()).as("the SQL text does not depend on the value").isEqualTo(sql(prefix + "harmless").sql());
            assertThat(w.params().stream().map(String::valueOf)).anyMatch(p -> p.contains(evil.replace("\\", "\\\\")
                    .replace("%", "\\%").replace("_", "\\_").toLowerCase()) || p.equals(evil));
        }
    }

    @Test
    void likeWildcardsInUserTextAreEscaped() {
        assertThat(sql("\"100%_done\"").params()).contains("%100\\%\\_done%");
        assertThat(sql("url:*/payroll/*").params()).contains("%/payroll/%");
    }

    @Test
    void errorsNameTheToken() {
        assertError("is:bogus", "'is:bogus'");
        assertError("times-seen:>lots", "'times-seen:>lots'");
        assertError("first-seen:yesterday", "'first-seen:yesterday'");
        assertError("level:catastrophic", "'level:catastrophic'");
        assertError("assinged:me", "did you mean 'assigned'");
        assertError("relase:1.0", "did you mean 'release'");
        assertError("browser:", "needs a value");
        assertError("browser:\"unterminated", "quote is not closed");
        assertError("we$ird:key", "unknown search key");
        assertError("assigned:someone", "assigned:");
        assertError("!", "nothing after '!'");
        assertError("a".repeat(2001), "longer than");
        assertThatThrownBy(() -> SearchSql.Sort.parse("priority")).hasMessageContaining("sort");
    }

    static void assertError(String query, String fragment) {
        assertThatThrownBy(() -> SearchParser.parse(query)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("query: ").hasMessageContaining(fragment);
    }
}
