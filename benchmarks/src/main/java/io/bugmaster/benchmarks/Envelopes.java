package io.bugmaster.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Envelopes shaped like the Java SDK's (io.sentry:sentry 8.x, see shared/fixtures/java-envelope.txt):
 * an envelope header, an {@code event} item header with {@code length}, and an exception event
 * with a deep stack trace (40 frames of a Spring MVC request), breadcrumbs, contexts, tags, user
 * and request. {@code bugs} distinct bugs (exception type, message and in-app frames differ, so
 * each groups into its own issue); every rendered envelope has a unique event id and one of 500
 * users. The "large" kind adds many more breadcrumbs and a big {@code extra}, to about 50 KB.
 */
final class Envelopes {
    static final String SDK_VERSION = "8.62.0";
    private static final String MARK = "\u0001";
    private static final int HOLE_ENVELOPE_ID = 0;
    private static final int HOLE_EVENT_ID = 1;
    private static final int HOLE_USER = 2;
    private static final int[] WIDTHS = {32, 32, 4};

    private static final String[] TYPES = {
        "java.lang.NullPointerException", "java.lang.IllegalStateException", "java.lang.IllegalArgumentException",
        "java.lang.NumberFormatException", "java.lang.ArrayIndexOutOfBoundsException", "java.lang.ClassCastException",
        "java.lang.UnsupportedOperationException", "java.util.NoSuchElementException",
        "java.util.ConcurrentModificationException", "java.io.UncheckedIOException", "java.net.SocketTimeoutException",
        "java.sql.SQLTransientConnectionException", "org.springframework.dao.DataIntegrityViolationException",
        "org.springframework.dao.OptimisticLockingFailureException", "com.acme.shop.PaymentDeclinedException",
        "com.acme.shop.InventoryMismatchException", "com.acme.shop.CouponExpiredException",
        "com.fasterxml.jackson.core.JsonParseException", "java.time.format.DateTimeParseException",
        "java.lang.ArithmeticException", "java.util.concurrent.TimeoutException", "java.lang.StackOverflowError",
        "javax.crypto.BadPaddingException", "org.springframework.web.client.HttpServerErrorException",
        "com.acme.shop.FraudCheckException"};
    private static final String[] AREAS = {"orders", "payments", "inventory", "shipping", "accounts", "search", "pricing",
        "catalog", "reviews", "notifications"};
    private static final String[] VERBS = {"place", "cancel", "refund", "lookup", "update"};
    private static final String[] NOUNS = {"Order", "Payment", "Stock", "Parcel", "Customer", "Query", "Price", "Product",
        "Review", "Email"};

    private final List<GzipTemplate> templates;
    private final long runPrefix = ThreadLocalRandom.current().nextLong() & 0xffffffffL;
    private final AtomicLong counter = new AtomicLong();
    private final String kind;

    private Envelopes(String kind, List<GzipTemplate> templates) {
        this.kind = kind;
        this.templates = templates;
    }

    /** @param large false for about 8 KB per event, true for about 50 KB */
    static Envelopes build(boolean large, int bugs, String publicKey, String dsn) {
        List<GzipTemplate> list = new ArrayList<>(bugs);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        for (int bug = 0; bug < bugs; bug++) {
            list.add(template(bug, large, publicKey, dsn, now));
        }
        return new Envelopes(large ? "50KB" : "8KB", list);
    }

    String kind() {
        return kind;
    }

    int bugs() {
        return templates.size();
    }

    double averageUncompressed() {
        return templates.stream().mapToInt(GzipTemplate::uncompressedSize).average().orElse(0);
    }

    double averageCompressed() {
        return templates.stream().mapToInt(GzipTemplate::compressedSize).average().orElse(0);
    }

