package io.bugmaster.alerting.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.alerting.AlertRuleDefinition;
import io.bugmaster.alerting.AlertRuleDefinition.Action;
import io.bugmaster.alerting.AlertRuleDefinition.ActionKind;
import io.bugmaster.alerting.AlertRuleDefinition.Condition;
import io.bugmaster.alerting.AlertRuleDefinition.EmailTarget;
import io.bugmaster.alerting.AlertRuleDefinition.FilterKind;
import io.bugmaster.alerting.AlertRuleDefinition.Trigger;
import io.bugmaster.alerting.AlertRuleJson;
import io.bugmaster.alerting.AlertRuleService;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.Page;
import java.util.ArrayList;
import java.util.List;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The organization's alert rules: a list, and a form for the common case (scope, triggers,
 * environment, level, action interval, channels and email targets). Filters and actions the form
 * does not show (set through the API) are kept when a rule is saved here.
 */
@io.bugmaster.web.UiController
@RequestMapping("/orgs/{org}/alerts")
class AlertRulePages {
    private static final HttpStatusCode REJECTED = HttpStatusCode.valueOf(422);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AlertRuleService rules;

    AlertRulePages(AlertRuleService rules) {
        this.rules = rules;
    }

    /** One row of the list. */
    record Row(String id, String name, boolean enabled, String scope, String triggers, String environment, String actions,
            java.time.Instant lastFired) {}

    /** The form, as shown and as typed. */
    record Form(String name, boolean enabled, String scopeType, List<String> projects, String team, List<String> triggers,
            String eventCount, String eventInterval, String userCount, String userInterval, String environment, String level,
            int frequency, List<String> channels, boolean emailAssignee, boolean emailOwners, String emailTeam,
            String emailMembers) {
        static Form blank() {
            return new Form("", true, "organization", List.of(), "", List.of("first_seen_event"), "", "1h", "", "1h", "production",
                    "", 30, List.of(), false, false, "", "");
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
            rules.create(actor, org, null, body(form, null));
            redirect.addFlashAttribute("notice", "Alert rule \"" + form.name().strip() + "\" created.");
            return new ModelAndView("redirect:/orgs/" + org + "/alerts");
        } catch (InvalidInputException e) {
            return form(actor, org, null, form, e.getMessage());
        }
    }

    @GetMapping("/{id}")
    ModelAndView edit(Actor actor, @PathVariable String org, @PathVariable String id) {
        AlertRuleService.View view = rules.get(actor, org, null, id);
        return form(actor, org, id, fromRule(view), null);
    }

    @PostMapping("/{id}")
    ModelAndView update(Actor actor, @PathVariable String org, @PathVariable String id, @RequestParam Map<String, String> params,
            @RequestParam(name = "projects", required = false) List<String> projects,
            @RequestParam(name = "triggers", required = false) List<String> triggers,
            @RequestParam(name = "channels", required = false) List<String> channels, RedirectAttributes redirect) {
        AlertRuleService.View current = rules.get(actor, org, null, id);
        Form form = read(params, projects, triggers, channels);
        try {
            rules.update(actor, org, null, id, body(form, AlertRuleJson.render(current.rule().definition(), current.names())));
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
        mav.addObject("projectChoices", choices.projects().values().stream().map(s -> new Choice(s, s)).toList());
        mav.addObject("teamChoices", choices.teams().values().stream().map(s -> new Choice(s, "#" + s)).toList());
        mav.addObject("channelChoices", choices.channels().entrySet().stream()
                .map(e -> new Choice(Long.toString(e.getKey()), e.getValue())).toList());
        mav.addObject("triggerChoices", List.of(Trigger.NEW_ISSUE, Trigger.REGRESSION, Trigger.ESCALATING, Trigger.SNOOZE_EXPIRED)
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
                p.getOrDefault("emailTeam", ""), p.getOrDefault("emailMembers", ""));
    }

    /** The API body for the form; {@code current} (the rule as the API shows it) gives what the form does not show. */
    static ObjectNode body(Form f, JsonNode current) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", f.name());
        body.put("enabled", f.enabled());
        ObjectNode scope = body.putObject("scope").put("type", f.scopeType());
        if ("projects".equals(f.scopeType())) {
            ArrayNode projects = scope.putArray("projects");
            f.projects().forEach(projects::add);
        } else if ("team".equals(f.scopeType())) {
            scope.put("team", f.team());
        }
        ArrayNode conditions = body.putArray("conditions");
        f.triggers().forEach(t -> conditions.addObject().put("id", t));
        if (!f.eventCount().isBlank()) {
            conditions.addObject().put("id", Trigger.EVENT_FREQUENCY.id()).put("value", f.eventCount().strip())
                    .put("interval", f.eventInterval());
        }
        if (!f.userCount().isBlank()) {
            conditions.addObject().put("id", Trigger.USER_FREQUENCY.id()).put("value", f.userCount().strip())
                    .put("interval", f.userInterval());
        }
        body.put("actionMatch", "any");
        ArrayNode filters = body.putArray("filters");
        if (!f.level().isBlank()) {
            filters.addObject().put("id", FilterKind.LEVEL.id()).put("match", "gte").put("level", f.level());
        }
        ArrayNode actions = body.putArray("actions");
        f.channels().forEach(c -> actions.addObject().put("id", ActionKind.NOTIFY_CHANNEL.id()).put("channel", c));
        if (f.emailAssignee()) {
            actions.addObject().put("id", ActionKind.NOTIFY_EMAIL.id()).put("targetType", EmailTarget.ASSIGNEE.id());
        }
        if (f.emailOwners()) {
            actions.addObject().put("id", ActionKind.NOTIFY_EMAIL.id()).put("targetType", EmailTarget.ISSUE_OWNERS.id());
        }
        if (!f.emailTeam().isBlank()) {
            actions.addObject().put("id", ActionKind.NOTIFY_EMAIL.id()).put("targetType", EmailTarget.TEAM.id())
                    .put("targetIdentifier", f.emailTeam());
        }
        if (!f.emailMembers().isBlank()) {
            actions.addObject().put("id", ActionKind.NOTIFY_EMAIL.id()).put("targetType", EmailTarget.MEMBER.id())
                    .put("targetIdentifier", f.emailMembers());
        }
        if (current != null) {
            // keep what only the API sets: filters other than level, paging actions, the filter match
            current.path("filters").forEach(x -> {
                if (!FilterKind.LEVEL.id().equals(x.path("id").asString())) {
                    filters.add(x);
                }
            });
            current.path("actions").forEach(x -> {
                if (ActionKind.PAGE_SERVICE.id().equals(x.path("id").asString())) {
                    actions.add(x);
                }
            });
            body.set("filterMatch", current.path("filterMatch"));
        }
        body.put("frequency", f.frequency());
        if (f.environment().isBlank()) {
            body.putNull("environment");
        } else {
            body.put("environment", f.environment().strip());
        }
        return body;
    }

