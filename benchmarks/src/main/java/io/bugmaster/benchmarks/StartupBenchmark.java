package io.bugmaster.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts the server jar several times and measures the time from process start until
 * {@code GET /actuator/health/readiness} answers UP, and the resident memory (VmRSS) right then.
 * Each run gets a fresh temporary data dir, so SQLite runs start on an empty database.
 *
 * <pre>
 * java -cp benchmarks/target/classes io.bugmaster.benchmarks.StartupBenchmark
 *     [--runs 5] [--jar server/target/bugmaster-server.jar] [--database-url postgres://...] [--timeout 120]
 * </pre>
 *
 * BUGMASTER_JAVA_OPTS (split on blanks) is passed to each server JVM, as the launcher does.
 */
public final class StartupBenchmark {

    record Run(long readyMillis, long rssKib, long stopMillis) {}

    public static void main(String[] args) throws Exception {
        int runs = 5;
        Path jar = Path.of("server/target/bugmaster-server.jar");
        String databaseUrl = null;
        int timeoutSeconds = 120;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--runs" -> runs = Integer.parseInt(value(args, ++i, arg));
                case "--jar" -> jar = Path.of(value(args, ++i, arg));
                case "--database-url" -> databaseUrl = value(args, ++i, arg);
                case "--timeout" -> timeoutSeconds = Integer.parseInt(value(args, ++i, arg));
                case "-h", "--help" -> {
                    System.out.println("usage: StartupBenchmark [--runs N] [--jar PATH] [--database-url URL] [--timeout SECONDS]");
                    return;
                }
                default -> {
                    System.err.println("unknown argument: " + arg);
                    System.exit(2);
                }
            }
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        if (!Files.isRegularFile(jar)) {
            System.err.println("no server jar at " + jar.toAbsolutePath()
                    + "; build it first: ./mvnw -q -DskipTests -pl server -am package");
            System.exit(1);
        }
        String database = databaseUrl == null ? "SQLite (fresh data dir per run)" : "PostgreSQL " + redact(databaseUrl);
        System.out.printf(Locale.ROOT, "Bugmaster startup: %d runs of %s on %s%n", runs, jar, database);
        System.out.printf(Locale.ROOT, "Java %s, %d CPUs%n", System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        List<Run> results = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Run run = runOnce(jar, databaseUrl, Duration.ofSeconds(timeoutSeconds));
            results.add(run);
            System.out.printf(Locale.ROOT, "run %d: ready in %d ms, RSS %.1f MiB, stopped in %d ms%n",
                    i, run.readyMillis(), run.rssKib() / 1024.0, run.stopMillis());
        }
        long[] ready = results.stream().mapToLong(Run::readyMillis).toArray();
        long[] rss = results.stream().mapToLong(Run::rssKib).toArray();
        System.out.printf(Locale.ROOT, "ready (ms):  min %d  median %.0f  max %d%n", min(ready), median(ready), max(ready));
        System.out.printf(Locale.ROOT, "RSS (MiB):   min %.1f  median %.1f  max %.1f%n",
                min(rss) / 1024.0, median(rss) / 1024.0, max(rss) / 1024.0);
    }

    private static Run runOnce(Path jar, String databaseUrl, Duration timeout) throws Exception {
        Path dataDir = Files.createTempDirectory("bugmaster-bench-");
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String javaOpts = System.getenv("BUGMASTER_JAVA_OPTS");
        if (javaOpts != null && !javaOpts.isBlank()) {
            command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server.log").toFile());
        builder.environment().put("BUGMASTER_DATA_DIR", dataDir.toString());
        builder.environment().put("BUGMASTER_PORT", Integer.toString(port));
        builder.environment().put("BUGMASTER_BASE_URL", "http://localhost:" + port);
        if (databaseUrl != null) {
            builder.environment().put("BUGMASTER_DATABASE_URL", databaseUrl);
        } else {
            builder.environment().remove("BUGMASTER_DATABASE_URL");
        }

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            long deadline = start + timeout.toNanos();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server exited with code " + process.exitValue()
                            + " before it was ready; see " + dataDir.resolve("server.log"));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the server was not ready within " + timeout.toSeconds()
                            + " s; see " + dataDir.resolve("server.log"));
                }
                if (isUp(http, readiness)) {
                    break;
                }
                Thread.sleep(20);
            }
            long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long rssKib = rssKib(process.pid());
            long stopStart = System.nanoTime();
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server did not stop within 60 s of SIGTERM");
            }
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopStart);
            deleteTree(dataDir);
            return new Run(readyMillis, rssKib, stopMillis);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static boolean isUp(HttpClient http, URI readiness) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    /** VmRSS of a process from /proc (Linux), in KiB; -1 where /proc is not there. */
    static long rssKib(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(status)) {
            return -1;
        }
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> line.replaceAll("[^0-9]", ""))
                    .mapToLong(Long::parseLong)
                    .findFirst()
                    .orElse(-1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return args[index];
    }

    private static String redact(String url) {
        return url.replaceAll("(://[^:/@]+:)[^@]*@", "$1***@");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
