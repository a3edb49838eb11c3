package io.bugmaster.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Gauges of what ingestion holds now: memory, slots, bodies still arriving (see docs/operations.md). */
@Component
class IngestMetrics {
    IngestMetrics(IngestService ingest, BodyDeadlines deadlines, MeterRegistry meters) {
        Gauge.builder("bugmaster.ingest.memory", ingest, IngestService::memoryHeld).baseUnit("bytes")
                .description("memory held by ingest requests in flight").register(meters);
        Gauge.builder("bugmaster.ingest.slots", ingest, IngestService::slotsUsed)
                .description("ingest requests being processed (parsed or waiting for their commit)").register(meters);
        Gauge.builder("bugmaster.ingest.bodies", deadlines, BodyDeadlines::pending)
                .description("ingest request bodies still arriving").register(meters);
    }
}
