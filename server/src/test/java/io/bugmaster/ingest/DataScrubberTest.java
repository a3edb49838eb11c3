package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DataScrubberTest {
    private static final String CARD = "4111 1111 1111 1111";
    private static final String EVENT = """
            {"request":{"url":"https://x.example/login?password=hunter2&next=/home","headers":{"Authorization":"Bearer abc",
               "Cookie":"sessionid=s1","Set-Cookie":"a=b","Accept":"text/html"},"cookies":{"sessionid":"s1","theme":"dark"},
               "data":{"username":"al","password":"hunter2","card":"%1$s","nested":{"api_key":"k"}}},
             "extra":{"db_password":"x","safe":"card 4111-1111-1111-1111 used","count":3,"author":"Ann"},
             "contexts":{"app":{"access_token":"t","name":"shop"}},
             "user":{"id":"u1","email":"a@b.c","credentials":"c","note":"paid with %1$s"},
             "breadcrumbs":[{"message":"charged %1$s","data":{"secret":"s","url":"/x"}}],
             "message":"card %1$s declined",
             "exception":[{"type":"CardError","value":"bad card %1$s","stacktrace":{"frames":[
               {"function":"charge","filename":"pay.py","vars":{"token":"tk","amount":10,"items":[["auth","x"],["sku","1"]]}}]}}],
             "threads":[{"id":1,"stacktrace":{"frames":[{"function":"t","vars":{"private_key":"pk"}}]}}],
             "tags":{"session":"visible-tag"}, "release":"app@4111111111111111"}
            """.formatted(CARD);

    private static JsonNode scrubbed(ScrubbingSettings settings) {
        return EventNormalizer.normalize(IngestJson.MAPPER.readTree(EVENT), "event", null, Instant.parse("2026-11-21T12:00:00Z"),
                null, settings).payload();
    }

    @Test
    void sensitiveFieldsAndHeadersAreFiltered() {
        JsonNode event = scrubbed(ScrubbingSettings.defaults());
        JsonNode request = event.path("request");
        assertThat(request.path("query_string").toString()).isEqualTo("[[\"password\",\"[Filtered]\"],[\"next\",\"/home\"]]");
        assertThat(request.path("headers").toString()).isEqualTo(
                "[[\"Authorization\",\"[Filtered]\"],[\"Cookie\",\"[Filtered]\"],[\"Set-Cookie\",\"[Filtered]\"],[\"Accept\",\"text/html\"]]");
        assertThat(request.path("cookies").toString()).isEqualTo("[[\"sessionid\",\"[Filtered]\"],[\"theme\",\"dark\"]]");
        assertThat(request.path("data").path("password").stringValue()).isEqualTo("[Filtered]");
        assertThat(request.path("data").path("username").stringValue()).isEqualTo("al");
        assertThat(request.path("data").path("nested").path("api_key").stringValue()).isEqualTo("[Filtered]");
        assertThat(event.path("extra").path("db_password").stringValue()).isEqualTo("[Filtered]");
        assertThat(event.path("extra").path("count").intValue()).isEqualTo(3);
        assertThat(event.path("contexts").path("app").path("access_token").stringValue()).isEqualTo("[Filtered]");
        assertThat(event.path("contexts").path("app").path("name").stringValue()).isEqualTo("shop");
        assertThat(event.path("user").path("credentials").stringValue()).isEqualTo("[Filtered]");
        assertThat(event.path("user").path("email").stringValue()).isEqualTo("a@b.c");
        assertThat(event.path("breadcrumbs").path("values").get(0).path("data").path("secret").stringValue()).isEqualTo("[Filtered]");
        JsonNode vars = event.path("exception").path("values").get(0).path("stacktrace").path("frames").get(0).path("vars");
        assertThat(vars.path("token").stringValue()).isEqualTo("[Filtered]");
        assertThat(vars.path("amount").intValue()).isEqualTo(10);
        assertThat(vars.path("items").toString()).isEqualTo("[[\"auth\",\"[Filtered]\"],[\"sku\",\"1\"]]");
        assertThat(event.path("threads").path("values").get(0).path("stacktrace").path("frames").get(0).path("vars")
                .path("private_key").stringValue()).isEqualTo("[Filtered]");
        assertThat(event.path("extra").path("author").stringValue()).as("substring match, as Sentry").isEqualTo("[Filtered]");
        assertThat(event.path("tags").toString()).as("tags are identifiers, left alone").contains("visible-tag");
    }

    @Test
    void creditCardNumbersAreFilteredInsideStrings() {
        JsonNode event = scrubbed(ScrubbingSettings.defaults());
        assertThat(event.path("request").path("data").path("card").stringValue()).isEqualTo("[Filtered]");
        assertThat(event.path("extra").path("safe").stringValue()).isEqualTo("card [Filtered] used");
        assertThat(event.path("user").path("note").stringValue()).isEqualTo("paid with [Filtered]");
        assertThat(event.path("breadcrumbs").path("values").get(0).path("message").stringValue()).isEqualTo("charged [Filtered]");
        assertThat(event.path("logentry").path("formatted").stringValue()).isEqualTo("card [Filtered] declined");
        assertThat(event.path("exception").path("values").get(0).path("value").stringValue()).isEqualTo("bad card [Filtered]");
        assertThat(event.path("release").stringValue()).as("identifiers are not scanned").isEqualTo("app@4111111111111111");
    }

    @Test
    void luhnDecides() {
        assertThat(DataScrubber.scrubString("order 4111111111111112 shipped")).isNull();
        assertThat(DataScrubber.scrubString("id 1234567890123")).isNull();
        assertThat(DataScrubber.scrubString("amex 3782-822463-10005")).isEqualTo("amex [Filtered]");
        assertThat(DataScrubber.scrubString("two 5555555555554444 and 4012888888881881")).isEqualTo("two [Filtered] and [Filtered]");
        assertThat(DataScrubber.scrubString("timestamp 17952357574005470000000")).isNull();
    }

    @Test
    void projectSettings() {
        JsonNode off = scrubbed(ScrubbingSettings.disabled());
        assertThat(off.path("request").path("data").path("password").stringValue()).isEqualTo("hunter2");
        JsonNode custom = scrubbed(new ScrubbingSettings(true, Set.of("Username"), Set.of("author", "db_password")));
        assertThat(custom.path("request").path("data").path("username").stringValue()).isEqualTo("[Filtered]");
        assertThat(custom.path("extra").path("author").stringValue()).isEqualTo("Ann");
        assertThat(custom.path("extra").path("db_password").stringValue()).isEqualTo("x");
    }

    @Test
    void typedFieldsSeeTheScrubbedValues() {
        NormalizedEvent event = EventNormalizer.normalize(IngestJson.MAPPER.readTree(EVENT), "event", null,
                Instant.parse("2026-11-21T12:00:00Z"), null, ScrubbingSettings.defaults());
        assertThat(event.exceptions().get(0).value()).isEqualTo("bad card [Filtered]");
        assertThat(event.logentry().formatted()).isEqualTo("card [Filtered] declined");
        assertThat(event.exceptions().get(0).frames().get(0).vars().path("token").stringValue()).isEqualTo("[Filtered]");
    }
}
