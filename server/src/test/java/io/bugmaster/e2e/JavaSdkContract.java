package io.bugmaster.e2e;

import static io.bugmaster.e2e.StoredEvents.breadcrumbMessages;
import static io.bugmaster.e2e.StoredEvents.exceptionTypes;
import static io.bugmaster.e2e.StoredEvents.exceptions;
import static io.bugmaster.e2e.StoredEvents.frames;
import static io.bugmaster.e2e.StoredEvents.functions;
import static io.bugmaster.e2e.StoredEvents.message;
import static io.bugmaster.e2e.StoredEvents.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.bugmaster.issues.ownership.OwnershipService;
import io.sentry.Breadcrumb;
import io.sentry.Sentry;
import io.sentry.SentryLevel;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The real Sentry Java SDK ({@code io.sentry:sentry}) sending to Bugmaster, as an app would. */
abstract class JavaSdkContract extends EndToEndTest {
    @Autowired OwnershipService ownership;

    @AfterEach
    void closeSentry() {
        Sentry.close();
    }

    private void init(E2eProject project) {
        Sentry.init(options -> {
            options.setDsn(project.dsn());
            options.setRelease("e2e@1.0.0");
            options.setEnvironment("e2e-java");
            options.setServerName("e2e-host");
            options.addInAppInclude("io.bugmaster.e2e");
            // the test JVM is not the app's: leave its uncaught-exception handler alone
            options.setEnableUncaughtExceptionHandler(false);
            options.setShutdownTimeoutMillis(5000);
            // the SDK's own warnings (a rejected envelope, say) end up in the test output
            options.setDebug(true);
            options.setDiagnosticLevel(SentryLevel.WARNING);
        });
        Sentry.setTag("checkout", "v2");
        Sentry.setTag("region", "eu-west");
        User user = new User();
        user.setId("u-42");
        user.setEmail("ada@example.com");
        user.setUsername("ada");
        Sentry.setUser(user);
    }

    @Test
    void withTheSdksDefaultsTheAppsFramesAreInAppAndAModuleOwnershipRuleAssignsTheIssue() {
        E2eProject project = newProject("java");
        String org = project.tenant().org().slug();
        String owner = project.tenant().user().email();
        ownership.update(project.tenant().owner(), org, project.slug(), new OwnershipService.Change(
                "module:io.bugmaster.e2e.Checkout " + owner, null, OwnershipService.AutoAssignment.ISSUE_OWNER));
        // what a new user writes: a DSN and nothing about in-app frames (no addInAppInclude)
        Sentry.init(options -> {
            options.setDsn(project.dsn());
            options.setRelease("e2e@1.0.0");
            options.setEnableUncaughtExceptionHandler(false);
            options.setShutdownTimeoutMillis(5000);
        });
        SentryId id = capture(catchThrowable(() -> new Checkout().pay(2)));
        Sentry.flush(5000);

        StoredEvents.Event event = stored(project).awaitEvents(1).get(id.toString());
        JsonNode outer = exceptions(event.payload()).stream()
                .filter(e -> e.path("type").asString().equals("IllegalStateException")).findFirst().orElseThrow();
        List<JsonNode> frames = frames(outer);
        JsonNode crashing = frames.get(frames.size() - 1);
        assertThat(crashing.path("module").asString()).isEqualTo(Checkout.class.getName());
        assertThat(crashing.path("in_app").asBoolean()).as("the app's frame is in-app by the built-in rules").isTrue();
        assertThat(crashing.has("orig_in_app") && crashing.get("orig_in_app").isNull()).as("the SDK said nothing").isTrue();
        assertThat(frames).filteredOn(f -> f.path("module").asString().startsWith("org.junit.")
                || f.path("module").asString().startsWith("java.") || f.path("module").asString().startsWith("jdk."))
                .isNotEmpty().allSatisfy(f -> assertThat(f.path("in_app").asBoolean()).as(f.toString()).isFalse());

        // grouping uses the app's frames: the runner's and the JDK's do not contribute
        assertThat(event.payload().path("_grouping").toString()).contains("io.bugmaster.e2e.Checkout");
        for (JsonNode component : event.payload().path("_grouping").path("components")) {
            if (component.path("type").asString().equals("frame") && component.path("contributes").asBoolean()) {
                assertThat(component.path("values").get(0).asString()).startsWith("io.bugmaster.e2e.");
            }
        }

        // the module: ownership rule matches an in-app frame, and the new issue is assigned to its owner
        long issueId = event.issueId();
        OwnershipService.Owners owners = ownership.ownersOfIssue(issueId);
        assertThat(owners.matched()).isTrue();
        assertThat(owners.owners()).extracting(io.bugmaster.issues.IssueViews.Assignee::email).containsExactly(owner);
        engine.runOnce();
        RawSentry.Reply issue = RawSentry.send("GET", baseUrl() + "/api/0/issues/" + issueId + "/",
                RawSentry.headers("Authorization", "Bearer " + project.tenant().ownerToken()), null, false);
        assertThat(issue.json().path("assignedTo").path("email").asString()).as(issue.body()).isEqualTo(owner);
    }

