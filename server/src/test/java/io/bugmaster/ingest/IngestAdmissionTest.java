package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IngestAdmissionTest {
    private static final long LONG_WAIT = 60_000;

    @Test
    void aProjectHoldsAtMostItsShareOfTheSlotsAndTheRestStayForOthers() throws Exception {
        IngestAdmission admission = new IngestAdmission(4, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(admission.tryAcquire(1, 0)).isTrue();
        }
        assertThat(admission.tryAcquire(1, 0)).as("a fourth slot for the same project").isFalse();
        assertThat(admission.tryAcquire(2, 0)).as("another project still gets one").isTrue();
        assertThat(admission.tryAcquire(3, 0)).as("all slots are taken").isFalse();
        admission.release(1);
        assertThat(admission.tryAcquire(3, 0)).isTrue();
        assertThat(admission.used()).isEqualTo(4);
    }

    @Test
    void aFreedSlotGoesToTheWaitingProjectHoldingFewestNotToTheOneWithTheMostWaiting() throws Exception {
        IngestAdmission admission = new IngestAdmission(2, 2);
        assertThat(admission.tryAcquire(1, 0)).isTrue();
        assertThat(admission.tryAcquire(1, 0)).isTrue();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // three requests of project 1 wait first, then one of project 2
            List<Future<Boolean>> flood = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                flood.add(pool.submit(() -> admission.tryAcquire(1, LONG_WAIT)));
            }
            waitUntilWaiting(admission, 3);
            Future<Boolean> other = pool.submit(() -> admission.tryAcquire(2, LONG_WAIT));
            waitUntilWaiting(admission, 4);
            admission.release(1);
            assertThat(other.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(admission.waiting()).isEqualTo(3);
            assertThat(flood).noneMatch(Future::isDone);
            // with one slot each, the projects now take turns
            admission.release(1);
            waitUntilWaiting(admission, 2);
            admission.release(2);
            waitUntilWaiting(admission, 1);
            assertThat(admission.used()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void waitUntilWaiting(IngestAdmission admission, int n) throws InterruptedException {
        for (int i = 0; i < 3000 && admission.waiting() < n; i++) {
            Thread.sleep(10);
        }
        assertThat(admission.waiting()).isEqualTo(n);
    }
}
