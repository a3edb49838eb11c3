package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ItemParsersTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final String ID = "9ec79c33ec9942ab8353589fcb2e04dc";

    private static ProcessedEnvelope process(String items) throws IOException {
        String body = "{\"event_id\":\"" + ID + "\"}\n" + items;
        Envelope envelope = new EnvelopeParser(IngestLimits.defaults()).parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        return EnvelopeProcessor.process(envelope, NOW, null, ScrubbingSettings.defaults());
    }

    @Test
    void sessionUpdate() throws IOException {
        ProcessedEnvelope p = process("{\"type\":\"session\"}\n{\"sid\":\"s1\",\"did\":\"d1\",\"status\":\"crashed\",\"errors\":2,"
                + "\"started\":\"2026-11-21T11:00:00Z\",\"duration\":12.5,\"init\":false,\"seq\":4,\"attrs\":{\"release\":\"a@1\"}}");
        assertThat(p.sessions()).containsExactly(new ItemRecords.SessionUpdate("s1", "d1", "crashed", 2,
                Instant.parse("2026-11-21T11:00:00Z"), 12.5, "a@1", "production", false, 4L, null));
    }

    @Test
    void sessionAggregates() throws IOException {
        ProcessedEnvelope p = process("{\"type\":\"sessions\"}\n{\"aggregates\":[{\"started\":\"2026-11-21T11:00:00Z\",\"exited\":5,\"errored\":1,"
                + "\"abnormal\":0,\"crashed\":2},{\"started\":\"bad\"}],\"attrs\":{\"release\":\"a@1\",\"environment\":\"prod\"}}");
        assertThat(p.sessionAggregates()).singleElement().satisfies(a -> {
            assertThat(a.release()).isEqualTo("a@1");
            assertThat(a.environment()).isEqualTo("prod");
            assertThat(a.buckets()).containsExactly(new ItemRecords.SessionBucket(Instant.parse("2026-11-21T11:00:00Z"), null, 5, 1, 0, 2));
        });
    }

    @Test
    void clientReportUserReportCheckIn() throws IOException {
        ProcessedEnvelope p = process("{\"type\":\"client_report\"}\n{\"timestamp\":1795000000,\"discarded_events\":[{\"reason\":\"queue_overflow\",\"category\":\"error\",\"quantity\":3},{\"reason\":\"x\"}]}\n"
                + "{\"type\":\"user_report\"}\n{\"event_id\":\"" + ID + "\",\"email\":\"a@b.c\",\"name\":\"Al\",\"comments\":\"it broke\"}\n"
                + "{\"type\":\"check_in\"}\n{\"check_in_id\":\"" + ID + "\",\"monitor_slug\":\"nightly-job\",\"status\":\"ok\",\"duration\":1.5,"
                + "\"release\":\"a@1\",\"environment\":\"prod\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}}");
        assertThat(p.clientReports()).singleElement().satisfies(r ->
                assertThat(r.discarded()).containsExactly(new ItemRecords.DiscardedEvents("queue_overflow", "error", 3)));
        assertThat(p.userReports()).containsExactly(new ItemRecords.UserReport(ID, "a@b.c", "Al", "it broke"));
        assertThat(p.checkIns()).singleElement().satisfies(c -> {
            assertThat(c.checkInId()).isEqualTo(ID);
            assertThat(c.monitorSlug()).isEqualTo("nightly-job");
            assertThat(c.status()).isEqualTo("ok");
            assertThat(c.duration()).isEqualTo(1.5);
            assertThat(c.environment()).isEqualTo("prod");
            assertThat(IngestJson.MAPPER.readTree(c.monitorConfig()).path("schedule").path("value").stringValue()).isEqualTo("0 * * * *");
        });
        assertThat(p.dropped()).isEmpty();
    }

    @Test
    void feedbackIsAnEventWithItsContext() throws IOException {
        ProcessedEnvelope p = process("{\"type\":\"feedback\"}\n{\"event_id\":\"" + ID + "\",\"contexts\":{\"feedback\":{\"message\":\"love it\","
                + "\"contact_email\":\"a@b.c\",\"name\":\"Al\",\"associated_event_id\":\"" + ID.toUpperCase() + "\"}}}");
        assertThat(p.feedback()).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo("love it");
            assertThat(f.contactEmail()).isEqualTo("a@b.c");
            assertThat(f.associatedEventId()).isEqualTo(ID);
            assertThat(f.name()).isEqualTo("Al");
        });
        assertThat(p.events()).isEmpty();
        assertThat(p.responseId()).as("no event is stored, so no id is acknowledged").isNull();
        assertThat(p.attachmentEventId()).isEqualTo(ID);
    }

    @Test
    void invalidItemsAreDroppedAndCountedNeverFailingTheEnvelope() throws IOException {
        ProcessedEnvelope p = process("{\"type\":\"session\"}\nnot json\n"
                + "{\"type\":\"session\"}\n{\"started\":\"2026-11-21T11:00:00Z\",\"attrs\":{\"release\":\"a@1\"}}\n"
                + "{\"type\":\"session\"}\n{\"sid\":\"s\",\"started\":\"2026-11-21T11:00:00Z\",\"status\":\"weird\",\"attrs\":{\"release\":\"a@1\"}}\n"
                + "{\"type\":\"session\"}\n{\"sid\":\"s\",\"started\":\"2026-11-21T11:00:00Z\"}\n"
                + "{\"type\":\"sessions\"}\n{\"aggregates\":[],\"attrs\":{\"release\":\"a@1\"}}\n"
                + "{\"type\":\"client_report\"}\n{\"discarded_events\":[]}\n"
                + "{\"type\":\"user_report\"}\n{\"event_id\":\"nope\",\"comments\":\"x\"}\n"
                + "{\"type\":\"check_in\"}\n{\"check_in_id\":\"" + ID + "\",\"monitor_slug\":\"Bad Slug!\",\"status\":\"ok\"}\n"
                + "{\"type\":\"check_in\"}\n{\"check_in_id\":\"" + ID + "\",\"monitor_slug\":\"job\",\"status\":\"maybe\"}\n"
                + "{\"type\":\"feedback\"}\n{\"contexts\":{}}\n"
                + "{\"type\":\"event\"}\n{\"message\":\"still here\"}");
        assertThat(p.events()).hasSize(1);
        assertThat(p.sessions()).isEmpty();
        assertThat(p.dropped()).containsEntry("session: invalid JSON", 1)
                .containsEntry("session: missing or invalid sid", 1)
                .containsEntry("session: invalid status", 1)
                .containsEntry("session: missing or invalid attrs.release", 1)
                .containsEntry("sessions: no valid aggregates", 1)
                .containsEntry("client_report: no valid discarded_events", 1)
                .containsEntry("user_report: missing or invalid event_id", 1)
                .containsEntry("check_in: missing or invalid monitor_slug", 1)
                .containsEntry("check_in: missing or invalid status", 1)
                .containsEntry("feedback: missing contexts.feedback.message", 1);
    }

    @Test
    void attachmentsPassThroughRaw() throws IOException {
        ProcessedEnvelope p = process("{\"type\":\"attachment\",\"length\":3,\"filename\":\"a.bin\"}\n\u0001\u0002\u0003\n");
        assertThat(p.attachments()).singleElement().satisfies(a -> assertThat(a.payload()).containsExactly(1, 2, 3));
    }
}
