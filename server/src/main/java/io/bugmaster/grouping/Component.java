package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One line of the grouping explanation: the values of one kind of input ({@code type} is one of
 * {@code rule, fingerprint, exception-type, exception-value, frame, message, fallback}), whether
 * they went into the hash, and a human hint why not (or where they came from).
 */
@PureLogic
public record Component(String type, boolean contributes, List<String> values, String hint) {

    public Component {
        values = values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }

    static Component contributing(String type, List<String> values, String hint) {
        return new Component(type, true, values, hint);
    }

    static Component ignored(String type, List<String> values, String hint) {
        return new Component(type, false, values, hint);
    }
}
