package io.bugmaster.incidents.comms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When the "post a status update" reminder is due, with a fixed clock. */
class UpdateRemindersTest {
    static final Instant DECLARED = Instant.parse("2026-12-05T10:00:00Z");

    static Instant at(int minutes) {
        return DECLARED.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void theFirstReminderIsDueOnePeriodAfterStakeholdersLastHeardSomething() {
        assertThat(UpdateReminders.due(DECLARED, null, 30, at(29))).isFalse();
        assertThat(UpdateReminders.due(DECLARED, null, 30, at(30))).isTrue();
        assertThat(UpdateReminders.nextAt(DECLARED, null, 30)).contains(at(30));
    }

    @Test
    void thenOnePerPeriodCountedFromTheLastReminderAndOnlyOneAfterALongPause() {
        assertThat(UpdateReminders.due(DECLARED, at(31), 30, at(60))).isFalse();
        assertThat(UpdateReminders.due(DECLARED, at(31), 30, at(61))).isTrue();
        // the engine was down for hours: one reminder now, the next a period later, not the missed ones at once
        assertThat(UpdateReminders.due(DECLARED, at(300), 30, at(301))).isFalse();
    }

    @Test
    void anUpdateAfterTheLastReminderRestartsTheClock() {
        Instant update = at(45);
        assertThat(UpdateReminders.due(update, at(31), 30, at(61))).isFalse();
        assertThat(UpdateReminders.due(update, at(31), 30, at(75))).isTrue();
    }

    @Test
    void aPriorityWithoutAPeriodIsNeverReminded() {
        assertThat(UpdateReminders.due(DECLARED, null, null, at(10_000))).isFalse();
        assertThat(UpdateReminders.due(DECLARED, null, 0, at(10_000))).isFalse();
        assertThat(UpdateReminders.nextAt(DECLARED, null, null)).isEmpty();
    }

    @Test
    void howLongItHasBeenQuietReadsAsPeopleSayIt() {
        assertThat(UpdateReminders.quietFor(DECLARED, at(1))).isEqualTo("1 minute");
        assertThat(UpdateReminders.quietFor(DECLARED, at(45))).isEqualTo("45 minutes");
        assertThat(UpdateReminders.quietFor(DECLARED, at(60))).isEqualTo("1 hour");
        assertThat(UpdateReminders.quietFor(DECLARED, at(125))).isEqualTo("2 hours 5 minutes");
        assertThat(UpdateReminders.dueIn(at(240), DECLARED.plusSeconds(3))).as("rounded up").isEqualTo("in 4 hours");
        assertThat(UpdateReminders.dueIn(at(30), at(30))).isEqualTo("now");
    }
}
