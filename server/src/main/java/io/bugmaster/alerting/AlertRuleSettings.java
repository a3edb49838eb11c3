package io.bugmaster.alerting;

import io.bugmaster.alerting.AlertRuleDefinition.Action;
import io.bugmaster.alerting.AlertRuleDefinition.ActionKind;
import io.bugmaster.alerting.AlertRuleDefinition.Condition;
import io.bugmaster.alerting.AlertRuleDefinition.EmailTarget;
import io.bugmaster.alerting.AlertRuleDefinition.Filter;
import io.bugmaster.alerting.AlertRuleDefinition.FilterKind;
import io.bugmaster.alerting.AlertRuleDefinition.Scope;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An alert rule as someone sets it: its name, whether it is on, and what it says. The API (from its
 * JSON) and the web form (from its fields) both build one; {@link #checked} is where a rule is
 * validated, with messages that name the field as the API spells it ({@code conditions[1].value}).
 */
@PureLogic
public record AlertRuleSettings(String name, boolean enabled, AlertRuleDefinition definition) {
    static final int MAX_ITEMS = 20;
    static final int MAX_NAME = 200;
    static final int MAX_ENVIRONMENT = 64;
    static final Set<String> LEVELS = Set.of("debug", "info", "warning", "error", "fatal");

    /** What the check needs to know about the rule's organization. */
    public interface Organization {
        boolean projectExists(long projectId);

        boolean teamExists(long teamId);

        boolean channelExists(long channelId);

        boolean serviceExists(long serviceId);

        boolean isMember(String email);
    }

    /**
     * These settings, validated and normalized (name and environment stripped, member emails in
     * lower case without repeats), or an {@link InvalidInputException} naming the wrong field.
     * Projects, teams and channels must be the organization's; those the {@code saved} rule already
     * has (null for a new rule) were checked when it was saved and are kept even if gone since.
     */
    public AlertRuleSettings checked(AlertRuleSettings saved, Organization org) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "is required");
        }
        String strippedName = name.strip();
        if (strippedName.length() > MAX_NAME) {
            throw new InvalidInputException("name", "is longer than " + MAX_NAME + " characters");
        }
        AlertRuleDefinition d = definition;
        AlertRuleDefinition before = saved == null ? null : saved.definition();
        checkScope(d.scope(), before == null ? null : before.scope(), org);
        checkConditions(d.conditions());
        checkFilters(d.filters());
        List<Action> actions = checkActions(d.actions(), before == null ? List.of() : before.actions(), org);
        String environment = d.environment() == null ? null : d.environment().strip();
        if (environment != null && (environment.isEmpty() || environment.length() > MAX_ENVIRONMENT)) {
            throw new InvalidInputException("environment",
                    "must be an environment name (1 to " + MAX_ENVIRONMENT + " characters) or null for all");
        }
        if (!AlertRuleDefinition.FREQUENCIES.contains(d.frequencyMinutes())) {
            throw new InvalidInputException("frequency", "must be one of " + AlertRuleDefinition.FREQUENCIES + " (minutes)");
        }
        return new AlertRuleSettings(strippedName, enabled, new AlertRuleDefinition(d.scope(), d.conditions(), d.actionMatch(),
                d.filters(), d.filterMatch(), actions, environment, d.frequencyMinutes()));
    }

    private static void checkScope(Scope scope, Scope saved, Organization org) {
        boolean isNew = !scope.equals(saved);
        switch (scope.type()) {
            case ORGANIZATION -> { }
            case PROJECTS -> {
                if (scope.projectIds().isEmpty()) {
                    throw new InvalidInputException("scope.projects", "must list at least one project slug");
                }
                for (long id : scope.projectIds()) {
                    if (isNew && !org.projectExists(id)) {
                        throw new InvalidInputException("scope.projects", "no project with id " + id + " in this organization");
                    }
                }
            }
            case TEAM -> {
                if (scope.teamId() == null) {
                    throw new InvalidInputException("scope.team", "is required: the slug of the team whose projects the rule covers");
                }
                if (isNew && !org.teamExists(scope.teamId())) {
                    throw new InvalidInputException("scope.team", "no team with id " + scope.teamId() + " in this organization");
                }
            }
        }
    }

    private static void checkConditions(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            throw new InvalidInputException("conditions", "at least one trigger is required, e.g. {\"id\": \"first_seen_event\"}");
        }
        if (conditions.size() > MAX_ITEMS) {
            throw new InvalidInputException("conditions", "has more than " + MAX_ITEMS + " entries");
        }
        for (int i = 0; i < conditions.size(); i++) {
            Condition c = conditions.get(i);
            if (!c.trigger().frequency()) {
                continue;
            }
            if (c.value() == null || c.value() < 1 || c.value() > 1_000_000_000L) {
                throw new InvalidInputException("conditions[" + i + "].value", "must be a count from 1 to 1000000000");
            }
            if (c.interval() == null) {
                throw new InvalidInputException("conditions[" + i + "].interval", "must be one of 1m, 5m, 15m, 1h, 1d, 1w");
            }
        }
    }

    private static void checkFilters(List<Filter> filters) {
        if (filters.size() > MAX_ITEMS) {
            throw new InvalidInputException("filters", "has more than " + MAX_ITEMS + " entries");
        }
        for (int i = 0; i < filters.size(); i++) {
            Filter f = filters.get(i);
            if (f.kind() == FilterKind.LEVEL && (f.value() == null || !LEVELS.contains(f.value()))) {
                throw new InvalidInputException("filters[" + i + "].level", "must be one of debug, info, warning, error, fatal");
            }
        }
    }

    private static List<Action> checkActions(List<Action> actions, List<Action> saved, Organization org) {
        if (actions.isEmpty()) {
            throw new InvalidInputException("actions",
                    "at least one action is required, e.g. {\"id\": \"notify_channel\", \"channel\": \"3\"}");
        }
        if (actions.size() > MAX_ITEMS) {
            throw new InvalidInputException("actions", "has more than " + MAX_ITEMS + " entries");
        }
        List<Action> out = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            String field = "actions[" + i + "]";
            boolean isNew = !saved.contains(a);
            if (a.kind() == ActionKind.NOTIFY_CHANNEL && isNew && (a.channelId() == null || !org.channelExists(a.channelId()))) {
                throw new InvalidInputException(field + ".channel", "must be the id of a notification channel of this organization");
            }
            if (a.kind() == ActionKind.PAGE_SERVICE && isNew && (a.serviceId() == null || !org.serviceExists(a.serviceId()))) {
                throw new InvalidInputException(field + ".service_id", "must be the id of a service of this organization");
            }
            if (a.kind() == ActionKind.NOTIFY_EMAIL && a.emailTarget() == EmailTarget.TEAM && isNew
                    && (a.teamId() == null || !org.teamExists(a.teamId()))) {
                throw new InvalidInputException(field + ".targetIdentifier", "must be the slug of a team of this organization");
            }
            if (a.kind() == ActionKind.NOTIFY_EMAIL && a.emailTarget() == EmailTarget.MEMBER) {
                a = members(a, field, isNew, org);
            }
            out.add(a);
        }
        return out;
    }

    private static Action members(Action a, String field, boolean isNew, Organization org) {
        if (a.emails().isEmpty() || a.emails().size() > MAX_ITEMS) {
            throw new InvalidInputException(field + ".targetIdentifier", "must list 1 to " + MAX_ITEMS + " member emails");
        }
        if (!isNew) {
            return a;
        }
        List<String> normalized = new ArrayList<>();
        for (String email : a.emails()) {
            if (email == null || !org.isMember(email)) {
                throw new InvalidInputException(field + ".targetIdentifier", "'" + email + "' is not a member of this organization");
            }
            normalized.add(email.toLowerCase(Locale.ROOT));
        }
        return new Action(a.kind(), null, a.emailTarget(), null, normalized.stream().distinct().toList(), null);
    }
}
