package io.bugmaster.slack.commands;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.accounts.Directory;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentStatus;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.Priority;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.slack.SlackApi;
import io.bugmaster.slack.SlackApiException;
import io.bugmaster.slack.SlackText;
import io.bugmaster.slack.channels.SlackBackground;
import io.bugmaster.slack.channels.SlackIncidentChannels;
import io.bugmaster.slack.inbound.SlackHandlers;
import io.bugmaster.slack.inbound.SlackReply;
import io.bugmaster.slack.inbound.SlackRequest;
import io.bugmaster.slack.install.SlackInstallation;
import io.bugmaster.slack.people.SlackPeople;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code /bugmaster <subcommand>}: answered within Slack's three seconds with a message only the
 * person who typed it sees. Everything runs as the person's linked member, so their role decides; a
 * person not linked gets the one-time link to connect instead. Refusals say what to do, never fail.
 */
@Component
class SlashCommands implements SlackHandlers.Commands {
    private static final Logger log = LoggerFactory.getLogger(SlashCommands.class);
    static final int STATUS_SHOWN = 20;

    private final SlackPeople people;
    private final SlackApi api;
    private final Incidents incidents;
    private final Services services;
    private final SlackIncidentChannels channels;
    private final OnCallAnswer onCall;
    private final Directory directory;
    private final Clock clock;
    private final String baseUrl;

    private final SlackBackground background;

    SlashCommands(SlackPeople people, SlackApi api, Incidents incidents, Services services, SlackIncidentChannels channels,
            OnCallAnswer onCall, Directory directory, Clock clock, BugmasterProperties props, SlackBackground background) {
        this.background = background;
        this.people = people;
        this.api = api;
        this.incidents = incidents;
        this.services = services;
        this.channels = channels;
        this.onCall = onCall;
        this.directory = directory;
        this.clock = clock;
        this.baseUrl = props.baseUrlTrimmed();
    }

    /** The command as typed: its first word (lowercase) and the rest. */
    record Typed(String name, String rest) {
        static Typed of(String text) {
            String t = SlackText.unescape(text).strip();
            int space = t.indexOf(' ');
            return space < 0 ? new Typed(t.toLowerCase(Locale.ROOT), "") : new Typed(t.substring(0, space).toLowerCase(Locale.ROOT),
                    t.substring(space + 1).strip());
        }
    }

    /** Who typed it, where, and in which organization. */
    private record Context(SlackInstallation installation, String orgSlug, SlackPeople.Linked person, Map<String, String> form) {}

    @Override
    public SlackReply command(SlackRequest request, Map<String, String> form) {
        SlackInstallation installation = request.installation();
        if (!installation.teamId().equals(form.getOrDefault("team_id", ""))) {
            return reply("This Slack workspace is not the one connected to Bugmaster here; an admin connects it on the organization's"
                    + " Slack settings page.");
        }
        Typed typed = Typed.of(form.get("text"));
        if (typed.name().isEmpty() || typed.name().equals("help")) {
            return reply(CommandReplies.USAGE);
        }
        if (!List.of("oncall", "incident", "declare", "ack", "acknowledge", "resolve", "status").contains(typed.name())) {
            return reply(CommandReplies.unknown(typed.name()));
        }
        String slackUserId = form.getOrDefault("user_id", "");
        Optional<SlackPeople.Linked> person = people.person(installation, slackUserId);
        if (person.isEmpty()) {
            return reply(CommandReplies.notLinked(people.connectUrl(installation, slackUserId)));
        }
        String orgSlug = directory.orgSlug(installation.orgId()).orElseThrow();
        Context c = new Context(installation, orgSlug, person.get(), form);
        try {
            return switch (typed.name()) {
                case "oncall" -> reply(onCall.answer(c.person().actor(), installation.orgId(), orgSlug, typed.rest()));
                case "incident", "declare" -> openDeclareModal(c, typed.rest());
                case "ack", "acknowledge" -> acknowledge(c, typed.rest());
                case "resolve" -> resolve(c, typed.rest());
                default -> status(c);
            };
        } catch (ForbiddenException e) {
            return reply("You may not do that in Bugmaster (" + SlackText.escape(e.getMessage())
                    + "). An admin of the organization can change your role.");
        } catch (NotFoundException | ConflictException e) {
            return reply(capitalized(SlackText.escape(e.getMessage())) + ".");
        } catch (InvalidInputException e) {
            return reply(capitalized(SlackText.escape((e.field() == null ? "" : e.field() + ": ") + e.getMessage()))
                    + ". Type `/bugmaster help` for the usage.");
        }
    }

