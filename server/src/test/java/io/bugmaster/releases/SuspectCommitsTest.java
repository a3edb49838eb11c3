package io.bugmaster.releases;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.releases.SuspectCommits.Candidate;
import io.bugmaster.releases.SuspectCommits.Frame;
import io.bugmaster.releases.SuspectCommits.PathHint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SuspectCommitsTest {
    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    private static Frame frame(String filename, String absPath, String module) {
        return new Frame(filename, absPath, module, "f", true);
    }

    private static boolean matches(String repoPath, Frame frame, String platform) {
        return SuspectCommits.hints(frame, platform).stream().anyMatch(h -> SuspectCommits.matches(repoPath, h));
    }

    @Test
    void aJavaFrameMatchesItsSourceFileThroughThePackage() {
        Frame pay = frame("Pay.java", null, "com.acme.checkout.Pay");
        assertThat(SuspectCommits.hints(pay, "java")).first().isEqualTo(new PathHint("com/acme/checkout/Pay.java", false));
        assertThat(matches("src/main/java/com/acme/checkout/Pay.java", pay, "java")).isTrue();
        assertThat(matches("src/main/java/com/acme/billing/Pay.java", pay, "java")).isFalse();
        assertThat(matches("src/main/java/com/acme/checkout/PayTest.java", pay, "java")).isFalse();
    }

    @Test
    void aJavaInnerClassOrKotlinFileMatchesByModuleWithAnyExtension() {
        assertThat(matches("app/src/main/kotlin/com/acme/checkout/Pay.kt", frame(null, null, "com.acme.checkout.Pay$Callback"), "kotlin"))
                .isTrue();
        assertThat(matches("src/main/java/com/acme/checkout/Pay.java", frame(null, null, "com.acme.checkout.Pay$1"), "java"))
                .isTrue();
    }

    @Test
    void javascriptPathsLoseWebpackPrefixesHostsAndQueries() {
        assertThat(SuspectCommits.normalize("webpack://shop/./src/app/checkout.js")).isEqualTo("src/app/checkout.js");
        assertThat(SuspectCommits.normalize("webpack:///./src/app/checkout.js")).isEqualTo("src/app/checkout.js");
        assertThat(SuspectCommits.normalize("webpack:///src/app/checkout.js?abc#x")).isEqualTo("src/app/checkout.js");
        assertThat(SuspectCommits.normalize("app:///src/app/checkout.js")).isEqualTo("src/app/checkout.js");
        assertThat(SuspectCommits.normalize("https://cdn.acme.com/static/js/main.js?v=3")).isEqualTo("static/js/main.js");
        assertThat(SuspectCommits.normalize("~/src/app/checkout.js")).isEqualTo("src/app/checkout.js");
        assertThat(SuspectCommits.normalize("C:\\work\\shop\\src\\a.ts")).isEqualTo("work/shop/src/a.ts");
        Frame checkout = frame("src/app/checkout.js", "webpack://shop/./src/app/checkout.js", null);
        assertThat(matches("src/app/checkout.js", checkout, "javascript")).isTrue();
        assertThat(matches("web/src/app/checkout.js", checkout, "javascript")).isTrue();
        assertThat(matches("src/app/other/checkout.js", checkout, "javascript")).isFalse();
        assertThat(matches("src/app/xcheckout.js", checkout, "javascript")).isFalse();
    }

    @Test
    void pythonFramesMatchByRelativePathAbsolutePathOrModule() {
        Frame pay = frame(null, "/srv/app/acme/checkout/pay.py", "acme.checkout.pay");
        assertThat(matches("acme/checkout/pay.py", pay, "python")).isTrue();
        assertThat(matches("acme/checkout/pay.pyx", frame(null, null, "acme.checkout.pay"), "python")).isTrue();
        assertThat(matches("acme/checkout/__init__.py", frame(null, null, "acme.checkout"), "python")).isTrue();
        assertThat(matches("acme/checkout/views.py", pay, "python")).isFalse();
    }

    @Test
    void onlyInAppFramesCountAndUnmarkedFramesCountOutsideLibraries() {
        Frame app = new Frame("src/a.js", null, null, "a", true);
        Frame lib = new Frame("node_modules/x/y.js", null, null, "y", false);
        assertThat(SuspectCommits.inApp(List.of(app, lib))).containsExactly(app);
        Frame unmarked = new Frame("src/b.js", null, null, "b", null);
        Frame unmarkedLib = new Frame("/app/node_modules/x/y.js", null, null, "y", null);
        assertThat(SuspectCommits.inApp(List.of(unmarked, unmarkedLib))).containsExactly(unmarked);
    }

    @Test
    void theSuspectIsTheNewestCommitTouchingAnInAppFile() {
        List<Frame> frames = List.of(
                new Frame("Main.java", null, "com.acme.Main", "main", true),
                new Frame("Thread.java", null, "java.lang.Thread", "run", false),
                new Frame("Pay.java", null, "com.acme.checkout.Pay", "charge", true));
        List<Candidate> commits = List.of(
                new Candidate(1, T.minusSeconds(100), 2, List.of("src/main/java/com/acme/checkout/Pay.java")),
                new Candidate(2, T, 1, List.of("README.md")),
                new Candidate(3, T.minusSeconds(50), 0, List.of("src/main/java/com/acme/Main.java")),
                new Candidate(4, T.plusSeconds(10), 3, List.of("src/main/java/java/lang/Thread.java")));
        var match = SuspectCommits.suspect(frames, "java", commits).orElseThrow();
        assertThat(match.commitId()).isEqualTo(3);
        assertThat(match.path()).isEqualTo("src/main/java/com/acme/Main.java");
        assertThat(SuspectCommits.suspect(frames, "java", List.of(commits.get(1)))).isEmpty();
    }

    @Test
    void withoutTimestampsTheReleaseOrderDecides() {
        List<Frame> frames = List.of(new Frame("src/a.js", null, null, "a", true));
        List<Candidate> commits = List.of(new Candidate(1, null, 1, List.of("src/a.js")), new Candidate(2, null, 0, List.of("src/a.js")));
        assertThat(SuspectCommits.suspect(frames, "node", commits).orElseThrow().commitId()).isEqualTo(2);
    }

    @Test
    void framesComeFromExceptionsStackTracesAndThreads() {
        var event = JsonMapper.builder().build().readTree("""
                {"exception":{"values":[{"type":"E","stacktrace":{"frames":[
                   {"filename":"a.py","module":"acme.a","in_app":true},{"filename":"lib.py","in_app":false}]}}]},
                 "threads":{"values":[{"stacktrace":{"frames":[{"abs_path":"/x/t.py"}]}}]}}""");
        assertThat(SuspectCommits.frames(event)).extracting(Frame::filename, Frame::absPath, Frame::inApp)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a.py", null, true),
                        org.assertj.core.groups.Tuple.tuple("lib.py", null, false),
                        org.assertj.core.groups.Tuple.tuple(null, "/x/t.py", null));
    }
}
