package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A glob, case-insensitive unless made with {@link #caseSensitive}: {@code ?} one character,
 * {@code *} any run, {@code **} any run including {@code /}, backslash escapes the next character.
 * In path mode {@code *} and {@code ?} stop at {@code /}, and a leading {@code **}{@code /} may
 * also match nothing. Matching first checks the pattern's literal start and end, then simulates
 * the pattern as a set of states, so it costs at most pattern length times text length; there is
 * no backtracking.
 */
@PureLogic
public final class Glob {

    private static final int LITERAL = 0;
    private static final int ONE = 1;
    private static final int STAR = 2;
    private static final int DOUBLE_STAR = 3;

    private final String pattern;
    private final boolean pathMode;
    private final boolean ignoreCase;
    private final int[] kinds;
    private final char[] chars;
    /** The literal characters before the first wildcard and after the last one: cheap to check first. */
    private final String literalStart;
    private final String literalEnd;
    /** The longest run of literal characters: a text without it cannot match. */
    private final String longestLiteral;
    /**
     * When every wildcard matches any run ({@code **}, or {@code *} outside path mode) and there is no
     * {@code ?}: the literal runs between them, matched left to right with {@code indexOf}, in linear time.
     * Null otherwise.
     */
    private final String[] runs;
    private final Glob withoutLeadingDoubleStar;

    private Glob(String pattern, boolean pathMode, boolean ignoreCase) {
        this.pattern = pattern;
        this.pathMode = pathMode;
        this.ignoreCase = ignoreCase;
        List<int[]> tokens = new ArrayList<>();
        String lower = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '\\' && i + 1 < lower.length()) {
                tokens.add(new int[] {LITERAL, lower.charAt(++i)});
            } else if (c == '*') {
                boolean dbl = i + 1 < lower.length() && lower.charAt(i + 1) == '*';
                while (i + 1 < lower.length() && lower.charAt(i + 1) == '*') {
                    i++;
                }
                int kind = dbl || !pathMode ? DOUBLE_STAR : STAR;
                if (tokens.isEmpty() || tokens.get(tokens.size() - 1)[0] != kind) {
                    tokens.add(new int[] {kind, 0});
                }
            } else if (c == '?') {
                tokens.add(new int[] {ONE, 0});
            } else {
                tokens.add(new int[] {LITERAL, c});
            }
        }
        kinds = new int[tokens.size()];
        chars = new char[tokens.size()];
        for (int k = 0; k < tokens.size(); k++) {
            kinds[k] = tokens.get(k)[0];
            chars[k] = (char) tokens.get(k)[1];
        }
        StringBuilder start = new StringBuilder();
        for (int k = 0; k < kinds.length && kinds[k] == LITERAL; k++) {
            start.append(chars[k]);
        }
        StringBuilder end = new StringBuilder();
        for (int k = kinds.length - 1; k >= start.length() && kinds[k] == LITERAL; k--) {
            end.insert(0, chars[k]);
        }
        literalStart = start.toString();
        literalEnd = end.toString();
        String longest = "";
        StringBuilder run = new StringBuilder();
        for (int k = 0; k <= kinds.length; k++) {
            if (k < kinds.length && kinds[k] == LITERAL) {
                run.append(chars[k]);
            } else {
                if (run.length() > longest.length()) {
                    longest = run.toString();
                }
                run.setLength(0);
            }
        }
        longestLiteral = longest;
        boolean simple = true;
        List<String> literalRuns = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int k = 0; k < kinds.length && simple; k++) {
            if (kinds[k] == LITERAL) {
                current.append(chars[k]);
            } else if (kinds[k] == DOUBLE_STAR) {
                literalRuns.add(current.toString());
                current.setLength(0);
            } else {
                simple = false;
            }
        }
        literalRuns.add(current.toString());
        runs = simple ? literalRuns.toArray(String[]::new) : null;
        withoutLeadingDoubleStar = pathMode && pattern.startsWith("**/") ? new Glob(pattern.substring(3), true, ignoreCase) : null;
    }

    /** {@code *} matches anything, slashes included. */
    public static Glob of(String pattern) {
        return new Glob(pattern, false, true);
    }

    /** {@code *} stays within one path segment; {@code **} crosses segments. */
    public static Glob path(String pattern) {
        return new Glob(pattern, true, true);
    }

    /** Like {@link #of}, but letter case must match too (Sentry's module and function matchers). */
    public static Glob caseSensitive(String pattern) {
        return new Glob(pattern, false, false);
    }

    public String pattern() {
        return pattern;
    }

    public boolean matches(String text) {
        if (text == null) {
            return false;
        }
        return matchesFolded(ignoreCase ? text.toLowerCase(Locale.ROOT) : text);
    }

    /**
     * {@link #matches} for a text already lower-cased with {@code Locale.ROOT} when this glob ignores
     * case: a caller that tries many globs on one text folds it once.
     */
    public boolean matchesFolded(String t) {
        if (t == null) {
            return false;
        }
        if (withoutLeadingDoubleStar != null && withoutLeadingDoubleStar.matchesFolded(t)) {
            return true;
        }
        if (!t.startsWith(literalStart) || !t.endsWith(literalEnd) || t.length() < literalStart.length() + literalEnd.length()
                || !t.contains(longestLiteral)) {
            return false;
        }
        if (runs != null) {
            return matchesRuns(t);
        }
        int m = kinds.length;
        boolean[] current = new boolean[m + 1];
        boolean[] next = new boolean[m + 1];
        current[0] = true;
        close(current);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            Arrays.fill(next, false);
            boolean any = false;
            for (int s = 0; s < m; s++) {
                if (!current[s]) {
                    continue;
                }
                switch (kinds[s]) {
                    case LITERAL -> {
                        if (chars[s] == c) {
                            next[s + 1] = any = true;
                        }
                    }
                    case ONE -> {
                        if (!(pathMode && c == '/')) {
                            next[s + 1] = any = true;
                        }
                    }
                    case STAR -> {
                        if (c != '/') {
                            next[s] = any = true;
                        }
                    }
                    default -> next[s] = any = true;
                }
            }
            if (!any) {
                return false;
            }
            close(next);
            boolean[] swap = current;
            current = next;
            next = swap;
        }
        return current[m];
    }

    /**
     * {@code runs[0]} starts the text and the last run ends it (both may be empty); the ones between
     * are found in order, each as early as it occurs: with wildcards that match anything, the
     * earliest place never loses a match.
     */
    private boolean matchesRuns(String t) {
        if (runs.length == 1) {
            return t.equals(runs[0]);
        }
        int from = runs[0].length();
        int to = t.length() - runs[runs.length - 1].length();
        for (int k = 1; k < runs.length - 1; k++) {
            int at = t.indexOf(runs[k], from);
            if (at < 0 || at + runs[k].length() > to) {
                return false;
            }
            from = at + runs[k].length();
        }
        return from <= to;
    }

    /** A star may match nothing: whoever is before a star is also after it. */
    private void close(boolean[] states) {
        for (int s = 0; s < kinds.length; s++) {
            if (states[s] && (kinds[s] == STAR || kinds[s] == DOUBLE_STAR)) {
                states[s + 1] = true;
            }
        }
    }

    @Override
    public String toString() {
        return pattern;
    }
}
