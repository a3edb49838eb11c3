package io.bugmaster.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class EventPayloadsTest {

    @Test
    void storedPayloadsAreStandardGzipThatRoundTrips() throws Exception {
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 100, 8_000, 70_000, 1_000_000}) {
            byte[] json = new byte[size];
            for (int i = 0; i < size; i++) {
                json[i] = (byte) ("{\"a\":[1,2,3],\"message\":\"boom\"}".charAt(random.nextInt(29)));
            }
            byte[] stored = EventPayloads.compress(json);
            assertThat(EventPayloads.decompress(stored)).isEqualTo(json);
            try (var in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
                assertThat(in.readAllBytes()).as("readable by any gzip reader").isEqualTo(json);
            }
        }
    }

    @Test
    void theReusedDeflaterStartsAfreshForEachEvent() {
        byte[] first = EventPayloads.compress("{\"first\":true}".getBytes(StandardCharsets.UTF_8));
        byte[] second = EventPayloads.compress("{\"second\":true}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(EventPayloads.decompress(first), StandardCharsets.UTF_8)).isEqualTo("{\"first\":true}");
        assertThat(new String(EventPayloads.decompress(second), StandardCharsets.UTF_8)).isEqualTo("{\"second\":true}");
    }
}