    /** The gzip body of a new envelope: a random bug, a unique event id, one of 500 users. */
    byte[] next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long n = counter.incrementAndGet();
        byte[] id = String.format("%08x%08x%016x", runPrefix, random.nextInt(), n).getBytes(StandardCharsets.US_ASCII);
        byte[] user = String.format("%04d", random.nextInt(500)).getBytes(StandardCharsets.US_ASCII);
        return templates.get(random.nextInt(templates.size())).render(new byte[][] {id, id, user});
    }

    long rendered() {
        return counter.get();
    }

    private static GzipTemplate template(int bug, boolean large, String publicKey, String dsn, Instant now) {
        Random random = new Random(1_000L * bug + (large ? 1 : 0));
        String area = AREAS[bug % AREAS.length];
        String noun = NOUNS[(bug / 2) % NOUNS.length];
        String verb = VERBS[bug % VERBS.length];
        String service = noun + "Service";
        String type = TYPES[bug % TYPES.length];
        String simpleType = type.substring(type.lastIndexOf('.') + 1);
        String module = type.substring(0, type.lastIndexOf('.'));
        String message = switch (bug % 5) {
            case 0 -> "Cannot invoke \"com.acme.shop." + area + "." + noun + ".getId()\" because \"" + noun.toLowerCase()
                    + "\" is null";
            case 1 -> "For input string: \"" + Long.toHexString(random.nextLong()) + "\"";
            case 2 -> noun + " " + (100000 + random.nextInt(900000)) + " is in state " + (random.nextBoolean() ? "CLOSED" : "PENDING");
            case 3 -> "Timeout after " + (1000 + random.nextInt(9000)) + " ms waiting for " + area + "-db";
            default -> "Index " + random.nextInt(64) + " out of bounds for length " + random.nextInt(64);
        };
        String timestamp = now.toString();
        String traceId = hex(random, 32);

        StringBuilder e = new StringBuilder(large ? 60_000 : 10_000);
        e.append("{\"timestamp\":\"").append(timestamp).append("\",\"exception\":{\"values\":[{\"type\":")
                .append(json(simpleType)).append(",\"value\":").append(json(message)).append(",\"module\":")
                .append(json(module)).append(",\"thread_id\":").append(40 + random.nextInt(200))
                .append(",\"stacktrace\":{\"frames\":[");
        List<String[]> frames = frames(bug, area, service, verb + noun, random);
        for (int i = 0; i < frames.size(); i++) {
            String[] f = frames.get(i);
            if (i > 0) {
                e.append(',');
            }
            e.append("{\"filename\":").append(json(f[0])).append(",\"function\":").append(json(f[1]))
                    .append(",\"module\":").append(json(f[2])).append(",\"lineno\":").append(f[3]);
            if (f[4] != null) {
                e.append(",\"in_app\":true");
            }
            e.append(",\"native\":false}");
        }
        e.append("]},\"mechanism\":{\"type\":\"UncaughtExceptionHandler\",\"handled\":false,\"exception_id\":0}}]},")
                .append("\"level\":\"error\",\"fingerprint\":[],")
                .append("\"modules\":{\"sentry\":\"").append(SDK_VERSION).append("\",\"spring-webmvc\":\"6.2.8\",\"spring-core\":\"6.2.8\",")
                .append("\"tomcat-embed-core\":\"10.1.42\",\"jackson-databind\":\"2.19.1\",\"HikariCP\":\"6.3.0\",\"postgresql\":\"42.7.7\"},")
                .append("\"event_id\":\"").append(MARK).append(HOLE_EVENT_ID).append("\",")
                .append("\"contexts\":{\"runtime\":{\"name\":\"OpenJDK Runtime Environment\",\"version\":\"17.0.15\"},")
                .append("\"os\":{\"name\":\"Linux\",\"version\":\"6.1.0-37-amd64\",\"kernel_version\":\"6.1.0-37-amd64\"},")
                .append("\"app\":{\"app_start_time\":\"").append(now.minusSeconds(3600)).append("\",\"app_name\":\"shop\"},")
                .append("\"device\":{\"arch\":\"amd64\",\"processor_count\":8,\"memory_size\":17179869184},")
                .append("\"trace\":{\"trace_id\":\"").append(traceId).append("\",\"span_id\":\"").append(hex(random, 16))
                .append("\",\"op\":\"http.server\",\"origin\":\"auto.http.spring_jakarta.webmvc\",\"status\":\"internal_error\",")
                .append("\"data\":{\"thread.name\":\"http-nio-8080-exec-").append(1 + random.nextInt(200))
                .append("\",\"thread.id\":\"").append(40 + random.nextInt(200)).append("\"}}},")
                .append("\"sdk\":{\"name\":\"sentry.java.spring.jakarta\",\"version\":\"").append(SDK_VERSION)
                .append("\",\"packages\":[{\"name\":\"maven:io.sentry:sentry\",\"version\":\"").append(SDK_VERSION)
                .append("\"},{\"name\":\"maven:io.sentry:sentry-spring-jakarta\",\"version\":\"").append(SDK_VERSION)
                .append("\"}],\"integrations\":[\"UncaughtExceptionHandler\",\"ShutdownHook\",\"SpringWebJakarta\"]},")
                .append("\"tags\":{\"region\":\"eu-west-").append(1 + bug % 3).append("\",\"tenant\":\"tenant-")
                .append(bug % 7).append("\",\"feature_flag.new_checkout\":\"").append(bug % 2 == 0)
                .append("\",\"http.method\":\"POST\",\"area\":\"").append(area).append("\"},")
                .append("\"release\":\"shop@2.").append(bug % 4).append(".0\",\"environment\":\"production\",")
                .append("\"platform\":\"java\",\"server_name\":\"shop-").append(bug % 6).append(".prod.internal\",")
                .append("\"transaction\":\"POST /api/").append(area).append("/{id}/").append(verb).append("\",")
                .append("\"user\":{\"id\":\"user-").append(MARK).append(HOLE_USER).append("\",\"ip_address\":\"10.0.")
                .append(random.nextInt(255)).append('.').append(random.nextInt(255)).append("\"},")
                .append("\"request\":{\"url\":\"https://shop.example.com/api/").append(area).append('/')
                .append(random.nextInt(100000)).append('/').append(verb)
                .append("\",\"method\":\"POST\",\"query_string\":\"trace=1\",\"headers\":{\"Accept\":\"application/json\",")
                .append("\"Content-Type\":\"application/json\",\"User-Agent\":\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 ")
                .append("(KHTML, like Gecko) Chrome/140.0 Safari/537.36\",\"X-Request-Id\":\"").append(hex(random, 32))
                .append("\"}},\"breadcrumbs\":[");
        int crumbs = large ? 220 : 5;
        for (int i = 0; i < crumbs; i++) {
            if (i > 0) {
                e.append(',');
            }
            breadcrumb(e, i, now.minusMillis((crumbs - i) * 137L), area, random, large);
        }
        e.append(']');
        if (large) {
            e.append(",\"extra\":{\"cart\":[");
            for (int i = 0; i < 40; i++) {
                if (i > 0) {
                    e.append(',');
                }
                e.append("{\"sku\":\"SKU-").append(hex(random, 10)).append("\",\"qty\":").append(1 + random.nextInt(5))
                        .append(",\"price\":\"").append(random.nextInt(500)).append('.').append(random.nextInt(100))
                        .append("\",\"note\":\"").append(words(random, 6)).append("\"}");
            }
            e.append("],\"last_sql\":").append(json("SELECT o.id, o.state, o.total, l.sku, l.qty FROM orders o JOIN order_lines l "
                    + "ON l.order_id = o.id WHERE o.customer_id = ? AND o.created_at > ? ORDER BY o.created_at DESC LIMIT 50"))
                    .append('}');
        }
        e.append('}');

        String payload = e.toString();
        int payloadLength = payload.replace(MARK + HOLE_EVENT_ID, "x".repeat(WIDTHS[HOLE_EVENT_ID]))
                .replace(MARK + HOLE_USER, "x".repeat(WIDTHS[HOLE_USER])).getBytes(StandardCharsets.UTF_8).length;
        String envelope = "{\"event_id\":\"" + MARK + HOLE_ENVELOPE_ID + "\",\"dsn\":" + json(dsn)
                + ",\"sdk\":{\"name\":\"sentry.java.spring.jakarta\",\"version\":\"" + SDK_VERSION
                + "\",\"packages\":[{\"name\":\"maven:io.sentry:sentry\",\"version\":\"" + SDK_VERSION
                + "\"}],\"integrations\":[\"UncaughtExceptionHandler\",\"ShutdownHook\",\"SpringWebJakarta\"]},"
                + "\"trace\":{\"trace_id\":\"" + traceId + "\",\"public_key\":\"" + publicKey
                + "\",\"release\":\"shop@2." + (bug % 4) + ".0\",\"environment\":\"production\",\"sample_rand\":\"0."
                + (100000 + random.nextInt(900000)) + "\"},\"sent_at\":\"" + timestamp + "\"}\n"
                + "{\"content_type\":\"application/json\",\"type\":\"event\",\"length\":" + payloadLength + "}\n"
                + payload;
        return new GzipTemplate(envelope, MARK, WIDTHS);
    }

    private static List<String[]> frames(int bug, String area, String service, String action, Random random) {
        // caller first, crashing frame last (Sentry order)
        List<String[]> frames = new ArrayList<>();
        frame(frames, "java.lang.Thread", "run", random, false);
        frame(frames, "org.apache.tomcat.util.threads.TaskThread$WrappingRunnable", "run", random, false);
        frame(frames, "org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker", "run", random, false);
        frame(frames, "org.apache.tomcat.util.threads.ThreadPoolExecutor", "runWorker", random, false);
        frame(frames, "org.apache.tomcat.util.net.SocketProcessorBase", "run", random, false);
        frame(frames, "org.apache.tomcat.util.net.NioEndpoint$SocketProcessor", "doRun", random, false);
        frame(frames, "org.apache.coyote.AbstractProtocol$ConnectionHandler", "process", random, false);
        frame(frames, "org.apache.coyote.AbstractProcessorLight", "process", random, false);
        frame(frames, "org.apache.coyote.http11.Http11Processor", "service", random, false);
        frame(frames, "org.apache.catalina.connector.CoyoteAdapter", "service", random, false);
        frame(frames, "org.apache.catalina.core.StandardEngineValve", "invoke", random, false);
        frame(frames, "org.apache.catalina.core.StandardHostValve", "invoke", random, false);
        frame(frames, "org.apache.catalina.core.StandardContextValve", "invoke", random, false);
        frame(frames, "org.apache.catalina.core.StandardWrapperValve", "invoke", random, false);
        for (int i = 0; i < 4; i++) {
            frame(frames, "org.apache.catalina.core.ApplicationFilterChain", i % 2 == 0 ? "doFilter" : "internalDoFilter",
                    random, false);
            frame(frames, "org.springframework.web.filter.OncePerRequestFilter", "doFilter", random, false);
        }
        frame(frames, "org.springframework.security.web.FilterChainProxy", "doFilterInternal", random, false);
        frame(frames, "jakarta.servlet.http.HttpServlet", "service", random, false);
        frame(frames, "org.springframework.web.servlet.FrameworkServlet", "doPost", random, false);
        frame(frames, "org.springframework.web.servlet.DispatcherServlet", "doService", random, false);
        frame(frames, "org.springframework.web.servlet.DispatcherServlet", "doDispatch", random, false);
        frame(frames, "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter",
                "invokeHandlerMethod", random, false);
        frame(frames, "org.springframework.web.method.support.InvocableHandlerMethod", "doInvoke", random, false);
        frame(frames, "java.lang.reflect.Method", "invoke", random, false);
        String base = "com.acme.shop." + area;
        frame(frames, base + ".web." + capitalize(area) + "Controller", action, random, true);
        frame(frames, base + "." + service, action + "V" + (bug / 10), random, true);
        frame(frames, base + "." + service + "$$SpringCGLIB$$0", "validate", random, false);
        frame(frames, base + ".domain." + capitalize(area) + "Rules", "check" + (bug % 10), random, true);
        frame(frames, base + ".domain." + capitalize(area) + "Rules", "lambda$apply$" + (bug % 3), random, true);
        frame(frames, "java.util.stream.ReferencePipeline$3$1", "accept", random, false);
        frame(frames, "java.util.ArrayList$ArrayListSpliterator", "forEachRemaining", random, false);
        frame(frames, "java.util.stream.AbstractPipeline", "copyInto", random, false);
        frame(frames, base + ".persistence." + capitalize(area) + "Repository", "load" + (bug % 4), random, true);
        frame(frames, "java.util.Objects", "requireNonNull", random, false);
        return frames;
    }

    private static void frame(List<String[]> frames, String module, String function, Random random, boolean inApp) {
        String simple = module.substring(module.lastIndexOf('.') + 1);
        int dollar = simple.indexOf('$');
        String file = (dollar > 0 ? simple.substring(0, dollar) : simple) + ".java";
        frames.add(new String[] {file, function, module, Integer.toString(20 + random.nextInt(900)), inApp ? "y" : null});
    }

    private static void breadcrumb(StringBuilder e, int i, Instant at, String area, Random random, boolean large) {
        e.append("{\"timestamp\":\"").append(at).append('"');
        switch (i % 3) {
            case 0 -> e.append(",\"type\":\"http\",\"category\":\"http\",\"level\":\"info\",\"data\":{\"url\":\"https://")
                    .append(area).append(".internal/v1/").append(hex(random, 8)).append("\",\"method\":\"GET\",\"status_code\":")
                    .append(random.nextBoolean() ? 200 : 404).append('}');
            case 1 -> e.append(",\"type\":\"query\",\"category\":\"db.sql.query\",\"level\":\"info\",\"message\":")
                    .append(json("SELECT * FROM " + area + " WHERE id = " + random.nextInt(1_000_000)
                            + (large ? " AND tenant = '" + words(random, 2) + "'" : "")));
            default -> e.append(",\"category\":\"log\",\"level\":\"").append(random.nextBoolean() ? "info" : "warning")
                    .append("\",\"message\":").append(json(words(random, large ? 14 : 8)));
        }
        e.append('}');
    }

    private static final String[] WORDS = ("request handled retry cache miss session user checkout cart stock level warehouse "
            + "reserve release timeout pool connection fetched updated rejected queued accepted payment gateway token expired "
            + "refresh invoice tax rate discount coupon shipment carrier label printed address validated").split(" ");

    private static String words(Random random, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.append(' ').append(random.nextInt(100000)).toString();
    }

    private static String hex(Random random, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString();
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String json(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
