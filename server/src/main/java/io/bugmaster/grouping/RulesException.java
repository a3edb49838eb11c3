package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.util.List;

/** A rules text (fingerprint or stack trace rules) that does not parse; {@link #errors()} has one entry per bad line. */
@PureLogic
public final class RulesException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<RuleError> errors;

    RulesException(List<RuleError> errors) {
        super(String.join("; ", errors.stream().map(RuleError::toString).toList()));
        this.errors = List.copyOf(errors);
    }

    public List<RuleError> errors() {
        return errors;
    }
}