    private static Form fromRule(AlertRuleService.View view) {
        AlertRuleDefinition d = view.rule().definition();
        JsonNode shown = AlertRuleJson.render(d, view.names());
        List<String> projects = new ArrayList<>();
        shown.path("scope").path("projects").forEach(p -> projects.add(p.asString()));
        String team = shown.path("scope").path("team").asString("");
        List<String> triggers = d.conditions().stream().filter(c -> !c.trigger().frequency()).map(c -> c.trigger().id()).toList();
        Condition events = d.conditions().stream().filter(c -> c.trigger() == Trigger.EVENT_FREQUENCY).findFirst().orElse(null);
        Condition users = d.conditions().stream().filter(c -> c.trigger() == Trigger.USER_FREQUENCY).findFirst().orElse(null);
        String level = d.filters().stream().filter(f -> f.kind() == FilterKind.LEVEL).map(f -> f.value()).findFirst().orElse("");
        List<String> channels = d.actions().stream().filter(a -> a.kind() == ActionKind.NOTIFY_CHANNEL)
                .map(a -> Long.toString(a.channelId())).toList();
        String emailTeam = "";
        String members = "";
        for (int i = 0; i < d.actions().size(); i++) {
            Action a = d.actions().get(i);
            if (a.kind() == ActionKind.NOTIFY_EMAIL && a.emailTarget() == EmailTarget.TEAM) {
                emailTeam = shown.path("actions").get(i).path("targetIdentifier").asString("");
            } else if (a.kind() == ActionKind.NOTIFY_EMAIL && a.emailTarget() == EmailTarget.MEMBER) {
                members = String.join(", ", a.emails());
            }
        }
        return new Form(view.rule().name(), view.rule().enabled(), d.scope().type().id(), projects, team, triggers,
                events == null ? "" : Long.toString(events.value()), events == null ? "1h" : events.interval().id(),
                users == null ? "" : Long.toString(users.value()), users == null ? "1h" : users.interval().id(),
                d.environment() == null ? "" : d.environment(), level, d.frequencyMinutes(), channels,
                hasEmail(d, EmailTarget.ASSIGNEE), hasEmail(d, EmailTarget.ISSUE_OWNERS), emailTeam, members);
    }

    private static boolean hasEmail(AlertRuleDefinition d, EmailTarget target) {
        return d.actions().stream().anyMatch(a -> a.kind() == ActionKind.NOTIFY_EMAIL && a.emailTarget() == target);
    }

    /** A rule as a row of the list; {@code channelNames} names the channels its actions notify. */
    static Row row(AlertRuleService.View view, Map<Long, String> channelNames) {
        AlertRuleDefinition d = view.rule().definition();
        JsonNode shown = AlertRuleJson.render(d, view.names());
        String scope = switch (d.scope().type()) {
            case ORGANIZATION -> "All projects (including new ones)";
            case PROJECTS -> {
                List<String> slugs = new ArrayList<>();
                shown.path("scope").path("projects").forEach(p -> slugs.add(p.asString()));
                yield String.join(", ", slugs);
            }
            case TEAM -> "Projects of #" + shown.path("scope").path("team").asString();
        };
        String triggers = d.conditions().stream().map(c -> c.trigger().frequency()
                ? "more than " + c.value() + (c.trigger() == Trigger.EVENT_FREQUENCY ? " events" : " users") + " in " + c.interval().id()
                : switch (c.trigger()) {
                    case NEW_ISSUE -> "new issue";
                    case REGRESSION -> "regression";
                    case ESCALATING -> "escalating";
                    default -> "snooze expired";
                }).collect(Collectors.joining(d.actionMatch() == AlertRuleDefinition.Match.ALL ? " and " : " or "));
        String actions = d.actions().stream().map(a -> switch (a.kind()) {
            case NOTIFY_CHANNEL -> channelNames.getOrDefault(a.channelId(), "a deleted channel");
            case NOTIFY_EMAIL -> "email " + switch (a.emailTarget()) {
                case ASSIGNEE -> "the assignee";
                case ISSUE_OWNERS -> "the issue owners";
                case TEAM -> "a team";
                case MEMBER -> String.join(", ", a.emails());
            };
            case PAGE_SERVICE -> "page " + a.service();
        }).collect(Collectors.joining("; "));
        return new Row(Long.toString(view.rule().id()), view.rule().name(), view.rule().enabled(), scope, triggers,
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
