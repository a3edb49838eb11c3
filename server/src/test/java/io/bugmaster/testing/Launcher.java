package io.bugmaster.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ./bugmaster} launcher, run for real in a directory of its own: a copy of it next to a
 * placeholder jar (so nothing is built) starts a stand-in {@code java} that records its arguments
 * and hands {@code -version} to the real JVM (so the launcher's checks see a real one). With
 * {@code REFUSE_TRIM} set, the stand-in refuses the native heap trim as a JVM before 17.0.9 does.
 */
public final class Launcher {
    public static final String REAL_JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final Path root;
    private final Path jdk;
    private final Path args;

    /** Places the launcher, a placeholder jar and the stand-in {@code java} under {@code dir}. */
    public Launcher(Path dir) throws IOException {
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
    public static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("bugmaster")) && Files.isRegularFile(p.resolve("mvnw"))) {
                return p;
            }
        }
        throw new IllegalStateException("no ./bugmaster launcher above " + here);
    }

    /** The jar the launcher starts. */
    public Path jar() {
        return root.resolve("server/target/bugmaster-server.jar");
    }

    /** Runs {@code bugmaster serve --example} with these variables (and none of the user's own); returns java's arguments. */
    public List<String> serve(Map<String, String> env) throws IOException, InterruptedException {
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
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("the launcher failed: " + output);
        }
        return Files.readAllLines(args);
    }

    /** What came before {@code -jar}: the JVM's options. */
    public static List<String> jvmOptions(List<String> javaArgs) {
        return javaArgs.subList(0, javaArgs.indexOf("-jar"));
    }

    /**
     * {@code Runtime.maxMemory()} of a real JVM started with the launcher's default options: the heap
     * the server's defaults (such as the ingest memory budget) are computed from.
     */
    public static long defaultServerMaxMemory() {
        try {
            Path dir = Files.createTempDirectory("bugmaster-launcher");
            try {
                List<String> command = new ArrayList<>(List.of(REAL_JAVA));
                command.addAll(jvmOptions(new Launcher(dir).serve(Map.of())));
                Path program = Files.writeString(dir.resolve("MaxMemory.java"),
                        "class MaxMemory { public static void main(String[] a) { System.out.println(Runtime.getRuntime().maxMemory()); } }");
                command.add(program.toString());
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("java " + command + " failed: " + output);
                }
                return Long.parseLong(output);
            } finally {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
