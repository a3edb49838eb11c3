package io.bugmaster.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import io.bugmaster.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The body cap and the per-key token bucket, with a fixed clock. */
class InboundLimitsTest {
    private static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");
    private static final BooleanSupplier NEVER = () -> false;

    @Test
    void aBodyUpToTheLimitIsRead() throws Exception {
        byte[] body = new byte[100];
        assertThat(InboundBody.read(new ByteArrayInputStream(body), 100, 100, NEVER)).hasSize(100);
        assertThat(InboundBody.read(new ByteArrayInputStream(body), -1, 100, NEVER)).hasSize(100);
        assertThat(InboundBody.read(new ByteArrayInputStream(new byte[7]), -1, 100, NEVER)).hasSize(7);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() {
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("read the body");
            }
        };
        assertThatThrownBy(() -> InboundBody.read(untouchable, 101, 100, NEVER)).isInstanceOf(InboundBody.TooLarge.class);
    }

    @Test
    void aChunkedBodyIsReadOnlyOneByteBeyondTheLimit() {
        int[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                served[0] += len;
                return len;
            }
        };
        assertThatThrownBy(() -> InboundBody.read(endless, -1, InboundBody.MAX_BYTES, NEVER)).isInstanceOf(InboundBody.TooLarge.class)
                .hasMessage("the request body is larger than the limit of 524288 bytes (512 KB)");
        assertThat(served[0]).isEqualTo(InboundBody.MAX_BYTES + 1);
    }

    @Test
    void aBodyThatTricklesPastTheDeadlineIsRefused() {
        MutableClock clock = new MutableClock(T0);
        Instant deadline = T0.plusSeconds(30);
        InputStream trickle = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("reads in blocks");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                clock.advance(java.time.Duration.ofSeconds(19)); // one byte just before each read timeout
                b[off] = ' ';
                return 1;
            }
        };
        assertThatThrownBy(() -> InboundBody.read(trickle, 100, 100, () -> clock.instant().isAfter(deadline)))
                .isInstanceOf(InboundBody.TooSlow.class);
        assertThat(clock.instant()).as("refused at the first read past the deadline").isEqualTo(T0.plusSeconds(38));
    }

    @Test
    void aKeyMayBurstToItsLimitThenGoesAtTheRate() {
        KeyRateLimiter limiter = new KeyRateLimiter(120);
        for (int i = 0; i < 120; i++) {
            assertThat(limiter.tryTake(1, T0)).as("request %d", i).isZero();
        }
        assertThat(limiter.tryTake(1, T0)).isEqualTo(1);
        assertThat(limiter.tryTake(2, T0)).as("another key has its own bucket").isZero();
        assertThat(limiter.tryTake(1, T0.plusMillis(499))).isEqualTo(1);
        assertThat(limiter.tryTake(1, T0.plusMillis(500))).as("two a second refill").isZero();
        assertThat(limiter.tryTake(1, T0.plusMillis(500))).isEqualTo(1);
    }

    @Test
    void retryAfterSaysWhenTheNextRequestFits() {
        KeyRateLimiter limiter = new KeyRateLimiter(1);
        assertThat(limiter.tryTake(1, T0)).isZero();
        assertThat(limiter.tryTake(1, T0)).isEqualTo(60);
        assertThat(limiter.tryTake(1, T0.plusSeconds(30))).isEqualTo(30);
        assertThat(limiter.tryTake(1, T0.plusSeconds(60))).isZero();
    }

    @Test
    void refilledBucketsAreForgotten() {
        KeyRateLimiter limiter = new KeyRateLimiter(60);
        limiter.tryTake(1, T0);
        limiter.forgetFull(T0.plusMillis(500));
        assertThat(limiter.size()).as("half a request short of full").isEqualTo(1);
        limiter.tryTake(2, T0.plusSeconds(30));
        limiter.forgetFull(T0.plusMillis(30_500));
        assertThat(limiter.size()).isEqualTo(1);
        limiter.forgetFull(T0.plusSeconds(31));
        assertThat(limiter.size()).isZero();
    }
}
