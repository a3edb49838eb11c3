package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;

/**
 * A double-quoted value in a rule line, as the fingerprint and stack trace rules write them:
 * backslash escapes the next character.
 *
 * @param value the text between the quotes, unescaped
 * @param end   the index just past the closing quote
 */
@PureLogic
record QuotedValue(String value, int end) {

    /** The quoted value whose opening quote is at {@code start}, or null when it is not closed. */
    static QuotedValue at(String line, int start) {
        StringBuilder value = new StringBuilder();
        int k = start + 1;
        while (k < line.length()) {
            char c = line.charAt(k);
            if (c == '\\' && k + 1 < line.length()) {
                value.append(line.charAt(k + 1));
                k += 2;
            } else if (c == '"') {
                return new QuotedValue(value.toString(), k + 1);
            } else {
                value.append(c);
                k++;
            }
        }
        return null;
    }
}