    private SlackReply openDeclareModal(Context c, String title) {
        List<ServiceDefinition> all = services.list(c.person().actor(), c.orgSlug(), 0, DeclareModal.MAX_OPTIONS).items();
        if (all.isEmpty()) {
            return reply("An incident needs a service, and this organization has none yet: "
                    + SlackText.link(baseUrl + "/orgs/" + c.orgSlug() + "/services", "create one") + ", then type the command again.");
        }
        List<Priority> priorities = incidents.priorities(c.person().actor(), c.orgSlug());
        var view = DeclareModal.view(title, priorities, all.stream().map(s -> new DeclareModal.ServiceOption(s.id(), s.name())).toList(),
                c.installation().incidentChannels(), new DeclareModal.Origin(c.form().get("channel_id"), c.form().get("response_url")));
        var args = SlackApi.object().put("trigger_id", c.form().getOrDefault("trigger_id", ""));
        args.set("view", view);
        // answered at once; the form opens right after (Slack takes a trigger for 3 seconds): a slow Slack delays the form, never the answer
        String responseUrl = c.form().get("response_url");
        SlackInstallation installation = c.installation();
        String orgSlug = c.orgSlug();
        boolean queued = background.submit("open the declare form", () -> {
            try {
                api.call(installation.botToken(), "views.open", args);
            } catch (SlackApiException e) {
                log.info("Slack views.open for organization {} failed: {}", installation.orgId(), e.getMessage());
                tell(responseUrl, "Slack did not open the form (" + e.error() + "). Type the command again, or declare the incident on the web: "
                        + SlackText.link(baseUrl + "/orgs/" + orgSlug + "/incidents/new", "declare an incident") + ".");
            }
        });
        return queued ? SlackReply.EMPTY : reply("Bugmaster is too busy to open the form now. Type the command again, or declare the"
                + " incident on the web: " + SlackText.link(baseUrl + "/orgs/" + orgSlug + "/incidents/new", "declare an incident") + ".");
    }

    /** An ephemeral answer through the command's response_url, when there is one. */
    private void tell(String responseUrl, String text) {
        if (responseUrl == null || responseUrl.isBlank()) {
            return;
        }
        try {
            api.respond(responseUrl, SlackApi.object().put("response_type", "ephemeral").put("text", text));
        } catch (SlackApiException e) {
            log.info("Slack response_url failed: {}", e.getMessage());
        }
    }

    private SlackReply acknowledge(Context c, String number) {
        Optional<String> n = number(c, number);
        if (n.isEmpty()) {
            return reply(which("ack"));
        }
        Incident before = incidents.get(c.person().actor(), c.orgSlug(), n.get()).incident();
        if (before.status() == IncidentStatus.ACKNOWLEDGED) {
            return reply("Incident " + link(c, before) + " was acknowledged already; `/bugmaster resolve " + before.number()
                    + "` when it is over.");
        }
        Incidents.View v = incidents.acknowledge(c.person().actor(), c.orgSlug(), n.get(), "Slack");
        return reply("Incident " + link(c, v.incident()) + " acknowledged: its escalation stops.");
    }

    private SlackReply resolve(Context c, String number) {
        Optional<String> n = number(c, number);
        if (n.isEmpty()) {
            return reply(which("resolve"));
        }
        Incident before = incidents.get(c.person().actor(), c.orgSlug(), n.get()).incident();
        if (before.status() == IncidentStatus.RESOLVED) {
            return reply("Incident " + link(c, before) + " was resolved already.");
        }
        Incidents.View v = incidents.resolve(c.person().actor(), c.orgSlug(), n.get(), "Slack");
        return reply("Incident " + link(c, v.incident()) + " resolved.");
    }

    private SlackReply status(Context c) {
        var page = incidents.list(c.person().actor(), c.orgSlug(), List.of("triggered", "acknowledged"), null, 0, STATUS_SHOWN);
        if (page.items().isEmpty()) {
            return reply("No open incidents. :white_check_mark:");
        }
        StringBuilder out = new StringBuilder("*Open incidents*\n");
        for (Incidents.View v : page.items()) {
            Incident i = v.incident();
            out.append("• ").append(link(c, i)).append(" · ").append(i.status().id());
            if (i.stage() != null) {
                out.append(" · ").append(i.stage().id());
            }
            if (v.priority() != null) {
                out.append(" · ").append(SlackText.escape(v.priority().label()));
            }
            if (v.service() != null) {
                out.append(" · ").append(SlackText.escape(v.service().name()));
            }
            out.append(" · opened ").append(CommandReplies.age(Duration.between(i.createdAt(), clock.instant()))).append(" ago\n");
        }
        if (page.hasMore()) {
            out.append("…and more: ").append(SlackText.link(baseUrl + "/orgs/" + c.orgSlug() + "/incidents", "all open incidents"));
        }
        return reply(out.toString().stripTrailing());
    }

    /** The number typed ({@code 7}, {@code #7}), or the incident whose channel this is. */
    private Optional<String> number(Context c, String typed) {
        String t = typed.strip();
        if (!t.isEmpty()) {
            String n = t.startsWith("#") ? t.substring(1) : t;
            if (!n.matches("[0-9]{1,12}")) {
                throw new InvalidInputException(null, "an incident is named by its number, such as 7 or #7; got '" + SlackText.cut(t, 40) + "'");
            }
            return Optional.of(n);
        }
        return channels.incidentOf(c.installation().orgId(), c.form().get("channel_id")).flatMap(incidents::byId)
                .map(i -> Long.toString(i.number()));
    }

    private static String which(String command) {
        return "Which incident? Type `/bugmaster " + command + " 7` with its number, or type the command in the incident's own channel.";
    }

    private String link(Context c, Incident i) {
        return SlackText.link(baseUrl + "/orgs/" + c.orgSlug() + "/incidents/" + i.number(), "#" + i.number() + " " + SlackText.cut(i.title(), 150));
    }

    private static String capitalized(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static SlackReply reply(String text) {
        return SlackReply.json(CommandReplies.ephemeral(text));
    }
}
