package io.bugmaster.oncall.people;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.notify.ChannelConfigs;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.notify.ContactMethodDirectory;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.OutboundHttp;
import io.bugmaster.notify.SecretBox;
import io.bugmaster.notify.ntfy.NtfyTransport;
import io.bugmaster.notify.sms.SmsProvider;
import io.bugmaster.notify.sms.SmsProviders;
import io.bugmaster.notify.sms.SmsTransport;
import io.bugmaster.notify.webhook.WebhookTransport;
import io.bugmaster.oncall.Urgency;
import io.bugmaster.storage.Transactions;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * People's contact methods and notification rules: each person manages their own (through
 * {@code /users/me}); nobody sees another's. A person who has none yet gets their account email as
 * a contact method, paged at once for both urgencies, the first time they are looked at. Settings
 * are encrypted before they are stored. Delivery asks here how to reach a method
 * ({@link ContactMethodDirectory}) and tells how it went.
 */
@Service
public class ContactMethods implements ContactMethodDirectory {
    /** What a Slack direct message shows as its address: the Slack account is the one linked in each organization. */
    static final String SLACK_DM_ADDRESS = "your linked Slack account";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_NAME = 100;
    private static final int MAX_TOKEN = 200;
    private static final int MAX_METHODS = 20;
    private static final int MAX_RULES = 50;

    private final PeopleStore store;
    private final Directory directory;
    private final OrganizationService organizations;
    private final ChannelService channels;
    private final SmsProviders smsProviders;
    private final OutboundHttp outbound;
    private final SecretBox box;
    private final Transactions tx;
    private final Clock clock;

