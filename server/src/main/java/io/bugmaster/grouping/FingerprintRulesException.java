package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.util.List;
import java.util.stream.Collectors;

/** Fingerprint rules text that does not parse; {@link #errors()} has one entry per problem, with its line. */
@PureLogic
public final class FingerprintRulesException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<FingerprintRules.RuleError> errors;

    FingerprintRulesException(List<FingerprintRules.RuleError> errors) {
        super(errors.stream().map(FingerprintRules.RuleError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FingerprintRules.RuleError> errors() {
        return errors;
    }
}
