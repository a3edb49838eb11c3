package io.bugmaster.notify;

import io.bugmaster.common.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The registry of transports: which kinds of channel there are, in the order the channels page
 * offers them, and which transport sends for each. Adding a transport is a package with a
 * {@link Transport} bean (which describes its kind and its settings, and renders and sends) plus
 * one line in {@link #ORDER}: a transport bean whose kind is not listed, or a listed kind without a
 * transport, stops the server at startup with a message that says which.
 */
@Component
public class Transports {

    /** Kind ids ({@link ChannelKind#id()}) in the order the channels page offers them. */
    static final List<String> ORDER = List.of(
            "slack",
            // the Slack app: chat.postMessage with buttons, messages updated in place (slack/messages)
            "slack_app",
            "mattermost",
            "discord",
            "teams",
            "webhook",
            "pagerduty",
            "email");

    /**
     * Kinds that reach one person's contact method only (push to their phone, SMS to their number):
     * never offered as a channel of the organization.
     */
    static final List<String> PERSONAL = List.of("ntfy", "sms", "slack_dm");

    private final Map<String, Transport> byKind;
    private final Map<String, Transport> personal;

    @Autowired
    public Transports(List<Transport> beans) {
        this(ORDER, PERSONAL, beans);
    }

    /** The transports of {@code beans}, offered in {@code order}, which must name each of their kinds once. */
    public Transports(List<String> order, Collection<Transport> beans) {
        this(order, List.of(), beans);
    }

    /**
     * The transports of {@code beans}: those for channels offered in {@code order}, and those only
     * for contact methods in {@code personalOnly}; the two lists name each kind once.
     */
    public Transports(List<String> order, List<String> personalOnly, Collection<Transport> beans) {
        Map<String, Transport> byId = new LinkedHashMap<>();
        for (Transport transport : beans) {
            Transport other = byId.put(transport.kind().id(), transport);
            if (other != null) {
                throw new IllegalStateException("two transports for channel kind " + transport.kind().id() + ": "
                        + other.getClass().getName() + " and " + transport.getClass().getName());
            }
        }
        Map<String, Transport> personalOnes = new LinkedHashMap<>();
        for (String id : personalOnly) {
            Transport transport = byId.remove(id);
            if (transport == null) {
                throw new IllegalStateException("Transports.PERSONAL names " + id + " but no transport sends for that kind");
            }
            personalOnes.put(id, transport);
        }
        this.personal = personalOnes;
        TreeSet<String> unlisted = new TreeSet<>(byId.keySet());
        unlisted.removeAll(order);
        if (!unlisted.isEmpty()) {
            throw new IllegalStateException("channel kinds " + unlisted + " are not in Transports.ORDER; add each where the"
                    + " channels page should offer it");
        }
        List<String> missing = new ArrayList<>(order);
        missing.removeAll(byId.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Transports.ORDER names " + missing + " but no transport sends for that kind");
        }
        Map<String, Transport> ordered = new LinkedHashMap<>();
        order.forEach(id -> ordered.put(id, byId.get(id)));
        this.byKind = ordered;
    }

    /** The kinds of channel, in the order the channels page offers them. */
    public List<ChannelKind> kinds() {
        return byKind.values().stream().map(Transport::kind).toList();
    }

    /** The kind of this id, or a field error naming the kinds there are. */
    public ChannelKind kind(String field, String id) {
        Transport transport = id == null ? null : byKind.get(id.strip().toLowerCase(java.util.Locale.ROOT));
        if (transport == null) {
            throw new InvalidInputException(field, (id == null ? "is required" : "unknown kind '" + id + "'")
                    + "; use one of " + String.join(", ", byKind.keySet()));
        }
        return transport.kind();
    }

    /**
     * The kind of a contact method: a personal-only kind (ntfy, SMS) or a channel kind that also
     * reaches one person (email, webhook).
     */
    public ChannelKind personalKind(String id) {
        Transport transport = personal.containsKey(id) ? personal.get(id) : byKind.get(id);
        if (transport == null) {
            throw new IllegalArgumentException("no transport for contact method kind " + id);
        }
        return transport.kind();
    }

    public Transport forKind(ChannelKind kind) {
        Transport transport = personal.containsKey(kind.id()) ? personal.get(kind.id()) : byKind.get(kind.id());
        if (transport == null) {
            throw new IllegalArgumentException("no transport for channel kind " + kind.id());
        }
        return transport;
    }
}
