package io.bugmaster.oncall.notices;

import io.bugmaster.accounts.Directory;
import io.bugmaster.engine.EngineModule;
import io.bugmaster.notify.NotificationQueue;
import io.bugmaster.notify.Recipient;
import io.bugmaster.oncall.schedules.Schedule;
import io.bugmaster.oncall.schedules.ScheduleService;
import io.bugmaster.oncall.schedules.Span;
import io.bugmaster.oncall.triage.TriageRotations;
import io.bugmaster.storage.Transactions;
import io.bugmaster.web.Links;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gap warnings: when nobody is on call on a schedule somewhere in the next
 * {@code BUGMASTER_GAP_WARNING_HORIZON} (14 days), the members of the schedule's team (or, for a
 * schedule without a team, of the teams whose bugmaster rotation it is) are warned once per gap:
 * the gaps newly found on a schedule go in one email. A gap seen again, or going on longer than
 * first seen, is the same gap. Looked for once a minute: a gap two weeks ahead needs no faster eye.
 */
@Component
class GapWarningModule implements EngineModule {
    private static final Logger log = LoggerFactory.getLogger(GapWarningModule.class);

    private final ScheduleGaps gaps;
    private final ScheduleService schedules;
    private final TriageRotations rotations;
    private final NoticeStore store;
    private final Directory directory;
    private final NotificationQueue queue;
    private final Transactions tx;
    private final Links links;
    private final OncePerMinute gate = new OncePerMinute();

    GapWarningModule(ScheduleGaps gaps, ScheduleService schedules, TriageRotations rotations, NoticeStore store, Directory directory,
            NotificationQueue queue, Transactions tx, Links links) {
        this.gaps = gaps;
        this.schedules = schedules;
        this.rotations = rotations;
        this.store = store;
        this.directory = directory;
        this.queue = queue;
        this.tx = tx;
        this.links = links;
    }

    @Override
    public String name() {
        return "oncall-gap-warnings";
    }

    @Override
    public void run(Instant now) {
        if (gaps.horizon().isZero() || !gate.due(now)) {
            return;
        }
        Instant horizon = now.plus(gaps.horizon());
        for (Directory.OrgRef org : directory.allOrganizations()) {
            for (Schedule schedule : schedules.schedulesOf(org.id())) {
                try {
                    List<Span> found = gaps.upcomingGaps(org.id(), schedule.id(), now);
                    if (found.isEmpty()) {
                        continue;
                    }
                    List<GapPlan.Warned> warned = store.warnedGaps(schedule.id(), now.minus(Duration.ofDays(1)));
                    List<Span> fresh = new ArrayList<>();
                    for (Span gap : found) {
                        Optional<GapPlan.Warned> same = GapPlan.sameAs(gap, warned);
                        if (same.isPresent()) {
                            store.extendGap(schedule.id(), same.get().start(), gap.end());
                        } else {
                            fresh.add(gap);
                        }
                    }
                    if (!fresh.isEmpty()) {
                        tx.write(() -> {
                            List<NoticeMessages.Gap> claimed = new ArrayList<>();
                            for (Span gap : fresh) {
                                if (store.claimGap(org.id(), schedule.id(), gap.start(), gap.end(), now)) {
                                    claimed.add(new NoticeMessages.Gap(gap.start(), gap.end(), gap.end().isBefore(horizon)));
                                }
                            }
                            if (!claimed.isEmpty()) {
                                warn(org, schedule, claimed, now);
                            }
                        });
                    }
                } catch (RuntimeException e) {
                    log.error("gap warnings of schedule {} failed; they are tried again on the next run", schedule.id(), e);
                }
            }
        }
    }

    private void warn(Directory.OrgRef org, Schedule schedule, List<NoticeMessages.Gap> gaps, Instant now) {
        List<Long> teams = schedule.teamId() != null ? List.of(schedule.teamId()) : rotations.teamsOfSchedule(org.id(), schedule.id());
        Map<Long, String> recipients = new LinkedHashMap<>();
        teams.forEach(team -> directory.teamMembers(team).forEach(m -> recipients.putIfAbsent(m.userId(), m.email())));
        NoticeMessages.Schedule named = new NoticeMessages.Schedule(org.slug(), schedule.id(), schedule.name(), schedule.zone(),
                links.schedule(org.slug(), schedule.id()));
        String key = "gap:" + schedule.id() + ":" + gaps.get(0).start().toEpochMilli();
        recipients.forEach((userId, email) -> queue.enqueue(org.id(), Recipient.email(email),
                NoticeMessages.gaps(key + ":" + userId, named, gaps, now)));
    }
}
