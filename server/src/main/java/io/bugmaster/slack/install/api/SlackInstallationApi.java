package io.bugmaster.slack.install.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.slack.install.SlackAppManifest;
import io.bugmaster.slack.install.SlackInstallation;
import io.bugmaster.slack.install.SlackInstallations;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import io.bugmaster.web.api.ApiController;

/**
 * The organization's Slack workspace: connect it (the bot token is checked with Slack's
 * {@code auth.test}), read the connection with its secrets masked and the three addresses Slack
 * calls, disconnect it. Reading needs {@code org:read}, changing {@code org:write}.
 */
@ApiController
@RequestMapping("/api/0/organizations/{org}/integrations/slack")
class SlackInstallationApi {
    private final SlackInstallations installations;
    private final SlackAppManifest manifest;
    private final Directory directory;

    SlackInstallationApi(SlackInstallations installations, SlackAppManifest manifest, Directory directory) {
        this.installations = installations;
        this.manifest = manifest;
        this.directory = directory;
    }

    record InstallationJson(@JsonProperty("team_id") String teamId, @JsonProperty("team_name") String teamName,
            @JsonProperty("bot_user_id") String botUserId, @JsonProperty("bot_token") String botToken,
            @JsonProperty("signing_secret") String signingSecret, @JsonProperty("timeline_reaction") String timelineReaction,
            @JsonProperty("incident_channels") boolean incidentChannels, @JsonProperty("commands_url") String commandsUrl,
            @JsonProperty("interactions_url") String interactionsUrl, @JsonProperty("events_url") String eventsUrl,
            @JsonProperty("installed_by") String installedBy, @JsonProperty("date_created") Instant dateCreated,
            @JsonProperty("date_updated") Instant dateUpdated) {}

    record InstallationInput(@JsonProperty("bot_token") String botToken, @JsonProperty("signing_secret") String signingSecret,
            @JsonProperty("timeline_reaction") String timelineReaction, @JsonProperty("incident_channels") Boolean incidentChannels) {}

    private InstallationJson json(SlackInstallation i) {
        String by = i.installedBy() == null ? null : directory.memberEmail(i.orgId(), i.installedBy()).orElse(null);
        return new InstallationJson(i.teamId(), i.teamName(), i.botUserId(), SlackInstallation.masked(i.botToken()),
                SlackInstallation.masked(i.signingSecret()), i.timelineReaction(), i.incidentChannels(), manifest.commandsUrl(),
                manifest.interactionsUrl(), manifest.eventsUrl(), by, i.createdAt(), i.updatedAt());
    }

    @GetMapping({"/", ""})
    InstallationJson get(Actor actor, @PathVariable String org) {
        return json(installations.get(actor, org)
                .orElseThrow(() -> new NotFoundException("this organization has no Slack workspace connected")));
    }

    /** Connects or changes the workspace; a missing or blank secret keeps the stored one. */
    @PutMapping({"/", ""})
    InstallationJson put(Actor actor, @PathVariable String org, @RequestBody(required = false) InstallationInput body) {
        InstallationInput in = body == null ? new InstallationInput(null, null, null, null) : body;
        return json(installations.save(actor, org, new SlackInstallations.Settings(in.botToken(), in.signingSecret(),
                in.timelineReaction(), in.incidentChannels())));
    }

    @DeleteMapping({"/", ""})
    ResponseEntity<Void> delete(Actor actor, @PathVariable String org) {
        installations.remove(actor, org);
        return ResponseEntity.noContent().build();
    }
}
