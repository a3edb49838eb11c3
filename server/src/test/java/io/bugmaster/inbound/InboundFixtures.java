package io.bugmaster.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Bodies captured from Prometheus Alertmanager 0.25 (Debian): shared/fixtures/alertmanager-0.25.txt, one file per request. */
final class InboundFixtures {
    private InboundFixtures() {}

    /** {@code webhook-firing}, {@code webhook-resolved}, {@code pagerduty-trigger} or {@code pagerduty-resolve}. */
    static byte[] alertmanager(String name) {
        try (InputStream in = InboundFixtures.class.getResourceAsStream("alertmanager-0.25-" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
