package io.bugmaster.signals;

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
 * The consumers of signals, registered here and only here: adding one is a {@link SignalConsumer}
 * bean and one line in {@link #REGISTERED}. A consumer bean whose name is not listed, or a listed
 * name without a bean, stops the server at startup with a message that says which. Only listed
 * consumers hold signals back from retention.
 */
@Component
public final class SignalConsumers {

    /** Consumer names ({@link SignalConsumer#name()}), in the order each engine cycle runs them. */
    static final List<String> REGISTERED = List.of(
            // alert rules: notifications to channels and people (alerting/)
            "alerting",
            // monitors page their own service directly, no rule needed (monitors/paging/)
            "monitor-paging",
            // a failing monitor's optional error issue, written through the digester (monitors/paging/)
            "monitor-issues",
            // incidents' notes and milestones to their tech channel (incidents/comms/)
            "incident-comms",
            // Slack messages about an issue or incident updated in place when it changes (slack/messages/)
            "slack-messages",
            // incidents' own Slack channels: status updates and roles announced, new people invited (slack/channels/)
            "slack-incident-channels");

    private final List<SignalConsumer> consumers;

    @Autowired
    SignalConsumers(List<SignalConsumer> beans) {
        this(REGISTERED, beans);
    }

    SignalConsumers(List<String> registered, Collection<SignalConsumer> beans) {
        Map<String, SignalConsumer> byName = new LinkedHashMap<>();
        for (SignalConsumer consumer : beans) {
            SignalConsumer other = byName.put(consumer.name(), consumer);
            if (other != null) {
                throw new IllegalStateException("two signal consumers are named '" + consumer.name() + "': "
                        + other.getClass().getName() + " and " + consumer.getClass().getName());
            }
        }
        TreeSet<String> unlisted = new TreeSet<>(byName.keySet());
        unlisted.removeAll(registered);
        if (!unlisted.isEmpty()) {
            throw new IllegalStateException("signal consumers " + unlisted + " are not in SignalConsumers.REGISTERED; add each there");
        }
        List<SignalConsumer> ordered = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : registered) {
            SignalConsumer consumer = byName.get(name);
            if (consumer == null) {
                missing.add(name);
            } else {
                ordered.add(consumer);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("SignalConsumers.REGISTERED names " + missing + " but no signal consumer has that name");
        }
        this.consumers = List.copyOf(ordered);
    }

    /** Exactly these consumers, in this order (tests). */
    static SignalConsumers of(SignalConsumer... consumers) {
        return new SignalConsumers(Arrays.stream(consumers).map(SignalConsumer::name).toList(), List.of(consumers));
    }

    List<SignalConsumer> all() {
        return consumers;
    }

    List<String> names() {
        return consumers.stream().map(SignalConsumer::name).toList();
    }
}
