package io.bugmaster.notify;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Page;
import io.bugmaster.storage.Transactions;
import io.bugmaster.web.Links;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notification channels of an organization. Everyone in the organization may list them (settings
 * masked); creating, changing, deleting and testing need {@code org:write} (admins and owners).
 * Another organization's channel is "not found". The settings are encrypted before they reach the
 * store and decrypted only to send.
 */
@Service
public class ChannelService {
    private static final Logger log = LoggerFactory.getLogger(ChannelService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_NAME = 100;

    private final OrganizationService organizations;
    private final ChannelStore channels;
    private final DeliveryStore deliveries;
    private final NotificationQueueStore queue;
    private final Transports transports;
    private final OutboundHttp outbound;
    private final SecretBox box;
    private final Transactions tx;
    private final Clock clock;
    private final Links links;
    private final ObjectProvider<ChannelDeletionListener> deletionListeners;

    public ChannelService(OrganizationService organizations, ChannelStore channels, DeliveryStore deliveries, NotificationQueueStore queue,
            Transports transports, OutboundHttp outbound, SecretBox box, Transactions tx, Clock clock, Links links,
            ObjectProvider<ChannelDeletionListener> deletionListeners) {
        this.deletionListeners = deletionListeners;
        this.queue = queue;
        this.organizations = organizations;
        this.channels = channels;
        this.deliveries = deliveries;
        this.transports = transports;
        this.outbound = outbound;
        this.box = box;
        this.tx = tx;
        this.clock = clock;
        this.links = links;
    }

    /** What a client sends to create a channel. */
    public record NewChannel(String name, String kind, Map<String, Object> config) {}

    /** What a client sends to change one; null fields stay, config fields left out keep their values. */
    public record ChannelUpdate(String name, Boolean enabled, Map<String, Object> config) {}

    /** The answer of the test button: the recorded attempt and, on failure, whether retrying could help. */
    public record TestResult(Delivery delivery, String detail, Long retryAfterSeconds) {}

    public Page<Channel> list(Actor actor, String orgSlug, int offset, int limit) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_READ);
        List<Channel> page = new ArrayList<>();
        channels.list(access.org().id(), offset, limit + 1).forEach(row -> page.add(open(row)));
        return Page.of(page, offset, limit);
    }

    public Channel get(Actor actor, String orgSlug, String id) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_READ);
        return open(find(access, id));
    }

    public Page<Delivery> deliveries(Actor actor, String orgSlug, String id, int offset, int limit) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_READ);
        ChannelStore.Row row = find(access, id);
        return Page.of(deliveries.recent(row.id(), offset, limit + 1), offset, limit);
    }

    /** A channel as the channels page lists it: masked target, its latest attempt (null if none yet) and its {@link #warnings}. */
    public record ChannelSummary(Channel channel, String target, Delivery last, List<String> warnings) {}

    /** A channel's page: settings masked, its latest attempts, its queued notifications by state and its {@link #warnings}. */
    public record ChannelDetail(Channel channel, Map<String, String> masked, List<Delivery> recent, Map<String, Long> queued,
            List<String> warnings) {}

    /**
     * What keeps a channel from delivering that its own settings cannot fix, told when it is created
     * and with its health: an email channel on a server without SMTP settings. Such a channel is
     * still created (the admin may set SMTP up next), but it says so until then.
     */
    public List<String> warnings(Channel channel) {
        return transports.forKind(channel.kind()).warnings(channel);
    }

    private static final int MAX_OVERVIEW = 200;

    /** The organization's channels with their health, for the settings page. */
    public List<ChannelSummary> overview(Actor actor, String orgSlug) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_READ);
        List<Channel> list = channels.list(access.org().id(), 0, MAX_OVERVIEW).stream().map(this::open).toList();
        Map<Long, Delivery> latest = deliveries.latest(list.stream().map(Channel::id).toList());
        return list.stream().map(c -> new ChannelSummary(c, target(c), latest.get(c.id()), warnings(c))).toList();
    }

    public ChannelDetail detail(Actor actor, String orgSlug, String id, int recent) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_READ);
        Channel channel = open(find(access, id));
        return new ChannelDetail(channel, ChannelConfigs.masked(channel.kind(), channel.config()),
                deliveries.recent(channel.id(), 0, recent), queue.countByState(channel.id()), warnings(channel));
    }

    /** Where a channel sends, masked: its URL, addresses or routing key. */
    private static String target(Channel c) {
        Map<String, String> masked = ChannelConfigs.masked(c.kind(), c.config());
        String field = c.kind().fields().get(0);
        return masked.getOrDefault(field, "");
    }

    public Channel create(Actor actor, String orgSlug, NewChannel input) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_WRITE);
        String name = name(input.name());
        ChannelKind kind = transports.kind("kind", input.kind());
        Map<String, String> config = checkedConfig(kind, input.config(), Map.of());
        long orgId = access.org().id();
        long id = tx.write(() -> channels.insert(orgId, name, kind.id(), box.encrypt(JSON.writeValueAsString(config), context(orgId)),
                clock.instant())).orElseThrow(() -> new ConflictException("a notification channel named '" + name + "' already exists"));
        return open(channels.find(orgId, id).orElseThrow());
    }

    public Channel update(Actor actor, String orgSlug, String id, ChannelUpdate input) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_WRITE);
        ChannelStore.Row row = find(access, id);
        Channel current = open(row);
        Optional<String> unreadable = unreadable(row);
        if (unreadable.isPresent() && (input.config() == null || input.config().isEmpty())) {
            throw new InvalidInputException("config", unreadable.get() + "; send the channel's settings again to replace them");
        }
        String name = input.name() == null ? row.name() : name(input.name());
        Map<String, String> config = checkedConfig(current.kind(), input.config(), current.config());
        boolean enabled = input.enabled() == null ? row.enabled() : input.enabled();
        String reason = enabled ? null : (input.enabled() != null && !input.enabled() ? "disabled by " + actor.email() : row.disabledReason());
        long orgId = access.org().id();
        tx.write(() -> {
            if (channels.nameTaken(orgId, name, row.id())) {
                throw new ConflictException("a notification channel named '" + name + "' already exists");
            }
            channels.update(orgId, row.id(), name, box.encrypt(JSON.writeValueAsString(config), context(orgId)), enabled, reason);
        });
        return open(channels.find(orgId, row.id()).orElseThrow());
    }

    /** What deleting a channel would change (the alert rules that notify it), for its confirmation. */
    public List<ChannelDeletionListener.ChannelUse> uses(Actor actor, String orgSlug, String id) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_READ);
        ChannelStore.Row row = find(access, id);
        long orgId = access.org().id();
        return tx.read(() -> deletionListeners.orderedStream().flatMap(l -> l.usesOf(orgId, access.org().slug(), row.id()).stream()).toList());
    }

    /**
     * Deletes a channel and, in the same transaction, whatever uses it lets go of it (alert rules
     * drop their actions to it, and a rule left with none is turned off); answers what changed.
     */
    public List<ChannelDeletionListener.ChannelUse> delete(Actor actor, String orgSlug, String id) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_WRITE);
        ChannelStore.Row row = find(access, id);
        long orgId = access.org().id();
        return tx.write(() -> {
            List<ChannelDeletionListener.ChannelUse> changed = deletionListeners.orderedStream()
                    .flatMap(l -> l.channelDeleting(orgId, access.org().slug(), row.id(), row.name(), actor.email()).stream()).toList();
            channels.delete(orgId, row.id());
            return changed;
        });
    }

    /** Sends a test notification now, records the attempt, and reports how it went. */
    public TestResult test(Actor actor, String orgSlug, String id) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_WRITE);
        ChannelStore.Row row = find(access, id);
        Optional<String> unreadable = unreadable(row);
        if (unreadable.isPresent()) {
            throw new InvalidInputException("config", unreadable.get() + "; save the channel's settings again");
        }
        Channel channel = open(row);
        Notification notification = TestNotifications.of(access.org().slug(), channel,
                links.notificationChannel(access.org().slug(), channel.id()), actor.email(), clock.instant());
        Attempt attempt = deliver(channel, notification, 1);
        return new TestResult(attempt.delivery(), attempt.detail(),
                attempt.retryAfter() == null ? null : attempt.retryAfter().toSeconds());
    }

    /** How one attempt went: the recorded row, a message, and the receiver's Retry-After if any. */
    public record Attempt(Delivery delivery, String detail, java.time.Duration retryAfter) {}

    /**
     * Sends one notification to one channel once, and records the attempt in notification_deliveries.
     * For the delivery worker as much as for the test button; it never throws for a failed send.
     */
    public Attempt deliver(Channel channel, Notification notification, int attemptNumber) {
        return send(channel, channel.id(), null, null, notification, attemptNumber);
    }

    /** The kinds of channel there are, in the order the channels page offers them. */
    public List<ChannelKind> kinds() {
        return transports.kinds();
    }

    /** The kind of this id, or a field error naming the kinds there are. */
    public ChannelKind kind(String field, String id) {
        return transports.kind(field, id);
    }

    /** The kind of channel a notification to one person's address goes through. */
    static final String PERSONAL_EMAIL = "email";

    /**
     * Sends one notification to one person's email address once (over the server's SMTP settings),
     * and records the attempt with the address instead of a channel. Never throws for a failed send.
     */
    public Attempt deliverToEmail(long orgId, String address, Notification notification, int attemptNumber) {
        Channel personal = new Channel(0, orgId, "email to " + address, transports.kind("kind", PERSONAL_EMAIL), Map.of(ChannelConfigs.TO, address), true,
                null, clock.instant());
        return send(personal, null, address, null, notification, attemptNumber);
    }

    /**
     * Sends one notification to one of a person's contact methods once, through the transport of
     * its kind with its settings, and records the attempt with the contact method. Never throws for
     * a failed send.
     */
    public Attempt deliverToContactMethod(long orgId, long contactMethodId, ContactMethodDirectory.Target target,
            Notification notification, int attemptNumber) {
        Channel personal = new Channel(0, orgId, "contact method " + contactMethodId, transports.personalKind(target.kind()),
                target.config(), true, null, clock.instant());
        return send(personal, null, null, contactMethodId, notification, attemptNumber);
    }

    /**
     * Records that a notification to a channel is not sent, on purpose, with the reason people see
     * in the channel's deliveries; never counts against the channel.
     */
    public Attempt skip(Channel channel, Notification notification, int attemptNumber, String reason) {
        return record(channel.id(), null, null, notification, attemptNumber, DeliveryStatus.SKIPPED, null, reason, null, null);
    }

    private Attempt send(Channel channel, Long channelId, String email, Long contactMethodId, Notification notification,
            int attemptNumber) {
        Transport transport = transports.forKind(channel.kind());
        Optional<String> refused = transport.refusal(notification);
        if (refused.isPresent()) {
            return record(channelId, email, contactMethodId, notification, attemptNumber, DeliveryStatus.SKIPPED, null, refused.get(),
                    null, null);
        }
        DeliveryStatus status;
        Integer httpStatus;
        String detail;
        String messageRef = null;
        java.time.Duration retryAfter = null;
        try {
            Delivered delivered = transport.send(channel, notification);
            status = DeliveryStatus.DELIVERED;
            httpStatus = delivered.httpStatus();
            detail = delivered.detail();
            messageRef = delivered.messageRef();
        } catch (DeliveryException e) {
            status = e.permanent() ? DeliveryStatus.FAILED_PERMANENT : DeliveryStatus.FAILED_TEMPORARY;
            httpStatus = e.httpStatus();
            detail = e.getMessage();
            retryAfter = e.retryAfter();
        } catch (RuntimeException e) {
            log.warn("Notification {} to {} failed unexpectedly", notification.idempotencyKey(),
                    channelId != null ? "channel " + channelId : email != null ? "an email address" : "contact method " + contactMethodId, e);
            status = DeliveryStatus.FAILED_TEMPORARY;
            httpStatus = null;
            detail = "unexpected error: " + e.getClass().getSimpleName();
        }
        return record(channelId, email, contactMethodId, notification, attemptNumber, status, httpStatus, detail, messageRef, retryAfter);
    }

    private Attempt record(Long channelId, String email, Long contactMethodId, Notification notification, int attemptNumber,
            DeliveryStatus status,
            Integer httpStatus, String detail, String messageRef, java.time.Duration retryAfter) {
        String error = status == DeliveryStatus.DELIVERED ? null : detail;
        var now = clock.instant();
        long rowId = tx.write(() -> deliveries.insert(channelId, email, contactMethodId, notification.idempotencyKey(), attemptNumber, status,
                httpStatus, error, messageRef, now));
        return new Attempt(new Delivery(rowId, channelId == null ? 0 : channelId, notification.idempotencyKey(), attemptNumber,
                status, httpStatus, error, messageRef, now), detail, retryAfter);
    }

    /** A channel by id with its settings decrypted, for the delivery worker (no caller to check). */
    public Optional<Channel> channel(long id) {
        return channels.findById(id).map(this::open);
    }

    /** Turns a channel off with a reason people see, e.g. after repeated permanent failures. */
    public void disable(long channelId, String reason) {
        tx.write(() -> channels.disable(channelId, reason));
    }

    private ChannelStore.Row find(OrgAccess access, String id) {
        long channelId;
        try {
            channelId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("notification channel '" + id + "' not found");
        }
        return channels.find(access.org().id(), channelId)
                .orElseThrow(() -> new NotFoundException("notification channel '" + id + "' not found"));
    }

    private Map<String, String> checkedConfig(ChannelKind kind, Map<String, Object> input, Map<String, String> previous) {
        Map<String, String> config = ChannelConfigs.validate(kind, input, previous, outbound.policy());
        String url = config.get(ChannelConfigs.URL);
        if (url != null && !url.equals(previous.get(ChannelConfigs.URL))) {
            outbound.refusal(URI.create(url)).ifPresent(why -> {
                throw new InvalidInputException("config.url", why);
            });
        }
        return config;
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "is required");
        }
        String stripped = name.strip();
        if (stripped.length() > MAX_NAME) {
            throw new InvalidInputException("name", "must be at most " + MAX_NAME + " characters");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("name", "must not contain control characters");
        }
        return stripped;
    }

    private static String context(long orgId) {
        return "notification_channels:" + orgId;
    }

    private Optional<String> unreadable(ChannelStore.Row row) {
        try {
            box.decrypt(row.config(), context(row.orgId()));
            return Optional.empty();
        } catch (SecretBox.SecretBoxException e) {
            return Optional.of("the settings of channel " + row.id() + " cannot be read: " + e.getMessage());
        }
    }

    /** Decrypts a row; a row that cannot be decrypted shows as disabled with the reason, settings empty. */
    private Channel open(ChannelStore.Row row) {
        ChannelKind kind = transports.kind("kind", row.kind());
        try {
            Map<String, String> config = JSON.readValue(box.decrypt(row.config(), context(row.orgId())), new TypeReference<Map<String, String>>() {});
            return new Channel(row.id(), row.orgId(), row.name(), kind, config, row.enabled(), row.disabledReason(), row.createdAt());
        } catch (SecretBox.SecretBoxException e) {
            log.warn("Notification channel {} cannot be decrypted: {}", row.id(), e.getMessage());
            return new Channel(row.id(), row.orgId(), row.name(), kind, Map.of(), false, "settings cannot be decrypted: " + e.getMessage(),
                    row.createdAt());
        }
    }
}
