package io.bugmaster.ingest;

import io.bugmaster.grouping.RuleError;
import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.grouping.Grouper;
import io.bugmaster.grouping.GroupingResult;
import io.bugmaster.grouping.StackTraceRules;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class InAppMarkingTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    /** What the Java SDK sends with its defaults: no frame says in_app; a thread dump of the crashing thread too. */
    private static final String JAVA_DEFAULTS = """
            {"platform":"java","exception":{"values":[
              {"type":"IOException","value":"card reader offline","stacktrace":{"frames":[
                {"module":"java.lang.Thread","function":"run","filename":"Thread.java","lineno":833},
                {"module":"com.acme.shop.Checkout","function":"readCard","filename":"Checkout.java","lineno":30}]}},
              {"type":"IllegalStateException","value":"payment failed","stacktrace":{"frames":[
                {"module":"java.lang.Thread","function":"run","filename":"Thread.java","lineno":833},
                {"module":"org.springframework.web.servlet.FrameworkServlet","function":"service","lineno":10},
                {"module":"com.acme.shop.Checkout","function":"pay","filename":"Checkout.java","lineno":12},
                {"module":"com.acme.shop.Checkout","function":"charge","filename":"Checkout.java","lineno":20}]}},
              {"type":"NoStack","value":"none"}]},
             "threads":{"values":[{"id":1,"name":"main","stacktrace":{"frames":[
                {"module":"java.lang.Thread","function":"run"},{"module":"com.acme.shop.Worker","function":"loop"}]}}]}}""";

    static NormalizedEvent normalize(String json) {
        return EventNormalizer.normalize(IngestJson.MAPPER.readTree(json), "event", null, NOW, null, ScrubbingSettings.defaults());
    }

    static List<Boolean> typedFlags(NormalizedEvent event, int exception) {
        return event.exceptions().get(exception).frames().stream().map(NormalizedEvent.Frame::inApp).toList();
    }

    static JsonNode frame(NormalizedEvent event, String container, int stack, int frame) {
        return event.payload().path(container).path("values").get(stack).path("stacktrace").path("frames").get(frame);
    }

    @Test
    void theBuiltInRulesMarkTheAppsFramesInThePayloadAndTheTypedEventAndKeepWhatTheSdkSent() {
        NormalizedEvent sent = normalize(JAVA_DEFAULTS);
        InAppMarking.Marked marked = InAppMarking.mark(sent, StackTraceRules.none());
        NormalizedEvent event = marked.event();

        assertThat(typedFlags(event, 0)).containsExactly(false, true);
        assertThat(typedFlags(event, 1)).containsExactly(false, false, true, true);
        assertThat(event.exceptions().get(2).frames()).isEmpty();
        JsonNode charge = frame(event, "exception", 1, 3);
        assertThat(charge.path("in_app").asBoolean()).isTrue();
        assertThat(charge.has(InAppMarking.ORIGINAL) && charge.get(InAppMarking.ORIGINAL).isNull()).as("the SDK said nothing").isTrue();
        assertThat(frame(event, "threads", 0, 1).path("in_app").asBoolean()).as("threads are marked too").isTrue();
        assertThat(frame(event, "threads", 0, 0).path("in_app").asBoolean()).isFalse();

        // the stack traces as the SDK sent them can be read back from the stored payload
        List<InAppMarking.Stack> asSent = InAppMarking.stacks(event.payload(), true);
        assertThat(asSent).extracting(InAppMarking.Stack::label).containsExactly("IOException", "IllegalStateException", "NoStack",
                "thread main");
        assertThat(asSent.get(1).frames()).allSatisfy(f -> assertThat(f.inApp()).isNull());
        assertThat(InAppMarking.stacks(event.payload(), false).get(1).frames().get(3).inApp()).isTrue();

        // grouping now uses the app's frames only; the hash of the event as sent is kept to find older issues
        GroupingResult grouped = Grouper.group(EventMapping.groupingEvent(event), null).result();
        assertThat(grouped.contributing().stream().filter(c -> c.type().equals("frame")).map(c -> c.values().get(0)))
                .containsOnly("com.acme.shop.Checkout");
        assertThat(marked.withoutBuiltIns()).isNotNull();
        String before = Grouper.group(EventMapping.groupingEvent(sent), null).result().hash();
        assertThat(Grouper.group(EventMapping.groupingEvent(marked.withoutBuiltIns()), null).result().hash()).isEqualTo(before)
                .isNotEqualTo(grouped.hash());
    }

    @Test
    void framesTheRulesLeaveAsTheSdkSentThemAreNotTouched() {
        NormalizedEvent sent = normalize("""
                {"platform":"java","exception":{"values":[{"type":"E","stacktrace":{"frames":[
                  {"module":"java.lang.Thread","function":"run","in_app":false},
                  {"module":"com.acme.Checkout","function":"pay","in_app":true}]}}]}}""");
        InAppMarking.Marked marked = InAppMarking.mark(sent, StackTraceRules.none());
        assertThat(marked.withoutBuiltIns()).isNull();
        assertThat(typedFlags(marked.event(), 0)).containsExactly(false, true);
        assertThat(frame(marked.event(), "exception", 0, 0).has(InAppMarking.ORIGINAL)).isFalse();
        assertThat(frame(marked.event(), "exception", 0, 1).has(InAppMarking.ORIGINAL)).isFalse();

        // a project rule that overrides the SDK keeps the SDK's flag beside its own
        InAppMarking.Marked overridden = InAppMarking.mark(normalize(sent.payload().toString()),
                StackTraceRules.parse("stack.module:com.acme.** -app"));
        JsonNode pay = frame(overridden.event(), "exception", 0, 1);
        assertThat(pay.path("in_app").asBoolean()).isFalse();
        assertThat(pay.path(InAppMarking.ORIGINAL).asBoolean()).isTrue();
        assertThat(typedFlags(overridden.event(), 0)).containsExactly(false, false);
    }

    @Test
    void anEventWithoutStackTracesIsLeftAlone() {
        NormalizedEvent sent = normalize("{\"platform\":\"java\",\"message\":\"hello\"}");
        InAppMarking.Marked marked = InAppMarking.mark(sent, StackTraceRules.parse("stack.module:** +app"));
        assertThat(marked.event()).isSameAs(sent);
        assertThat(marked.withoutBuiltIns()).isNull();
    }

    @Test
    void thePreviewListsEachFrameWithWhatDecidedIt() {
        NormalizedEvent stored = InAppMarking.mark(normalize(JAVA_DEFAULTS), StackTraceRules.none()).event();
        StackTracePreview.Result preview = StackTracePreview.of(stored.payload(),
                "stack.module:org.springframework.** +app\nstack.module:com.acme.shop.Checkout -app");
        assertThat(preview.errors()).isEmpty();
        assertThat(preview.frames()).isEqualTo(8);
        assertThat(preview.inAppBySdk()).isZero();
        StackTracePreview.Stack outer = preview.stacks().get(1);
        assertThat(outer.label()).isEqualTo("IllegalStateException");
        assertThat(outer.rows()).extracting(StackTracePreview.Row::frame).containsExactly("java.lang.Thread in run",
                "org.springframework.web.servlet.FrameworkServlet in service", "com.acme.shop.Checkout in pay",
                "com.acme.shop.Checkout in charge");
        assertThat(outer.rows()).extracting(StackTracePreview.Row::inApp).containsExactly(false, true, false, false);
        assertThat(outer.rows()).extracting(StackTracePreview.Row::decidedBy).containsExactly(
                "built-in rule family:java stack.module:java.** -app", "line 1: stack.module:org.springframework.** +app",
                "line 2: stack.module:com.acme.shop.Checkout -app", "line 2: stack.module:com.acme.shop.Checkout -app");
        assertThat(preview.inAppFrames()).as("spring, and the worker of the thread").isEqualTo(2);
        assertThat(preview.stacks()).extracting(StackTracePreview.Stack::label).doesNotContain("NoStack");

        StackTracePreview.Result bad = StackTracePreview.of(stored.payload(), "stack.module:x -group");
        assertThat(bad.errors()).extracting(RuleError::line).containsExactly(1);
        assertThat(bad.stacks()).isEmpty();
    }
}
