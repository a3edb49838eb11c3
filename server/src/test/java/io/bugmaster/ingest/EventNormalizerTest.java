package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventNormalizerTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private static NormalizedEvent normalize(String json) {
        return normalize(json, EnvelopeHeader.ofEventId(null));
    }

    private static NormalizedEvent normalize(String json, EnvelopeHeader header) {
        JsonNode node = IngestJson.MAPPER.readTree(json);
        return EventNormalizer.normalize(node, "event", header, NOW, "203.0.113.9", ScrubbingSettings.defaults());
    }

    private static EnvelopeHeader sentAt(String sentAt) {
        return new EnvelopeHeader("0123456789abcdef0123456789abcdef", null, Instant.parse(sentAt), null, null,
                IngestJson.NODES.objectNode());
    }

    @Test
    void defaultsForAnEmptyEvent() {
        NormalizedEvent event = normalize("{}");
        assertThat(event.eventId()).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(event.timestamp()).isEqualTo(NOW);
        assertThat(event.received()).isEqualTo(NOW);
        assertThat(event.level()).isEqualTo("error");
        assertThat(event.platform()).isEqualTo("other");
        assertThat(event.environment()).isEqualTo("production");
        assertThat(event.tags()).isEmpty();
        assertThat(event.fingerprint()).isNull();
        assertThat(event.logentry()).isNull();
        assertThat(event.exceptions()).isEmpty();
        assertThat(event.user()).isNull();
        assertThat(event.payload().path("event_id").stringValue()).isEqualTo(event.eventId());
    }

    @Test
    void eventIdFromItemThenEnvelopeHeader() {
        assertThat(normalize("{\"event_id\":\"ABCDEF01-2345-6789-ABCD-EF0123456789\"}").eventId())
                .isEqualTo("abcdef0123456789abcdef0123456789");
        assertThat(normalize("{\"event_id\":\"junk\"}", sentAt("2026-11-21T12:00:00Z")).eventId())
                .isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void theEnvelopeHeadersIdWinsOverTheEventsAsInRelay() {
        assertThat(normalize("{\"event_id\":\"abcdef0123456789abcdef0123456789\"}", sentAt("2026-11-21T12:00:00Z")).eventId())
                .isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void timestampsAsStringOrEpochSeconds() {
        assertThat(normalize("{\"timestamp\":\"2026-11-21T11:59:00.250Z\"}").timestamp()).isEqualTo(Instant.parse("2026-11-21T11:59:00.250Z"));
        assertThat(normalize("{\"timestamp\":\"2026-11-21T12:59:00+01:00\"}").timestamp()).isEqualTo(Instant.parse("2026-11-21T11:59:00Z"));
        assertThat(normalize("{\"timestamp\":\"2026-11-21T11:59:00\"}").timestamp()).isEqualTo(Instant.parse("2026-11-21T11:59:00Z"));
        long epoch = Instant.parse("2026-11-21T11:59:00Z").getEpochSecond();
        assertThat(normalize("{\"timestamp\":" + epoch + ".5}").timestamp()).isEqualTo(Instant.parse("2026-11-21T11:59:00.5Z"));
        assertThat(normalize("{\"timestamp\":\"yesterday\"}").timestamp()).isEqualTo(NOW);
    }

    @Test
    void clockDriftIsCorrectedFromSentAt() {
        // SDK clock 2 hours behind: it stamped 10:00 and sent at 10:00:05; we received at 12:00.
        NormalizedEvent event = normalize("{\"timestamp\":\"2026-11-21T10:00:00Z\"}", sentAt("2026-11-21T10:00:05Z"));
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-11-21T11:59:55Z"));
        // within a minute: left alone
        NormalizedEvent close = normalize("{\"timestamp\":\"2026-11-21T11:59:00Z\"}", sentAt("2026-11-21T11:59:30Z"));
        assertThat(close.timestamp()).isEqualTo(Instant.parse("2026-11-21T11:59:00Z"));
    }

    @Test
    void futureAndAncientTimestampsClampToReceived() {
        assertThat(normalize("{\"timestamp\":\"2026-11-21T12:00:30Z\"}").timestamp()).isEqualTo(Instant.parse("2026-11-21T12:00:30Z"));
        assertThat(normalize("{\"timestamp\":\"2026-11-21T12:05:00Z\"}").timestamp()).isEqualTo(NOW);
        assertThat(normalize("{\"timestamp\":\"2020-01-01T00:00:00Z\"}").timestamp()).isEqualTo(NOW);
        assertThat(EventNormalizer.timestamp(NOW.plus(Duration.ofHours(3)), null, NOW)).isEqualTo(NOW);
    }

    @Test
    void levels() {
        assertThat(normalize("{\"level\":\"warn\"}").level()).isEqualTo("warning");
        assertThat(normalize("{\"level\":\"CRITICAL\"}").level()).isEqualTo("fatal");
        assertThat(normalize("{\"level\":\"info\"}").level()).isEqualTo("info");
        assertThat(normalize("{\"level\":\"loud\"}").level()).isEqualTo("error");
        assertThat(normalize("{\"level\":7}").level()).isEqualTo("error");
    }

    @Test
    void messageShapesBecomeALogentry() {
        assertThat(normalize("{\"message\":\"plain\"}").logentry()).isEqualTo(new NormalizedEvent.LogEntry("plain", null, java.util.List.of()));
        NormalizedEvent.LogEntry object = normalize("{\"message\":{\"message\":\"user %s failed %s\",\"params\":[\"bob\",3]}}").logentry();
        assertThat(object.formatted()).isEqualTo("user bob failed 3");
        assertThat(object.message()).isEqualTo("user %s failed %s");
        assertThat(object.params()).containsExactly("bob", "3");
        NormalizedEvent cli = normalize("{\"logentry\":{\"formatted\":\"from cli\"},\"message\":\"ignored\"}");
        assertThat(cli.logentry().formatted()).isEqualTo("from cli");
        assertThat(cli.payload().has("message")).isFalse();
        NormalizedEvent withTemplate = normalize("{\"logentry\":{\"message\":\"x %s\",\"params\":[1]},\"message\":{\"formatted\":\"x 1!\"}}");
        assertThat(withTemplate.logentry().formatted()).isEqualTo("x 1!");
        assertThat(normalize("{\"message\":\"" + "m".repeat(9000) + "\"}").logentry().formatted()).hasSize(EventNormalizer.MAX_MESSAGE);
    }

    @Test
    void tagsFromObjectOrPairsValidatedAndOrdered() {
        NormalizedEvent fromObject = normalize("{\"tags\":{\"b\":\"2\",\"a\":1,\"bad key\":\"x\",\"n\":null,\"o\":{},\"e\":\"\",\"long\":\""
                + "v".repeat(201) + "\",\"nl\":\"a\\nb\"}}");
        assertThat(fromObject.tags()).containsExactly(new NormalizedEvent.Tag("b", "2"), new NormalizedEvent.Tag("a", "1"));
        NormalizedEvent fromPairs = normalize("{\"tags\":[[\"browser\",\"Firefox\"],[\"os.name\",\"Linux\"],[\"browser\",\"dup\"],[\"x\"],[\"" + "k".repeat(201) + "\",\"v\"]]}");
        assertThat(fromPairs.tags()).extracting(NormalizedEvent.Tag::key).containsExactly("browser", "os.name");
        assertThat(fromPairs.tag("browser")).isEqualTo("Firefox");
        assertThat(fromPairs.payload().path("tags").get(0).get(1).stringValue()).isEqualTo("Firefox");
    }

    @Test
    void releaseDistEnvironmentPlatform() {
        NormalizedEvent event = normalize("{\"release\":\"  app@1.2.3 \",\"dist\":\"42\",\"environment\":\" staging \",\"platform\":\"Python\"}");
        assertThat(event.release()).isEqualTo("app@1.2.3");
        assertThat(event.dist()).isEqualTo("42");
        assertThat(event.environment()).isEqualTo("staging");
        assertThat(event.platform()).isEqualTo("python");
        NormalizedEvent bad = normalize("{\"release\":\"" + "r".repeat(251) + "\",\"dist\":\"a/b\",\"environment\":\"\",\"platform\":\"amiga\"}");
        assertThat(bad.release()).isNull();
        assertThat(bad.dist()).isNull();
        assertThat(bad.environment()).isEqualTo("production");
        assertThat(bad.platform()).isEqualTo("other");
    }

    @Test
    void exceptionsFromListOrValuesWithFramesAndMechanism() {
        String frame = "{\"filename\":\"app.py\",\"abs_path\":\"/srv/app.py\",\"module\":\"app\",\"function\":\"run\",\"lineno\":10,\"colno\":2,\"in_app\":true,"
                + "\"context_line\":\"x = 1/0\",\"pre_context\":[\"a\",\"b\"],\"post_context\":[\"c\"],\"vars\":{\"x\":1}}";
        NormalizedEvent list = normalize("{\"exception\":[{\"type\":\"ZeroDivisionError\",\"value\":\"division by zero\",\"module\":\"builtins\","
                + "\"mechanism\":{\"type\":\"excepthook\",\"handled\":false,\"synthetic\":\"true\"},\"stacktrace\":{\"frames\":[" + frame + "]}}]}");
        NormalizedEvent.ExceptionValue e = list.exceptions().get(0);
        assertThat(e.type()).isEqualTo("ZeroDivisionError");
        assertThat(e.value()).isEqualTo("division by zero");
        assertThat(e.mechanism()).isEqualTo(new NormalizedEvent.Mechanism("excepthook", false, true));
        NormalizedEvent.Frame f = e.frames().get(0);
        assertThat(f.filename()).isEqualTo("app.py");
        assertThat(f.absPath()).isEqualTo("/srv/app.py");
        assertThat(f.function()).isEqualTo("run");
        assertThat(f.lineno()).isEqualTo(10);
        assertThat(f.colno()).isEqualTo(2);
        assertThat(f.inApp()).isTrue();
        assertThat(f.contextLine()).isEqualTo("x = 1/0");
        assertThat(f.preContext()).containsExactly("a", "b");
        assertThat(f.postContext()).containsExactly("c");
        assertThat(f.vars().path("x").intValue()).isEqualTo(1);
        assertThat(list.payload().path("exception").path("values").isArray()).isTrue();

        NormalizedEvent values = normalize("{\"exception\":{\"values\":[{\"type\":\"A\"},{\"type\":\"B\",\"value\":{\"x\":1}}]}}");
        assertThat(values.exceptions()).extracting(NormalizedEvent.ExceptionValue::type).containsExactly("A", "B");
        assertThat(values.exceptions().get(1).value()).isEqualTo("{\"x\":1}");
        assertThat(values.exceptions().get(0).mechanism()).isNull();
    }

    @Test
    void longStacktracesKeepTheFirstAndLastFrames() {
        StringBuilder frames = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            frames.append(i == 0 ? "" : ",").append("{\"function\":\"f").append(i).append("\"}");
        }
        NormalizedEvent event = normalize("{\"exception\":{\"values\":[{\"type\":\"Deep\",\"stacktrace\":{\"frames\":[" + frames + "]}}]}}");
        var kept = event.exceptions().get(0).frames();
        assertThat(kept).hasSize(50);
        assertThat(kept.get(0).function()).isEqualTo("f0");
        assertThat(kept.get(24).function()).isEqualTo("f24");
        assertThat(kept.get(25).function()).isEqualTo("f95");
        assertThat(kept.get(49).function()).as("the crashing frame stays last").isEqualTo("f119");
        assertThat(event.payload().path("exception").path("values").get(0).path("stacktrace").path("frames_omitted").toString())
                .isEqualTo("[25,95]");
    }

    @Test
    void breadcrumbsKeepTheLast100() {
        StringBuilder crumbs = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            crumbs.append(i == 0 ? "" : ",").append("{\"message\":\"c").append(i).append("\",\"level\":\"warn\"}");
        }
        for (String json : new String[] {"{\"breadcrumbs\":[" + crumbs + "]}", "{\"breadcrumbs\":{\"values\":[" + crumbs + "]}}"}) {
            JsonNode values = normalize(json).payload().path("breadcrumbs").path("values");
            assertThat(values.size()).isEqualTo(100);
            assertThat(values.get(0).path("message").stringValue()).isEqualTo("c50");
            assertThat(values.get(99).path("message").stringValue()).isEqualTo("c149");
            assertThat(values.get(0).path("level").stringValue()).isEqualTo("warning");
            assertThat(values.get(0).path("type").stringValue()).isEqualTo("default");
        }
    }

    @Test
    void userAndRequest() {
        NormalizedEvent event = normalize("{\"user\":{\"id\":42,\"email\":\"a@b.c\",\"username\":\"al\",\"ip_address\":\"{{auto}}\",\"plan\":\"pro\"},"
                + "\"request\":{\"url\":\"https://shop.example/cart?item=3#top\",\"method\":\"post\",\"headers\":[[\"Accept\",\"*/*\"]],"
                + "\"cookies\":\"theme=dark; lang=en\",\"data\":{\"q\":\"shoes\"}}}");
        assertThat(event.user().id()).isEqualTo("42");
        assertThat(event.user().ipAddress()).isEqualTo("203.0.113.9");
        assertThat(event.user().data().path("plan").stringValue()).isEqualTo("pro");
        assertThat(event.requestUrl()).isEqualTo("https://shop.example/cart");
        JsonNode request = event.payload().path("request");
        assertThat(request.path("method").stringValue()).isEqualTo("POST");
        assertThat(request.path("query_string").toString()).isEqualTo("[[\"item\",\"3\"]]");
        assertThat(request.path("fragment").stringValue()).isEqualTo("top");
        assertThat(request.path("headers").toString()).isEqualTo("[[\"Accept\",\"*/*\"]]");
        assertThat(request.path("cookies").toString()).isEqualTo("[[\"theme\",\"dark\"],[\"lang\",\"en\"]]");
        NormalizedEvent objectHeaders = normalize("{\"request\":{\"headers\":{\"Accept\":\"*/*\"},\"query_string\":{\"a\":\"1\"}}}");
        assertThat(objectHeaders.payload().path("request").path("headers").toString()).isEqualTo("[[\"Accept\",\"*/*\"]]");
        assertThat(objectHeaders.payload().path("request").path("query_string").toString()).isEqualTo("[[\"a\",\"1\"]]");
    }

    @Test
    void nestedDataIsBoundedInDepthBreadthAndStringLength() {
        String deep = "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":1}}}}}}}";
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 150; i++) {
            wide.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        wide.append("}");
        NormalizedEvent event = normalize("{\"extra\":{\"deep\":" + deep + ",\"wide\":" + wide + ",\"long\":\"" + "s".repeat(600) + "\"},"
                + "\"contexts\":{\"os\":{\"name\":\"Linux\"},\"notAnObject\":3}}");
        JsonNode extra = event.payload().path("extra");
        assertThat(extra.path("long").stringValue()).hasSize(512);
        assertThat(extra.path("wide").size()).isEqualTo(100);
        assertThat(extra.path("deep").path("a").path("b").path("c").path("d").isString()).isTrue();
        JsonNode contexts = event.payload().path("contexts");
        assertThat(contexts.path("os").path("type").stringValue()).isEqualTo("os");
        assertThat(contexts.has("notAnObject")).isFalse();
    }

    @Test
    void fingerprintAndSdkFallback() {
        EnvelopeHeader header = EnvelopeHeader.from(IngestJson.MAPPER.readTree("{\"sdk\":{\"name\":\"sentry.go\",\"version\":\"0.30.0\"}}"));
        NormalizedEvent event = normalize("{\"fingerprint\":[\"{{ default }}\",\"db\",3]}", header);
        assertThat(event.fingerprint()).containsExactly("{{ default }}", "db", "3");
        assertThat(event.sdkName()).isEqualTo("sentry.go");
        assertThat(event.sdkVersion()).isEqualTo("0.30.0");
    }

    @Test
    void nonObjectEventsAreTreatedAsEmpty() {
        assertThat(EventNormalizer.normalize(IngestJson.MAPPER.readTree("[1]"), "event", null, NOW, null, ScrubbingSettings.defaults())
                .level()).isEqualTo("error");
    }
}
