package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Strategy {@code bugmaster:2026-11}. Precedence: server-side fingerprint rule, SDK fingerprint
 * ({@code {{ default }}} stands for what follows), stack trace, exception type and value, message,
 * fallback.
 *
 * <p>Stack trace: every link of the exception chain contributes its type (unless the SDK marked
 * it synthetic) and its frames. When any frame of the event is in-app only in-app frames count,
 * else all do. A frame contributes its module (or file) and function, never its line; lambda
 * frames and frames without names are ignored, runtime-generated class names are cleaned (see
 * {@link Frames}), and repeats from recursion (a frame or a cycle of up to four frames repeated
 * right after itself) are collapsed. A synthetic exception also contributes its normalized value
 * (the message that the SDK captured with a stack trace).
 */
@PureLogic
public final class Strategy202611 implements Strategy {

    public static final String NAME = "bugmaster:2026-11";

    private static final int MAX_CYCLE = 4;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GroupingResult group(GroupingEvent event, FingerprintRules rules) {
        Optional<FingerprintRules.Rule> rule = rules == null ? Optional.empty() : rules.match(event);
        List<String> sdk = event.sdkFingerprint();
        boolean hasSdk = sdk != null && !sdk.isEmpty();
        if (rule.isPresent()) {
            List<Component> header = new ArrayList<>();
            FingerprintRules.Rule r = rule.get();
            header.add(Component.ignored("rule", List.of(r.source()),
                    "matched server-side fingerprint rule at line " + r.line()));
            if (hasSdk) {
                header.add(Component.ignored("sdk-fingerprint", sdk, "SDK fingerprint overridden by the server-side rule"));
            }
            return fingerprint(event, r.fingerprint(), header, "from the rule at line " + r.line());
        }
        if (hasSdk) {
            return fingerprint(event, sdk, new ArrayList<>(), "from the SDK");
        }
        return defaultGrouping(event);
    }

    private GroupingResult fingerprint(GroupingEvent event, List<String> parts, List<Component> components, String origin) {
        List<String> values = new ArrayList<>();
        boolean usesDefault = false;
        boolean onlyDefault = true;
        for (String part : parts) {
            String name = EventFacts.variableName(part);
            if ("default".equals(name)) {
                values.add("{{ default }}");
                usesDefault = true;
                continue;
            }
            onlyDefault = false;
            String value = name == null ? null : EventFacts.variable(name, event);
            values.add(value != null ? value : part == null ? "" : MessageNormalizer.truncate(part, MessageNormalizer.MAX_LENGTH));
        }
        if (onlyDefault) {
            GroupingResult standard = defaultGrouping(event);
            components.add(Component.ignored("fingerprint", values, "only {{ default }} " + origin + ": default grouping"));
            components.addAll(standard.components());
            return new GroupingResult(NAME, Hashing.hash(components), standard.variant(), components);
        }
        components.add(Component.contributing("fingerprint", values, usesDefault
                ? "fingerprint " + origin + "; {{ default }} is the default grouping below"
                : "fingerprint " + origin));
        if (usesDefault) {
            components.addAll(defaultGrouping(event).components());
        }
        return new GroupingResult(NAME, Hashing.hash(components), GroupingResult.FINGERPRINT, components);
    }

    private GroupingResult defaultGrouping(GroupingEvent event) {
        if (!event.exceptions().isEmpty()) {
            List<Component> stack = stacktrace(event);
            if (stack != null) {
                return result(GroupingResult.STACKTRACE, stack);
            }
            List<Component> exception = exception(event);
            if (exception.stream().anyMatch(Component::contributes)) {
                return result(GroupingResult.EXCEPTION, exception);
            }
        }
        String template = event.logentryMessage();
        String message = event.message();
        if (template != null && !template.isBlank()) {
            return result(GroupingResult.MESSAGE, List.of(Component.contributing("message",
                    List.of(MessageNormalizer.normalize(template)), "normalized log message template (parameters ignored)")));
        }
        if (message != null && !message.isBlank()) {
            return result(GroupingResult.MESSAGE, List.of(Component.contributing("message",
                    List.of(MessageNormalizer.normalize(message)), "normalized message")));
        }
        return result(GroupingResult.FALLBACK, List.of(Component.contributing("fallback", List.of(),
                "the event has no fingerprint, usable exception or message; all such events group together")));
    }

