package io.bugmaster.alerting.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.alerting.AlertRuleDefinition;
import io.bugmaster.alerting.AlertRuleDefinition.Action;
import io.bugmaster.alerting.AlertRuleDefinition.ActionKind;
import io.bugmaster.alerting.AlertRuleDefinition.Condition;
import io.bugmaster.alerting.AlertRuleDefinition.EmailTarget;
import io.bugmaster.alerting.AlertRuleDefinition.FilterKind;
import io.bugmaster.alerting.AlertRuleDefinition.Trigger;
import io.bugmaster.alerting.AlertRule;
import io.bugmaster.alerting.AlertRuleDefinition.Filter;
import io.bugmaster.alerting.AlertRuleDefinition.Interval;
import io.bugmaster.alerting.AlertRuleDefinition.Match;
import io.bugmaster.alerting.AlertRuleDefinition.Scope;
import io.bugmaster.alerting.AlertRuleDefinition.ScopeType;
import io.bugmaster.alerting.AlertRuleService;
import io.bugmaster.alerting.AlertRuleSettings;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.Page;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The organization's alert rules: a list, and a form for the common case (scope, triggers,
 * environment, level, action interval, channels and email targets). Filters and actions the form
 * does not show (set through the API) are kept when a rule is saved here.
 */
@io.bugmaster.web.UiController
@RequestMapping("/orgs/{org}/alerts")
class AlertRulePages {
    private static final HttpStatusCode REJECTED = HttpStatusCode.valueOf(422);

    private final AlertRuleService rules;

    AlertRulePages(AlertRuleService rules) {
        this.rules = rules;
    }

    /** One row of the list. */
    record Row(String id, String name, boolean enabled, String disabledReason, String scope, String triggers, String environment,
            String actions, java.time.Instant lastFired) {}

    /** The form, as shown and as typed; projects, teams and channels are chosen by id. */
    record Form(String name, boolean enabled, String scopeType, List<String> projects, String team, List<String> triggers,
            String eventCount, String eventInterval, String userCount, String userInterval, String environment, String level,
            int frequency, List<String> channels, boolean emailAssignee, boolean emailOwners, String emailTeam,
            String emailMembers, String monitorSlug) {
        static Form blank() {
            return new Form("", true, "organization", List.of(), "", List.of("first_seen_event"), "", "1h", "", "1h", "production",
                    "", 30, List.of(), false, false, "", "", "");
        }
    }

    record Choice(String value, String label) {}

    @GetMapping
    ModelAndView list(Actor actor, @PathVariable String org) {
        return listPage(actor, org, null, null, null);
    }

    /** Saves the tags one project shows in its alert messages. */
    @PostMapping("/tags")
    ModelAndView tags(Actor actor, @PathVariable String org, @RequestParam(required = false) String project,
            @RequestParam(required = false) String tags, RedirectAttributes redirect) {
        try {
            List<String> saved = rules.setAlertTags(actor, org, project, tags);
            redirect.addFlashAttribute("notice", "Alert messages of " + project + " show: " + String.join(", ", saved) + ".");
            return new ModelAndView("redirect:/orgs/" + org + "/alerts#alert-tags");
        } catch (InvalidInputException e) {
            ModelAndView mav = listPage(actor, org, project, tags, e.getMessage().startsWith(e.field() + ": ")
                    ? e.getMessage().substring(e.field().length() + 2) : e.getMessage());
            mav.setStatus(REJECTED);
            return mav;
        }
    }

    private ModelAndView listPage(Actor actor, String org, String tagsProject, String tagsTyped, String tagsError) {
        Page<AlertRuleService.View> page = rules.list(actor, org, null, 0, 500);
        ModelAndView mav = new ModelAndView("alerting/list");
        mav.addObject("section", "alerts");
        Map<Long, String> channelNames = rules.choices(actor, org).channels();
        mav.addObject("rows", page.items().stream().map(v -> row(v, channelNames)).toList());
        mav.addObject("canWrite", rules.canWrite(actor, org));
        mav.addObject("projectTags", rules.alertTags(actor, org));
        mav.addObject("tagsProject", tagsProject);
        mav.addObject("tagsTyped", tagsTyped);
        mav.addObject("tagsError", tagsError);
        return mav;
    }

    @GetMapping("/new")
    ModelAndView newRule(Actor actor, @PathVariable String org) {
        return form(actor, org, null, Form.blank(), null);
    }

