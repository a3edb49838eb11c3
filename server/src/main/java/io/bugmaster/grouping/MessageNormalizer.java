package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.util.Locale;
import java.util.Set;

/**
 * Replaces the variable parts of a message with placeholders so that messages differing only in
 * ids, numbers, addresses or times group together, while words stay: {@code <email>, <url>, <ip>,
 * <uuid>, <hex>, <date>, <duration>, <version>, <float>, <int>} and {@code =<quoted>} for
 * {@code ='...'} / {@code ="..."} values. Whitespace runs collapse to one space.
 *
 * <p>RATIONALE: a hand-written single pass instead of regular expressions, so hostile input can
 * never backtrack. Recognizers run only at the start of a word, look ahead a bounded distance or
 * consume what they look at, and a failed word is copied whole; the email recognizer remembers
 * where it failed. The input is cut to {@link #MAX_LENGTH} characters first anyway.
 */
@PureLogic
public final class MessageNormalizer {

    /** Longer inputs are cut to this many characters before normalizing. */
    public static final int MAX_LENGTH = 1024;

    private static final Set<String> MONTHS = Set.of(
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
            "january", "february", "march", "april", "june", "july", "august", "september", "october",
            "november", "december");
    private static final Set<String> WEEKDAYS = Set.of(
            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
    private static final Set<String> LONG_UNITS = Set.of(
            "ns", "us", "ms", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes",
            "hr", "hrs", "hour", "hours", "day", "days");
    private static final Set<String> SHORT_UNITS = Set.of("s", "m", "h", "d");

    private MessageNormalizer() {}

    /** Normalizes the first {@link #MAX_LENGTH} characters of {@code text}; null gives "". */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        return new Scan(truncate(text, MAX_LENGTH)).run();
    }

    /** The whole text, however long; linear in its length. For tests of the time bound. */
    static String normalizeWithoutTruncation(String text) {
        return text == null ? "" : new Scan(text).run();
    }

