package io.bugmaster.slack.commands;

import io.bugmaster.accounts.Directory;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.incidents.DeclareRules;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.Services;
import io.bugmaster.slack.SlackActions;
import io.bugmaster.slack.channels.IncidentChannelSetup;
import io.bugmaster.slack.channels.SlackBackground;
import io.bugmaster.slack.inbound.SlackHandlers;
import io.bugmaster.slack.inbound.SlackReply;
import io.bugmaster.slack.inbound.SlackRequest;
import io.bugmaster.slack.install.SlackInstallation;
import io.bugmaster.slack.people.SlackPeople;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The declare modal's submission: checked (errors shown under their fields), then the incident is
 * declared as the person's linked member, and Slack gets its answer; the incident's channel and
 * the word to the declarer follow in the background.
 */
@Component
class IncidentDeclarations implements SlackHandlers.Modals {
    private final SlackPeople people;
    private final Incidents incidents;
    private final Services services;
    private final Directory directory;
    private final IncidentChannelSetup setup;
    private final SlackBackground background;

    IncidentDeclarations(SlackPeople people, Incidents incidents, Services services, Directory directory,
            IncidentChannelSetup setup, SlackBackground background) {
        this.people = people;
        this.incidents = incidents;
        this.services = services;
        this.directory = directory;
        this.setup = setup;
        this.background = background;
    }

    @Override
    public Set<String> callbackIds() {
        return Set.of(SlackActions.DECLARE_MODAL);
    }

    @Override
    public SlackReply submission(SlackRequest request, JsonNode payload) {
        SlackInstallation installation = request.installation();
        String slackUserId = payload.path("user").path("id").asString("");
        if (!installation.teamId().equals(payload.path("team").path("id").asString(payload.path("user").path("team_id").asString("")))) {
            return errors(Map.of(DeclareModal.TITLE, "This Slack workspace is not the one connected to Bugmaster."));
        }
        Optional<SlackPeople.Linked> person = people.person(installation, slackUserId);
        if (person.isEmpty()) {
            return errors(Map.of(DeclareModal.TITLE, "Your Slack account is not linked to a Bugmaster member: open "
                    + people.connectUrl(installation, slackUserId) + " (log in when asked), then submit again."));
        }
        String orgSlug = directory.orgSlug(installation.orgId()).orElseThrow();
        var actor = person.get().actor();
        DeclareModal.Submission s;
        Incidents.View declared;
        try {
            List<DeclareModal.ServiceOption> options = services.list(actor, orgSlug, 0, DeclareModal.MAX_OPTIONS).items().stream()
                    .map(x -> new DeclareModal.ServiceOption(x.id(), x.name())).toList();
            s = DeclareModal.read(payload.path("view"), incidents.priorities(actor, orgSlug), options);
            if (!s.valid()) {
                return errors(s.errors());
            }
            declared = incidents.declare(actor, orgSlug, new DeclareRules.DeclareInput(s.title(), List.of(Long.toString(s.serviceId())),
                    Integer.toString(s.priority()), s.description(), null), "Slack");
        } catch (InvalidInputException e) {
            return errors(Map.of(block(e.field()), e.getMessage()));
        } catch (ForbiddenException | NotFoundException | ConflictException e) {
            return errors(Map.of(DeclareModal.TITLE, "Bugmaster refused: " + e.getMessage()));
        }
        boolean createChannel = s.createChannel();
        var origin = new IncidentChannelSetup.Origin(s.origin().channelId(), s.origin().responseUrl());
        if (!background.submit("after incident " + declared.incident().id() + " was declared",
                () -> setup.afterDeclared(installation, declared, slackUserId, createChannel, origin))) {
            setup.notStarted(declared.incident(), createChannel);
        }
        return SlackReply.EMPTY;
    }

    /** The modal's block of an input the incident service refused. */
    private static String block(String field) {
        if (field == null) {
            return DeclareModal.TITLE;
        }
        return switch (field) {
            case "priority" -> DeclareModal.PRIORITY;
            case "description" -> DeclareModal.DESCRIPTION;
            default -> field.startsWith("service") ? DeclareModal.SERVICE : DeclareModal.TITLE;
        };
    }

    private static SlackReply errors(Map<String, String> errors) {
        return SlackReply.json(DeclareModal.errors(errors));
    }
}