    @PostMapping("/new")
    ModelAndView create(Actor actor, @PathVariable String org, @RequestParam Map<String, String> params,
            @RequestParam(name = "projects", required = false) List<String> projects,
            @RequestParam(name = "triggers", required = false) List<String> triggers,
            @RequestParam(name = "channels", required = false) List<String> channels, RedirectAttributes redirect) {
        Form form = read(params, projects, triggers, channels);
        try {
            rules.create(actor, org, settings(form, null));
            redirect.addFlashAttribute("notice", "Alert rule \"" + form.name().strip() + "\" created.");
            return new ModelAndView("redirect:/orgs/" + org + "/alerts");
        } catch (InvalidInputException e) {
            return form(actor, org, null, form, e.getMessage());
        }
    }

    @GetMapping("/{id}")
    ModelAndView edit(Actor actor, @PathVariable String org, @PathVariable String id) {
        AlertRuleService.View view = rules.get(actor, org, null, id);
        return form(actor, org, id, fromRule(view.rule()), null);
    }

    @PostMapping("/{id}")
    ModelAndView update(Actor actor, @PathVariable String org, @PathVariable String id, @RequestParam Map<String, String> params,
            @RequestParam(name = "projects", required = false) List<String> projects,
            @RequestParam(name = "triggers", required = false) List<String> triggers,
            @RequestParam(name = "channels", required = false) List<String> channels, RedirectAttributes redirect) {
        AlertRuleService.View current = rules.get(actor, org, null, id);
        Form form = read(params, projects, triggers, channels);
        try {
            rules.update(actor, org, id, settings(form, current.rule().definition()));
            redirect.addFlashAttribute("notice", "Alert rule \"" + form.name().strip() + "\" saved.");
            return new ModelAndView("redirect:/orgs/" + org + "/alerts");
        } catch (InvalidInputException e) {
            return form(actor, org, id, form, e.getMessage());
        }
    }

    @PostMapping("/{id}/delete")
    ModelAndView delete(Actor actor, @PathVariable String org, @PathVariable String id, RedirectAttributes redirect) {
        rules.delete(actor, org, null, id);
        redirect.addFlashAttribute("notice", "Alert rule deleted.");
        return new ModelAndView("redirect:/orgs/" + org + "/alerts");
    }

    private ModelAndView form(Actor actor, String org, String id, Form form, String error) {
        AlertRuleService.Choices choices = rules.choices(actor, org);
        ModelAndView mav = new ModelAndView("alerting/form");
        mav.addObject("section", "alerts");
        mav.addObject("ruleId", id);
        mav.addObject("form", form);
        mav.addObject("error", error);
        mav.addObject("canWrite", rules.canWrite(actor, org));
        mav.addObject("projectChoices", choices.projects().entrySet().stream()
                .map(e -> new Choice(Long.toString(e.getKey()), e.getValue())).toList());
        mav.addObject("teamChoices", choices.teams().entrySet().stream()
                .map(e -> new Choice(Long.toString(e.getKey()), "#" + e.getValue())).toList());
        mav.addObject("channelChoices", choices.channels().entrySet().stream()
                .map(e -> new Choice(Long.toString(e.getKey()), e.getValue())).toList());
        mav.addObject("triggerChoices", List.of(Trigger.NEW_ISSUE, Trigger.REGRESSION, Trigger.ESCALATING, Trigger.SNOOZE_EXPIRED)
                .stream().map(t -> new Choice(t.id(), t.label())).toList());
        mav.addObject("monitorTriggerChoices", List.of(Trigger.MONITOR_DOWN, Trigger.MONITOR_FAILING, Trigger.MONITOR_RECOVERED)
                .stream().map(t -> new Choice(t.id(), t.label())).toList());
        mav.addObject("intervalChoices", java.util.Arrays.stream(AlertRuleDefinition.Interval.values())
                .map(i -> new Choice(i.id(), i.id())).toList());
        mav.addObject("frequencyChoices", AlertRuleDefinition.FREQUENCIES.stream().map(m -> new Choice(Integer.toString(m), minutes(m)))
                .toList());
        if (error != null) {
            mav.setStatus(REJECTED);
        }
        return mav;
    }

    private static Form read(Map<String, String> p, List<String> projects, List<String> triggers, List<String> channels) {
        int frequency;
        try {
            frequency = Integer.parseInt(p.getOrDefault("frequency", "30"));
        } catch (NumberFormatException e) {
            frequency = -1;
        }
        return new Form(p.getOrDefault("name", ""), p.containsKey("enabled"), p.getOrDefault("scopeType", "organization"),
                projects == null ? List.of() : projects, p.getOrDefault("team", ""), triggers == null ? List.of() : triggers,
                p.getOrDefault("eventCount", ""), p.getOrDefault("eventInterval", "1h"), p.getOrDefault("userCount", ""),
                p.getOrDefault("userInterval", "1h"), p.getOrDefault("environment", ""), p.getOrDefault("level", ""), frequency,
                channels == null ? List.of() : channels, p.containsKey("emailAssignee"), p.containsKey("emailOwners"),
                p.getOrDefault("emailTeam", ""), p.getOrDefault("emailMembers", ""), p.getOrDefault("monitorSlug", "").strip());
    }

