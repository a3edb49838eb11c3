package io.bugmaster.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The engine's modules in the order each cycle runs them. This list, not Spring's bean order, is
 * the order. Adding a module is one line in {@link #ORDER}: a module bean whose name is not listed,
 * or a listed name without a bean, stops the server at startup with a message that says which.
 */
@Component
public final class EngineModules {

    /**
     * Module names ({@link EngineModule#name()}) in the order of a cycle. The order is what lets a
     * cycle finish what it starts: what wakes or escalates raises its signals before the signal bus
     * hands them to their consumers (alerting), and what alerting queues is sent by delivery in the
     * same cycle.
     */
    static final List<String> ORDER = List.of(
            // issues change state and raise signals
            "issue-snooze-expiry",
            "issue-escalation",
            // incidents page, escalate, trigger again and auto-resolve; pages are queued for delivery below
            "incident-escalation",
            // monitors: checks that are due run on workers of their own (their results raise signals when they come)
            "monitor-checks",
            // cron monitors: late and missed check-ins, runs past their max runtime (they raise signals)
            "monitor-deadlines",
            // the signal bus hands new signals to each consumer (alert rules); then the frequency and
            // volume rules; both queue notifications
            "signals",
            "alerting",
            "weekly-report",
            // "post a status update" reminders of open incidents, paged at low urgency (after the signals
            // that restart their clock, before delivery sends them)
            "incident-update-reminders",
            // the notification rules of pages that are due now ("after 5 minutes by SMS")
            "page-steps",
            // sends what the modules above queued
            "notification-delivery",
            // the Slack app's queued Web API calls (message updates in place, ephemeral answers, invitations)
            "slack-calls",
            // on-call: "you are on call in 1 hour" and "nobody is on call" emails, after delivery: their
            // pass over every schedule must not delay a page (sent by the next cycle, seconds later)
            "oncall-handoff-notices",
            "oncall-gap-warnings",
            // incidents: overdue action items remind their owners once a day (after delivery, like the notices above)
            "action-item-reminders",
            // bookkeeping and retention
            "outcome-counts",
            "schedule-history",
            "notification-retention",
            "link-expiry",
            "slack-retention",
            "monitor-retention");

    private final List<EngineModule> modules;

    @Autowired
    public EngineModules(List<EngineModule> beans) {
        this(ORDER, beans);
    }

    EngineModules(List<String> order, Collection<EngineModule> beans) {
        Map<String, EngineModule> byName = new LinkedHashMap<>();
        for (EngineModule module : beans) {
            EngineModule other = byName.put(module.name(), module);
            if (other != null) {
                throw new IllegalStateException("two engine modules are named '" + module.name() + "': "
                        + other.getClass().getName() + " and " + module.getClass().getName());
            }
        }
        TreeSet<String> unlisted = new TreeSet<>(byName.keySet());
        unlisted.removeAll(order);
        if (!unlisted.isEmpty()) {
            throw new IllegalStateException("engine modules " + unlisted + " are not in EngineModules.ORDER;"
                    + " add each where it belongs in the cycle");
        }
        List<EngineModule> ordered = new ArrayList<>(order.size());
        List<String> missing = new ArrayList<>();
        for (String name : order) {
            EngineModule module = byName.get(name);
            if (module == null) {
                missing.add(name);
            } else {
                ordered.add(module);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("EngineModules.ORDER names " + missing + " but no engine module has that name");
        }
        this.modules = List.copyOf(ordered);
    }

    /** Exactly these modules, in this order: for tests of the loop itself. */
    static EngineModules of(EngineModule... modules) {
        return new EngineModules(Arrays.stream(modules).map(EngineModule::name).toList(), List.of(modules));
    }

    /** The modules in the order a cycle runs them. */
    public List<EngineModule> inOrder() {
        return modules;
    }
}
