package io.bugmaster.issues.search;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import io.bugmaster.issues.search.SearchQuery.Assigned;
import io.bugmaster.issues.search.SearchQuery.AssignedAny;
import io.bugmaster.issues.search.SearchQuery.AssigneeKind;
import io.bugmaster.issues.search.SearchQuery.Count;
import io.bugmaster.issues.search.SearchQuery.CountField;
import io.bugmaster.issues.search.SearchQuery.Has;
import io.bugmaster.issues.search.SearchQuery.Level;
import io.bugmaster.issues.search.SearchQuery.Op;
import io.bugmaster.issues.search.SearchQuery.Release;
import io.bugmaster.issues.search.SearchQuery.Status;
import io.bugmaster.issues.search.SearchQuery.Substatus;
import io.bugmaster.issues.search.SearchQuery.Tag;
import io.bugmaster.issues.search.SearchQuery.Term;
import io.bugmaster.issues.search.SearchQuery.Text;
import io.bugmaster.issues.search.SearchQuery.Time;
import io.bugmaster.issues.search.SearchQuery.TimeField;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Sentry's issue search syntax: space-separated {@code key:value} terms (values may be
 * quoted, {@code !} before a term negates it) and free text. Every error is a 400 that quotes the
 * offending token. Keys that are not built in are tag keys; a key one or two letters away from a
 * built-in key is refused as a probable typo (write {@code tags[key]:value} to mean the tag).
 *
 * <pre>
 * is:unresolved|resolved|ignored|archived|new|regressed|escalating|ongoing|assigned|unassigned
 * assigned:me|my_teams|none|#team-slug|user@example.com, or a list of those: assigned:[me, my_teams]
 * release:x  first-release:x (also firstRelease)  environment:x  level:x  has:tag  tag:value  tags[tag]:value
 * first-seen|last-seen (also firstSeen, age, lastSeen): -24h  +7d  >2026-01-01  <=2026-01-01T10:00:00Z  2026-01-01
 * times-seen|user-count (also timesSeen, userCount): 100  >100  >=100  <100  <=100
 * free text, "quoted free text", !negated:term
 * </pre>
 */
@PureLogic
public final class SearchParser {
    public static final int MAX_QUERY_LENGTH = 2000;
    public static final int MAX_TERMS = 50;

