package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One link of {@code exception.values[]}. {@code frames} are caller first, crashing frame last;
 * {@code synthetic} is {@code mechanism.synthetic} (the SDK made the type up, e.g. a message
 * captured with a stack trace), so the type says nothing about the error.
 */
@PureLogic
public record GroupingException(
        String type,
        String value,
        String module,
        String mechanismType,
        boolean synthetic,
        List<GroupingFrame> frames) {

    public GroupingException {
        frames = frames == null ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(frames.stream().filter(Objects::nonNull).toList()));
    }
}
