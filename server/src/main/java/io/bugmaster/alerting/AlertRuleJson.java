package io.bugmaster.alerting;

import io.bugmaster.alerting.AlertRuleDefinition.Action;
import io.bugmaster.alerting.AlertRuleDefinition.ActionKind;
import io.bugmaster.alerting.AlertRuleDefinition.Condition;
import io.bugmaster.alerting.AlertRuleDefinition.EmailTarget;
import io.bugmaster.alerting.AlertRuleDefinition.Filter;
import io.bugmaster.alerting.AlertRuleDefinition.FilterKind;
import io.bugmaster.alerting.AlertRuleDefinition.Interval;
import io.bugmaster.alerting.AlertRuleDefinition.Match;
import io.bugmaster.alerting.AlertRuleDefinition.Scope;
import io.bugmaster.alerting.AlertRuleDefinition.Trigger;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Alert rules as the API reads and writes them, close to Sentry's issue alert rules: {@code conditions}
 * (triggers), {@code filters}, {@code actions}, {@code actionMatch}, {@code filterMatch},
 * {@code frequency} (the action interval in minutes) and {@code environment}, plus Bugmaster's
 * {@code scope}. Parsing checks the JSON's shape and turns slugs into ids through a {@link Lookup}
 * (naming the wrong field); what the rule says is then checked by {@link AlertRuleSettings#checked}.
 */
@PureLogic
public final class AlertRuleJson {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_ITEMS = AlertRuleSettings.MAX_ITEMS;
    static final Set<String> STRING_MATCHES = Set.of("eq", "ne", "co", "nc", "sw", "ew", "is", "ns");
    static final Set<String> ATTRIBUTES = Set.of("message", "platform", "environment", "type", "value", "title", "culprit",
            "level", "release", "http.url", "http.method", "user.id", "user.email", "user.username", "sdk.name");
    static final Map<String, Long> AGE_UNITS = Map.of("minute", 1L, "hour", 60L, "day", 1440L, "week", 10080L);

    /** Sentry's long ids of the conditions and filters it has, accepted as aliases of ours. */
    static final Map<String, String> SENTRY_IDS = Map.ofEntries(
            Map.entry("sentry.rules.conditions.first_seen_event.FirstSeenEventCondition", "first_seen_event"),
            Map.entry("sentry.rules.conditions.regression_event.RegressionEventCondition", "regression_event"),
            Map.entry("sentry.rules.conditions.event_frequency.EventFrequencyCondition", "event_frequency"),
            Map.entry("sentry.rules.conditions.event_frequency.EventUniqueUserFrequencyCondition", "event_unique_user_frequency"),
            Map.entry("sentry.rules.filters.level.LevelFilter", "level"),
            Map.entry("sentry.rules.filters.latest_release.LatestReleaseFilter", "latest_release"),
            Map.entry("sentry.rules.filters.tagged_event.TaggedEventFilter", "tagged_event"),
            Map.entry("sentry.rules.filters.event_attribute.EventAttributeFilter", "event_attribute"),
            Map.entry("sentry.rules.filters.age_comparison.AgeComparisonFilter", "age_comparison"),
            Map.entry("sentry.rules.filters.issue_occurrences.IssueOccurrencesFilter", "issue_occurrences"),
            Map.entry("sentry.rules.filters.assigned_to.AssignedToFilter", "assigned_to"),
            Map.entry("sentry.mail.actions.NotifyEmailAction", "notify_email"));

    private AlertRuleJson() {}

    /** What the parser needs to know about the organization: ids of slugs, and what the check asks. */
    public interface Lookup extends AlertRuleSettings.Organization {
        Optional<Long> projectId(String slug);

        Optional<Long> teamId(String slug);

        /** The organization's service with this name: the old form of "page a service" named it by text. */
        Optional<Long> serviceId(String name);
    }

    /** What the renderer needs to show ids as slugs. */
    public interface Names {
        String projectSlug(long projectId);

        String teamSlug(long teamId);

        String serviceName(long serviceId);
    }

    /**
     * Parses a rule. {@code fixedScope} is the scope of a project-scoped endpoint (the request's
     * {@code scope} is then ignored); null means the request's {@code scope}, the whole organization when absent.
     * {@code current} fills fields left out (a PUT that changes only some), null for a new rule.
     */
    public static AlertRuleSettings parse(JsonNode body, Lookup lookup, Scope fixedScope, AlertRuleSettings current) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException(null, "the body must be a JSON object");
        }
        String name = current == null ? null : current.name();
        if (body.has("name")) {
            name = text(body.get("name"), "name");
        }
        boolean enabled = current == null || current.enabled();
        if (body.has("enabled")) {
            if (!body.get("enabled").isBoolean()) {
                throw new InvalidInputException("enabled", "must be true or false");
            }
            enabled = body.get("enabled").asBoolean();
        }
        if (body.has("status")) {
            String status = text(body.get("status"), "status");
            if (!"active".equals(status) && !"disabled".equals(status)) {
                throw new InvalidInputException("status", "must be active or disabled");
            }
            enabled = "active".equals(status);
        }
        AlertRuleDefinition cur = current == null ? null : current.definition();

        Scope scope = fixedScope != null ? fixedScope
                : body.has("scope") ? scope(body.get("scope"), lookup)
                : cur != null ? cur.scope() : Scope.organization();
        List<Condition> conditions = body.has("conditions") ? conditions(body.get("conditions"))
                : cur != null ? cur.conditions() : List.of();
        Match actionMatch = body.has("actionMatch") ? match(body.get("actionMatch"), "actionMatch")
                : cur != null ? cur.actionMatch() : Match.ANY;
        List<Filter> filters = body.has("filters") ? filters(body.get("filters"), lookup) : cur != null ? cur.filters() : List.of();
        Match filterMatch = body.has("filterMatch") ? match(body.get("filterMatch"), "filterMatch")
                : cur != null ? cur.filterMatch() : Match.ALL;
        List<Action> actions = body.has("actions") ? actions(body.get("actions"), lookup) : cur != null ? cur.actions() : List.of();
        String environment = cur == null ? null : cur.environment();
        if (body.has("environment")) {
            JsonNode env = body.get("environment");
            environment = env.isNull() ? null : text(env, "environment");
        }
        int frequency = cur == null ? 30 : cur.frequencyMinutes();
        if (body.has("frequency")) {
            JsonNode f = body.get("frequency");
            long minutes = f.isIntegralNumber() ? f.asLong() : f.isString() ? parseLong(f.asString(), "frequency") : -1;
            frequency = minutes == (int) minutes ? (int) minutes : -1;
        }
        // what the body leaves out was checked when the rule was saved; what it sends is checked now, even if unchanged
        AlertRuleSettings kept = cur == null ? null : new AlertRuleSettings(current.name(), current.enabled(), new AlertRuleDefinition(
                body.has("scope") ? null : cur.scope(), cur.conditions(), cur.actionMatch(), cur.filters(), cur.filterMatch(),
                body.has("actions") ? List.of() : cur.actions(), cur.environment(), cur.frequencyMinutes()));
        return new AlertRuleSettings(name, enabled,
                new AlertRuleDefinition(scope, conditions, actionMatch, filters, filterMatch, actions, environment, frequency))
                .checked(kept, lookup);
    }

    private static Scope scope(JsonNode node, Lookup lookup) {
        if (!node.isObject()) {
            throw new InvalidInputException("scope", "must be an object such as {\"type\": \"organization\"}");
        }
        String type = text(node.path("type"), "scope.type");
        switch (type == null ? "" : type) {
            case "organization" -> {
                return Scope.organization();
            }
            case "projects" -> {
                JsonNode list = node.path("projects");
                if (!list.isArray()) {
                    throw new InvalidInputException("scope.projects", "must list at least one project slug");
                }
                Set<Long> ids = new LinkedHashSet<>();
                for (int i = 0; i < list.size(); i++) {
                    String slug = text(list.get(i), "scope.projects[" + i + "]");
                    ids.add(lookup.projectId(slug)
                            .orElseThrow(() -> new InvalidInputException("scope.projects", "no project '" + slug + "' in this organization")));
                }
                return Scope.projects(List.copyOf(ids));
            }
            case "team" -> {
                String slug = text(node.path("team"), "scope.team");
                if (slug == null) {
                    throw new InvalidInputException("scope.team", "is required: the slug of the team whose projects the rule covers");
                }
                return Scope.team(lookup.teamId(slug)
                        .orElseThrow(() -> new InvalidInputException("scope.team", "no team '" + slug + "' in this organization")));
            }
            default -> throw new InvalidInputException("scope.type", "must be organization, projects or team");
        }
    }

    private static List<Condition> conditions(JsonNode list) {
        List<Condition> out = new ArrayList<>();
        for (int i = 0; i < items(list, "conditions").size(); i++) {
            String field = "conditions[" + i + "]";
            JsonNode c = list.get(i);
            String id = id(c, field);
            Trigger trigger = Trigger.parse(id).orElseThrow(() -> new InvalidInputException(field + ".id",
                    "unknown trigger '" + id + "'; use first_seen_event, regression_event, escalating_event, snooze_expired_event, "
                            + "event_frequency, event_unique_user_frequency, monitor_down, monitor_failing or monitor_recovered"));
            if (!trigger.frequency()) {
                out.add(Condition.of(trigger));
                continue;
            }
            long value = number(c.path("value"), field + ".value");
            String interval = text(c.path("interval"), field + ".interval");
            out.add(new Condition(trigger, value, Interval.parse(interval).orElse(null)));
        }
        return out;
    }

    private static List<Filter> filters(JsonNode list, Lookup lookup) {
        List<Filter> out = new ArrayList<>();
        for (int i = 0; i < items(list, "filters").size(); i++) {
            String field = "filters[" + i + "]";
            JsonNode f = list.get(i);
            String id = id(f, field);
            FilterKind kind = FilterKind.parse(id).orElseThrow(() -> new InvalidInputException(field + ".id",
                    "unknown filter '" + id + "'; use level, latest_release, tagged_event, event_attribute, age_comparison, "
                            + "issue_occurrences, assigned_to, owned_by or monitor"));
            out.add(switch (kind) {
                case LEVEL -> {
                    String match = oneOf(f.path("match"), field + ".match", Set.of("eq", "gte", "lte"), "eq");
                    String level = text(f.path("level"), field + ".level");
                    level = level == null ? null : level.toLowerCase(Locale.ROOT);
                    yield new Filter(kind, null, match, level, null, null, null);
                }
                case LATEST_RELEASE -> new Filter(kind, null, null, null, null, null, null);
                case MONITOR -> {
                    String attribute = oneOf(f.path("attribute"), field + ".attribute", Set.of("slug", "kind"), "slug");
                    String match = oneOf(f.path("match"), field + ".match", STRING_MATCHES, "eq");
                    String value = text(f.path("value"), field + ".value");
                    if ((value == null || value.isBlank() || value.length() > 200) && !match.equals("is") && !match.equals("ns")) {
                        throw new InvalidInputException(field + ".value", "is required: the monitor's " + attribute
                                + (attribute.equals("kind") ? " (cron, sql, metric or volume)" : ""));
                    }
                    yield new Filter(kind, attribute, match, value, null, null, null);
                }
                case TAGGED_EVENT, EVENT_ATTRIBUTE -> {
                    String keyField = kind == FilterKind.TAGGED_EVENT ? "key" : "attribute";
                    String key = text(f.path(keyField), field + "." + keyField);
                    if (key == null || key.isBlank() || key.length() > 200) {
                        throw new InvalidInputException(field + "." + keyField, "is required");
                    }
                    if (kind == FilterKind.EVENT_ATTRIBUTE && !ATTRIBUTES.contains(key)) {
                        throw new InvalidInputException(field + ".attribute", "must be one of " + new java.util.TreeSet<>(ATTRIBUTES));
                    }
                    String match = oneOf(f.path("match"), field + ".match", STRING_MATCHES, null);
                    if (match == null) {
                        throw new InvalidInputException(field + ".match", "is required: eq, ne, co, nc, sw, ew, is or ns");
                    }
                    String value = f.path("value").isMissingNode() || f.path("value").isNull() ? null
                            : f.path("value").isNumber() ? f.path("value").asString() : text(f.path("value"), field + ".value");
                    if (value == null && !match.equals("is") && !match.equals("ns")) {
                        throw new InvalidInputException(field + ".value", "is required for match '" + match + "'");
                    }
                    yield new Filter(kind, key, match, value, null, null, null);
                }
                case AGE_COMPARISON -> {
                    String comparison = oneOf(f.path("comparison_type"), field + ".comparison_type", Set.of("older", "newer"), null);
                    if (comparison == null) {
                        throw new InvalidInputException(field + ".comparison_type", "is required: older or newer");
                    }
                    long value = number(f.path("value"), field + ".value");
                    if (value < 1 || value > 100_000) {
                        throw new InvalidInputException(field + ".value", "must be from 1 to 100000");
                    }
                    String time = oneOf(f.path("time"), field + ".time", AGE_UNITS.keySet(), null);
                    if (time == null) {
                        throw new InvalidInputException(field + ".time", "is required: minute, hour, day or week");
                    }
                    yield new Filter(kind, null, comparison, time, value, null, null);
                }
                case ISSUE_OCCURRENCES -> {
                    long value = number(f.path("value"), field + ".value");
                    if (value < 0) {
                        throw new InvalidInputException(field + ".value", "must be zero or more");
                    }
                    yield new Filter(kind, null, null, null, value, null, null);
                }
                case ASSIGNED_TO, OWNED_BY -> {
                    Set<String> types = kind == FilterKind.ASSIGNED_TO ? Set.of("Unassigned", "Member", "Team") : Set.of("Member", "Team");
                    String type = oneOf(f.path("targetType"), field + ".targetType", types, null);
                    if (type == null) {
                        throw new InvalidInputException(field + ".targetType", "is required: one of " + new java.util.TreeSet<>(types));
                    }
                    String target = null;
                    if (type.equals("Member")) {
                        String email = text(f.path("targetIdentifier"), field + ".targetIdentifier");
                        if (email == null || !lookup.isMember(email)) {
                            throw new InvalidInputException(field + ".targetIdentifier", "must be the email of a member of this organization");
                        }
                        target = email.toLowerCase(Locale.ROOT);
                    } else if (type.equals("Team")) {
                        String slug = text(f.path("targetIdentifier"), field + ".targetIdentifier");
                        target = Long.toString(lookup.teamId(slug == null ? "" : slug).orElseThrow(() -> new InvalidInputException(
                                field + ".targetIdentifier", "must be the slug of a team of this organization")));
                    }
                    yield new Filter(kind, null, null, null, null, type, target);
                }
            });
        }
        return out;
    }

    private static List<Action> actions(JsonNode list, Lookup lookup) {
        List<Action> out = new ArrayList<>();
        for (int i = 0; i < items(list, "actions").size(); i++) {
            String field = "actions[" + i + "]";
            JsonNode a = list.get(i);
            String id = id(a, field);
            ActionKind kind = ActionKind.parse(id).orElseThrow(() -> new InvalidInputException(field + ".id",
                    "unknown action '" + id + "'; use notify_channel, notify_email or page_service"));
            out.add(switch (kind) {
                case NOTIFY_CHANNEL -> {
                    JsonNode c = a.path("channel");
                    yield Action.channel(c.isIntegralNumber() ? c.asLong() : c.isString() ? parseLong(c.asString(), field + ".channel") : -1);
                }
                case NOTIFY_EMAIL -> {
                    String type = text(a.path("targetType"), field + ".targetType");
                    EmailTarget target = EmailTarget.parse(type == null ? "" : type).orElseThrow(() -> new InvalidInputException(
                            field + ".targetType", "must be Assignee, IssueOwners, Team or Member"));
                    yield switch (target) {
                        case ASSIGNEE, ISSUE_OWNERS -> Action.email(target);
                        case TEAM -> {
                            String slug = text(a.path("targetIdentifier"), field + ".targetIdentifier");
                            long team = lookup.teamId(slug == null ? "" : slug).orElseThrow(() -> new InvalidInputException(
                                    field + ".targetIdentifier", "must be the slug of a team of this organization"));
                            yield new Action(kind, null, target, team, List.of(), null);
                        }
                        case MEMBER -> {
                            JsonNode ids = a.path("targetIdentifier");
                            List<String> emails = new ArrayList<>();
                            if (ids.isString()) {
                                for (String part : ids.asString().split(",")) {
                                    if (!part.isBlank()) {
                                        emails.add(part.strip());
                                    }
                                }
                            } else if (ids.isArray()) {
                                for (int j = 0; j < ids.size(); j++) {
                                    // a null stays visible as 'null' in the check's message
                                    emails.add(String.valueOf(text(ids.get(j), field + ".targetIdentifier[" + j + "]")));
                                }
                            }
                            yield new Action(kind, null, target, null, emails, null);
                        }
                    };
                }
                case PAGE_SERVICE -> {
                    long serviceId;
                    if (!a.path("service_id").isMissingNode() && !a.path("service_id").isNull()) {
                        serviceId = number(a.path("service_id"), field + ".service_id");
                    } else {
                        // the old form named the service by text: still accepted when a service has that name
                        String service = text(a.path("service"), field + ".service");
                        if (service == null || service.isBlank()) {
                            throw new InvalidInputException(field + ".service_id", "is required: the id of the service to page");
                        }
                        serviceId = lookup.serviceId(service.strip()).orElseThrow(() -> new InvalidInputException(field + ".service",
                                "this organization has no service named '" + service.strip() + "'; create it under services/ or send service_id"));
                    }
                    yield new Action(kind, null, null, null, List.of(), serviceId);
                }
            });
        }
        return out;
    }

    // --- rendering ---

    /** The API's JSON of a rule's definition (no id, name or dates: the caller adds those). */
    public static ObjectNode render(AlertRuleDefinition d, Names names) {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode scope = out.putObject("scope");
        scope.put("type", d.scope().type().id());
        switch (d.scope().type()) {
            case PROJECTS -> {
                ArrayNode projects = scope.putArray("projects");
                d.scope().projectIds().forEach(id -> projects.add(names.projectSlug(id)));
            }
            case TEAM -> scope.put("team", names.teamSlug(d.scope().teamId()));
            default -> { }
        }
        ArrayNode conditions = out.putArray("conditions");
        for (Condition c : d.conditions()) {
            ObjectNode n = conditions.addObject().put("id", c.trigger().id()).put("name", c.trigger().label());
            if (c.trigger().frequency()) {
                n.put("value", c.value()).put("interval", c.interval().id());
            }
        }
        out.put("actionMatch", d.actionMatch().id());
        ArrayNode filters = out.putArray("filters");
        for (Filter f : d.filters()) {
            ObjectNode n = filters.addObject().put("id", f.kind().id());
            switch (f.kind()) {
                case LEVEL -> n.put("match", f.match()).put("level", f.value());
                case TAGGED_EVENT -> n.put("key", f.key()).put("match", f.match()).put("value", f.value());
                case EVENT_ATTRIBUTE, MONITOR -> n.put("attribute", f.key()).put("match", f.match()).put("value", f.value());
                case AGE_COMPARISON -> n.put("comparison_type", f.match()).put("value", f.number()).put("time", f.value());
                case ISSUE_OCCURRENCES -> n.put("value", f.number());
                case ASSIGNED_TO, OWNED_BY -> {
                    n.put("targetType", f.targetType());
                    if ("Team".equals(f.targetType())) {
                        n.put("targetIdentifier", names.teamSlug(Long.parseLong(f.target())));
                    } else if ("Member".equals(f.targetType())) {
                        n.put("targetIdentifier", f.target());
                    }
                }
                default -> { }
            }
        }
        out.put("filterMatch", d.filterMatch().id());
        ArrayNode actions = out.putArray("actions");
        for (Action a : d.actions()) {
            ObjectNode n = actions.addObject().put("id", a.kind().id());
            switch (a.kind()) {
                case NOTIFY_CHANNEL -> n.put("channel", Long.toString(a.channelId()));
                case NOTIFY_EMAIL -> {
                    n.put("targetType", a.emailTarget().id());
                    if (a.emailTarget() == EmailTarget.TEAM) {
                        n.put("targetIdentifier", names.teamSlug(a.teamId()));
                    } else if (a.emailTarget() == EmailTarget.MEMBER) {
                        ArrayNode emails = n.putArray("targetIdentifier");
                        a.emails().forEach(emails::add);
                    }
                }
                case PAGE_SERVICE -> n.put("service_id", Long.toString(a.serviceId())).put("service", names.serviceName(a.serviceId()));
            }
        }
        out.put("frequency", d.frequencyMinutes());
        out.put("environment", d.environment());
        return out;
    }

    // --- storage: the definition as stored in alert_rules.definition (ids, not slugs) ---

    public static String store(AlertRuleDefinition d) {
        return JSON.writeValueAsString(d);
    }

    public static AlertRuleDefinition load(String stored) {
        return JSON.readValue(stored, AlertRuleDefinition.class);
    }

    // --- helpers ---

    private static JsonNode items(JsonNode list, String field) {
        if (!list.isArray()) {
            throw new InvalidInputException(field, "must be a list");
        }
        if (list.size() > MAX_ITEMS) {
            throw new InvalidInputException(field, "has more than " + MAX_ITEMS + " entries");
        }
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isObject()) {
                throw new InvalidInputException(field + "[" + i + "]", "must be an object with an \"id\"");
            }
        }
        return list;
    }

    private static String id(JsonNode item, String field) {
        String id = text(item.path("id"), field + ".id");
        if (id == null) {
            throw new InvalidInputException(field + ".id", "is required");
        }
        return SENTRY_IDS.getOrDefault(id, id);
    }

    private static Match match(JsonNode node, String field) {
        String value = text(node, field);
        return Match.parse(value == null ? "" : value)
                .orElseThrow(() -> new InvalidInputException(field, "must be all, any or none"));
    }

    private static String oneOf(JsonNode node, String field, Set<String> allowed, String fallback) {
        String value = text(node, field);
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            throw new InvalidInputException(field, "must be one of " + new java.util.TreeSet<>(allowed));
        }
        return value;
    }

    /** A string, or null when missing or null; anything else is an error naming the field. */
    private static String text(JsonNode node, String field) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidInputException(field, "must be a string");
        }
        return node.asString();
    }

    private static long number(JsonNode node, String field) {
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isString()) {
            return parseLong(node.asString(), field);
        }
        throw new InvalidInputException(field, "must be a whole number");
    }

    private static long parseLong(String value, String field) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number");
        }
    }
}
