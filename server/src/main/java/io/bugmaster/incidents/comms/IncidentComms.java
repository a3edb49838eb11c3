package io.bugmaster.incidents.comms;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.Validation;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Page;
import io.bugmaster.common.Subject;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentLog;
import io.bugmaster.incidents.IncidentPriorities;
import io.bugmaster.incidents.IncidentStage;
import io.bugmaster.incidents.IncidentStages;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.Priority;
import io.bugmaster.incidents.Services;
import io.bugmaster.notify.Channel;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.notify.NotificationQueue;
import io.bugmaster.notify.Recipient;
import io.bugmaster.signals.NewSignal;
import io.bugmaster.signals.Signals;
import io.bugmaster.storage.Transactions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriUtils;

/**
 * Incident communication: the organization's situation room and its two channels (stakeholders,
 * engineers) with per-service overrides; status updates, posted to the incident, its stakeholder
 * channel and its subscribers by email; subscribers. Reading needs {@code event:read}, posting an
 * update {@code event:write} (every member), changing the settings {@code org:write}. Another
 * organization's incidents, services and channels are "not found" or refused by id.
 */
@Service
public class IncidentComms {
    static final int MAX_MESSAGE = 2000;
    static final int MAX_URL = 2000;
    static final int MAX_SUBSCRIBERS = 500;
    static final int MAX_SERVICES = 500;
    /** Updates listed with an incident, newest first. */
    static final int UPDATES_SHOWN = 200;

    private final OrganizationService organizations;
    private final Incidents incidents;
    private final Services services;
    private final IncidentStages stages;
    private final IncidentPriorities priorities;
    private final IncidentLog log;
    private final ChannelService channels;
    private final NotificationQueue queue;
    private final Signals signals;
    private final Directory directory;
    private final CommsStore store;
    private final Transactions tx;
    private final Clock clock;
    private final String baseUrl;

    IncidentComms(OrganizationService organizations, Incidents incidents, Services services, IncidentStages stages,
            IncidentPriorities priorities, IncidentLog log, ChannelService channels, NotificationQueue queue, Signals signals,
            Directory directory, CommsStore store, Transactions tx, Clock clock, BugmasterProperties props) {
        this.organizations = organizations;
        this.incidents = incidents;
        this.services = services;
        this.stages = stages;
        this.priorities = priorities;
        this.log = log;
        this.channels = channels;
        this.queue = queue;
        this.signals = signals;
        this.directory = directory;
        this.store = store;
        this.tx = tx;
        this.clock = clock;
        this.baseUrl = props.baseUrlTrimmed();
    }

    // ---- settings

