package io.bugmaster.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.bugmaster.testing.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the UI tests that drive a real Chromium through Playwright. The browser is the system's
 * Chromium at /usr/bin/chromium (Debian's package; CI installs it): without it these tests fail
 * and say so, they do not skip.
 */
public abstract class BrowserTest extends IntegrationTest {
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void launchBrowser() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("the UI tests need Chromium at " + CHROMIUM
                    + ": install it with 'apt-get install -y chromium' (Debian/Ubuntu)");
        }
        // assertThat(locator) polls for its condition up to this long (5 s by default): generous for a busy machine
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
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

    /** A fresh browser profile (own cookies) at laptop width, allowed to use the clipboard. */
    protected BrowserContext newContext() {
        return newContext(new Browser.NewContextOptions());
    }

    /** The same in a time zone ({@code Asia/Tokyo}), as a browser abroad shows times. */
    protected BrowserContext newContext(String timezoneId) {
        return newContext(new Browser.NewContextOptions().setTimezoneId(timezoneId));
    }

    private BrowserContext newContext(Browser.NewContextOptions options) {
        BrowserContext context = browser.newContext(options.setViewportSize(1280, 800));
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"), new BrowserContext.GrantPermissionsOptions().setOrigin(baseUrl()));
        context.setDefaultTimeout(30_000); // waits for conditions; generous for a busy machine
        return context;
    }

    /** A page that records console errors (a CSP violation shows up there) so a test can assert there were none. */
    protected Page newPage(BrowserContext context, List<String> consoleErrors) {
        Page page = context.newPage();
        page.onConsoleMessage(message -> {
            // a page answered with 4xx on purpose (a rejected form) is logged as a failed load: not an error here
            if ("error".equals(message.type()) && !message.text().matches("Failed to load resource: .* status of 4\\d\\d.*")) {
                consoleErrors.add(message.text() + " (at " + message.location() + " on " + page.url() + ")");
            }
        });
        page.onPageError(error -> consoleErrors.add(error));
        return page;
    }

    protected static List<String> errors() {
        return new ArrayList<>();
    }

    protected static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /**
     * Waits until the page has loaded everything it asked for (htmx fragments included) and then runs
     * one task of its event loop: an injected handler (an image's onerror, a timer) has fired by then,
     * so a test can check that none did. Waits for the page, not for a fixed time.
     */
    protected static void settle(Page page) {
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        page.evaluate("() => new Promise(resolve => setTimeout(resolve))");
    }

    protected void logIn(Page page, String email, String password) {
        page.navigate(baseUrl() + "/login");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Log in")).click();
        page.waitForURL(url -> !url.contains("/login"));
    }
}
