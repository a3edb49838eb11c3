package io.bugmaster.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventFactsTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode event(String json) {
        return JSON.readTree(json);
    }

    @Test
    void tagsAreReadFromEachFormSdksSend() {
        assertThat(EventFacts.tags(event("{\"tags\": [[\"browser\", \"Firefox\"], [\"shop\", null]]}")))
                .containsEntry("browser", "Firefox").containsEntry("shop", null);
        assertThat(EventFacts.tags(event("{\"tags\": [{\"key\": \"os\", \"value\": \"Linux\"}]}"))).containsExactlyEntriesOf(
                java.util.Map.of("os", "Linux"));
        assertThat(EventFacts.tags(event("{\"tags\": {\"region\": \"eu\"}}"))).containsEntry("region", "eu");
        assertThat(EventFacts.tags(event("{\"tags\": \"nonsense\"}"))).isEmpty();
    }

    @Test
    void attributesNameTheLastExceptionTheRequestAndTheUser() {
        JsonNode e = event("""
                {"platform": "java", "logentry": {"formatted": "payment failed"},
                 "exception": {"values": [{"type": "IOException", "value": "reset"}, {"type": "CardDeclined", "value": "declined"}]},
                 "request": {"url": "https://shop.example.com/pay", "method": "POST"},
                 "user": {"id": "7", "email": "jane@example.com"}, "sdk": {"name": "sentry.java"}}""");
        assertThat(EventFacts.attributes(e, "production", "shop@1.2", "CardDeclined: declined", "Pay.charge", "error"))
                .containsEntry("message", "payment failed").containsEntry("type", "CardDeclined").containsEntry("value", "declined")
                .containsEntry("http.url", "https://shop.example.com/pay").containsEntry("http.method", "POST")
                .containsEntry("user.email", "jane@example.com").containsEntry("sdk.name", "sentry.java")
                .containsEntry("environment", "production").containsEntry("release", "shop@1.2").containsEntry("level", "error")
                .doesNotContainKey("user.username");
    }

    @Test
    void knownTagsComeFromTheContextsAndTheIssue() {
        JsonNode e = event("""
                {"contexts": {"browser": {"name": "Chrome", "version": "120"}, "os": {"name": "macOS"}},
                 "request": {"url": "https://shop.example.com/"}}""");
        assertThat(EventFacts.knownTags(e, "staging", null, "warning")).containsEntry("browser", "Chrome 120")
                .containsEntry("os", "macOS").containsEntry("url", "https://shop.example.com/").containsEntry("environment", "staging")
                .containsEntry("level", "warning").doesNotContainKey("release");
    }
}