    public ContactMethods(PeopleStore store, Directory directory, OrganizationService organizations, ChannelService channels,
            SmsProviders smsProviders, OutboundHttp outbound, SecretBox box, Transactions tx, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.organizations = organizations;
        this.channels = channels;
        this.smsProviders = smsProviders;
        this.outbound = outbound;
        this.box = box;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * What a person sends to add or change a method. {@code address} is the email address, the
     * phone number (E.164), the ntfy topic URL ({@code https://ntfy.sh/my-secret-topic}) or the
     * webhook URL; {@code token} is the ntfy access token (blank keeps the stored one). Null fields
     * of a change keep their value.
     */
    public record Input(String kind, String name, String address, String token, Boolean enabled) {}

    /** A rule as a person sends it. */
    public record RuleInput(String urgency, Long contactMethodId, Integer delayMinutes) {}

    /** The rules a person's pages follow, and whether they are the default (none of their own). */
    public record Rules(List<NotificationRule> rules, boolean isDefault) {}

    /** How a test went: delivered or not, and what the receiver or the failure said. */
    public record TestResult(boolean delivered, String status, String detail) {}

    public List<ContactMethod> list(Actor actor) {
        requireScope(actor, Scopes.ORG_READ);
        ensureDefault(actor.userId());
        return tx.read(() -> store.methods(actor.userId())).stream().map(this::open).toList();
    }

    public ContactMethod get(Actor actor, String id) {
        requireScope(actor, Scopes.ORG_READ);
        return open(own(actor, id));
    }

    public ContactMethod create(Actor actor, Input input) {
        requireScope(actor, Scopes.ALERTS_WRITE);
        if (input == null) {
            throw new InvalidInputException(null, "send the contact method");
        }
        ContactMethod.Kind kind = ContactMethod.Kind.parse(input.kind());
        if (kind == null) {
            throw new InvalidInputException("type", (input.kind() == null ? "is required" : "unknown type '" + input.kind() + "'")
                    + "; use one of email, ntfy, sms, webhook, slack_dm");
        }
        long userId = actor.userId();
        Checked checked = kind == ContactMethod.Kind.SLACK_DM ? slackDm(userId) : check(kind, input.address(), input.token(), Map.of());
        String name = name(input.name(), kind == ContactMethod.Kind.SLACK_DM ? kind.title() : kind.title() + " " + checked.address());
        long id = tx.write(() -> {
            if (store.countMethods(userId) >= MAX_METHODS) {
                throw new ConflictException("a person has at most " + MAX_METHODS + " contact methods");
            }
            return store.insertMethod(userId, kind.id(), name, checked.address(), encrypt(userId, checked.config()), clock.instant());
        });
        return open(tx.read(() -> store.method(id)).orElseThrow());
    }

    public ContactMethod update(Actor actor, String id, Input input) {
        requireScope(actor, Scopes.ALERTS_WRITE);
        if (input == null) {
            throw new InvalidInputException(null, "send the changes");
        }
        ContactMethod current = open(own(actor, id));
        if (input.kind() != null && ContactMethod.Kind.parse(input.kind()) != current.kind()) {
            throw new InvalidInputException("type", "cannot change; add a new contact method instead");
        }
        boolean slack = current.kind() == ContactMethod.Kind.SLACK_DM;
        boolean newAddress = !slack && input.address() != null && !input.address().isBlank();
        boolean newToken = !slack && input.token() != null && !input.token().isBlank();
        Checked checked = newAddress || newToken
                ? check(current.kind(), newAddress ? input.address() : rawAddress(current), input.token(), current.config())
                : new Checked(current.address(), current.config());
        String name = input.name() == null ? current.name() : name(input.name(), current.name());
        boolean enabled = input.enabled() == null ? current.enabled() : input.enabled();
        tx.write(() -> store.updateMethod(current.id(), name, checked.address(), encrypt(current.userId(), checked.config()), enabled,
                newAddress || newToken || (enabled && !current.enabled())));
        return open(tx.read(() -> store.method(current.id())).orElseThrow());
    }

    /** Deletes a method and the rules that use it. */
    public void delete(Actor actor, String id) {
        requireScope(actor, Scopes.ALERTS_WRITE);
        PeopleStore.MethodRow row = own(actor, id);
        tx.write(() -> store.deleteMethod(actor.userId(), row.id()));
    }

    /**
     * Sends a test notification to the method now and says how it went. An SMS goes through the SMS
     * provider of the organization given ({@code orgSlug}), or of the first of the person's
     * organizations that has one.
     */
    public TestResult test(Actor actor, String id, String orgSlug) {
        requireScope(actor, Scopes.ALERTS_WRITE);
        ContactMethod method = open(own(actor, id));
        long orgId = testOrganization(actor, method, orgSlug);
        Instant now = clock.instant();
        Notification test = Notification.of("test:m" + method.id() + ":" + now.toEpochMilli(), Notification.Kind.TEST,
                "contact-method:" + method.id(), "contact_method.test", null, "Test notification from Bugmaster")
                .withReason("You asked for a test of your contact method “" + method.name() + "”", null, now);
        ChannelService.Attempt attempt = channels.deliverToContactMethod(orgId, method.id(), target(method), test, 1);
        switch (attempt.delivery().status()) {
            case DELIVERED -> delivered(method.id());
            case FAILED_PERMANENT -> failed(method.id(), attempt.detail());
            default -> {
                // a temporary failure may pass; a skip says nothing about the method
            }
        }
        return new TestResult(attempt.delivery().status() == io.bugmaster.notify.DeliveryStatus.DELIVERED,
                attempt.delivery().status().id(), attempt.detail());
    }

    private long testOrganization(Actor actor, ContactMethod method, String orgSlug) {
        if (orgSlug != null && !orgSlug.isBlank()) {
            return organizations.access(actor, orgSlug).org().id();
        }
        List<Organization> orgs = organizations.list(actor, 0, 100).items();
        if (orgs.isEmpty()) {
            throw new InvalidInputException("organization", "you belong to no organization to send a test from");
        }
        if (method.kind() == ContactMethod.Kind.SMS) {
            for (Organization org : orgs) {
                if (smsProviders.provider(org.id()).isPresent()) {
                    return org.id();
                }
            }
        }
        return orgs.get(0).id();
    }

    public Rules rules(Actor actor) {
        requireScope(actor, Scopes.ORG_READ);
        ensureDefault(actor.userId());
        return tx.read(() -> rulesOf(actor.userId()));
    }

    public NotificationRule createRule(Actor actor, RuleInput input) {
        requireScope(actor, Scopes.ALERTS_WRITE);
        CheckedRule rule = checkRule(actor, input, null);
        long userId = actor.userId();
        long id = tx.write(() -> {
            if (store.rules(userId).size() >= MAX_RULES) {
                throw new ConflictException("a person has at most " + MAX_RULES + " notification rules");
            }
            return store.insertRule(userId, rule.urgency(), rule.methodId(), rule.delay(), clock.instant())
                    .orElseThrow(() -> new ConflictException("the same rule exists already"));
        });
        return tx.read(() -> store.rule(userId, id)).orElseThrow();
    }

    public NotificationRule updateRule(Actor actor, String id, RuleInput input) {
        requireScope(actor, Scopes.ALERTS_WRITE);
        NotificationRule current = ownRule(actor, id);
        CheckedRule rule = checkRule(actor, input, current);
        try {
            tx.write(() -> store.updateRule(actor.userId(), current.id(), rule.urgency(), rule.methodId(), rule.delay()));
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new ConflictException("the same rule exists already");
        }
        return tx.read(() -> store.rule(actor.userId(), current.id())).orElseThrow();
    }

    public void deleteRule(Actor actor, String id) {
        requireScope(actor, Scopes.ALERTS_WRITE);
        NotificationRule rule = ownRule(actor, id);
        tx.write(() -> store.deleteRule(actor.userId(), rule.id()));
    }

    /**
     * Whether a page can reach the person as far as Bugmaster knows: false when they have no
     * contact method, or every one is turned off or failed the last time. Someone never looked at
     * has their account email (the default), which counts.
     */
    public boolean hasWorkingContactMethod(long userId) {
        List<PeopleStore.MethodRow> rows = tx.read(() -> store.methods(userId));
        if (rows.isEmpty()) {
            return !directory.people(List.of(userId)).isEmpty();
        }
        return rows.stream().anyMatch(r -> r.enabled() && r.lastError() == null);
    }

    /** The rules a page of this urgency follows for the person, with the methods they name (the default made first if needed). */
    public List<NotificationRule> plan(long userId, Urgency urgency) {
        ensureDefault(userId);
        return tx.read(() -> {
            List<ContactMethod> methods = store.methods(userId).stream().map(this::open).toList();
            return NotificationRule.effective(userId, urgency, store.rules(userId), methods).stream()
                    .filter(r -> methods.stream().anyMatch(m -> m.id() == r.contactMethodId() && m.enabled())).toList();
        });
    }

    /** The people whose SMS contact method has this number (E.164), oldest method first. */
    public List<Long> usersBySmsNumber(String phone) {
        return tx.read(() -> store.smsMethods(phone)).stream().map(PeopleStore.MethodRow::userId).distinct().toList();
    }

    /** A contact method as others may see it (an incident's timeline): its owner, kind and name, no address or settings. */
    public record Shown(long id, long userId, ContactMethod.Kind kind, String name) {}

    /** The contact methods with these ids that still exist; no caller checks. */
    public Map<Long, Shown> shown(java.util.Collection<Long> ids) {
        return tx.read(() -> {
            Map<Long, Shown> out = new java.util.HashMap<>();
            for (long id : new java.util.HashSet<>(ids)) {
                store.method(id).ifPresent(r -> out.put(id, new Shown(r.id(), r.userId(), ContactMethod.Kind.parse(r.kind()), r.name())));
            }
            return out;
        });
    }

    @Override
    public Optional<Target> find(long contactMethodId) {
        return tx.read(() -> store.method(contactMethodId)).map(this::open).map(ContactMethods::target);
    }

    @Override
    public void delivered(long contactMethodId) {
        tx.write(() -> store.markDelivered(contactMethodId));
    }

    @Override
    public void failed(long contactMethodId, String reason) {
        tx.write(() -> store.markFailed(contactMethodId, reason == null ? "failed" : reason, clock.instant()));
    }

    private static Target target(ContactMethod m) {
        return new Target(m.userId(), m.kind().id(), m.config(), m.enabled());
    }

    /** A person with no contact method gets their account email, at once for both urgencies (the default rules). */
    private void ensureDefault(long userId) {
        if (tx.read(() -> store.countMethods(userId)) > 0) {
            return;
        }
        Optional<String> email = directory.people(List.of(userId)).values().stream().map(Directory.Person::email).findFirst();
        email.ifPresent(address -> tx.write(() -> {
            if (store.countMethods(userId) == 0) {
                store.insertMethod(userId, ContactMethod.Kind.EMAIL.id(), "Account email", address,
                        encrypt(userId, Map.of(ChannelConfigs.TO, address)), clock.instant());
            }
        }));
    }

    private Rules rulesOf(long userId) {
        List<NotificationRule> own = store.rules(userId);
        if (!own.isEmpty()) {
            return new Rules(own, false);
        }
        List<ContactMethod> methods = store.methods(userId).stream().map(this::open).toList();
        List<NotificationRule> defaults = new java.util.ArrayList<>(NotificationRule.effective(userId, Urgency.HIGH, own, methods));
        defaults.addAll(NotificationRule.effective(userId, Urgency.LOW, own, methods));
        return new Rules(defaults, true);
    }

    private record Checked(String address, Map<String, String> config) {}

    private record CheckedRule(Urgency urgency, long methodId, int delay) {}

    private Checked check(ContactMethod.Kind kind, String address, String token, Map<String, String> previous) {
        if (address == null || address.isBlank()) {
            throw new InvalidInputException("address", switch (kind) {
                case EMAIL -> "is required: an email address";
                case SMS -> "is required: a phone number in E.164 form, such as +14155550100";
                case NTFY -> "is required: your ntfy topic URL, such as https://ntfy.sh/a-topic-only-you-know";
                case WEBHOOK -> "is required: the URL to POST to";
                case SLACK_DM -> "is not needed: the message goes to your linked Slack account";
            });
        }
        String value = address.strip();
        return switch (kind) {
            case EMAIL -> {
                if (!EMAIL.matcher(value).matches()) {
                    throw new InvalidInputException("address", "is not an email address");
                }
                yield new Checked(value, Map.of(ChannelConfigs.TO, value));
            }
            case SMS -> {
                String phone = value.replace(" ", "").replace("-", "");
                if (!SmsProvider.E164.matcher(phone).matches()) {
                    throw new InvalidInputException("address", "must be a phone number in E.164 form: + and the country code, such as"
                            + " +14155550100");
                }
                yield new Checked(phone, Map.of(SmsTransport.TO, phone));
            }
            case NTFY -> ntfy(value, token, previous);
            case WEBHOOK -> {
                Map<String, String> config = ChannelConfigs.validate(WebhookTransport.KIND, Map.of(ChannelConfigs.URL, value), previous,
                        outbound.policy());
                outbound.refusal(URI.create(config.get(ChannelConfigs.URL))).ifPresent(why -> {
                    throw new InvalidInputException("address", why);
                });
                yield new Checked(ChannelConfigs.maskUrl(config.get(ChannelConfigs.URL)), config);
            }
            case SLACK_DM -> throw new IllegalStateException("a Slack direct message has no address to check");
        };
    }

    /**
     * A Slack direct message needs no address: it goes to whichever Slack account is linked to the
     * person in the organization of the page ({@code user_id}, read by the slack_dm transport).
     */
    private static Checked slackDm(long userId) {
        return new Checked(SLACK_DM_ADDRESS, Map.of("user_id", Long.toString(userId)));
    }

    /** {@code https://ntfy.example.com/topic}: the server is all before the last path segment, the topic that segment. */
    private Checked ntfy(String topicUrl, String token, Map<String, String> previous) {
        URI uri;
        try {
            uri = URI.create(topicUrl);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("address", "is not a valid URL");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int slash = path.lastIndexOf('/');
        String topic = slash < 0 ? "" : path.substring(slash + 1);
        if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http")) || uri.getHost() == null
                || !TOPIC.matcher(topic).matches() || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new InvalidInputException("address", "must be your topic's URL, such as https://ntfy.sh/a-topic-only-you-know"
                    + " (the topic: letters, digits, - and _)");
        }
        String server = topicUrl.substring(0, topicUrl.length() - topic.length() - 1);
        outbound.policy().refuseUrl(uri).ifPresent(why -> {
            throw new InvalidInputException("address", why);
        });
        outbound.refusal(uri).ifPresent(why -> {
            throw new InvalidInputException("address", why);
        });
        Map<String, String> config = new LinkedHashMap<>();
        config.put(NtfyTransport.SERVER, server);
        config.put(NtfyTransport.TOPIC, topic);
        String newToken = token == null || token.isBlank() ? previous.get(NtfyTransport.TOKEN) : token.strip();
        if (newToken != null) {
            if (newToken.length() > MAX_TOKEN || newToken.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
                throw new InvalidInputException("token", "must be at most " + MAX_TOKEN + " printable ASCII characters (tk_...)");
            }
            config.put(NtfyTransport.TOKEN, newToken);
        }
        return new Checked(server + "/" + topic, config);
    }

    /** The address a change starts from when only the token changes. */
    private static String rawAddress(ContactMethod m) {
        return switch (m.kind()) {
            case WEBHOOK -> m.config().get(ChannelConfigs.URL);
            default -> m.address();
        };
    }

    private CheckedRule checkRule(Actor actor, RuleInput input, NotificationRule current) {
        if (input == null) {
            throw new InvalidInputException(null, "send the rule");
        }
        Urgency urgency;
        if (input.urgency() == null) {
            if (current == null) {
                throw new InvalidInputException("urgency", "is required: high or low");
            }
            urgency = current.urgency();
        } else {
            try {
                urgency = Urgency.valueOf(input.urgency().strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("urgency", "must be high or low");
            }
        }
        Long methodId = input.contactMethodId() != null ? input.contactMethodId() : current == null ? null : current.contactMethodId();
        if (methodId == null) {
            throw new InvalidInputException("contact_method", "is required: the id of one of your contact methods");
        }
        boolean mine = tx.read(() -> store.method(methodId)).filter(m -> m.userId() == actor.userId()).isPresent();
        if (!mine) {
            throw new InvalidInputException("contact_method", "is not one of your contact methods");
        }
        Integer delay = input.delayMinutes() != null ? input.delayMinutes() : current == null ? Integer.valueOf(0) : current.delayMinutes();
        if (delay < 0 || delay > NotificationRule.MAX_DELAY_MINUTES) {
            throw new InvalidInputException("start_delay_in_minutes", "must be between 0 and " + NotificationRule.MAX_DELAY_MINUTES);
        }
        return new CheckedRule(urgency, methodId, delay);
    }

    private PeopleStore.MethodRow own(Actor actor, String id) {
        long methodId = parseId(id, "contact method");
        return tx.read(() -> store.method(methodId)).filter(m -> m.userId() == actor.userId())
                .orElseThrow(() -> new NotFoundException("contact method '" + id + "' not found"));
    }

    private NotificationRule ownRule(Actor actor, String id) {
        long ruleId = parseId(id, "notification rule");
        return tx.read(() -> store.rule(actor.userId(), ruleId)).orElseThrow(() -> new NotFoundException("notification rule '" + id
                + "' not found"));
    }

    private static long parseId(String id, String what) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException | NullPointerException e) {
            throw new NotFoundException(what + " '" + id + "' not found");
        }
    }

    private static void requireScope(Actor actor, String scope) {
        if (!actor.tokenAllows(scope)) {
            throw new ForbiddenException("this token lacks the " + scope + " scope");
        }
    }

    private static String name(String name, String fallback) {
        String value = name == null || name.isBlank() ? fallback : name.strip();
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("name", "must be one line of text");
        }
        return value.length() > MAX_NAME ? value.substring(0, MAX_NAME) : value;
    }

    private String encrypt(long userId, Map<String, String> config) {
        return box.encrypt(JSON.writeValueAsString(config), context(userId));
    }

    private ContactMethod open(PeopleStore.MethodRow row) {
        Map<String, String> config = JSON.readValue(box.decrypt(row.config(), context(row.userId())),
                new TypeReference<Map<String, String>>() {});
        return new ContactMethod(row.id(), row.userId(), ContactMethod.Kind.parse(row.kind()), row.name(), row.address(), config,
                row.enabled(), row.lastError(), row.lastErrorAt() == null ? null : Instant.ofEpochMilli(row.lastErrorAt()),
                Instant.ofEpochMilli(row.createdAt()));
    }

    private static String context(long userId) {
        return "contact_method:user:" + userId;
    }
}
