package io.bugmaster.signals;

import io.bugmaster.common.PureLogic;
import io.bugmaster.common.Subject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A signal to raise: its organization, subject, kind ({@code issue.new}) and body (JSON values:
 * strings, numbers, booleans, null, lists and maps of them).
 */
@PureLogic
public record NewSignal(long orgId, Subject subject, String kind, Map<String, ?> body) {
    private static final Pattern KIND = Pattern.compile("[a-z][a-z_]*\\.[a-z][a-z_.]*");

    public NewSignal {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        if (!KIND.matcher(kind).matches() || kind.length() > 100) {
            throw new IllegalArgumentException("a signal's kind is <subject type>.<event> in lower case, got: " + kind);
        }
        body = body == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }
}