    /**
     * The rule the form describes; {@code current} (the saved rule, null for a new one) gives what the
     * form does not show: filters other than the level, paging actions and the filter match.
     * Checking it is the service's; here only the form's text becomes typed values.
     */
    static AlertRuleSettings settings(Form f, AlertRuleDefinition current) {
        Scope scope = switch (f.scopeType()) {
            case "organization" -> Scope.organization();
            case "projects" -> Scope.projects(f.projects().stream().map(AlertRulePages::id).distinct().toList());
            case "team" -> f.team().isBlank() ? new Scope(ScopeType.TEAM, List.of(), null) : Scope.team(id(f.team()));
            default -> throw new InvalidInputException("scope.type", "must be organization, projects or team");
        };
        List<Condition> conditions = new ArrayList<>();
        for (String t : f.triggers()) {
            conditions.add(Condition.of(Trigger.parse(t).orElseThrow(() -> new InvalidInputException(
                    "conditions[" + conditions.size() + "].id", "unknown trigger '" + t + "'"))));
        }
        if (!f.eventCount().isBlank()) {
            conditions.add(frequency(Trigger.EVENT_FREQUENCY, f.eventCount(), f.eventInterval()));
        }
        if (!f.userCount().isBlank()) {
            conditions.add(frequency(Trigger.USER_FREQUENCY, f.userCount(), f.userInterval()));
        }
        List<Filter> filters = new ArrayList<>();
        if (!f.level().isBlank()) {
            filters.add(new Filter(FilterKind.LEVEL, null, "gte", f.level().toLowerCase(Locale.ROOT), null, null, null));
        }
        if (!f.monitorSlug().isBlank()) {
            filters.add(new Filter(FilterKind.MONITOR, "slug", "eq", f.monitorSlug(), null, null, null));
        }
        List<Action> actions = new ArrayList<>();
        f.channels().forEach(c -> actions.add(Action.channel(id(c))));
        if (f.emailAssignee()) {
            actions.add(Action.email(EmailTarget.ASSIGNEE));
        }
        if (f.emailOwners()) {
            actions.add(Action.email(EmailTarget.ISSUE_OWNERS));
        }
        if (!f.emailTeam().isBlank()) {
            actions.add(new Action(ActionKind.NOTIFY_EMAIL, null, EmailTarget.TEAM, id(f.emailTeam()), List.of(), null));
        }
        if (!f.emailMembers().isBlank()) {
            List<String> emails = Arrays.stream(f.emailMembers().split(",")).filter(e -> !e.isBlank()).map(String::strip).toList();
            actions.add(new Action(ActionKind.NOTIFY_EMAIL, null, EmailTarget.MEMBER, null, emails, null));
        }
        Match filterMatch = Match.ALL;
        if (current != null) {
            // the form shows the level and a monitor's slug; other filters (from the API) are kept as they are
            current.filters().stream().filter(x -> x.kind() != FilterKind.LEVEL && !isSlugFilter(x)).forEach(filters::add);
            current.actions().stream().filter(x -> x.kind() == ActionKind.PAGE_SERVICE).forEach(actions::add);
            filterMatch = current.filterMatch();
        }
        String environment = f.environment().isBlank() ? null : f.environment();
        return new AlertRuleSettings(f.name(), f.enabled(), new AlertRuleDefinition(scope, conditions, Match.ANY, filters, filterMatch,
                actions, environment, f.frequency()));
    }

    /** The monitor filter the form shows: slug equals. */
    private static boolean isSlugFilter(Filter f) {
        return f.kind() == FilterKind.MONITOR && "slug".equals(f.key()) && "eq".equals(f.match());
    }

    /** A count typed in the form; what is not a number is out of range, which the check reports. */
    private static Condition frequency(Trigger trigger, String count, String interval) {
        long value;
        try {
            value = Long.parseLong(count.strip());
        } catch (NumberFormatException e) {
            value = 0;
        }
        return new Condition(trigger, value, Interval.parse(interval).orElse(null));
    }

