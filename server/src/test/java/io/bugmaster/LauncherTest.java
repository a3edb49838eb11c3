package io.bugmaster;

import static io.bugmaster.testing.Launcher.REAL_JAVA;
import static io.bugmaster.testing.Launcher.jvmOptions;
import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.Launcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options {@code ./bugmaster serve} starts the server with, recorded by the stand-in
 * {@code java} of {@link Launcher}; the options it chose are then given to the real JVM, which must
 * accept them.
 */
class LauncherTest {
    static final List<String> DEFAULTS = List.of("-Xmx224m", "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=128m",
            "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=64m");
    static final List<String> TRIM = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=5000");

    @TempDir
    Path dir;
    Launcher launcher;

    @BeforeEach
    void placeTheLauncher() throws IOException {
        launcher = new Launcher(dir);
    }

    List<String> serve(Map<String, String> env) throws Exception {
        return launcher.serve(env);
    }

    /** Whether the JVM running the tests knows the native heap trim (OpenJDK 17.0.9 and later, on Linux). */
    static boolean realJvmTrims() throws Exception {
        List<String> command = new ArrayList<>(List.of(REAL_JAVA));
        command.addAll(TRIM);
        command.add("-version");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() == 0 && System.getProperty("os.name").equals("Linux");
    }

    @Test
    void withoutOptionsTheServerGetsABoundedHeapTheSerialCollectorAndCappedNativeAreas() throws Exception {
        List<String> javaArgs = serve(Map.of());
        List<String> expected = new ArrayList<>(DEFAULTS);
        if (realJvmTrims()) {
            expected.addAll(TRIM);
        }
        assertThat(jvmOptions(javaArgs)).containsExactlyElementsOf(expected);
        assertThat(javaArgs.subList(javaArgs.indexOf("-jar"), javaArgs.size()))
                .containsExactly("-jar", launcher.jar().toString(), "--example");
    }

    @Test
    void theUsersOptionsComeLastAndTheirHeapOrCollectorReplacesTheDefault() throws Exception {
        List<String> options = jvmOptions(serve(Map.of("JAVA_OPTS", "-Dfrom.java.opts=1",
                "BUGMASTER_JAVA_OPTS", "-Xmx1g -XX:+UseG1GC -XX:ReservedCodeCacheSize=128m")));
        assertThat(options).doesNotContain("-Xmx224m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=64m")
                .contains("-XX:MaxMetaspaceSize=128m", "-XX:MaxDirectMemorySize=64m");
        assertThat(options.subList(options.size() - 4, options.size()))
                .containsExactly("-Dfrom.java.opts=1", "-Xmx1g", "-XX:+UseG1GC", "-XX:ReservedCodeCacheSize=128m");
    }

    @Test
    void optionsTheJvmReadsItselfAreNotOverriddenByTheDefaults() throws Exception {
        // the JVM reads these before its command line, so a default there would silently win over them
        List<String> options = jvmOptions(serve(Map.of("JDK_JAVA_OPTIONS", "-XX:MaxRAMPercentage=50",
                "JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC -XX:MaxDirectMemorySize=256m")));
        assertThat(options).doesNotContain("-Xmx224m", "-XX:+UseSerialGC", "-XX:MaxDirectMemorySize=64m")
                .contains("-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=64m");
    }

    @Test
    void aJvmWithoutTheNativeHeapTrimStillStarts() throws Exception {
        assertThat(jvmOptions(serve(Map.of("REFUSE_TRIM", "1")))).containsExactlyElementsOf(DEFAULTS);
    }

    @Test
    void theJvmRunningTheTestsAcceptsTheDefaultsAndAppliesThem() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(REAL_JAVA);
        command.addAll(jvmOptions(serve(Map.of())));
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String flags = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(flags).isZero();
        assertThat(flags).containsPattern("MaxHeapSize\\s+= 234881024 ")
                .containsPattern("UseSerialGC\\s+= true ")
                .containsPattern("MaxMetaspaceSize\\s+= 134217728 ")
                .containsPattern("ReservedCodeCacheSize\\s+= 67108864 ")
                .containsPattern("MaxDirectMemorySize\\s+= 67108864 ");
    }
}
