package io.bugmaster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options {@code ./bugmaster serve} starts the server with: a copy of the launcher next to a
 * placeholder jar (so nothing is built) runs a stand-in {@code java} that records its arguments and
 * hands {@code -version} to the real JVM (so the launcher's checks see a real one). The options it
 * chose are then given to the real JVM, which must accept them.
 */
class LauncherTest {
    static final List<String> DEFAULTS = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=128m",
            "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=64m");
    static final List<String> TRIM = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=5000");
    static final String REAL_JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;
    Path root;
    Path jdk;
    Path args;

    @BeforeEach
    void placeTheLauncher() throws IOException {
        root = Files.createDirectories(dir.resolve("bugmaster"));
        Files.copy(repositoryRoot().resolve("bugmaster"), root.resolve("bugmaster"));
        Files.createDirectories(root.resolve("server/target"));
        Files.writeString(root.resolve("server/target/bugmaster-server.jar"), "placeholder");
        jdk = Files.createDirectories(dir.resolve("jdk/bin"));
        args = dir.resolve("args");
        Path java = jdk.resolve("java");
        Files.writeString(java, """
                #!/usr/bin/env bash
                for a in "$@"; do
                  if [ "$a" = -version ]; then
                    if [ -n "${REFUSE_TRIM:-}" ] && [[ " $* " == *TrimNativeHeapInterval* ]]; then
                      echo "Unrecognized VM option 'TrimNativeHeapInterval=5000'" >&2
                      exit 1
                    fi
                    exec "%s" "$@"
                  fi
                done
                printf '%%s\\n' "$@" > "%s"
                """.formatted(REAL_JAVA, args));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The checkout: tests run in server/, the launcher sits one level up. */
    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("bugmaster")) && Files.isRegularFile(p.resolve("mvnw"))) {
                return p;
            }
        }
        throw new IllegalStateException("no ./bugmaster launcher above " + here);
    }

    /** Runs {@code bugmaster serve --example} with these variables (and none of the user's own); returns java's arguments. */
    List<String> serve(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("bugmaster").toString(), "serve", "--example")
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        for (String name : List.of("BUGMASTER_JAVA_OPTS", "JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "REFUSE_TRIM")) {
            environment.remove(name);
        }
        environment.put("JAVA_HOME", jdk.getParent().toString());
        environment.putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher finished (the bound only catches a hang)").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return Files.readAllLines(args);
    }

    /** What came before {@code -jar}: the JVM's options. */
    static List<String> jvmOptions(List<String> javaArgs) {
        return javaArgs.subList(0, javaArgs.indexOf("-jar"));
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
                .containsExactly("-jar", root.resolve("server/target/bugmaster-server.jar").toString(), "--example");
    }

    @Test
    void theUsersOptionsComeLastAndTheirHeapOrCollectorReplacesTheDefault() throws Exception {
        List<String> options = jvmOptions(serve(Map.of("JAVA_OPTS", "-Dfrom.java.opts=1",
                "BUGMASTER_JAVA_OPTS", "-Xmx1g -XX:+UseG1GC -XX:ReservedCodeCacheSize=128m")));
        assertThat(options).doesNotContain("-Xmx192m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=64m")
                .contains("-XX:MaxMetaspaceSize=128m", "-XX:MaxDirectMemorySize=64m");
        assertThat(options.subList(options.size() - 4, options.size()))
                .containsExactly("-Dfrom.java.opts=1", "-Xmx1g", "-XX:+UseG1GC", "-XX:ReservedCodeCacheSize=128m");
    }

    @Test
    void optionsTheJvmReadsItselfAreNotOverriddenByTheDefaults() throws Exception {
        // the JVM reads these before its command line, so a default there would silently win over them
        List<String> options = jvmOptions(serve(Map.of("JDK_JAVA_OPTIONS", "-XX:MaxRAMPercentage=50",
                "JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC -XX:MaxDirectMemorySize=256m")));
        assertThat(options).doesNotContain("-Xmx192m", "-XX:+UseSerialGC", "-XX:MaxDirectMemorySize=64m")
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
        assertThat(flags).containsPattern("MaxHeapSize\\s+= 201326592 ")
                .containsPattern("UseSerialGC\\s+= true ")
                .containsPattern("MaxMetaspaceSize\\s+= 134217728 ")
                .containsPattern("ReservedCodeCacheSize\\s+= 67108864 ")
                .containsPattern("MaxDirectMemorySize\\s+= 67108864 ");
    }
}
