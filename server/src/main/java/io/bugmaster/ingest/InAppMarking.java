package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import io.bugmaster.grouping.GroupingFrame;
import io.bugmaster.grouping.StackTraceRules;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies stack trace rules to a normalized event before it is grouped, so grouping, ownership and
 * the issue page all see the same in-app frames. The frames of the exceptions and of the threads
 * get their decided {@code in_app}; a frame whose flag changed keeps the SDK's in
 * {@code orig_in_app} (null when the SDK said nothing), so a preview can apply other rules to it.
 */
@PureLogic
public final class InAppMarking {
    /** Where a frame's flag as the SDK sent it is kept once rules changed it. */
    public static final String ORIGINAL = "orig_in_app";

    private InAppMarking() {}

    /**
     * @param event           the event, marked: its payload's frames and its typed frames
     * @param withoutBuiltIns the event's typed frames as the project's rules alone mark them, when the built-in rules
     *                        decided some frame (null otherwise); its hash finds issues made before the built-in rules
     */
    public record Marked(NormalizedEvent event, NormalizedEvent withoutBuiltIns) {}

    /** One stack trace of an event: the exception's type or the thread's name, and its frames, caller first. */
    public record Stack(String label, List<GroupingFrame> frames) {}

    public static Marked mark(NormalizedEvent event, StackTraceRules rules) {
        if (!(event.payload() instanceof ObjectNode payload)) {
            return new Marked(event, null);
        }
        List<JsonNode> frameArrays = new ArrayList<>();
        List<List<GroupingFrame>> stacks = new ArrayList<>();
        for (Located located : frameArrays(payload)) {
            frameArrays.add(located.frames());
            stacks.add(frames(located.frames(), false));
        }
        if (stacks.stream().allMatch(List::isEmpty)) {
            return new Marked(event, null);
        }
        StackTraceRules.Marking marking = StackTraceRules.mark(stacks, event.platform(), rules);
        for (int s = 0; s < frameArrays.size(); s++) {
            JsonNode frames = frameArrays.get(s);
            List<StackTraceRules.Decision> decisions = marking.decisions().get(s);
            for (int i = 0; i < decisions.size(); i++) {
                Boolean sent = stacks.get(s).get(i).inApp();
                Boolean decided = decisions.get(i).inApp();
                if (decided != null && !decided.equals(sent)) {
                    ObjectNode frame = (ObjectNode) frames.get(i);
                    if (sent == null) {
                        frame.putNull(ORIGINAL);
                    } else {
                        frame.put(ORIGINAL, sent);
                    }
                    frame.put("in_app", decided);
                }
            }
        }
        NormalizedEvent marked = event.withExceptions(exceptions(event, marking.decisions()));
        NormalizedEvent without = marking.withoutBuiltIns() == null ? null
                : event.withExceptions(exceptions(event, marking.withoutBuiltIns()));
        return new Marked(marked, without);
    }

    /**
     * The event's stack traces as rules see them, exceptions first, then threads, each caller first.
     *
     * @param asSent each frame's flag as the SDK sent it ({@link #ORIGINAL} where rules changed it), else as stored
     */
    public static List<Stack> stacks(JsonNode payload, boolean asSent) {
        List<Stack> stacks = new ArrayList<>();
        if (payload != null && payload.isObject()) {
            frameArrays(payload).forEach(located -> stacks.add(new Stack(located.label(), frames(located.frames(), asSent))));
        }
        return stacks;
    }

    private record Located(String label, JsonNode frames) {}

    /**
     * The {@code frames} array of every exception (one per exception, empty when it has no stack
     * trace, so they line up with the typed exceptions), then of every thread that has one.
     */
    private static List<Located> frameArrays(JsonNode payload) {
        List<Located> arrays = new ArrayList<>();
        for (JsonNode exception : payload.path("exception").path("values")) {
            JsonNode frames = exception.path("stacktrace").path("frames");
            String type = IngestJson.text(exception.get("type"));
            arrays.add(new Located(type == null ? "exception" : type, frames.isArray() ? frames : IngestJson.NODES.arrayNode()));
        }
        for (JsonNode thread : payload.path("threads").path("values")) {
            JsonNode frames = thread.path("stacktrace").path("frames");
            if (frames.isArray()) {
                String name = IngestJson.text(thread.get("name"));
                String id = IngestJson.text(thread.get("id"));
                arrays.add(new Located("thread " + (name != null ? name : id != null ? id : "?"), frames));
            }
        }
        return arrays;
    }

    private static List<GroupingFrame> frames(JsonNode frames, boolean asSent) {
        List<GroupingFrame> out = new ArrayList<>(frames.size());
        for (JsonNode f : frames) {
            JsonNode flag = asSent && f.has(ORIGINAL) ? f.get(ORIGINAL) : f.get("in_app");
            out.add(new GroupingFrame(IngestJson.text(f.get("filename")), IngestJson.text(f.get("abs_path")),
                    IngestJson.text(f.get("module")), IngestJson.text(f.get("function")), null, IngestJson.bool(flag),
                    IngestJson.text(f.get("platform")), IngestJson.text(f.get("package")), null));
        }
        return out;
    }

    /** The typed exceptions with the decided flags; the decisions' first stacks are the exceptions', in order. */
    private static List<NormalizedEvent.ExceptionValue> exceptions(NormalizedEvent event, List<List<StackTraceRules.Decision>> decisions) {
        List<NormalizedEvent.ExceptionValue> out = new ArrayList<>(event.exceptions().size());
        for (int e = 0; e < event.exceptions().size(); e++) {
            NormalizedEvent.ExceptionValue exception = event.exceptions().get(e);
            List<StackTraceRules.Decision> flags = decisions.get(e);
            List<NormalizedEvent.Frame> frames = new ArrayList<>(exception.frames().size());
            for (int i = 0; i < exception.frames().size(); i++) {
                NormalizedEvent.Frame frame = exception.frames().get(i);
                Boolean decided = flags.get(i).inApp();
                frames.add(decided == null ? frame : frame.withInApp(decided));
            }
            out.add(new NormalizedEvent.ExceptionValue(exception.type(), exception.value(), exception.module(),
                    exception.mechanism(), List.copyOf(frames)));
        }
        return out;
    }
}
