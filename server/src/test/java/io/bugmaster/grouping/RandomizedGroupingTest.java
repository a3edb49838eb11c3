package io.bugmaster.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Arbitrary events never make grouping throw, and always give a 32-hex hash and a title (seeded, so reproducible). */
class RandomizedGroupingTest {

    private static final String[] PIECES = {
            "", " ", "a", "Z", "0", "9", ".", "-", "_", ":", "::", "/", "\\", "@", "=", "='", "=\"", "'", "\"", "{{", "}}",
            "{{ default }}", "{{ type }}", "{{ tags.x }}", "$$Lambda$", "lambda$", "$Proxy", "$$SpringCGLIB$$", "0x", "ff",
            "http://", "node_modules", "node:", "webpack:///", "?", "<anonymous>", "\u00e9", "\uD83D\uDE00", "\uD83D", "\n",
            "\t", "2026-11-21", "12:30:45", "1.2.3.4", "fe80::1", "15ms", "Nov", "Mon", "->", "#", "*", "**", "[as x]"};
    private static final String[] PLATFORMS = {null, "java", "node", "javascript", "python", "native", "other", "", "JAVA"};

    private final Random random = new Random(20261121L);

    private String text() {
        if (random.nextInt(8) == 0) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int parts = random.nextInt(random.nextInt(10) == 0 ? 400 : 8);
        for (int k = 0; k < parts; k++) {
            out.append(random.nextBoolean() ? PIECES[random.nextInt(PIECES.length)] : String.valueOf((char) random.nextInt(0x3000)));
        }
        return out.toString();
    }

    private Boolean bool() {
        int pick = random.nextInt(3);
        return pick == 0 ? null : pick == 1;
    }

    private GroupingFrame frame() {
        return new GroupingFrame(text(), text(), text(), text(), random.nextBoolean() ? null : random.nextInt(), bool(),
                PLATFORMS[random.nextInt(PLATFORMS.length)], text(), text());
    }

    private GroupingEvent event() {
        GroupingEvent.Builder builder = GroupingEvent.builder().platform(PLATFORMS[random.nextInt(PLATFORMS.length)])
                .message(text()).level(text()).logger(text()).transaction(text()).release(text()).environment(text());
        if (random.nextBoolean()) {
            List<String> params = new ArrayList<>();
            params.add(text());
            builder.logentry(text(), params);
        }
        int exceptions = random.nextInt(4);
        for (int e = 0; e < exceptions; e++) {
            List<GroupingFrame> frames = new ArrayList<>();
            int count = random.nextInt(random.nextInt(20) == 0 ? 300 : 12);
            for (int f = 0; f < count; f++) {
                frames.add(random.nextInt(20) == 0 ? null : frame());
            }
            builder.exception(new GroupingException(text(), text(), text(), text(), random.nextBoolean(), frames));
        }
        if (random.nextBoolean()) {
            List<String> fingerprint = new ArrayList<>();
            int parts = random.nextInt(4);
            for (int k = 0; k < parts; k++) {
                fingerprint.add(text());
            }
            builder.sdkFingerprint(fingerprint);
        }
        Map<String, String> tags = new HashMap<>();
        tags.put("x", text());
        tags.put(String.valueOf(text()), text());
        return builder.tags(tags).build();
    }

    @Test
    void arbitraryEventsAlwaysGroup() {
        FingerprintRules rules = FingerprintRules.parse("""
                type:*a* app:yes -> a, {{ default }} title="{{ type }} in {{ tags.x }}"
                message:*0* !family:java -> zero, {{ message }}
                path:**/node_modules/** -> vendor
                """);
        for (int k = 0; k < 3_000; k++) {
            GroupingEvent event = event();
            for (FingerprintRules r : List.of(FingerprintRules.none(), rules)) {
                Grouped grouped = Grouper.group(event, r);
                assertThat(grouped.result().hash()).matches("[0-9a-f]{32}");
                assertThat(grouped.result().components()).isNotEmpty();
                assertThat(grouped.summary().title()).isNotBlank();
                assertThat(Grouper.group(event, r).result()).isEqualTo(grouped.result());
            }
        }
    }

    @Test
    void arbitraryTextNeverBreaksTheNormalizerOrTheRulesParser() {
        for (int k = 0; k < 20_000; k++) {
            String text = text();
            String normalized = MessageNormalizer.normalize(text);
            assertThat(normalized).isNotNull();
            assertThat(normalized.length()).isLessThanOrEqualTo(MessageNormalizer.MAX_LENGTH * 2);
            try {
                FingerprintRules.parse(text);
            } catch (RulesException expected) {
                assertThat(expected.errors()).isNotEmpty().allSatisfy(e -> assertThat(e.line()).isPositive());
            }
        }
    }
}
