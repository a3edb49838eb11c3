package io.bugmaster.grouping;

import static io.bugmaster.grouping.MessageNormalizer.normalize;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageNormalizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "User 42 not found | User <int> not found",
            "price 3.14 rejected | price <float> rejected",
            "ratio 1.5e-3 too small | ratio <float> too small",
            "mail to alice.smith+tag@example.co.uk bounced | mail to <email> bounced",
            "GET https://api.example.com/orders/42?x=1 failed | GET <url> failed",
            "(see http://x.io/a/b). | (see <url>).",
            "connect to 10.0.12.7:5432 refused | connect to <ip>:<int> refused",
            "from ::1 and fe80::1ff:fe23:4567:890a | from <ip> and <ip>",
            "host 2001:0db8:85a3:0000:0000:8a2e:0370:7334 down | host <ip> down",
            "order 123e4567-e89b-12d3-a456-426614174000 lost | order <uuid> lost",
            "commit 3f2a1b9c4d and 0xDEADBEEF | commit <hex> and <hex>",
            "object java.lang.Object@1b6d3586 | object java.lang.Object@<hex>",
            "at 2026-11-21T04:35:57.337Z done | at <date> done",
            "on 2026-11-21 04:35:57+01:00 | on <date>",
            "since 21/11/2026 or 11/21/26 or 21.11.2026 | since <date> or <date> or <date>",
            "at 04:35:57 | at <date>",
            "expired Sat Nov 21 04:35:57 UTC 2026 really | expired <date> really",
            "Date: Sat, 21 Nov 2026 04:35:57 GMT | Date: <date>",
            "due Nov 21, 2026 | due <date>",
            "took 15ms then 3.2s then 2 minutes then 1h30m | took <duration> then <duration> then <duration> then <duration>",
            "name='bob' and title=\"Mr X\" | name=<quoted> and title=<quoted>",
            "version 1.2.3 of lib | version <version> of lib",
            "job-12345 and order_9f8e7d6c5b | job-<int> and order_<hex>",
            "  many   spaces\there  | many spaces here",
            "utf8 and sha256 and http2 stay | utf8 and sha256 and http2 stay",
            "deadbeef cafe stay words | deadbeef cafe stay words",
            "May I help you | May I help you",
            "std::vector and Foo::bar | std::vector and Foo::bar",
            "Unexpected token '}' | Unexpected token '}'",
            "3rd attempt | 3rd attempt",
    })
    void replacesVariablePartsAndKeepsWords(String input, String expected) {
        assertThat(normalize(input)).isEqualTo(expected);
    }

    @Test
    void messagesDifferingOnlyInIdsNormalizeAlike() {
        assertThat(normalize("Payment 981 for bob@shop.io failed after 120ms (request 6f1c2d3e-0000-4000-8000-00000000abcd)"))
                .isEqualTo(normalize("Payment 77 for eve@other.org failed after 3.5s (request 11111111-2222-3333-4444-555555555555)"));
    }

    @Test
    void differentWordsStayDifferent() {
        assertThat(normalize("Payment 981 failed")).isNotEqualTo(normalize("Payment 981 refunded"));
    }

    @Test
    void nullAndEmptyGiveEmpty() {
        assertThat(normalize(null)).isEmpty();
        assertThat(normalize("   ")).isEmpty();
    }

    @Test
    void cutsLongInputBeforeNormalizing() {
        String result = normalize("word ".repeat(1000));
        assertThat(result.length()).isLessThanOrEqualTo(MessageNormalizer.MAX_LENGTH);
    }

    @Test
    void doesNotSplitASurrogatePairWhenCutting() {
        String text = "a".repeat(MessageNormalizer.MAX_LENGTH - 1) + "\uD83D\uDE00";
        assertThat(MessageNormalizer.truncate(text, MessageNormalizer.MAX_LENGTH)).hasSize(MessageNormalizer.MAX_LENGTH - 1);
    }

    @ParameterizedTest(name = "adversarial {index}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a.",  "a@", "1.", "1:", "=' ", "=\" ", "0x", "1a", "ab-", "a.b@", ":: ", "1-1-", "Nov 1 ", "12:3", "http:// ",
            "a.a.a.a@", "9.9.9.9.", "ffff:", "1e", "1 m", "aaaaaaa1", "\u00e91",
    })
    void isLinearOnAMegabyteOfRepeatedFragments(String fragment) {
        String hostile = fragment.repeat(1_000_000 / fragment.length());
        // this thread's own CPU time, so the load of other processes does not count
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        String result = MessageNormalizer.normalizeWithoutTruncation(hostile);
        Duration cpu = Duration.ofNanos(threads.getCurrentThreadCpuTime() - start);
        assertThat(result).isNotNull();
        // not a speed target: linear takes tens of milliseconds, backtracking would take minutes of CPU
        assertThat(cpu).isLessThan(Duration.ofSeconds(10));
    }
}