    /** Cuts to at most {@code max} chars without splitting a surrogate pair. */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static final class Scan {
        private final String s;
        private final int n;
        private final StringBuilder out;
        private int emailFailUntil = -1;
        private int[] quoteCache = {-2, -2};
        private int[] quoteSearchedFrom = {0, 0};

        Scan(String s) {
            this.s = s;
            this.n = s.length();
            this.out = new StringBuilder(Math.min(n, 4096));
        }

        String run() {
            int i = 0;
            boolean pendingSpace = false;
            while (i < n) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    pendingSpace = out.length() > 0;
                    i++;
                    continue;
                }
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                if (c == '=' && i + 1 < n && (s.charAt(i + 1) == '\'' || s.charAt(i + 1) == '"')) {
                    int close = nextQuote(s.charAt(i + 1), i + 2);
                    if (close >= 0) {
                        out.append("=<quoted>");
                        i = close + 1;
                        continue;
                    }
                }
                if (c == ':' && i + 1 < n && s.charAt(i + 1) == ':' && !wordCharBefore(i)) {
                    int end = ipv6(i);
                    if (end > 0) {
                        out.append("<ip>");
                        i = end;
                        continue;
                    }
                }
                if (isAsciiAlnum(c)) {
                    i = wordCharBefore(i) ? copyRun(i) : word(i);
                    continue;
                }
                out.append(c);
                i++;
            }
            return out.toString();
        }

        private int nextQuote(char quote, int from) {
            int slot = quote == '\'' ? 0 : 1;
            int cached = quoteCache[slot];
            if (cached == -1 && from >= quoteSearchedFrom[slot]) {
                return -1;
            }
            if (cached >= from) {
                return cached;
            }
            int found = s.indexOf(quote, from);
            quoteCache[slot] = found;
            quoteSearchedFrom[slot] = from;
            return found;
        }

        private int word(int i) {
            char c = s.charAt(i);
            int end;
            if (isAsciiLetter(c)) {
                if ((end = url(i)) > 0) {
                    return emit("<url>", end);
                }
            }
            if ((end = email(i)) > 0) {
                return emit("<email>", end);
            }
            if ((end = uuid(i)) > 0) {
                return emit("<uuid>", end);
            }
            if (isAsciiLetter(c) && (end = namedDate(i)) > 0) {
                return emit("<date>", end);
            }
            if (isDigit(c)) {
                if ((end = isoDate(i)) > 0 || (end = numericDate(i)) > 0 || (end = namedDate(i)) > 0
                        || (end = time(i, true)) > 0) {
                    return emit("<date>", end);
                }
                if ((end = ipv4(i)) > 0) {
                    return emit("<ip>", end);
                }
            }
            if (isHex(c) && (end = ipv6(i)) > 0) {
                return emit("<ip>", end);
            }
            if (c == '0' && i + 2 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X') && isHex(s.charAt(i + 2))) {
                int j = i + 2;
                while (j < n && isHex(s.charAt(j))) {
                    j++;
                }
                if (!wordCharAt(j)) {
                    return emit("<hex>", j);
                }
            }
            if ((end = hexRun(i)) > 0) {
                return emit("<hex>", end);
            }
            if (isDigit(c)) {
                return number(i);
            }
            return copyRun(i);
        }

        private int emit(String placeholder, int end) {
            out.append(placeholder);
            return end;
        }

        /** Copies the run of letters and digits starting at i. */
        private int copyRun(int i) {
            int j = i;
            while (j < n && Character.isLetterOrDigit(s.charAt(j))) {
                j++;
            }
            if (j == i) {
                j = i + 1;
            }
            out.append(s, i, j);
            return j;
        }

        private int url(int i) {
            int j = i;
            while (j < n && j - i <= 32 && (isAsciiAlnum(s.charAt(j)) || s.charAt(j) == '+' || s.charAt(j) == '-' || s.charAt(j) == '.')) {
                j++;
            }
            if (!s.startsWith("://", j)) {
                return -1;
            }
            int start = j + 3;
            int k = start;
            while (k < n && isUrlChar(s.charAt(k))) {
                k++;
            }
            while (k > start && ".,;:!?)]}".indexOf(s.charAt(k - 1)) >= 0) {
                k--;
            }
            return k > start ? k : -1;
        }

        private int email(int i) {
            if (i < emailFailUntil) {
                return -1;
            }
            int j = i;
            while (j < n && isEmailLocalChar(s.charAt(j))) {
                j++;
            }
            if (j >= n || s.charAt(j) != '@') {
                emailFailUntil = j;
                return -1;
            }
            int k = j + 1;
            int labelStart = k;
            int lastDot = -1;
            while (k < n) {
                char ch = s.charAt(k);
                if (isAsciiAlnum(ch) || ch == '-') {
                    k++;
                } else if (ch == '.' && k > labelStart && k + 1 < n && isAsciiAlnum(s.charAt(k + 1))) {
                    lastDot = k;
                    k++;
                    labelStart = k;
                } else {
                    break;
                }
            }
            boolean tldHasLetter = false;
            for (int t = lastDot + 1; lastDot > 0 && t < k; t++) {
                tldHasLetter |= isAsciiLetter(s.charAt(t));
            }
            if (lastDot < 0 || k - lastDot < 3 || !tldHasLetter) {
                emailFailUntil = j;
                return -1;
            }
            return k;
        }

        private int uuid(int i) {
            if (i + 36 > n) {
                return -1;
            }
            for (int k = 0; k < 36; k++) {
                char ch = s.charAt(i + k);
                boolean dash = k == 8 || k == 13 || k == 18 || k == 23;
                if (dash ? ch != '-' : !isHex(ch)) {
                    return -1;
                }
            }
            return wordCharAt(i + 36) ? -1 : i + 36;
        }

        private int isoDate(int i) {
            if (!(digits(i, 4) && charIs(i + 4, '-') && digits(i + 5, 2) && charIs(i + 7, '-') && digits(i + 8, 2))) {
                return -1;
            }
            int end = i + 10;
            if (end < n && (s.charAt(end) == 'T' || s.charAt(end) == 't' || s.charAt(end) == ' ')) {
                int t = time(end + 1, true);
                if (t > 0) {
                    end = t;
                }
            }
            return wordCharAt(end) ? -1 : end;
        }

        /** {@code 21/11/2026}, {@code 2026/11/21}, {@code 21.11.2026}, {@code 11/21/26}, optionally with a time. */
        private int numericDate(int i) {
            int a = digitRun(i, 4);
            if (a < 0 || a >= n) {
                return -1;
            }
            char sep = s.charAt(a);
            if (sep != '/' && sep != '.' && sep != '-') {
                return -1;
            }
            int b = digitRun(a + 1, 2);
            if (b < 0 || !charIs(b, sep)) {
                return -1;
            }
            int c = digitRun(b + 1, 4);
            if (c < 0) {
                return -1;
            }
            boolean year = a - i == 4 || c - (b + 1) == 4;
            if (!(year || (sep == '/' && c - (b + 1) == 2)) || wordCharAt(c) || (charIs(c, sep) && isDigitAt(c + 1))) {
                return -1;
            }
            if (charIs(c, ' ') || charIs(c, 'T')) {
                int t = time(c + 1, true);
                if (t > 0) {
                    return t;
                }
            }
            return c;
        }

        /** {@code HH:MM[:SS[.fff]]} and, after seconds, a zone {@code Z} / {@code +01:00}. */
        private int time(int i, boolean allowZone) {
            int h = digitRun(i, 2);
            if (h < 0 || !charIs(h, ':') || !digits(h + 1, 2)) {
                return -1;
            }
            int end = h + 3;
            boolean seconds = false;
            if (charIs(end, ':') && digits(end + 1, 2)) {
                end += 3;
                seconds = true;
                if ((charIs(end, '.') || charIs(end, ',')) && isDigitAt(end + 1)) {
                    end = digitRun(end + 1, 9);
                    while (isDigitAt(end)) {
                        end++;
                    }
                }
            }
            if (allowZone && seconds) {
                if (charIs(end, 'Z') && !wordCharAt(end + 1)) {
                    end++;
                } else if ((charIs(end, '+') || charIs(end, '-')) && digits(end + 1, 2)) {
                    int z = end + 3;
                    if (charIs(z, ':') && digits(z + 1, 2)) {
                        z += 3;
                    } else if (digits(z, 2)) {
                        z += 2;
                    }
                    end = z;
                }
            }
            if (wordCharAt(end) || (charIs(end, ':') && isDigitAt(end + 1))) {
                return -1;
            }
            return end;
        }

        /**
         * Dates with month names: {@code Sat Nov 21 04:35:57 UTC 2026} (Java's Date),
         * {@code Sat, 21 Nov 2026 04:35:57 GMT}, {@code Nov 21, 2026}, {@code 21 November 2026}.
         * At most eight tokens of at most twelve characters: bounded look-ahead.
         */
        private int namedDate(int i) {
            int pos = i;
            int end = -1;
            boolean month = false;
            boolean dayOrYear = false;
            boolean afterTime = false;
            for (int tokens = 0; tokens < 8 && pos < n; tokens++) {
                int t = pos;
                while (t < n && t - pos <= 12 && (isAsciiAlnum(s.charAt(t)) || s.charAt(t) == ':' || s.charAt(t) == '+' || s.charAt(t) == '.')) {
                    t++;
                }
                if (t == pos || t - pos > 12) {
                    break;
                }
                String token = s.substring(pos, t);
                String lower = token.toLowerCase(Locale.ROOT);
                boolean isTime = isDigit(token.charAt(0)) && time(pos, true) == t;
                if (MONTHS.contains(lower)) {
                    month = true;
                } else if (WEEKDAYS.contains(lower)) {
                    if (tokens > 0) {
                        break;
                    }
                } else if (isTime) {
                    afterTime = true;
                } else if (allDigits(token) && (token.length() <= 2 || token.length() == 4)) {
                    dayOrYear = true;
                } else if (afterTime && (isZoneName(token) || (token.length() == 5 && token.charAt(0) == '+' && allDigits(token.substring(1))))) {
                    afterTime = false;
                } else {
                    break;
                }
                if (tokens == 0 && !month && !WEEKDAYS.contains(lower) && !(allDigits(token) && token.length() <= 2)) {
                    return -1;
                }
                end = t;
                pos = t;
                if (charIs(pos, ',')) {
                    pos++;
                }
                if (!charIs(pos, ' ')) {
                    break;
                }
                pos++;
            }
            return month && dayOrYear ? end : -1;
        }

        private int ipv4(int i) {
            int pos = i;
            for (int part = 0; part < 4; part++) {
                int end = digitRun(pos, 3);
                if (end < 0 || Integer.parseInt(s.substring(pos, end)) > 255) {
                    return -1;
                }
                if (part < 3) {
                    if (!charIs(end, '.')) {
                        return -1;
                    }
                    pos = end + 1;
                } else {
                    pos = end;
                }
            }
            if (wordCharAt(pos) || (charIs(pos, '.') && isDigitAt(pos + 1))) {
                return -1;
            }
            return pos;
        }

        private int ipv6(int i) {
            int j = i;
            int colons = 0;
            boolean doubleColon = false;
            boolean digit = false;
            int group = 0;
            int groups = 0;
            while (j < n && j - i < 40) {
                char ch = s.charAt(j);
                if (ch == ':') {
                    if (charIs(j + 1, ':')) {
                        if (doubleColon) {
                            return -1;
                        }
                        doubleColon = true;
                        colons += 2;
                        if (group > 0) {
                            groups++;
                        }
                        group = 0;
                        j += 2;
                        continue;
                    }
                    if (group == 0) {
                        return -1;
                    }
                    groups++;
                    group = 0;
                    colons++;
                    j++;
                } else if (isHex(ch)) {
                    if (++group > 4) {
                        return -1;
                    }
                    digit |= isDigit(ch);
                    j++;
                } else {
                    break;
                }
            }
            if (group > 0) {
                groups++;
            }
            if (charIs(j, '.') && group > 0) {
                int start = j;
                while (start > i && s.charAt(start - 1) != ':') {
                    start--;
                }
                int v4 = ipv4(start);
                if (v4 > 0 && colons >= 2) {
                    return v4;
                }
            }
            if (!digit || colons < 2 || wordCharAt(j) || charIs(j, '.')) {
                return -1;
            }
            if (doubleColon ? groups > 7 : groups != 8) {
                return -1;
            }
            return j;
        }

        private int hexRun(int i) {
            int j = i;
            boolean letter = false;
            boolean digit = false;
            while (j < n && isAsciiAlnum(s.charAt(j))) {
                char ch = s.charAt(j);
                if (!isHex(ch)) {
                    return -1;
                }
                letter |= !isDigit(ch);
                digit |= isDigit(ch);
                j++;
            }
            if (j - i < 7 || !letter || !digit || wordCharAt(j)) {
                return -1;
            }
            return j;
        }

        /** Integers, floats, versions and durations; a number glued to letters is a word. */
        private int number(int i) {
            int j = i;
            while (isDigitAt(j)) {
                j++;
            }
            String kind = "<int>";
            if (charIs(j, '.') && isDigitAt(j + 1)) {
                int k = j + 1;
                while (isDigitAt(k)) {
                    k++;
                }
                if (charIs(k, '.') && isDigitAt(k + 1)) {
                    while (charIs(k, '.') && isDigitAt(k + 1)) {
                        k++;
                        while (isDigitAt(k)) {
                            k++;
                        }
                    }
                    if (!wordCharAt(k)) {
                        return emit("<version>", k);
                    }
                    return copyRun(i);
                }
                j = k;
                kind = "<float>";
            }
            if ((charIs(j, 'e') || charIs(j, 'E'))) {
                int k = j + 1;
                if (charIs(k, '+') || charIs(k, '-')) {
                    k++;
                }
                if (isDigitAt(k)) {
                    while (isDigitAt(k)) {
                        k++;
                    }
                    j = k;
                    kind = "<float>";
                }
            }
            int unit = unitEnd(j);
            if (unit > 0) {
                int end = unit;
                // compound durations such as 1h30m15s
                while (isDigitAt(end)) {
                    int k = end;
                    while (isDigitAt(k)) {
                        k++;
                    }
                    int next = unitEnd(k);
                    if (next < 0 || next == k) {
                        break;
                    }
                    end = next;
                }
                return emit("<duration>", end);
            }
            if (wordCharAt(j)) {
                return copyRun(i);
            }
            return emit(kind, j);
        }

        /** The end of a duration unit right after a number at j (a long unit may follow one space). */
        private int unitEnd(int j) {
            if ((charIs(j, '\u00b5') || charIs(j, '\u03bc')) && charIs(j + 1, 's') && !wordCharAt(j + 2)) {
                return j + 2;
            }
            int start = charIs(j, ' ') ? j + 1 : j;
            int k = start;
            while (k < n && k - start <= 8 && isAsciiLetter(s.charAt(k))) {
                k++;
            }
            boolean compound = start == j && isDigitAt(k);
            if (k == start || (wordCharAt(k) && !compound)) {
                return -1;
            }
            String unit = s.substring(start, k).toLowerCase(Locale.ROOT);
            if (LONG_UNITS.contains(unit) || (start == j && SHORT_UNITS.contains(unit))) {
                return k;
            }
            return -1;
        }

        private boolean digits(int from, int count) {
            if (from + count > n) {
                return false;
            }
            for (int k = from; k < from + count; k++) {
                if (!isDigit(s.charAt(k))) {
                    return false;
                }
            }
            return true;
        }

        /** The end of 1..max digits at from, or -1 when there are none or more than max. */
        private int digitRun(int from, int max) {
            int k = from;
            while (k < n && k - from <= max && isDigit(s.charAt(k))) {
                k++;
            }
            return k == from || k - from > max ? -1 : k;
        }

        private boolean charIs(int at, char expected) {
            return at >= 0 && at < n && s.charAt(at) == expected;
        }

        private boolean isDigitAt(int at) {
            return at < n && isDigit(s.charAt(at));
        }

        private boolean wordCharAt(int at) {
            return at < n && Character.isLetterOrDigit(s.charAt(at));
        }

        private boolean wordCharBefore(int at) {
            return at > 0 && Character.isLetterOrDigit(s.charAt(at - 1));
        }
    }

    private static boolean isZoneName(String token) {
        if (token.length() < 1 || token.length() > 5) {
            return false;
        }
        for (int k = 0; k < token.length(); k++) {
            char ch = token.charAt(k);
            if (ch < 'A' || ch > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(String token) {
        if (token.isEmpty()) {
            return false;
        }
        for (int k = 0; k < token.length(); k++) {
            if (!isDigit(token.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiAlnum(char c) {
        return isDigit(c) || isAsciiLetter(c);
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isEmailLocalChar(char c) {
        return isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isUrlChar(char c) {
        return c > ' ' && c != '<' && c != '>' && c != '"' && c != '\'' && c != '`' && c != 0x7f;
    }
}
