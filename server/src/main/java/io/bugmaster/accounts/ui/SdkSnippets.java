package io.bugmaster.accounts.ui;

import java.util.ArrayList;
import java.util.List;

/** Copy-paste SDK setup for a project's DSN, one per platform, the project's own platform first. */
final class SdkSnippets {
    static final String SENTRY_JAVA_VERSION = "8.62.0";

    /** A platform a project can be created with: its id (stored on the project) and its title. */
    record Platform(String id, String title) {}

    static final List<Platform> PLATFORMS = List.of(
            new Platform("java", "Java"),
            new Platform("node", "JavaScript (Node.js)"),
            new Platform("javascript", "JavaScript (browser)"),
            new Platform("python", "Python"),
            new Platform("other", "Other"));

    /** One way to set up an SDK: where to get it ({@code install}) and how to start it ({@code code}). */
    record Snippet(String id, String title, List<Step> steps) {}

    record Step(String id, String label, String text) {}

    private SdkSnippets() {}

    static String platformTitle(String id) {
        return PLATFORMS.stream().filter(p -> p.id().equals(id)).map(Platform::title).findFirst().orElse(id == null ? "Not set" : id);
    }

    /** Platform titles by id; a map that answers null for an unknown or missing id. */
    static java.util.Map<String, String> titles() {
        java.util.Map<String, String> titles = new java.util.HashMap<>();
        PLATFORMS.forEach(p -> titles.put(p.id(), p.title()));
        return titles;
    }

    static List<Snippet> forDsn(String platform, String dsn, String release) {
        List<Snippet> all = new ArrayList<>(List.of(java(dsn, release), node(dsn, release), browser(dsn, release), python(dsn, release)));
        all.sort((a, b) -> Boolean.compare(b.id().equals(platform), a.id().equals(platform)));
        return all;
    }

    private static Snippet java(String dsn, String release) {
        return new Snippet("java", "Java", List.of(
                new Step("java-maven", "Maven (pom.xml)", """
                        <dependency>
                          <groupId>io.sentry</groupId>
                          <artifactId>sentry</artifactId>
                          <version>%s</version>
                        </dependency>""".formatted(SENTRY_JAVA_VERSION)),
                new Step("java-gradle", "Gradle (build.gradle)", "implementation 'io.sentry:sentry:" + SENTRY_JAVA_VERSION + "'"),
                new Step("java-init", "At startup", """
                        import io.sentry.Sentry;

                        Sentry.init(options -> {
                            options.setDsn("%s");
                            options.setEnvironment("production");
                            options.setRelease("%s");
                            // your code's package: its frames are the app's own (grouping, ownership rules)
                            options.addInAppInclude("com.example");
                        });""".formatted(javaString(dsn), javaString(release)))));
    }

    private static Snippet node(String dsn, String release) {
        return new Snippet("node", "JavaScript (Node.js)", List.of(
                new Step("node-install", "Install", "npm install @sentry/node"),
                new Step("node-init", "First thing your app runs", """
                        const Sentry = require("@sentry/node");

                        Sentry.init({
                          dsn: "%s",
                          environment: "production",
                          release: "%s",
                        });""".formatted(javaString(dsn), javaString(release)))));
    }

    private static Snippet browser(String dsn, String release) {
        return new Snippet("javascript", "JavaScript (browser)", List.of(
                new Step("browser-install", "Install", "npm install @sentry/browser"),
                new Step("browser-init", "In your app's entry point", """
                        import * as Sentry from "@sentry/browser";

                        Sentry.init({
                          dsn: "%s",
                          environment: "production",
                          release: "%s",
                        });""".formatted(javaString(dsn), javaString(release)))));
    }

    private static Snippet python(String dsn, String release) {
        return new Snippet("python", "Python", List.of(
                new Step("python-install", "Install", "pip install sentry-sdk"),
                new Step("python-init", "At startup", """
                        import sentry_sdk

                        sentry_sdk.init(
                            dsn="%s",
                            environment="production",
                            release="%s",
                        )""".formatted(javaString(dsn), javaString(release)))));
    }

    /** DSNs and slugs contain no quotes or backslashes, but a snippet must stay valid code regardless. */
    private static String javaString(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
