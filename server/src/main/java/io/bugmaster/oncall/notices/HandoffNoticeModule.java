package io.bugmaster.oncall.notices;

import io.bugmaster.accounts.Directory;
import io.bugmaster.engine.EngineModule;
import io.bugmaster.notify.NotificationQueue;
import io.bugmaster.notify.Recipient;
import io.bugmaster.oncall.schedules.Schedule;
import io.bugmaster.oncall.schedules.ScheduleService;
import io.bugmaster.oncall.triage.TriageInbox;
import io.bugmaster.oncall.triage.TriageRotations;
import io.bugmaster.storage.Transactions;
import io.bugmaster.web.Links;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Handoff notices: {@code BUGMASTER_HANDOFF_NOTICE_LEAD} (1 hour) before a shift starts (checked
 * once a minute, so at most a minute later), the
 * incoming person gets an email that says when it starts and ends, who hands over, what is left in
 * the inbox when the schedule is a team's bugmaster rotation, and the open incidents when the
 * incidents feature can tell them. A shift is claimed and its email queued in one transaction, so
 * each person hears once per schedule and shift start (key {@code handoff:{schedule}:{user}:{start}}).
 */
@Component
class HandoffNoticeModule implements EngineModule {
    private static final Logger log = LoggerFactory.getLogger(HandoffNoticeModule.class);
    /** How far past its start a shift is followed to tell when it ends. */
    static final Duration SHIFT_LOOKAHEAD = Duration.ofDays(35);
    static final int INCIDENTS_LISTED = 10;
    /** Notices of shifts that started longer ago than this are forgotten. */
    static final Duration KEPT = Duration.ofDays(30);

    private final Duration lead;
    private final ScheduleService schedules;
    private final TriageRotations rotations;
    private final TriageInbox inbox;
    private final ObjectProvider<HandoffFacts> facts;
    private final NoticeStore store;
    private final Directory directory;
    private final NotificationQueue queue;
    private final Transactions tx;
    private final Links links;
    private final OncePerMinute gate = new OncePerMinute();

    HandoffNoticeModule(NoticeProperties props, ScheduleService schedules, TriageRotations rotations, TriageInbox inbox,
            ObjectProvider<HandoffFacts> facts, NoticeStore store, Directory directory, NotificationQueue queue, Transactions tx,
            Links links) {
        this.lead = props.handoffNoticeLead();
        this.schedules = schedules;
        this.rotations = rotations;
        this.inbox = inbox;
        this.facts = facts;
        this.store = store;
        this.directory = directory;
        this.queue = queue;
        this.tx = tx;
        this.links = links;
    }

    @Override
    public String name() {
        return "oncall-handoff-notices";
    }

    @Override
    public void run(Instant now) {
        if (lead.isZero() || !gate.due(now)) {
            return;
        }
        store.forget(now.minus(KEPT));
        for (Directory.OrgRef org : directory.allOrganizations()) {
            for (Schedule schedule : schedules.schedulesOf(org.id())) {
                try {
                    // the window starts a moment before now, so the shift in progress says who hands over
                    Instant since = now.minusMillis(1);
                    for (HandoffPlan.Due due : HandoffPlan.due(schedules.shifts(org.id(), schedule.id(), since, now.plus(lead).plusMillis(1)),
                            now, lead, now.plus(lead).plusMillis(1))) {
                        tx.write(() -> {
                            if (store.claimHandoff(org.id(), schedule.id(), due.userId(), due.start(), now)) {
                                send(org, schedule, due, now);
                            }
                        });
                    }
                } catch (RuntimeException e) {
                    log.error("handoff notices of schedule {} failed; they are tried again on the next run", schedule.id(), e);
                }
            }
        }
    }

    private void send(Directory.OrgRef org, Schedule schedule, HandoffPlan.Due due, Instant now) {
        Optional<Directory.Person> person = directory.joinedMember(org.id(), due.userId());
        if (person.isEmpty()) {
            return; // left the organization: nobody to tell
        }
        Instant lookahead = due.start().plus(SHIFT_LOOKAHEAD);
        List<HandoffPlan.Due> turn = HandoffPlan.due(schedules.shifts(org.id(), schedule.id(), due.start().minusMillis(1), lookahead),
                due.start().minusMillis(1), Duration.ofMillis(1), lookahead);
        Instant end = turn.isEmpty() ? null : turn.get(0).end();
        String outgoing = due.outgoing() == null ? null
                : directory.joinedMember(org.id(), due.outgoing()).map(p -> p.name() == null || p.name().isBlank() ? p.email() : p.name())
                        .orElse(null);
        List<NoticeMessages.Inbox> inboxes = new ArrayList<>();
        for (long teamId : rotations.teamsOfSchedule(org.id(), schedule.id())) {
            directory.team(org.id(), teamId).ifPresent(team -> {
                TriageInbox.Left left = inbox.leftFor(org.id(), org.slug(), teamId, due.userId());
                inboxes.add(new NoticeMessages.Inbox(team.slug(), left.unreviewed(), left.assignedToYou(), left.url()));
            });
        }
        HandoffFacts incidents = facts.getIfAvailable();
        String key = "handoff:" + schedule.id() + ":" + due.userId() + ":" + due.start().toEpochMilli();
        queue.enqueue(org.id(), Recipient.email(person.get().email()), NoticeMessages.handoff(key,
                new NoticeMessages.Schedule(org.slug(), schedule.id(), schedule.name(), schedule.zone(), links.schedule(org.slug(), schedule.id())),
                due.start(), end, outgoing, inboxes, incidents == null ? null : incidents.openIncidents(org.id(), schedule.id(), INCIDENTS_LISTED),
                now));
    }
}
