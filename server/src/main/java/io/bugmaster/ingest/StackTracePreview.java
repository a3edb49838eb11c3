package io.bugmaster.ingest;

import io.bugmaster.grouping.RulesException;
import io.bugmaster.grouping.RuleError;
import io.bugmaster.common.PureLogic;
import io.bugmaster.grouping.GroupingFrame;
import io.bugmaster.grouping.StackTraceRules;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What stack trace rules would do to one stored event, before they are saved: for each frame, the
 * SDK's in-app flag, the flag with the rules (after the built-in rules) and what decided it. Rules
 * that do not parse give their errors and no frames.
 */
@PureLogic
public final class StackTracePreview {
    /** At most this many frames are listed; a thread dump can hold thousands. */
    static final int MAX_ROWS = 200;

    private StackTracePreview() {}

    /**
     * @param frame     the frame as people read it: module (or file) and function
     * @param sent      the SDK's flag; null when it said nothing
     * @param inApp     the flag with the rules
     * @param decidedBy what set {@code inApp}: the SDK, nobody, a built-in rule or a line of the rules
     */
    public record Row(String frame, Boolean sent, boolean inApp, String decidedBy) {}

    public record Stack(String label, List<Row> rows) {}

    /**
     * @param errors      the rules' parse errors (then nothing else is filled)
     * @param inAppFrames frames in-app with the rules, of {@code frames}
     * @param inAppBySdk  frames the SDK marked in-app
     * @param notShown    frames left out of {@code stacks} past {@link #MAX_ROWS}
     */
    public record Result(List<RuleError> errors, List<Stack> stacks, int frames, int inAppFrames, int inAppBySdk,
            int notShown) {
        public Result {
            errors = List.copyOf(errors);
            stacks = List.copyOf(stacks);
        }
    }

    /** Previews {@code rulesText} (null or blank: the built-in rules alone) on a stored event. */
    public static Result of(JsonNode payload, String rulesText) {
        StackTraceRules rules;
        try {
            rules = StackTraceRules.parse(rulesText);
        } catch (RulesException e) {
            return new Result(e.errors(), List.of(), 0, 0, 0, 0);
        }
        List<InAppMarking.Stack> stacks = InAppMarking.stacks(payload, true);
        String platform = payload == null ? null : IngestJson.text(payload.get("platform"));
        StackTraceRules.Marking marking = StackTraceRules.mark(stacks.stream().map(InAppMarking.Stack::frames).toList(),
                platform, rules);
        List<Stack> out = new ArrayList<>();
        int frames = 0;
        int inApp = 0;
        int bySdk = 0;
        int shown = 0;
        for (int s = 0; s < stacks.size(); s++) {
            List<Row> rows = new ArrayList<>();
            List<GroupingFrame> stack = stacks.get(s).frames();
            for (int i = 0; i < stack.size(); i++) {
                GroupingFrame frame = stack.get(i);
                StackTraceRules.Decision decision = marking.decisions().get(s).get(i);
                boolean flag = Boolean.TRUE.equals(decision.inApp());
                frames++;
                inApp += flag ? 1 : 0;
                bySdk += Boolean.TRUE.equals(frame.inApp()) ? 1 : 0;
                if (shown < MAX_ROWS) {
                    rows.add(new Row(describe(frame), frame.inApp(), flag, decidedBy(frame, decision)));
                    shown++;
                }
            }
            if (!rows.isEmpty()) {
                out.add(new Stack(stacks.get(s).label(), rows));
            }
        }
        return new Result(List.of(), out, frames, inApp, bySdk, frames - shown);
    }

    private static String describe(GroupingFrame frame) {
        String where = frame.module() != null ? frame.module() : frame.filename() != null ? frame.filename() : frame.absPath();
        if (where == null) {
            return frame.function() == null ? "?" : frame.function();
        }
        return frame.function() == null ? where : where + " in " + frame.function();
    }

    private static String decidedBy(GroupingFrame frame, StackTraceRules.Decision decision) {
        StackTraceRules.Rule rule = decision.rule();
        if (rule == null) {
            return frame.inApp() == null ? "nobody (not in-app)" : "the SDK";
        }
        return rule.builtIn() ? "built-in rule " + rule.source() : "line " + rule.line() + ": " + rule.source();
    }
}
