package io.bugmaster.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StackTraceRulesTest {

    static GroupingFrame java(String module, String function, Boolean inApp) {
        return GroupingFrame.of(module, function, inApp);
    }

    static GroupingFrame js(String absPath, String function, Boolean inApp) {
        return new GroupingFrame(null, absPath, null, function, null, inApp, null, null, null);
    }

    static List<Boolean> flags(StackTraceRules.Marking marking, int stack) {
        return marking.decisions().get(stack).stream().map(StackTraceRules.Decision::inApp).toList();
    }

    static List<Boolean> mark(String platform, String rules, GroupingFrame... frames) {
        return flags(StackTraceRules.mark(List.of(List.of(frames)), platform, StackTraceRules.parse(rules)), 0);
    }

    static RuleError onlyError(String text) {
        try {
            StackTraceRules.parse(text);
        } catch (RulesException e) {
            assertThat(e.errors()).hasSize(1);
            return e.errors().get(0);
        }
        throw new AssertionError("expected a parse error for: " + text);
    }

    @Test
    void parsesMatchersWithTheirAliasesNegationQuotesAndActionsWithRanges() {
        StackTraceRules rules = StackTraceRules.parse("""

                # comment
                  stack.module:com.acme.** !stack.function:"lambda *" +app
                family:javascript,native path:**/vendor/** package:**/libfoo.so function:std::* app:yes -app ^-app v+app
                """);
        assertThat(rules.rules()).hasSize(2);
        StackTraceRules.Rule first = rules.rules().get(0);
        assertThat(first.line()).isEqualTo(3);
        assertThat(first.source()).isEqualTo("stack.module:com.acme.** !stack.function:\"lambda *\" +app");
        assertThat(first.matchers()).containsExactly(new StackTraceRules.Matcher("module", "com.acme.**", false),
                new StackTraceRules.Matcher("function", "lambda *", true));
        assertThat(first.actions()).containsExactly(new StackTraceRules.Action(StackTraceRules.Range.SELF, true));
        assertThat(first.builtIn()).isFalse();
        StackTraceRules.Rule second = rules.rules().get(1);
        assertThat(second.matchers()).extracting(StackTraceRules.Matcher::key)
                .containsExactly("family", "path", "package", "function", "app");
        assertThat(second.actions()).extracting(Object::toString).containsExactly("-app", "^-app", "v+app");
        assertThat(StackTraceRules.parse("  \n# only a comment\n").isEmpty()).isTrue();
        assertThat(StackTraceRules.parse(null).isEmpty()).isTrue();
    }

    @Test
    void everyBadLineIsReportedWithItsLineAndWhatIsWrong() {
        assertThat(onlyError("colour:red +app")).hasToString(
                "line 1: unknown matcher 'colour' (known: stack.module (module), stack.function (function), "
                        + "stack.abs_path (path), stack.package (package), family, app)");
        assertThat(onlyError("\n\nstack.module:com.acme.**")).hasToString("line 3: no action: end the rule with +app or -app");
        assertThat(onlyError("+app")).hasToString(
                "line 1: no matcher: a rule starts with what it matches, for example stack.module:com.acme.** +app");
        assertThat(onlyError("stack.abs_path:**/generated/** -group").message()).contains("'-group' is not supported")
                .contains("fingerprint rules");
        assertThat(onlyError("family:native max-frames=3").message()).contains("max-frames").contains("not supported");
        assertThat(onlyError("category:telemetry -app").message()).contains("category matcher is not supported");
        assertThat(onlyError("[ category:telemetry ] | app:yes -app").message()).contains("around a frame");
        assertThat(onlyError("app:maybe +app").message()).isEqualTo("app: takes yes or no, not 'maybe'");
        assertThat(onlyError("family:cobol +app").message()).startsWith("unknown family 'cobol'");
        assertThat(onlyError("stack.function:\"unterminated +app").message()).startsWith("unterminated quoted value");
        assertThat(onlyError("stack.module: +app").message()).isEqualTo("matcher 'stack.module' has no value");
        assertThat(onlyError("stack.module:a +app stack.function:b").message()).contains("after the actions");
        assertThat(onlyError("stack.module:a +ap").message()).startsWith("unknown action '+ap'");
        assertThat(onlyError("stack.module:" + "a".repeat(300) + " +app").message()).contains("longer than 256");

        assertThatThrownBy(() -> StackTraceRules.parse("stack.module:a +app\nfoo\nstack.module:b -group"))
                .isInstanceOfSatisfying(RulesException.class, e -> assertThat(e.errors())
                        .extracting(RuleError::line).containsExactly(2, 3))
                .hasMessageStartingWith("line 2: ");
        String tooMany = "stack.module:a +app\n".repeat(StackTraceRules.MAX_RULES + 1);
        assertThat(onlyError(tooMany)).hasToString("line " + (StackTraceRules.MAX_RULES + 1) + ": more than 200 rules");
    }

    @Test
    void moduleAndFunctionAreCaseSensitiveGlobsAndPathsAreCaseInsensitivePathGlobs() {
        assertThat(mark("java", "stack.module:com.acme.** +app", java("com.acme.shop.Checkout", "pay", false),
                java("com.Acme.shop.Checkout", "pay", false), java("org.acme.Checkout", "pay", false)))
                .containsExactly(true, false, false);
        assertThat(mark("java", "stack.function:pay* -app", java("a.B", "payNow", true), java("a.B", "PayNow", true)))
                .containsExactly(false, true);
        // a path: either abs_path or filename, backslashes as slashes; a leading **/ also matches a relative name
        assertThat(mark("other", "stack.abs_path:**/Vendor/*.js -app",
                js("/srv/app/vendor/lib.js", "f", true), js("C:\\app\\VENDOR\\x.js", "f", true),
                new GroupingFrame("vendor/y.js", null, null, "f", null, true, null, null, null),
                js("/srv/app/vendor/deep/z.js", "f", true)))
                .containsExactly(false, false, false, true);
        assertThat(mark("native", "stack.package:**/libcurl.dylib -app",
                new GroupingFrame(null, null, null, "curl_easy", null, true, null, "/usr/lib/libcurl.dylib", null)))
                .containsExactly(false);
    }

    @Test
    void familyAppAndNegationNarrowARule() {
        assertThat(mark("other", "family:javascript,python stack.module:** +app", java("a.B", "f", null))).containsExactly((Boolean) null);
        assertThat(mark("python", "family:javascript,python stack.module:** +app", java("a.b", "f", null))).containsExactly(true);
        // a frame's own platform wins over the event's
        GroupingFrame jsFrameInJavaEvent = new GroupingFrame(null, "/app/x.js", null, "f", null, null, "javascript", null, null);
        assertThat(mark("java", "family:javascript stack.abs_path:** -app", jsFrameInJavaEvent)).containsExactly(false);
        // app: sees the flags as earlier rules left them; undecided counts as not in-app
        assertThat(mark("java", "app:no +app\nstack.module:std.** -app", java("std.Vec", "push", null), java("my.App", "run", false),
                java("my.Lib", "call", true))).containsExactly(false, true, true);
        assertThat(mark("java", "!stack.module:my.** -app", java("my.App", "run", true), java("their.Lib", "x", true)))
                .containsExactly(true, false);
    }

    @Test
    void laterRulesWinAndRangesReachTheFramesAboveOrBelow() {
        assertThat(mark("java", "stack.module:a.** +app\nstack.module:a.gen.** -app", java("a.gen.X", "f", null), java("a.Y", "g", null)))
                .containsExactly(false, true);
        // frames are caller first: "above" is towards the crash (later frames), "below" the callers
        GroupingFrame[] frames = {java("main.Main", "main", true), java("lib.Loop", "run", true), java("panic.Handler", "begin", true),
            java("lib.Fmt", "write", true)};
        assertThat(mark("java", "stack.module:panic.** ^-app -app", frames)).containsExactly(true, true, false, false);
        assertThat(mark("java", "stack.module:panic.** v-app", frames)).containsExactly(false, false, true, true);
    }

    @Test
    void withTheJavaSdksDefaultsTheAppIsWhatIsNotTheJdkOrAKnownLibrary() {
        List<GroupingFrame> frames = List.of(java("java.lang.Thread", "run", null),
                java("org.springframework.web.servlet.FrameworkServlet", "service", null),
                java("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", null),
                java("com.acme.shop.CheckoutController", "pay", null), java("com.acme.shop.Checkout", "charge", null));
        StackTraceRules.Marking marking = StackTraceRules.mark(List.of(frames), "java", StackTraceRules.none());
        assertThat(flags(marking, 0)).containsExactly(false, false, false, true, true);
        assertThat(marking.decisions().get(0).get(3).rule().source()).isEqualTo("family:java +app");
        assertThat(marking.decisions().get(0).get(3).rule().builtIn()).isTrue();
        assertThat(marking.decisions().get(0).get(1).rule().source()).isEqualTo("family:java stack.module:org.springframework.** -app");
        assertThat(marking.withoutBuiltIns()).as("what the SDK alone said, to find issues grouped before").isNotNull();
        assertThat(flags(new StackTraceRules.Marking(marking.withoutBuiltIns(), null), 0)).containsOnlyNulls();

        // the project's rules come after the built-in ones: code under a library's namespace can be claimed
        assertThat(flags(StackTraceRules.mark(List.of(List.of(java("org.springframework.samples.petclinic.Owners", "find", null),
                java("org.springframework.web.Servlet", "service", null))), "java",
                StackTraceRules.parse("stack.module:org.springframework.samples.** +app")), 0)).containsExactly(true, false);
    }

    @Test
    void anSdkThatMarkedFramesInAppIsTrustedAndTheBuiltInRulesStayOut() {
        List<GroupingFrame> frames = List.of(java("com.thirdparty.Client", "call", null), java("java.lang.Thread", "run", false),
                java("com.acme.Checkout", "pay", true));
        StackTraceRules.Marking marking = StackTraceRules.mark(List.of(frames), "java", StackTraceRules.none());
        assertThat(flags(marking, 0)).containsExactly(null, false, true);
        assertThat(marking.withoutBuiltIns()).isNull();
        assertThat(marking.decisions().get(0).get(2).rule()).as("the SDK decided").isNull();
        // a frame the SDK marked in another stack trace of the event counts too
        StackTraceRules.Marking twoStacks = StackTraceRules.mark(List.of(List.of(java("com.thirdparty.Client", "call", null)),
                List.of(java("com.acme.Checkout", "pay", true))), "java", StackTraceRules.none());
        assertThat(flags(twoStacks, 0)).containsOnlyNulls();
        // but the project's own rules override the SDK
        assertThat(flags(StackTraceRules.mark(List.of(frames), "java", StackTraceRules.parse("stack.module:com.acme.** -app")), 0))
                .containsExactly(null, false, false);
    }

    @Test
    void builtInRulesForJavaScriptAndPythonFollowTheirPackageFolders() {
        assertThat(mark("node", "", js("/srv/app/node_modules/express/lib/router.js", "handle", null),
                js("node:internal/process/task_queues", "processTicks", null), js("/srv/app/src/checkout.js", "pay", null),
                new GroupingFrame(null, null, null, "anonymous", null, null, null, null, null), js("[native code]", "map", null)))
                .containsExactly(false, false, true, null, false);
        assertThat(mark("python", "", js("/usr/lib/python3.12/json/decoder.py", "decode", null),
                js("/srv/venv/lib/python3.12/site-packages/django/core/handlers.py", "inner", null),
                js("<frozen importlib._bootstrap>", "_call_with_frames_removed", null), js("/srv/shop/checkout.py", "pay", null),
                js("C:\\Python312\\Lib\\json\\decoder.py", "decode", null)))
                .containsExactly(false, false, false, true, false);
        assertThat(StackTraceRules.builtInText()).contains("family:java stack.module:java.** -app");
    }

    @Test
    void globsCheckTheirLiteralPartsAndCaseOnlyWhenAsked() {
        assertThat(Glob.caseSensitive("com.Acme.*").matches("com.Acme.X")).isTrue();
        assertThat(Glob.caseSensitive("com.Acme.*").matches("com.acme.X")).isFalse();
        assertThat(Glob.of("com.Acme.*").matches("com.acme.X")).isTrue();
        assertThat(Glob.of("a*a").matches("a")).isFalse();
        assertThat(Glob.of("a*a").matches("aa")).isTrue();
        assertThat(Glob.of("*needle*").matches("haystack with a needle in it")).isTrue();
        assertThat(Glob.of("*needle*").matches("haystack without")).isFalse();
        assertThat(Glob.path("**/node_modules/**").matches("node_modules/x.js")).isTrue();
        assertThat(Glob.path("**/node_modules/**").matches("/a/node_modules/b/c.js")).isTrue();
        assertThat(Glob.path("**/node_modules/**").matches("/a/node_module/b.js")).isFalse();
        assertThat(Glob.of("exact").matches("exact")).isTrue();
        assertThat(Glob.of("exact").matches("exactly")).isFalse();
    }
}