    private static SentryId capture(Throwable t) {
        assertThat(t).as("the app code threw").isNotNull();
        return Sentry.captureException(t);
    }

    @Test
    void exceptionsAndMessagesArriveGroupedIntoIssuesWithTheirContext() {
        E2eProject project = newProject("java");
        init(project);
        Checkout checkout = new Checkout();

        Breadcrumb crumb = new Breadcrumb("cart loaded");
        crumb.setCategory("checkout");
        crumb.setLevel(SentryLevel.INFO);
        crumb.setData("items", 3);
        Sentry.addBreadcrumb(crumb);
        Sentry.addBreadcrumb("card entered", "ui.input");

        SentryId payEven = capture(catchThrowable(() -> checkout.pay(2)));
        SentryId payOdd = capture(catchThrowable(() -> checkout.pay(3)));
        SentryId parse = capture(catchThrowable(() -> checkout.reserve("three")));
        SentryId message = Sentry.captureMessage("Inventory low for sku 1234", SentryLevel.WARNING);
        Sentry.flush(5000);

        Map<String, StoredEvents.Event> events = stored(project).awaitEvents(4);
        assertThat(events.keySet()).containsExactlyInAnyOrder(payEven.toString(), payOdd.toString(), parse.toString(),
                message.toString());

        // grouping: the same bug from two lines is one issue, another exception another, the message a third
        StoredEvents.Event even = events.get(payEven.toString());
        StoredEvents.Event odd = events.get(payOdd.toString());
        StoredEvents.Event nfe = events.get(parse.toString());
        StoredEvents.Event msg = events.get(message.toString());
        assertThat(even.issueId()).isNotNull().isEqualTo(odd.issueId());
        assertThat(nfe.issueId()).isNotNull().isNotEqualTo(even.issueId());
        assertThat(msg.issueId()).isNotNull().isNotIn(even.issueId(), nfe.issueId());
        List<StoredEvents.Issue> issues = stored(project).issues();
        assertThat(issues).hasSize(3);
        Map<Long, Long> timesSeen = issues.stream().collect(Collectors.toMap(StoredEvents.Issue::id, StoredEvents.Issue::timesSeen));
        assertThat(timesSeen).containsEntry(even.issueId(), 2L).containsEntry(nfe.issueId(), 1L).containsEntry(msg.issueId(), 1L);
        assertThat(issues).filteredOn(i -> i.id() == even.issueId()).singleElement().satisfies(issue -> {
            assertThat(issue.title()).contains("IllegalStateException");
            assertThat(issue.firstRelease()).isEqualTo("e2e@1.0.0");
        });

        // the stored event keeps the chained exception with its frames, crashing frame last
        JsonNode payload = even.payload();
        assertThat(exceptionTypes(payload)).contains("IllegalStateException", "IOException");
        JsonNode outer = exceptions(payload).stream().filter(e -> e.path("type").asString().equals("IllegalStateException"))
                .findFirst().orElseThrow();
        assertThat(outer.path("value").asString()).isEqualTo("payment failed for order 2");
        assertThat(outer.path("module").asString()).isEqualTo("java.lang");
        List<String> functions = functions(outer);
        assertThat(functions).as("frames, caller first").containsSubsequence("pay", "charge");
        assertThat(functions.get(functions.size() - 1)).as("the crashing frame is last").isEqualTo("charge");
        JsonNode crashing = frames(outer).get(frames(outer).size() - 1);
        assertThat(crashing.path("module").asString()).isEqualTo(Checkout.class.getName());
        assertThat(crashing.path("in_app").asBoolean()).isTrue();
        assertThat(crashing.path("lineno").asInt()).isPositive();
        JsonNode cause = exceptions(payload).stream().filter(e -> e.path("type").asString().equals("IOException"))
                .findFirst().orElseThrow();
        assertThat(cause.path("value").asString()).isEqualTo("card reader offline");
        assertThat(functions(cause)).contains("readCard");
        assertThat(exceptionTypes(odd.payload())).contains("IllegalStateException", "IOException");

        // context: tags, user, breadcrumbs, release, environment, level
        for (StoredEvents.Event event : events.values()) {
            JsonNode p = event.payload();
            assertThat(tags(p)).as("tags of " + event.eventId()).containsEntry("checkout", "v2").containsEntry("region", "eu-west");
            assertThat(p.path("user").path("id").asString()).isEqualTo("u-42");
            assertThat(p.path("user").path("email").asString()).isEqualTo("ada@example.com");
            assertThat(p.path("user").path("username").asString()).isEqualTo("ada");
            assertThat(breadcrumbMessages(p)).contains("cart loaded", "card entered");
            assertThat(event.release()).isEqualTo("e2e@1.0.0");
            assertThat(event.environment()).isEqualTo("e2e-java");
            assertThat(p.path("release").asString()).isEqualTo("e2e@1.0.0");
            assertThat(p.path("platform").asString()).isEqualTo("java");
            assertThat(p.path("sdk").path("name").asString()).isEqualTo("sentry.java");
            assertThat(p.path("server_name").asString()).isEqualTo("e2e-host");
        }
        JsonNode cartLoaded = StoredEvents.breadcrumbs(payload).stream()
                .filter(b -> b.path("message").asString().equals("cart loaded")).findFirst().orElseThrow();
        assertThat(cartLoaded.path("category").asString()).isEqualTo("checkout");
        assertThat(cartLoaded.path("data").path("items").asInt()).isEqualTo(3);
        assertThat(even.level()).isEqualTo("error");
        assertThat(exceptionTypes(nfe.payload())).contains("NumberFormatException");
        assertThat(msg.level()).isEqualTo("warning");
        assertThat(message(msg.payload())).isEqualTo("Inventory low for sku 1234");
        assertThat(exceptions(msg.payload())).isEmpty();

        // the same through the REST API, as a person's tools see it
        String org = project.tenant().org().slug();
        RawSentry.Reply list = RawSentry.send("GET", baseUrl() + "/api/0/projects/" + org + "/" + project.slug() + "/issues/",
                RawSentry.headers("Authorization", "Bearer " + project.tenant().ownerToken()), null, false);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().size()).as(list.body()).isEqualTo(3);
        RawSentry.Reply latest = RawSentry.send("GET", baseUrl() + "/api/0/issues/" + even.issueId() + "/events/latest/",
                RawSentry.headers("Authorization", "Bearer " + project.tenant().ownerToken()), null, false);
        assertThat(latest.status()).as(latest.toString()).isEqualTo(200);
        assertThat(StoredEvents.normalizeId(latest.json().path("eventID").asString()))
                .isIn(payEven.toString(), payOdd.toString());
        assertThat(latest.body()).contains("IllegalStateException", "u-42", "e2e@1.0.0");
    }
}
