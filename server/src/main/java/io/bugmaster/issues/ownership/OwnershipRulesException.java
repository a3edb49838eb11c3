package io.bugmaster.issues.ownership;

import io.bugmaster.common.InvalidInputException;
import java.util.List;
import java.util.stream.Collectors;

/** Ownership rules that do not parse; the message names every wrong line. */
public class OwnershipRulesException extends InvalidInputException {
    private final transient List<OwnershipRules.LineError> errors;

    public OwnershipRulesException(List<OwnershipRules.LineError> errors) {
        super("raw", errors.stream().map(OwnershipRules.LineError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<OwnershipRules.LineError> errors() {
        return errors;
    }
}
