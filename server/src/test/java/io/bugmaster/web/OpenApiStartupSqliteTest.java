package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.service.OpenAPIService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description is served on purpose, so it is switched on in the configuration: SpringDoc
 * warns on every start ("endpoint is enabled by default...") exactly when the setting is left unset.
 * Serving it logs nothing either: SpringDoc read Jackson 3's tree classes (the events endpoints answer
 * {@code ObjectNode}s) as Jackson 2 beans, logged a WARN with a stack trace on every request and left
 * those answers without a schema.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
@ExtendWith(OutputCaptureExtension.class)
class OpenApiStartupSqliteTest extends IntegrationTest {
    @Autowired SpringDocConfigProperties springDoc;

    @Autowired OpenAPIService openApi;

    HttpResponse<String> fetch() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/0/openapi.json"))
                .header("Accept-Language", "en-US").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theOpenApiEndpointIsEnabledByConfigurationSoSpringDocDoesNotWarnAtStart() throws Exception {
        assertThat(springDoc.getApiDocs().isEnabled()).as("springdoc.api-docs.enabled, whose absence makes SpringDoc warn").isTrue();
        HttpResponse<String> docs = fetch();
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"openapi\"");
    }

    @Test
    void jsonTreesInTheApiAreDescribedAsObjectsNotIntrospectedAsBeans() throws Exception {
        HttpResponse<String> docs = fetch();
        assertThat(docs.statusCode()).isEqualTo(200);
        // read as beans, Jackson's tree classes became schemas whose properties were their getters
        assertThat(docs.body()).doesNotContain("\"ObjectNode\"").doesNotContain("\"JsonNode\"");
    }

    @Test
    void servingTheDocumentLogsNoWarningAndEveryJsonAnswerHasASchema(CapturedOutput output) throws Exception {
        int before = output.getAll().length();
        for (int i = 0; i < 2; i++) {
            // SpringDoc builds the document once and keeps it: forget it, so this request builds it again
            openApi.setCachedOpenAPI(null, Locale.forLanguageTag("en-US"));
            HttpResponse<String> docs = fetch();
            assertThat(docs.statusCode()).isEqualTo(200);
            JsonNode doc = JsonMapper.builder().build().readTree(docs.body());
            assertThat(doc.path("openapi").asString()).startsWith("3.");

            // the events endpoints answer JSON trees: an event, and a list of them
            JsonNode one = doc.at("/paths/~1api~10~1issues~1{id}~1events~1{event}~1/get/responses/200/content");
            assertThat(one.size()).as("media types of GET /api/0/issues/{id}/events/{event}/: " + one).isPositive();
            assertThat(one.properties().iterator().next().getValue().path("schema").path("type").asString()).isEqualTo("object");
            JsonNode list = doc.at("/paths/~1api~10~1issues~1{id}~1events~1/get/responses/200/content");
            assertThat(list.size()).as("media types of GET /api/0/issues/{id}/events/: " + list).isPositive();
            JsonNode listSchema = list.properties().iterator().next().getValue().path("schema");
            assertThat(listSchema.path("type").asString()).isEqualTo("array");
            assertThat(listSchema.path("items").path("type").asString()).isEqualTo("object");

            // no answer of the API is left without its schema
            List<String> missing = new ArrayList<>();
            doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op ->
                    op.getValue().path("responses").properties().forEach(response ->
                            response.getValue().path("content").properties().forEach(media -> {
                                if (!media.getValue().has("schema")) {
                                    missing.add(op.getKey() + " " + path.getKey() + " " + response.getKey());
                                }
                            }))));
            assertThat(missing).as("responses without a schema").isEmpty();
            // and every reference names a schema the document defines
            List<String> refs = new ArrayList<>();
            collectRefs(doc, refs);
            assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(doc.at(ref.substring(1)).isObject()).as(ref).isTrue());
        }
        assertThat(output.getAll().substring(before)).as("the log while serving /api/0/openapi.json")
                .doesNotContain(" WARN ").doesNotContain(" ERROR ").doesNotContain("Graceful exception");
    }

    static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("$ref") && field.getValue().isString()) {
                    refs.add(field.getValue().asString());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }
}
