package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/**
 * The OpenAPI description is served on purpose, so it is switched on in the configuration: SpringDoc
 * warns on every start ("endpoint is enabled by default...") exactly when the setting is left unset.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class OpenApiStartupSqliteTest extends IntegrationTest {
    @Autowired SpringDocConfigProperties springDoc;

    @Test
    void theOpenApiEndpointIsEnabledByConfigurationSoSpringDocDoesNotWarnAtStart() throws Exception {
        assertThat(springDoc.getApiDocs().isEnabled()).as("springdoc.api-docs.enabled, whose absence makes SpringDoc warn").isTrue();
        HttpResponse<String> docs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/0/openapi.json"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"openapi\"");
    }

    @Test
    void jsonTreesInTheApiAreDescribedAsObjectsNotIntrospectedAsBeans() throws Exception {
        HttpResponse<String> docs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/0/openapi.json"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        // read as beans, Jackson's tree classes became schemas whose properties were their getters
        assertThat(docs.body()).doesNotContain("\"ObjectNode\"").doesNotContain("\"JsonNode\"");
    }
}
