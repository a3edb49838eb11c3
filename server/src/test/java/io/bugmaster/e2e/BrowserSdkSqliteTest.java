package io.bugmaster.e2e;

import static io.bugmaster.e2e.StoredEvents.breadcrumbMessages;
import static io.bugmaster.e2e.StoredEvents.exceptionTypes;
import static io.bugmaster.e2e.StoredEvents.exceptions;
import static io.bugmaster.e2e.StoredEvents.frames;
import static io.bugmaster.e2e.StoredEvents.functions;
import static io.bugmaster.e2e.StoredEvents.tags;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import io.bugmaster.testing.Poll;
import io.bugmaster.testing.SqliteTestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * The real @sentry/browser SDK in Chromium, on a page served from another origin than Bugmaster:
 * the SDK's cross-origin {@code text/plain} POST with the key in the query string must pass CORS.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class BrowserSdkSqliteTest extends EndToEndTest {
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final String PACKAGE_JSON = """
            {"name":"bugmaster-e2e-browser","private":true,
             "dependencies":{"@sentry/browser":"11.12.0","esbuild":"0.28.2"}}
            """;

    static byte[] bundle;
    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void bundleSdkAndLaunchChromium() throws IOException {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("the browser SDK test needs Chromium at " + CHROMIUM
                    + ": install it with 'apt-get install -y chromium' (Debian/Ubuntu)");
        }
        bundle = sdkBundle();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    /**
     * The SDK as one browser script. The npm package of 11.12.0 ships only CommonJS and ES modules
     * (no {@code build/bundles/}), so it is bundled here with esbuild; a ready bundle is used if a
     * later version ships one.
     */
    static byte[] sdkBundle() throws IOException {
        Path dir = NodeTools.install("browser-sdk", PACKAGE_JSON);
        Path shipped = dir.resolve("node_modules/@sentry/browser/build/bundles/bundle.min.js");
        if (Files.exists(shipped)) {
            return Files.readAllBytes(shipped);
        }
        Path entry = dir.resolve("entry.js");
        Files.write(entry, resource("browser-entry.js"));
        Path out = dir.resolve("sentry.bundle.js");
        NodeTools.Result result = NodeTools.run(dir, 120, dir.resolve("node_modules/.bin/esbuild").toString(), "entry.js",
                "--bundle", "--minify", "--format=iife", "--target=es2020", "--log-level=warning", "--outfile=" + out);
        assertThat(result.exitCode()).as("esbuild: " + result.output()).isZero();
        return Files.readAllBytes(out);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = BrowserSdkSqliteTest.class.getResourceAsStream("/e2e/" + name)) {
            return in.readAllBytes();
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** A static web server on another port than Bugmaster's: another origin. */
    static HttpServer pageServer(String dsn) throws IOException {
        byte[] html = new String(resource("browser-page.html"), StandardCharsets.UTF_8).replace("__DSN__", dsn)
                .getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> files = Map.of("/", html, "/sentry.bundle.js", bundle, "/app.js", resource("browser-app.js"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = files.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(path.equals("/favicon.ico") ? 204 : 404, -1);
            } else {
                exchange.getResponseHeaders().set("Content-Type", path.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void anUncaughtErrorInAClickHandlerArrivesCrossOriginWithBrowserContext() throws IOException {
        E2eProject project = newProject("javascript-browser");
        HttpServer pages = pageServer(project.dsn());
        String pageUrl = "http://localhost:" + pages.getAddress().getPort() + "/";
        List<String> consoleErrors = new CopyOnWriteArrayList<>();
        List<String> pageErrors = new CopyOnWriteArrayList<>();
        StoredEvents.Event event;
        try (BrowserContext context = browser.newContext()) {
            context.setDefaultTimeout(30_000); // waits for conditions; generous for a busy machine
            Page page = context.newPage();
            page.onConsoleMessage(m -> {
                if ("error".equals(m.type())) {
                    consoleErrors.add(m.text());
                }
            });
            page.onPageError(pageErrors::add);
            List<String> console = new CopyOnWriteArrayList<>();
            page.onConsoleMessage(m -> console.add(m.type() + ": " + m.text()));
            List<String> traffic = new CopyOnWriteArrayList<>();
            page.onResponse(r -> traffic.add(r.request().method() + " " + r.url() + " -> " + r.status()));
            page.onRequestFailed(r -> traffic.add(r.method() + " " + r.url() + " failed: " + r.failure()));
            page.navigate(pageUrl);
            assertThat(page.evaluate("() => !!(window.Sentry && Sentry.getClient())")).as("the SDK is set up").isEqualTo(true);
            page.click("#pay");
            // The SDK posts with fetch(keepalive) from a sandbox frame, which Playwright does not always
            // report: what counts is what the server stored. The SDK runs with debug on, so a failed
            // send (CORS included) shows up as a console error.
            List<StoredEvents.Event> events;
            try {
                events = Poll.until(Duration.ofSeconds(30), "the browser's event to be stored", () -> stored(project).events(),
                        list -> !list.isEmpty());
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; browser console " + console + ", traffic " + traffic, e);
            }
            assertThat(events).as("console " + console + ", traffic " + traffic).hasSize(1);
            event = events.get(0);
            // every send the SDK started (the session envelope, say) has finished, so a CORS complaint is in the console
            assertThat(page.evaluate("() => Sentry.flush(30000)")).as("the SDK's sends finished").isEqualTo(true);
        } finally {
            pages.stop(0);
        }
        assertThat(consoleErrors).as("console errors (CORS among them)").isEmpty();
        assertThat(pageErrors).singleElement().asString().contains("browser card declined for order 11");

        assertThat(event.issueId()).isNotNull();
        JsonNode payload = event.payload();
        assertThat(exceptionTypes(payload)).containsExactly("RangeError");
        JsonNode value = exceptions(payload).get(0);
        assertThat(value.path("value").asString()).isEqualTo("browser card declined for order 11");
        assertThat(value.path("mechanism").path("handled").asBoolean(true)).as("an uncaught error is unhandled").isFalse();
        List<String> functions = functions(value);
        // V8 names a listener by its receiver: "HTMLButtonElement.pay"
        assertThat(functions.subList(functions.size() - 3, functions.size())).containsExactly("HTMLButtonElement.pay", "charge", "readCard");
        assertThat(functions.get(functions.size() - 1)).isEqualTo("readCard");
        JsonNode crashing = frames(value).get(frames(value).size() - 1);
        assertThat(crashing.path("filename").asString()).endsWith("/app.js");
        assertThat(crashing.path("lineno").asInt()).isEqualTo(3);
        assertThat(crashing.path("colno").asInt()).isPositive();

        assertThat(payload.path("platform").asString()).isEqualTo("javascript");
        assertThat(payload.path("sdk").path("name").asString()).isEqualTo("sentry.javascript.browser");
        assertThat(payload.path("sdk").path("version").asString()).isEqualTo("11.12.0");
        assertThat(payload.path("request").path("url").asString()).isEqualTo(pageUrl);
        assertThat(StoredEvents.pairs(payload.path("request").path("headers")).get("User-Agent")).contains("Chrome");
        assertThat(tags(payload)).containsEntry("checkout", "v2");
        assertThat(payload.path("user").path("id").asString()).isEqualTo("u-9");
        assertThat(breadcrumbMessages(payload)).contains("cart loaded");
        assertThat(event.release()).isEqualTo("e2e@1.0.0");
        assertThat(event.environment()).isEqualTo("e2e-browser");
    }
}
