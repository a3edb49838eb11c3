package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IngestMemoryTest {

    @Test
    void requestsShareTheBudgetAndGiveItBackWhenClosed() {
        IngestMemory budget = new IngestMemory(1000, 1000);
        RequestMemory first = budget.open(1);
        RequestMemory second = budget.open(2);
        first.charge(600);
        assertThatThrownBy(() -> second.charge(500)).isInstanceOf(ServerBusyException.class)
                .satisfies(e -> assertThat(((IngestException) e).status()).isEqualTo(429));
        second.charge(400);
        assertThat(budget.held()).isEqualTo(1000);
        first.close();
        second.charge(500);
        assertThat(second.held()).isEqualTo(900);
        second.release(2000);
        assertThat(second.held()).isZero();
        assertThat(budget.held()).isZero();
    }

    @Test
    void oneProjectHoldsAtMostItsShareSoOthersAlwaysFindRoom() {
        IngestMemory budget = new IngestMemory(1000, 750);
        RequestMemory a1 = budget.open(1);
        RequestMemory a2 = budget.open(1);
        a1.charge(500);
        assertThatThrownBy(() -> a2.charge(300)).isInstanceOf(ServerBusyException.class);
        RequestMemory b = budget.open(2);
        b.charge(250);
        assertThat(budget.held()).isEqualTo(750);
    }

    @Test
    void aRequestLargerThanAProjectMayEverHoldIsTooLargeNotBusy() {
        IngestMemory budget = new IngestMemory(1 << 30, 1 << 20);
        try (RequestMemory memory = budget.open(1)) {
            memory.charge(1000);
            assertThatThrownBy(() -> memory.charge(1 << 20)).isInstanceOfSatisfying(PayloadTooLargeException.class,
                    e -> assertThat(e.detail()).isEqualTo(
                            "the request needs more than the 1 MB of memory this server gives one project's requests (BUGMASTER_INGEST_MEMORY)"));
            assertThat(memory.held()).isEqualTo(1000);
        }
        assertThat(budget.held()).isZero();
    }
}
