package io.bugmaster.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real sentry-cli for tests: the binary comes from npm ({@code @sentry/cli} and its platform package), installed once per build under target/. */
public final class SentryCli {
    public static final String VERSION = "3.8.0";
    static final Path INSTALL_DIR = Path.of("target", "sentry-cli").toAbsolutePath();

    private SentryCli() {}

    /** The sentry-cli binary, installed with npm under target/ on first use; fails the test with what to do when it cannot. */
    public static Path install() throws Exception {
        Path binary = INSTALL_DIR.resolve("node_modules/@sentry/" + platformPackage() + "/bin/sentry-cli");
        if (!Files.isExecutable(binary)) {
            Files.createDirectories(INSTALL_DIR);
            Result npm;
            try {
                npm = run(INSTALL_DIR, Map.of(), List.of("npm", "install", "--prefix", INSTALL_DIR.toString(), "--no-audit",
                        "--no-fund", "--no-save", "@sentry/cli@" + VERSION), 300);
            } catch (IOException missing) {
                throw new AssertionError("this test needs npm (and node) to install @sentry/cli@" + VERSION
                        + "; install them (Debian: apt-get install nodejs npm). Cause: " + missing.getMessage(), missing);
            }
            if (npm.exit() != 0 || !Files.isExecutable(binary)) {
                fail("npm could not install @sentry/cli@" + VERSION + " into " + INSTALL_DIR + " (is the npm registry reachable?)."
                        + " Expected the binary at " + binary + ". npm said (exit " + npm.exit() + "):\n" + npm.output());
            }
        }
        Result version = run(INSTALL_DIR, Map.of(), List.of(binary.toString(), "--version"), 30);
        assertThat(version.output()).as("sentry-cli --version").contains("sentry-cli " + VERSION);
        return binary;
    }

    private static String platformPackage() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String cpu = arch.contains("aarch64") || arch.contains("arm64") ? "arm64" : "x64";
        if (os.contains("linux")) {
            return "cli-linux-" + cpu;
        }
        if (os.contains("mac")) {
            return "cli-darwin";
        }
        fail("no sentry-cli package known for " + os + " " + arch);
        return null;
    }

    public record Result(int exit, String output) {}

    /** Runs a command without the caller's SENTRY_* variables, failing the test when it does not finish in time. */
    public static Result run(Path dir, Map<String, String> env, List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("SENTRY_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