    /** An id the form offered; anything else is no id of the organization, which the check reports. */
    private static long id(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Form fromRule(AlertRule rule) {
        AlertRuleDefinition d = rule.definition();
        List<String> projects = d.scope().projectIds().stream().map(p -> Long.toString(p)).toList();
        String team = d.scope().teamId() == null ? "" : Long.toString(d.scope().teamId());
        List<String> triggers = d.conditions().stream().filter(c -> !c.trigger().frequency()).map(c -> c.trigger().id()).toList();
        Condition events = d.conditions().stream().filter(c -> c.trigger() == Trigger.EVENT_FREQUENCY).findFirst().orElse(null);
        Condition users = d.conditions().stream().filter(c -> c.trigger() == Trigger.USER_FREQUENCY).findFirst().orElse(null);
        String level = d.filters().stream().filter(f -> f.kind() == FilterKind.LEVEL).map(f -> f.value()).findFirst().orElse("");
        String monitorSlug = d.filters().stream().filter(AlertRulePages::isSlugFilter).map(f -> f.value()).findFirst().orElse("");
        List<String> channels = d.actions().stream().filter(a -> a.kind() == ActionKind.NOTIFY_CHANNEL)
                .map(a -> Long.toString(a.channelId())).toList();
        String emailTeam = "";
        String members = "";
        for (Action a : d.actions()) {
            if (a.kind() == ActionKind.NOTIFY_EMAIL && a.emailTarget() == EmailTarget.TEAM) {
                emailTeam = Long.toString(a.teamId());
            } else if (a.kind() == ActionKind.NOTIFY_EMAIL && a.emailTarget() == EmailTarget.MEMBER) {
                members = String.join(", ", a.emails());
            }
        }
        return new Form(rule.name(), rule.enabled(), d.scope().type().id(), projects, team, triggers,
                events == null ? "" : Long.toString(events.value()), events == null ? "1h" : events.interval().id(),
                users == null ? "" : Long.toString(users.value()), users == null ? "1h" : users.interval().id(),
                d.environment() == null ? "" : d.environment(), level, d.frequencyMinutes(), channels,
                hasEmail(d, EmailTarget.ASSIGNEE), hasEmail(d, EmailTarget.ISSUE_OWNERS), emailTeam, members, monitorSlug);
    }

    private static boolean hasEmail(AlertRuleDefinition d, EmailTarget target) {
        return d.actions().stream().anyMatch(a -> a.kind() == ActionKind.NOTIFY_EMAIL && a.emailTarget() == target);
    }

    /** A rule as a row of the list; {@code channelNames} names the channels its actions notify. */
    static Row row(AlertRuleService.View view, Map<Long, String> channelNames) {
        AlertRuleDefinition d = view.rule().definition();
        String scope = switch (d.scope().type()) {
            case ORGANIZATION -> "All projects (including new ones)";
            case PROJECTS -> d.scope().projectIds().stream().map(view.names()::projectSlug).collect(Collectors.joining(", "));
            case TEAM -> "Projects of #" + view.names().teamSlug(d.scope().teamId());
        };
        String triggers = d.conditions().stream().map(c -> c.trigger().frequency()
                ? "more than " + c.value() + (c.trigger() == Trigger.EVENT_FREQUENCY ? " events" : " users") + " in " + c.interval().id()
                : switch (c.trigger()) {
                    case NEW_ISSUE -> "new issue";
                    case REGRESSION -> "regression";
                    case ESCALATING -> "escalating";
                    case MONITOR_DOWN -> "monitor down";
                    case MONITOR_FAILING -> "monitor failing";
                    case MONITOR_RECOVERED -> "monitor recovered";
                    default -> "snooze expired";
                }).collect(Collectors.joining(d.actionMatch() == AlertRuleDefinition.Match.ALL ? " and " : " or "));
        String actions = d.actions().isEmpty() ? "none" : d.actions().stream().map(a -> switch (a.kind()) {
            case NOTIFY_CHANNEL -> channelNames.getOrDefault(a.channelId(), "a deleted channel");
            case NOTIFY_EMAIL -> "email " + switch (a.emailTarget()) {
                case ASSIGNEE -> "the assignee";
                case ISSUE_OWNERS -> "the issue owners";
                case TEAM -> "a team";
                case MEMBER -> String.join(", ", a.emails());
            };
            case PAGE_SERVICE -> "page " + view.names().serviceName(a.serviceId());
        }).collect(Collectors.joining("; "));
        return new Row(Long.toString(view.rule().id()), view.rule().name(), view.rule().enabled(),
                view.rule().enabled() ? null : view.rule().disabledReason(), scope, triggers,
                d.environment() == null ? "all" : d.environment(), actions, view.rule().lastFiredAt());
    }

    static String minutes(int m) {
        if (m % 10080 == 0) {
            return m / 10080 + " week";
        }
        if (m % 1440 == 0) {
            return m / 1440 + " day";
        }
        if (m % 60 == 0) {
            return m / 60 + (m == 60 ? " hour" : " hours");
        }
        return m + " minutes";
    }
}