    private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final Pattern EXPLICIT_TAG = Pattern.compile("tags\\[([^\\]]{1,64})]");
    private static final Pattern RELATIVE = Pattern.compile("([-+])(\\d{1,6})([smhdw])");
    private static final Pattern COMPARISON = Pattern.compile("(>=|<=|>|<|=)?(.*)");
    private static final Set<String> LEVELS = Set.of("fatal", "error", "warning", "info", "debug", "sample");
    private static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("is", "is"), Map.entry("assigned", "assigned"), Map.entry("release", "release"),
            Map.entry("first-release", "first-release"), Map.entry("firstrelease", "first-release"),
            Map.entry("first_release", "first-release"),
            Map.entry("environment", "environment"), Map.entry("level", "level"), Map.entry("has", "has"),
            Map.entry("first-seen", "first-seen"), Map.entry("firstseen", "first-seen"), Map.entry("first_seen", "first-seen"),
            Map.entry("age", "first-seen"),
            Map.entry("last-seen", "last-seen"), Map.entry("lastseen", "last-seen"), Map.entry("last_seen", "last-seen"),
            Map.entry("times-seen", "times-seen"), Map.entry("timesseen", "times-seen"), Map.entry("times_seen", "times-seen"),
            Map.entry("user-count", "user-count"), Map.entry("usercount", "user-count"), Map.entry("user_count", "user-count"));

    private SearchParser() {}

    public static SearchQuery parse(String query) {
        if (query == null || query.isBlank()) {
            return new SearchQuery(List.of());
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw invalid("is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        List<Term> terms = new ArrayList<>();
        Lexer lexer = new Lexer(query);
        for (Token token = lexer.next(); token != null; token = lexer.next()) {
            if (terms.size() == MAX_TERMS) {
                throw invalid("has more than " + MAX_TERMS + " terms");
            }
            terms.add(term(token));
        }
        return new SearchQuery(terms);
    }

    /** One lexed token: {@code [!]key:value} or free text ({@code key} null); {@code raw} is what the user wrote. */
    record Token(String raw, boolean negated, String key, String value, boolean quoted) {}

    private static Term term(Token t) {
        if (t.key() == null) {
            if (t.value().isEmpty()) {
                throw invalid("'" + t.raw() + "': empty quoted text");
            }
            return new Text(t.value(), t.negated());
        }
        if (t.value().isEmpty()) {
            throw invalid("'" + t.raw() + "': '" + t.key() + ":' needs a value");
        }
        Matcher explicit = EXPLICIT_TAG.matcher(t.key());
        if (explicit.matches()) {
            return new Tag(explicit.group(1), t.value(), t.negated());
        }
        String key = KEYS.get(t.key().toLowerCase(Locale.ROOT));
        if (key == null) {
            return tag(t);
        }
        return switch (key) {
            case "is" -> is(t);
            case "assigned" -> assigned(t);
            case "release" -> new Release(t.value(), t.negated());
            case "first-release" -> new SearchQuery.FirstRelease(t.value(), t.negated());
            case "environment" -> new Tag("environment", t.value(), t.negated());
            case "level" -> level(t);
            case "has" -> has(t);
            case "first-seen" -> time(t, TimeField.FIRST_SEEN);
            case "last-seen" -> time(t, TimeField.LAST_SEEN);
            case "times-seen" -> count(t, CountField.TIMES_SEEN);
            case "user-count" -> count(t, CountField.USER_COUNT);
            default -> throw new IllegalStateException(key);
        };
    }

    private static Term tag(Token t) {
        if (!TAG_KEY.matcher(t.key()).matches()) {
            throw invalid("'" + t.raw() + "': unknown search key '" + t.key() + "' (a tag key has only letters, digits, '_', '.' and '-')");
        }
        String lower = t.key().toLowerCase(Locale.ROOT);
        for (String known : KEYS.keySet()) {
            if (known.length() >= 4 && distance(lower, known) <= (known.length() >= 6 ? 2 : 1)) {
                throw invalid("'" + t.raw() + "': unknown search key '" + t.key() + "'; did you mean '" + KEYS.get(known)
                        + "'? (to search a tag of that name write tags[" + t.key() + "]:...)");
            }
        }
        return new Tag(t.key(), t.value(), t.negated());
    }

    private static Term is(Token t) {
        String v = t.value().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "unresolved", "resolved", "ignored" -> new Status(v, t.negated());
            case "archived" -> new Status("ignored", t.negated());
            case "new", "regressed", "escalating", "ongoing" -> new Substatus(v, t.negated());
            case "assigned" -> new Assigned(AssigneeKind.ANYONE, null, t.negated());
            case "unassigned" -> new Assigned(AssigneeKind.NOBODY, null, t.negated());
            default -> throw invalid("'" + t.raw() + "': unknown value for is:, use one of unresolved, resolved, ignored, "
                    + "archived, new, regressed, escalating, ongoing, assigned, unassigned");
        };
    }

    private static Term assigned(Token t) {
        String v = t.value();
        if (!t.quoted() && v.startsWith("[")) {
            if (!v.endsWith("]")) {
                throw invalid("'" + t.raw() + "': the list is not closed with ']'");
            }
            List<Assigned> anyOf = new ArrayList<>();
            for (String item : v.substring(1, v.length() - 1).split(",", -1)) {
                String one = item.strip();
                if (one.isEmpty()) {
                    throw invalid("'" + t.raw() + "': empty value in the list; write assigned:[me, my_teams, #team-slug, email]");
                }
                anyOf.add((Assigned) assigned(new Token(t.key() + ":" + one, false, t.key(), one, false)));
            }
            return anyOf.size() == 1 ? new Assigned(anyOf.get(0).kind(), anyOf.get(0).value(), t.negated())
                    : new AssignedAny(anyOf, t.negated());
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("me")) {
            return new Assigned(AssigneeKind.ME, null, t.negated());
        }
        if (lower.equals("my_teams")) {
            return new Assigned(AssigneeKind.MY_TEAMS, null, t.negated());
        }
        if (lower.equals("none")) {
            return new Assigned(AssigneeKind.NOBODY, null, t.negated());
        }
        if (v.startsWith("#") && v.length() > 1 && v.indexOf(',') < 0 && v.indexOf('[') < 0 && v.indexOf(']') < 0) {
            return new Assigned(AssigneeKind.TEAM, v.substring(1), t.negated());
        }
        if (v.indexOf('@') > 0 && v.indexOf('@') < v.length() - 1) {
            return new Assigned(AssigneeKind.EMAIL, v, t.negated());
        }
        throw invalid("'" + t.raw() + "': assigned: takes me, my_teams, none, #team-slug or an email address");
    }

    private static Term level(Token t) {
        String v = t.value().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(v)) {
            throw invalid("'" + t.raw() + "': unknown level, use one of fatal, error, warning, info, debug");
        }
        return new Level(v, t.negated());
    }

    private static Term has(Token t) {
        if (!TAG_KEY.matcher(t.value()).matches()) {
            throw invalid("'" + t.raw() + "': has: takes a tag key");
        }
        return new Has(t.value(), t.negated());
    }

    private static Term time(Token t, TimeField field) {
        String v = t.value();
        Matcher rel = RELATIVE.matcher(v);
        if (rel.matches()) {
            Duration ago = switch (rel.group(3)) {
                case "s" -> Duration.ofSeconds(Long.parseLong(rel.group(2)));
                case "m" -> Duration.ofMinutes(Long.parseLong(rel.group(2)));
                case "h" -> Duration.ofHours(Long.parseLong(rel.group(2)));
                case "d" -> Duration.ofDays(Long.parseLong(rel.group(2)));
                default -> Duration.ofDays(7 * Long.parseLong(rel.group(2)));
            };
            return new Time(field, rel.group(1).equals("-") ? Op.GTE : Op.LT, null, ago, t.negated());
        }
        Matcher cmp = COMPARISON.matcher(v);
        cmp.matches();
        Op op = op(cmp.group(1));
        Instant at = instant(cmp.group(2));
        if (at == null) {
            throw invalid("'" + t.raw() + "': expected a relative time such as -24h, +7d, -30m, -2w or a date such as "
                    + ">2026-01-01 or <=2026-01-01T10:00:00Z");
        }
        if (op == Op.EQ && cmp.group(2).length() > 10) {
            throw invalid("'" + t.raw() + "': an exact time cannot match; use > or < with a time, or a bare date for a whole day");
        }
        return new Time(field, op, at, null, t.negated());
    }

    private static Instant instant(String v) {
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static Term count(Token t, CountField field) {
        Matcher cmp = COMPARISON.matcher(t.value());
        cmp.matches();
        try {
            long n = Long.parseLong(cmp.group(2));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return new Count(field, op(cmp.group(1)), n, t.negated());
        } catch (NumberFormatException e) {
            throw invalid("'" + t.raw() + "': expected a whole number, optionally after >, >=, < or <= (such as >100)");
        }
    }

    private static Op op(String s) {
        if (s == null) {
            return Op.EQ;
        }
        return switch (s) {
            case ">" -> Op.GT;
            case ">=" -> Op.GTE;
            case "<" -> Op.LT;
            case "<=" -> Op.LTE;
            default -> Op.EQ;
        };
    }

    static InvalidInputException invalid(String message) {
        return new InvalidInputException("query", message);
    }

    /** Levenshtein distance, for "did you mean". */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }

    /** Splits the query into tokens; quotes group spaces, {@code \"} and {@code \\} escape inside quotes. */
    static final class Lexer {
        private final String s;
        private int pos;

        Lexer(String s) {
            this.s = s;
        }

        Token next() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            if (pos >= s.length()) {
                return null;
            }
            int start = pos;
            boolean negated = false;
            if (s.charAt(pos) == '!') {
                negated = true;
                pos++;
            }
            if (pos < s.length() && s.charAt(pos) == '"') {
                String text = quoted(start);
                endOfToken(start, "quote");
                return new Token(s.substring(start, pos), negated, null, text, true);
            }
            int keyStart = pos;
            while (pos < s.length() && !Character.isWhitespace(s.charAt(pos)) && s.charAt(pos) != ':' && s.charAt(pos) != '"') {
                pos++;
            }
            if (pos < s.length() && s.charAt(pos) == ':' && pos > keyStart) {
                String key = s.substring(keyStart, pos);
                pos++;
                if (pos < s.length() && s.charAt(pos) == '"') {
                    String value = quoted(start);
                    endOfToken(start, "quote");
                    return new Token(s.substring(start, pos), negated, key, value, true);
                }
                int valueStart = pos;
                if (pos < s.length() && s.charAt(pos) == '[' && "assigned".equalsIgnoreCase(key)) {
                    // Sentry's list syntax, assigned:[me, my_teams]: the list may hold spaces
                    int close = s.indexOf(']', pos);
                    if (close < 0) {
                        throw invalid("'" + s.substring(start) + "': the list is not closed with ']'");
                    }
                    pos = close + 1;
                    endOfToken(start, "']'");
                    return new Token(s.substring(start, pos), negated, key, s.substring(valueStart, pos), false);
                }
                while (pos < s.length() && !Character.isWhitespace(s.charAt(pos))) {
                    pos++;
                }
                return new Token(s.substring(start, pos), negated, key, s.substring(valueStart, pos), false);
            }
            while (pos < s.length() && !Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            String word = s.substring(keyStart, pos);
            if (word.isEmpty()) {
                throw invalid("'" + s.substring(start, pos) + "': nothing after '!'");
            }
            return new Token(s.substring(start, pos), negated, null, word, false);
        }

        private String quoted(int tokenStart) {
            StringBuilder value = new StringBuilder();
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '\\' && pos < s.length() && (s.charAt(pos) == '"' || s.charAt(pos) == '\\')) {
                    value.append(s.charAt(pos++));
                } else if (c == '"') {
                    return value.toString();
                } else {
                    value.append(c);
                }
            }
            throw invalid("'" + s.substring(tokenStart) + "': the quote is not closed");
        }

        private void endOfToken(int tokenStart, String closing) {
            if (pos < s.length() && !Character.isWhitespace(s.charAt(pos))) {
                int end = pos;
                while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
                    end++;
                }
                throw invalid("'" + s.substring(tokenStart, end) + "': put a space after the closing " + closing);
            }
        }
    }
}
