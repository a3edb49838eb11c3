package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A case-insensitive glob: {@code ?} one character, {@code *} any run, {@code **} any run
 * including {@code /}, backslash escapes the next character. In path mode {@code *} and {@code ?}
 * stop at {@code /}, and a leading {@code **}{@code /} may also match nothing. Matching simulates
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
    private final int[] kinds;
    private final char[] chars;
    private final Glob withoutLeadingDoubleStar;

    private Glob(String pattern, boolean pathMode) {
        this.pattern = pattern;
        this.pathMode = pathMode;
        List<int[]> tokens = new ArrayList<>();
        String lower = pattern.toLowerCase(Locale.ROOT);
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
        withoutLeadingDoubleStar = pathMode && pattern.startsWith("**/") ? new Glob(pattern.substring(3), true) : null;
    }

    /** {@code *} matches anything, slashes included. */
    public static Glob of(String pattern) {
        return new Glob(pattern, false);
    }

    /** {@code *} stays within one path segment; {@code **} crosses segments. */
    public static Glob path(String pattern) {
        return new Glob(pattern, true);
    }

    public String pattern() {
        return pattern;
    }

    public boolean matches(String text) {
        if (text == null) {
            return false;
        }
        if (withoutLeadingDoubleStar != null && withoutLeadingDoubleStar.matches(text)) {
            return true;
        }
        String t = text.toLowerCase(Locale.ROOT);
        int m = kinds.length;
        boolean[] current = new boolean[m + 1];
        current[0] = true;
        close(current);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean[] next = new boolean[m + 1];
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
            current = next;
        }
        return current[m];
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
