package io.bugmaster.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real sentry-cli 3.8.0, installed once per build under target/ from npm ({@code @sentry/cli}
 * and its platform package), run against a test server on loopback.
 */
public final class SentryCli {
    public static final String VERSION = "3.8.0";
    static final Path INSTALL_DIR = Path.of("target", "sentry-cli").toAbsolutePath();

    private final Path binary;
    private final String baseUrl;
    private final String token;
    private final String org;
    private final Path home;

    private SentryCli(Path binary, String baseUrl, String token, String org, Path home) {
        this.binary = binary;
        this.baseUrl = baseUrl;
        this.token = token;
        this.org = org;
        this.home = home;
    }

    /** sentry-cli speaking to {@code baseUrl} with this token and organization; {@code home} is its HOME (no user config). */
    public static SentryCli against(String baseUrl, String token, String org, Path home) throws Exception {
        return new SentryCli(install(), baseUrl, token, org, home);
    }

    /** The binary, installed by npm on first use; fails with what to install when npm or the registry is missing. */
    public static synchronized Path install() throws Exception {
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

    static String platformPackage() {
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

    /** Runs a process in {@code dir} without the caller's SENTRY_* variables; fails if it does not end in time. */
    public static Result run(Path dir, Map<String, String> env, List<String> command, int timeoutSeconds) throws IOException,
            InterruptedException {
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

    /** Runs sentry-cli for a project in {@code dir}; on failure runs it again with debug logging so the failure shows the HTTP exchange. */
    public String cli(String project, Map<String, String> extraEnv, Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--url", baseUrl, "--auth-token", token));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString(), "SENTRY_ORG", org, "SENTRY_PROJECT", project,
                "SENTRY_DISABLE_UPDATE_CHECK", "true"));
        env.putAll(extraEnv);
        Result result = run(dir, env, command, 120);
        if (result.exit() != 0) {
            Map<String, String> debug = new HashMap<>(env);
            debug.put("SENTRY_LOG_LEVEL", "debug");
            Result again = run(dir, debug, command, 120);
            fail("sentry-cli " + String.join(" ", args) + " exited " + result.exit() + ":\n" + result.output()
                    + "\n--- again with SENTRY_LOG_LEVEL=debug (exit " + again.exit() + ") ---\n" + again.output());
        }
        return result.output();
    }
}
