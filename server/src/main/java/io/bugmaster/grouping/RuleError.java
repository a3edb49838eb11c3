package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;

/** A problem in a rules text (fingerprint or stack trace rules) at a 1-based line. */
@PureLogic
public record RuleError(int line, String message) {
    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
