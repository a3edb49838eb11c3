package io.bugmaster.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Node.js and npm for the tests that drive the real JavaScript SDKs. Packages are installed once
 * into {@code target/e2e-node/<name>/} and reused while their package.json is unchanged. Without
 * node or npm the tests fail and say how to install them; they do not skip.
 */
final class NodeTools {
    static final Path ROOT = Paths.get("target", "e2e-node").toAbsolutePath();

    private NodeTools() {}

    private static String checkedNode;

    /** node, at least 20.19 (what @sentry/node and @sentry/browser 11 declare in their engines). */
    static synchronized String node() {
        if (checkedNode == null) {
            String node = require("node");
            String version = run(Paths.get("."), 30, node, "--version").output().trim();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("v(\\d+)\\.(\\d+).*").matcher(version);
            if (!m.matches() || Integer.parseInt(m.group(1)) * 1000 + Integer.parseInt(m.group(2)) < 20_019) {
                throw new IllegalStateException("the SDK end-to-end tests need Node.js 20.19 or newer (the Sentry SDKs' engines), found "
                        + version + " at " + node + ": install a newer nodejs (e.g. NodeSource's 20.x or 22.x package)");
            }
            checkedNode = node;
        }
        return checkedNode;
    }

    static String npm() {
        return require("npm");
    }

    private static String require(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("the SDK end-to-end tests need '" + command + "' on the PATH: install Node.js and npm with "
                + "'apt-get install -y nodejs npm' (Debian/Ubuntu; .ci/run does this on a fresh machine)");
    }

    /**
     * A directory with the given package.json installed ({@code npm install}), reused when the same
     * package.json was installed before.
     */
    static synchronized Path install(String name, String packageJson) {
        Path dir = ROOT.resolve(name);
        Path manifest = dir.resolve("package.json");
        Path done = dir.resolve(".installed");
        try {
            if (Files.exists(done) && Files.readString(done).equals(packageJson)) {
                return dir;
            }
            Files.createDirectories(dir);
            Files.writeString(manifest, packageJson);
            Files.deleteIfExists(done);
            node();
            Result result = run(dir, 300, npm(), "install", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error");
            if (result.exitCode() != 0) {
                throw new IllegalStateException("npm install in " + dir + " failed (exit " + result.exitCode() + "):\n" + result.output());
            }
            Files.writeString(done, packageJson);
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare " + dir + ": " + e, e);
        }
    }

    record Result(int exitCode, String output) {}

    /** Runs a command in a directory, stdout and stderr together, killed after the timeout. */
    static Result run(Path dir, int timeoutSeconds, String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        try {
            Path log = Files.createTempFile("e2e-process-", ".log");
            Process process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