    public IncidentSettings settings(Actor actor, String orgSlug) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_READ);
        return settings(access.org().id());
    }

    /** Whether the caller may change the settings (the page shows its form read-only otherwise). */
    public boolean canManage(Actor actor, String orgSlug) {
        return organizations.access(actor, orgSlug).require(Scopes.ORG_READ).has(Scopes.ORG_WRITE);
    }

    IncidentSettings settings(long orgId) {
        CommsStore.OrgRow row = store.orgSettings(orgId);
        return new IncidentSettings(row.situationRoomUrl(), row.stakeholderChannelId(), row.techChannelId(), store.serviceChannelsOf(orgId));
    }

    /** Changes the settings (see {@link IncidentSettings.Update}); every id must be the organization's. */
    public IncidentSettings saveSettings(Actor actor, String orgSlug, IncidentSettings.Update update) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_WRITE);
        long orgId = access.org().id();
        CommsStore.OrgRow current = store.orgSettings(orgId);
        String room = update.setSituationRoom() ? situationRoom(update.situationRoomUrl()) : current.situationRoomUrl();
        Long stakeholder = update.setStakeholder() ? channelId(orgId, "stakeholder_channel_id", update.stakeholderChannelId())
                : current.stakeholderChannelId();
        Long tech = update.setTech() ? channelId(orgId, "tech_channel_id", update.techChannelId()) : current.techChannelId();
        List<ServiceChannels> perService = null;
        if (update.services() != null) {
            if (update.services().size() > MAX_SERVICES) {
                throw new InvalidInputException("services", "at most " + MAX_SERVICES + " services");
            }
            perService = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (int k = 0; k < update.services().size(); k++) {
                IncidentSettings.ServiceInput in = update.services().get(k);
                String field = "services[" + k + "]";
                if (in == null) {
                    throw new InvalidInputException(field, "is an object with service_id, stakeholder_channel_id and tech_channel_id");
                }
                long serviceId = serviceId(orgId, field + ".service_id", in.serviceId());
                if (!seen.add(serviceId)) {
                    throw new InvalidInputException(field + ".service_id", "service " + serviceId + " is listed twice");
                }
                perService.add(new ServiceChannels(serviceId, channelId(orgId, field + ".stakeholder_channel_id", in.stakeholderChannelId()),
                        channelId(orgId, field + ".tech_channel_id", in.techChannelId())));
            }
        }
        List<ServiceChannels> replacing = perService;
        tx.write(() -> {
            store.saveOrgSettings(orgId, new CommsStore.OrgRow(room, stakeholder, tech));
            if (replacing != null) {
                store.deleteServiceChannelsOf(orgId);
                replacing.forEach(store::saveServiceChannels);
            }
        });
        return settings(orgId);
    }

    /** A situation room link: http or https with a host, no spaces, at most 2,000 characters; blank clears it. */
    static String situationRoom(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String url = value.strip();
        String field = "situation_room_url";
        if (url.length() > MAX_URL) {
            throw new InvalidInputException(field, "must be at most " + MAX_URL + " characters");
        }
        if (url.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidInputException(field, "must not contain spaces or control characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidInputException(field, "is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidInputException(field, "must start with https:// or http:// (a video call link such as https://meet.example.com/incidents)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidInputException(field, "must name a host, as in https://meet.example.com/incidents");
        }
        return url;
    }

    private Long channelId(long orgId, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        long id;
        try {
            id = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "a notification channel id is a number, got '" + value + "'");
        }
        if (channels.channel(id).filter(c -> c.orgId() == orgId).isEmpty()) {
            throw new InvalidInputException(field, "no notification channel with id " + id + " in this organization");
        }
        return id;
    }

    private long serviceId(long orgId, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        long id;
        try {
            id = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "a service id is a number, got '" + value + "'");
        }
        if (services.service(orgId, id).isEmpty()) {
            throw new InvalidInputException(field, "no service with id " + id + " in this organization");
        }
        return id;
    }

    /** The stakeholder channel of the incident: its service's own, else the organization's; empty when none is set. */
    Optional<Channel> stakeholderChannel(Incident i) {
        return channelOf(i, true);
    }

    Optional<Channel> techChannel(Incident i) {
        return channelOf(i, false);
    }

    private Optional<Channel> channelOf(Incident i, boolean stakeholder) {
        Long id = store.serviceChannels(i.serviceId())
                .map(s -> stakeholder ? s.stakeholderChannelId() : s.techChannelId()).orElse(null);
        if (id == null) {
            CommsStore.OrgRow org = store.orgSettings(i.orgId());
            id = stakeholder ? org.stakeholderChannelId() : org.techChannelId();
        }
        return id == null ? Optional.empty() : channels.channel(id).filter(c -> c.orgId() == i.orgId());
    }

    // ---- status updates

    /** A status update and where it went: the channel (null when none is set) and how many subscribers were emailed. */
    public record Posted(StatusUpdate update, Incident incident, Channel channel, int emailed) {}

    /**
     * Posts a status update: in the incident's stage, or in {@code stage} after moving the incident
     * there (its stage path: "resolved" resolves it; a resolved incident does not go back). It is
     * logged, sent to the stakeholder channel and emailed to the subscribers.
     */
    public Posted post(Actor actor, String orgSlug, String number, String message, String stage) {
        Incidents.Found found = incidents.require(actor, orgSlug, number, Scopes.EVENT_WRITE);
        String text = message(message);
        IncidentStage wanted = stage == null || stage.isBlank() ? null
                : IncidentStage.parse(stage.strip().toLowerCase(Locale.ROOT)).orElseThrow(() -> new InvalidInputException("stage",
                        "unknown stage '" + stage + "'; use investigating, identified, monitoring or resolved"));
        long incidentId = found.incident().id();
        String by = actor.email();
        return tx.write(() -> {
            Instant now = clock.instant();
            if (wanted != null) {
                stages.enter(incidentId, wanted, actor.userId(), by, "status update", now);
            }
            Incident i = incidents.byId(incidentId).orElseThrow();
            long id = store.insertUpdate(i.id(), now, i.stage().id(), text, actor.userId());
            StatusUpdate update = new StatusUpdate(id, i.id(), now, i.stage().id(), text, actor.userId());
            String said = "Status update (" + i.stage().id() + ") by " + by + ": " + oneLine(text, 300);
            log.append(i.id(), now, "status_update", actor.userId(), by, "status update", said);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("number", i.number());
            body.put("update_id", id);
            body.put("stage", i.stage().id());
            body.put("by", by);
            body.put("said", said);
            signals.raise(new NewSignal(i.orgId(), Subject.of("incident", i.id()), "incident.status_update", body), now);
            store.quietSince(i.id(), now);
            CommsMessages.Facts facts = facts(i, found.access().org().slug());
            Optional<Channel> channel = stakeholderChannel(i);
            channel.ifPresent(c -> queue.enqueue(i.orgId(), Recipient.channel(c.id()),
                    CommsMessages.statusUpdate(i.subject() + ":status-update:" + id + ":c" + c.id(), facts, update, by, now)));
            List<Subscriber> subscribers = store.subscribers(i.id(), 0, MAX_SUBSCRIBERS);
            for (Subscriber s : subscribers) {
                Recipient to = Recipient.email(s.email());
                queue.enqueue(i.orgId(), to, CommsMessages.statusUpdate(i.subject() + ":status-update:" + id + ":" + to.key(), facts, update, by,
                        now));
            }
            return new Posted(update, i, channel.orElse(null), subscribers.size());
        });
    }

    /** A page of the incident's status updates, newest first, with the incident's number. */
    public record Updates(long number, Page<StatusUpdate> page) {}

    public Updates updates(Actor actor, String orgSlug, String number, int offset, int limit) {
        Incidents.Found found = incidents.require(actor, orgSlug, number, Scopes.EVENT_READ);
        return new Updates(found.incident().number(), Page.of(store.updates(found.incident().id(), offset, limit + 1), offset, limit));
    }

    static String message(String message) {
        if (message == null || message.isBlank()) {
            throw new InvalidInputException("message", "is required: what is known, what is being done, when the next update comes");
        }
        String text = message.strip().replace("\r\n", "\n");
        if (text.length() > MAX_MESSAGE) {
            throw new InvalidInputException("message", "must be at most " + MAX_MESSAGE + " characters (it has " + text.length() + ")");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new InvalidInputException("message", "must not contain control characters");
        }
        return text;
    }

    // ---- subscribers

    /** A page of the incident's subscribers, oldest first. */
    public Page<Subscriber> subscribers(Actor actor, String orgSlug, String number, int offset, int limit) {
        Incidents.Found found = incidents.require(actor, orgSlug, number, Scopes.EVENT_READ);
        return Page.of(store.subscribers(found.incident().id(), offset, limit + 1), offset, limit);
    }

    /**
     * Subscribes a member to the incident's status updates by email: the caller when {@code email}
     * is blank (anyone who may read the incident), another member by address with {@code event:write}.
     * Answers the subscriber and whether it is new.
     */
    public record Subscribed(Subscriber subscriber, boolean added) {}

    public Subscribed subscribe(Actor actor, String orgSlug, String number, String email) {
        Incidents.Found found = incidents.require(actor, orgSlug, number, Scopes.EVENT_READ);
        String address = address(actor, found, email);
        long orgId = found.access().org().id();
        // an organization's incidents are told only to its members (delivery checks it again when it sends)
        long userId = directory.joinedMemberByEmail(orgId, address).map(Directory.Person::id).orElseThrow(() -> new InvalidInputException(
                "email", "no member of this organization has the address " + address + "; invite them first"));
        long incidentId = found.incident().id();
        return tx.write(() -> {
            if (store.subscriberCount(incidentId) >= MAX_SUBSCRIBERS) {
                throw new InvalidInputException("email", "an incident has at most " + MAX_SUBSCRIBERS + " subscribers");
            }
            Instant now = clock.instant();
            boolean added = store.subscribe(incidentId, address, userId, now);
            Subscriber s = store.subscribers(incidentId, 0, MAX_SUBSCRIBERS).stream().filter(x -> x.email().equals(address)).findFirst()
                    .orElseThrow();
            return new Subscribed(s, added);
        });
    }

    /** Unsubscribes the caller (blank {@code email}) or, with {@code event:write}, another address; "not found" when it was not subscribed. */
    public void unsubscribe(Actor actor, String orgSlug, String number, String email) {
        Incidents.Found found = incidents.require(actor, orgSlug, number, Scopes.EVENT_READ);
        String address = address(actor, found, email);
        if (!tx.write(() -> store.unsubscribe(found.incident().id(), address))) {
            throw new NotFoundException(address + " is not subscribed to incident #" + found.incident().number());
        }
    }

    private static String address(Actor actor, Incidents.Found found, String email) {
        String own = actor.email().toLowerCase(Locale.ROOT);
        if (email == null || email.isBlank()) {
            return own;
        }
        String address = Validation.email("email", email.strip()).toLowerCase(Locale.ROOT);
        if (!address.equals(own)) {
            found.access().require(Scopes.EVENT_WRITE);
        }
        return address;
    }

    // ---- the incident page's panel

    /** A status update as the page lists it: who posted it in words. */
    public record UpdateRow(StatusUpdate update, String by) {}

    /** Where messages go, in words: {@code #incidents via Slack}, and why nothing is sent there if so. */
    public record Target(String channel, String kind, String problem) {}

    /**
     * What the incident page's communication panel shows: the situation room, where updates and
     * notes go (null when no channel is set), the updates newest first, the subscribers and whether
     * the viewer is one, what the viewer may do, and when the next update reminder is due (null: none).
     */
    public record Panel(String orgSlug, String situationRoomUrl, Target stakeholders, Target engineers, List<UpdateRow> updates, List<Subscriber> subscribers,
            boolean subscribed, boolean canPost, boolean canManage, String stage, List<String> stages, Instant reminderAt,
            String reminderIn, Integer reminderMinutes, String priority) {}

    public Panel panel(Actor actor, Incident i) {
        String slug = directory.orgSlug(i.orgId()).orElseThrow();
        OrgAccess access = organizations.access(actor, slug).require(Scopes.EVENT_READ);
        List<StatusUpdate> updates = store.updates(i.id(), 0, UPDATES_SHOWN);
        Map<Long, Directory.Person> people = directory.joinedMembers(i.orgId(),
                updates.stream().map(StatusUpdate::postedBy).filter(java.util.Objects::nonNull).distinct().toList());
        List<UpdateRow> rows = updates.stream().map(u -> new UpdateRow(u, u.postedBy() == null || !people.containsKey(u.postedBy())
                ? "a former member" : people.get(u.postedBy()).email())).toList();
        List<Subscriber> subscribers = store.subscribers(i.id(), 0, MAX_SUBSCRIBERS);
        String own = actor.email().toLowerCase(Locale.ROOT);
        Integer minutes = i.priority() == null ? null
                : priorities.find(i.orgId(), i.priority()).map(Priority::updateReminderMinutes).orElse(null);
        Instant reminderAt = null;
        if (minutes != null && i.stage() != IncidentStage.RESOLVED) {
            CommsStore.ReminderState state = store.reminderState(i.id()).orElse(new CommsStore.ReminderState(i.createdAt(), null));
            reminderAt = UpdateReminders.nextAt(state.quietSince(), state.remindedAt(), minutes).orElse(null);
        }
        return new Panel(slug, store.orgSettings(i.orgId()).situationRoomUrl(), target(stakeholderChannel(i)), target(techChannel(i)), rows,
                subscribers, subscribers.stream().anyMatch(s -> s.email().equals(own)), access.has(Scopes.EVENT_WRITE),
                access.has(Scopes.ORG_WRITE), i.stage().id(), java.util.Arrays.stream(IncidentStage.values()).map(IncidentStage::id).toList(),
                reminderAt, reminderAt == null ? null : UpdateReminders.dueIn(reminderAt, clock.instant()), minutes, facts(i, slug).priority());
    }

    private static Target target(Optional<Channel> channel) {
        return channel.map(c -> new Target(c.name(), c.kind().title(), c.enabled() ? null
                : "it is turned off" + (c.disabledReason() == null ? "" : " (" + c.disabledReason() + ")"))).orElse(null);
    }

    // ---- what the messages and the page say about an incident

    CommsMessages.Facts facts(Incident i, String orgSlug) {
        String priority = i.priority() == null ? null
                : priorities.find(i.orgId(), i.priority()).map(Priority::label).orElse("P" + i.priority());
        List<String> names = new ArrayList<>();
        for (long serviceId : incidents.impactedServiceIds(i.id())) {
            services.service(i.orgId(), serviceId).ifPresent(s -> names.add(s.name()));
        }
        return new CommsMessages.Facts(i.id(), i.number(), i.title(), priority, i.stage().id(), names, orgSlug, incidentUrl(orgSlug, i.number()),
                store.orgSettings(i.orgId()).situationRoomUrl());
    }

    String incidentUrl(String orgSlug, long number) {
        return baseUrl + "/orgs/" + UriUtils.encodePathSegment(orgSlug, StandardCharsets.UTF_8) + "/incidents/" + number;
    }

    static String oneLine(String s, int max) {
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
