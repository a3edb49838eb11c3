package io.bugmaster.issues.search;

import io.bugmaster.common.PureLogic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A parsed issue search: the terms of Sentry's search syntax, all of which must hold. Built by
 * {@link SearchParser}, turned into SQL by {@link SearchSql}.
 */
@PureLogic
public record SearchQuery(List<Term> terms) {

    public SearchQuery {
        terms = List.copyOf(terms);
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** One condition; {@code negated} when written with a leading {@code !}. */
    public sealed interface Term permits Status, Substatus, Assigned, AssignedAny, Tag, TagIn, Has, Release, FirstRelease, Level, Time, SeenBetween, Count,
            Text {
        boolean negated();
    }

    /** {@code is:unresolved|resolved|ignored} (also {@code is:archived} for ignored). */
    public record Status(String status, boolean negated) implements Term {}

    /** {@code is:new|regressed|escalating|ongoing}: unresolved issues in that state. */
    public record Substatus(String substatus, boolean negated) implements Term {}

    public enum AssigneeKind { ANYONE, NOBODY, ME, MY_TEAMS, TEAM, EMAIL }

    /** {@code is:assigned}, {@code is:unassigned}, {@code assigned:me|my_teams|#team|email|none}. */
    public record Assigned(AssigneeKind kind, String value, boolean negated) implements Term {}

    /** {@code assigned:[me, my_teams, #team, email]}: assigned to any of those (Sentry's list syntax). */
    public record AssignedAny(List<Assigned> anyOf, boolean negated) implements Term {
        public AssignedAny {
            anyOf = List.copyOf(anyOf);
        }
    }

    /** {@code key:value} or {@code tags[key]:value} over the issue's tag values; {@code *} in the value is a wildcard. */
    public record Tag(String key, String value, boolean negated) implements Term {}

    /** The issue has any of these exact values of a tag (the list issue APIs' repeated {@code environment=}). */
    public record TagIn(String key, List<String> values, boolean negated) implements Term {
        public TagIn {
            values = List.copyOf(values);
        }
    }

    /** {@code has:key}: the issue has any value of that tag. */
    public record Has(String key, boolean negated) implements Term {}

    /** {@code release:x}: an event of the issue came with that release (also its first or last release). */
    public record Release(String version, boolean negated) implements Term {}

    /** {@code first-release:x} (Sentry's {@code firstRelease:x}): the issue was first seen in that release. */
    public record FirstRelease(String version, boolean negated) implements Term {}

    /** {@code level:error}. */
    public record Level(String level, boolean negated) implements Term {}

    public enum TimeField { FIRST_SEEN, LAST_SEEN }

    public enum Op {
        GT(">"), GTE(">="), LT("<"), LTE("<="), EQ("=");

        private final String sql;

        Op(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }

    /**
     * {@code first-seen:-24h} (within the last 24 hours: {@code ago} with {@link Op#GTE}),
     * {@code first-seen:+7d} (longer ago than that: {@link Op#LT}), {@code last-seen:>2026-01-01}
     * ({@code at}); a bare date means that whole day (UTC), as {@code at} with {@link Op#EQ}.
     */
    public record Time(TimeField field, Op op, Instant at, Duration ago, boolean negated) implements Term {}

    /**
     * The issue has an event from {@code start} up to {@code end}, counted in whole hours: the hour that
     * holds {@code start} and the one that holds {@code end} count whole.
     */
    public record SeenBetween(Instant start, Instant end, boolean negated) implements Term {}

    public enum CountField { TIMES_SEEN, USER_COUNT }

    /** {@code times-seen:>100}, {@code user-count:<=5}. */
    public record Count(CountField field, Op op, long value, boolean negated) implements Term {}

    /** Free text: a word or quoted phrase found in the title or culprit, ignoring case. */
    public record Text(String text, boolean negated) implements Term {}
}