    private static GroupingResult result(String variant, List<Component> components) {
        return new GroupingResult(NAME, Hashing.hash(components), variant, components);
    }

    /** The stack trace components, or null when no frame can contribute. */
    private List<Component> stacktrace(GroupingEvent event) {
        List<List<Frames.FrameView>> views = new ArrayList<>();
        boolean anyInApp = false;
        for (GroupingException exception : event.exceptions()) {
            List<Frames.FrameView> list = new ArrayList<>();
            for (GroupingFrame frame : exception.frames()) {
                Frames.FrameView view = Frames.analyze(frame, event.platform());
                anyInApp |= view.inApp() && view.ignoredBecause() == null;
                list.add(view);
            }
            views.add(list);
        }
        List<Component> components = new ArrayList<>();
        boolean anyFrame = false;
        for (int e = 0; e < views.size(); e++) {
            GroupingException exception = event.exceptions().get(e);
            components.add(typeComponent(exception));
            List<Component> frames = frames(views.get(e), anyInApp);
            anyFrame |= frames.stream().anyMatch(Component::contributes);
            components.addAll(frames);
            if (exception.synthetic() && exception.value() != null && !exception.value().isBlank()) {
                components.add(Component.contributing("exception-value", List.of(MessageNormalizer.normalize(exception.value())),
                        "message captured with a stack trace (synthetic exception), normalized"));
            }
        }
        return anyFrame ? components : null;
    }

    private static Component typeComponent(GroupingException exception) {
        String type = exception.type() == null ? "" : Frames.cut(exception.type().strip());
        if (exception.synthetic()) {
            return Component.ignored("exception-type", List.of(type), "synthetic exception: type ignored");
        }
        if (type.isEmpty()) {
            return Component.ignored("exception-type", List.of(), "no exception type");
        }
        return Component.contributing("exception-type", List.of(type), null);
    }

    private static List<Component> frames(List<Frames.FrameView> views, boolean inAppOnly) {
        List<Component> components = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        List<List<String>> keptValues = new ArrayList<>();
        for (Frames.FrameView view : views) {
            String hint = view.ignoredBecause();
            if (hint == null && inAppOnly && !view.inApp()) {
                hint = "not in-app";
            }
            if (hint != null) {
                components.add(Component.ignored("frame", view.values(), hint));
                continue;
            }
            components.add(Component.contributing("frame", view.values(), null));
            kept.add(components.size() - 1);
            keptValues.add(view.values());
            collapseRepeats(components, kept, keptValues);
        }
        return components;
    }

    /** When the kept frames end with a block of 1..4 frames equal to the block before it, the newer block is recursion. */
    private static void collapseRepeats(List<Component> components, List<Integer> kept, List<List<String>> keptValues) {
        int size = keptValues.size();
        for (int cycle = 1; cycle <= MAX_CYCLE && 2 * cycle <= size; cycle++) {
            boolean repeated = true;
            for (int k = 0; k < cycle && repeated; k++) {
                repeated = keptValues.get(size - 1 - k).equals(keptValues.get(size - 1 - k - cycle));
            }
            if (repeated) {
                for (int k = 0; k < cycle; k++) {
                    int index = kept.remove(kept.size() - 1);
                    keptValues.remove(keptValues.size() - 1);
                    Component frame = components.get(index);
                    components.set(index, Component.ignored("frame", frame.values(), "recursion collapsed"));
                }
                return;
            }
        }
    }

    private static List<Component> exception(GroupingEvent event) {
        List<Component> components = new ArrayList<>();
        for (GroupingException exception : event.exceptions()) {
            components.add(typeComponent(exception));
            for (GroupingFrame frame : exception.frames()) {
                Frames.FrameView view = Frames.analyze(frame, event.platform());
                components.add(Component.ignored("frame", view.values(),
                        view.ignoredBecause() != null ? view.ignoredBecause() : "no usable frame in the event"));
            }
            String value = exception.value();
            if (value != null && !value.isBlank()) {
                components.add(Component.contributing("exception-value", List.of(MessageNormalizer.normalize(value)),
                        "normalized exception value (no stack trace)"));
            }
        }
        return components;
    }
}
