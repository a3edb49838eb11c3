package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;

/**
 * One stack frame as the grouper sees it (Sentry {@code stacktrace.frames[]}). Every field may be
 * null. {@code inApp} is the SDK's {@code in_app}: null means the SDK did not say.
 */
@PureLogic
public record GroupingFrame(
        String filename,
        String absPath,
        String module,
        String function,
        Integer lineno,
        Boolean inApp,
        String platform,
        String packageName,
        String contextLine) {

    /** A frame with only a module and a function, the common Java and Python shape. */
    public static GroupingFrame of(String module, String function, Boolean inApp) {
        return new GroupingFrame(null, null, module, function, null, inApp, null, null, null);
    }
}
