package io.bugmaster.incidents.comms;

import io.bugmaster.accounts.Directory;
import io.bugmaster.engine.EngineModule;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentLog;
import io.bugmaster.incidents.IncidentPriorities;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.Priority;
import io.bugmaster.incidents.roles.IncidentRoles;
import io.bugmaster.oncall.Pager;
import io.bugmaster.oncall.Urgency;
import io.bugmaster.storage.Transactions;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code incident-update-reminders}: an open incident whose priority has a reminder period and
 * whose stakeholders have heard nothing for that long (no status update since the declaration or
 * the priority was set) gets one reminder per period, paged at low urgency (each person's own
 * low-urgency rules; their account email by default) to its incident manager (the role seed 003 gives
 * the stakeholders' side), or without one to its assignees and whoever declared it.
 * Each reminder is claimed with a conditional update, so two nodes send it once; its log line
 * (kind {@code reminder}) says whom it reached.
 */
@Component
class UpdateReminderModule implements EngineModule {
    private static final Logger log = LoggerFactory.getLogger(UpdateReminderModule.class);
    static final int BATCH = 200;
    /** The role whose holder keeps the stakeholders informed (one of the defaults; an organization may delete it). */
    static final String INCIDENT_MANAGER = "incident_manager";

    private final CommsStore store;
    private final IncidentComms comms;
    private final Incidents incidents;
    private final IncidentPriorities priorities;
    private final IncidentLog incidentLog;
    private final Pager pager;
    private final Directory directory;
    private final IncidentRoles roles;
    private final Transactions tx;

    UpdateReminderModule(CommsStore store, IncidentComms comms, Incidents incidents, IncidentPriorities priorities, IncidentLog incidentLog,
            Pager pager, Directory directory, IncidentRoles roles, Transactions tx) {
        this.roles = roles;
        this.store = store;
        this.comms = comms;
        this.incidents = incidents;
        this.priorities = priorities;
        this.incidentLog = incidentLog;
        this.pager = pager;
        this.directory = directory;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "incident-update-reminders";
    }

    @Override
    public void run(Instant now) {
        Map<Long, List<Priority>> byOrg = new HashMap<>();
        long after = 0;
        while (true) {
            long from = after;
            List<CommsStore.ReminderRow> rows = tx.read(() -> store.openWithPriority(from, BATCH));
            for (CommsStore.ReminderRow row : rows) {
                Integer period = byOrg.computeIfAbsent(row.orgId(), priorities::of).stream().filter(p -> p.level() == row.priority())
                        .findFirst().map(Priority::updateReminderMinutes).orElse(null);
                if (UpdateReminders.due(row.quietSince(), row.remindedAt(), period, now)) {
                    try {
                        remind(row, period, now);
                    } catch (RuntimeException e) {
                        log.warn("Update reminder for incident {} failed", row.incidentId(), e);
                    }
                }
            }
            if (rows.size() < BATCH) {
                return;
            }
            after = rows.get(rows.size() - 1).incidentId();
        }
    }

    private void remind(CommsStore.ReminderRow row, int period, Instant now) {
        tx.write(() -> {
            if (!store.claimReminder(row, now)) {
                return; // another node reminded, or an update was posted meanwhile
            }
            Optional<Incident> found = incidents.byId(row.incidentId());
            if (found.isEmpty()) {
                return;
            }
            Incident i = found.get();
            Set<Long> people = new LinkedHashSet<>();
            roles.holders(i).stream().filter(h -> h.role().slug().equals(INCIDENT_MANAGER) && h.holder() != null)
                    .forEach(h -> people.add(h.holder().user().id()));
            if (people.isEmpty()) {
                people.addAll(store.assignees(i.id()));
                if (i.declaredBy() != null) {
                    people.add(i.declaredBy());
                }
            }
            Map<Long, Directory.Person> members = directory.joinedMembers(i.orgId(), people);
            if (members.isEmpty()) {
                return;
            }
            String org = directory.orgSlug(i.orgId()).orElse("");
            CommsMessages.Facts facts = comms.facts(i, org);
            String quiet = UpdateReminders.quietFor(row.quietSince(), now);
            for (Directory.Person p : members.values()) {
                String pageKey = i.subject() + ":update-reminder:" + now.toEpochMilli() + ":user:" + p.id();
                pager.page(new Pager.PageRequest(i.orgId(), p.id(), i.subject(), pageKey, Urgency.LOW,
                        CommsMessages.reminder(pageKey, facts, quiet, period, now)));
            }
            incidentLog.append(i.id(), now, "reminder", null, "Bugmaster", "update reminder", "No status update for " + quiet
                    + "; reminded " + String.join(", ", members.values().stream().map(Directory.Person::email).toList()));
        });
    }
}
