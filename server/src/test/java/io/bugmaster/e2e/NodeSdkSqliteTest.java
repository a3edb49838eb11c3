package io.bugmaster.e2e;

import static io.bugmaster.e2e.StoredEvents.breadcrumbMessages;
import static io.bugmaster.e2e.StoredEvents.exceptionTypes;
import static io.bugmaster.e2e.StoredEvents.exceptions;
import static io.bugmaster.e2e.StoredEvents.frames;
import static io.bugmaster.e2e.StoredEvents.functions;
import static io.bugmaster.e2e.StoredEvents.message;
import static io.bugmaster.e2e.StoredEvents.tags;
import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.SqliteTestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/** The real @sentry/node SDK, run by node in a child process, sending to Bugmaster. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class NodeSdkSqliteTest extends EndToEndTest {
    static final String PACKAGE_JSON = """
            {"name":"bugmaster-e2e-node","private":true,"type":"module",
             "dependencies":{"@sentry/node":"11.11.0"}}
            """;

    static Path app;

    @BeforeAll
    static void installSdk() throws IOException {
        Path dir = NodeTools.install("node-sdk", PACKAGE_JSON);
        app = dir.resolve("node-app.mjs");
        try (InputStream script = NodeSdkSqliteTest.class.getResourceAsStream("/e2e/node-app.mjs")) {
            Files.write(app, script.readAllBytes());
        }
    }

    @Test
    void exceptionMessageAndLargeGzippedEventArriveWithTheirContext() {
        E2eProject project = newProject("node");
        NodeTools.Result result = NodeTools.run(app.getParent(), 60, NodeTools.node(), app.toString(), project.dsn());
        assertThat(result.exitCode()).as(result.output()).isZero();
        List<String> lines = result.output().lines().toList();
        JsonNode ids = StoredEvents.JSON.readTree(lines.get(lines.size() - 1));
        assertThat(ids.path("flushed").asBoolean()).as("Sentry.flush finished in time: " + result.output()).isTrue();

        Map<String, StoredEvents.Event> events = stored(project).awaitEvents(3);
        String exceptionId = ids.path("exception").asString();
        String messageId = ids.path("message").asString();
        String largeId = ids.path("large").asString();
        assertThat(events.keySet()).as(result.output()).containsExactlyInAnyOrder(exceptionId, messageId, largeId);

        StoredEvents.Event exception = events.get(exceptionId);
        StoredEvents.Event message = events.get(messageId);
        StoredEvents.Event large = events.get(largeId);
        assertThat(List.of(exception.issueId(), message.issueId(), large.issueId())).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(stored(project).issues()).hasSize(3);

        JsonNode payload = exception.payload();
        assertThat(exceptionTypes(payload)).containsExactly("TypeError");
        JsonNode value = exceptions(payload).get(0);
        assertThat(value.path("value").asString()).isEqualTo("card declined for order 7");
        List<String> functions = functions(value);
        assertThat(functions).as("frames, caller first").containsSubsequence("pay", "charge", "readCard");
        assertThat(functions.get(functions.size() - 1)).as("the crashing frame is last").isEqualTo("readCard");
        JsonNode crashing = frames(value).get(frames(value).size() - 1);
        assertThat(crashing.path("filename").asString()).endsWith("node-app.mjs");
        assertThat(crashing.path("lineno").asInt()).isPositive();
        assertThat(crashing.path("colno").asInt()).isPositive();
        assertThat(crashing.path("in_app").asBoolean()).isTrue();
        assertThat(crashing.path("context_line").asString()).contains("card declined");

        for (StoredEvents.Event event : events.values()) {
            JsonNode p = event.payload();
            assertThat(tags(p)).as("tags of " + event.eventId()).containsEntry("checkout", "v2").containsEntry("region", "eu-west");
            assertThat(p.path("user").path("id").asString()).isEqualTo("u-7");
            assertThat(p.path("user").path("email").asString()).isEqualTo("grace@example.com");
            assertThat(breadcrumbMessages(p)).contains("cart loaded");
            assertThat(event.release()).isEqualTo("e2e@1.0.0");
            assertThat(event.environment()).isEqualTo("e2e-node");
            assertThat(p.path("platform").asString()).isEqualTo("node");
            assertThat(p.path("sdk").path("name").asString()).isEqualTo("sentry.javascript.node");
            assertThat(p.path("sdk").path("version").asString()).isEqualTo("11.11.0");
            assertThat(p.path("contexts").path("runtime").path("name").asString()).isEqualTo("node");
            assertThat(p.path("server_name").asString()).isEqualTo("e2e-node-host");
        }
        assertThat(message.level()).isEqualTo("warning");
        assertThat(message(message.payload())).isEqualTo("node inventory low for sku 1234");
        assertThat(message(large.payload())).isEqualTo("node large event");
        // the > 32 KiB event (the SDK gzips it) arrived; the server keeps 512 characters of an extra string
        assertThat(large.payload().path("extra").path("blob").asString()).as("the large event's extra").startsWith("xxxxxxxxxx");
    }
}
