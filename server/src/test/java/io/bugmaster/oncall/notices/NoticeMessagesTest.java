package io.bugmaster.oncall.notices;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.notify.Notification;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoticeMessagesTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final NoticeMessages.Schedule SCHEDULE = new NoticeMessages.Schedule("acme", 7, "Backend triage", PARIS,
            "https://bugmaster.example/orgs/acme/schedules/7");
    static final Instant START = Instant.parse("2026-12-07T08:00:00Z"); // Monday 09:00 in Paris
    static final Instant NOW = START.minusSeconds(3600);

    @Test
    void aHandoffNoticeTellsTheShiftInTheSchedulesZoneAndWhoIsHandingOver() {
        Notification n = NoticeMessages.handoff("k", SCHEDULE, START, START.plusSeconds(7 * 86400), "Ann", List.of(), null, NOW);
        assertThat(n.title()).isEqualTo("You are on call on Backend triage from Mon Dec 7, 09:00");
        assertThat(n.kind()).as("read, never paged").isEqualTo(Notification.Kind.REPORT);
        assertThat(n.subject()).isEqualTo("schedule:7");
        assertThat(n.event()).isEqualTo("schedule.handoff");
        assertThat(n.link()).isEqualTo(SCHEDULE.url());
        assertThat(n.body()).contains("starts Mon Dec 7, 09:00 (Europe/Paris) and ends Mon Dec 14, 09:00.")
                .contains("You take over from Ann.")
                .as("no incidents part without something that can tell them").doesNotContain("incidents");
    }

    @Test
    void theBugmastersNoticeSaysWhatIsLeftInTheInboxAndOpenIncidentsWhenKnown() {
        HandoffFacts.OpenIncidents incidents = new HandoffFacts.OpenIncidents(3, List.of(
                new HandoffFacts.Incident(42, "Database down", "acknowledged", "https://bugmaster.example/i/42")));
        Notification n = NoticeMessages.handoff("k", SCHEDULE, START, null, null,
                List.of(new NoticeMessages.Inbox("backend", 12, 3, "https://bugmaster.example/orgs/acme/inbox")), incidents, NOW);
        assertThat(n.body()).contains("starts Mon Dec 7, 09:00 (Europe/Paris).")
                .contains("Nobody is on call before you")
                .contains("## You are this week's bugmaster of #backend")
                .contains("Left in the inbox: 12 unreviewed, 3 assigned to you.")
                .contains("## Open incidents\n- #42 Database down (acknowledged) https://bugmaster.example/i/42\n- and 2 more");
    }

    @Test
    void aGapWarningSaysFromWhenToWhenNobodyIsOnCall() {
        Instant gapEnd = START.plusSeconds(6 * 3600);
        Notification later = NoticeMessages.gaps("g", SCHEDULE, List.of(new NoticeMessages.Gap(START, gapEnd, true)), NOW);
        assertThat(later.title()).isEqualTo("Nobody is on call on Backend triage from Mon Dec 7, 09:00");
        assertThat(later.body()).contains("(times in Europe/Paris):\n- from Mon Dec 7, 09:00 until Mon Dec 7, 15:00\n");
        assertThat(later.event()).isEqualTo("schedule.gap");
        assertThat(later.kind()).isEqualTo(Notification.Kind.REPORT);
        Notification several = NoticeMessages.gaps("g", SCHEDULE, List.of(new NoticeMessages.Gap(NOW, START, true),
                new NoticeMessages.Gap(gapEnd, gapEnd.plusSeconds(86400), false)), NOW);
        assertThat(several.title()).isEqualTo("Nobody is on call on Backend triage from now (and 1 more gap)");
        assertThat(several.body()).contains("- from now until Mon Dec 7, 09:00\n- from Mon Dec 7, 15:00 until at least Tue Dec 8, 15:00");
    }

    @Test
    void summerTimeIsToldAsTheClockOnTheWallShowsIt() {
        Instant july = Instant.parse("2026-07-06T07:00:00Z"); // 09:00 in Paris in summer
        assertThat(NoticeMessages.at(july, PARIS)).isEqualTo("Mon Jul 6, 09:00");
    }
}
