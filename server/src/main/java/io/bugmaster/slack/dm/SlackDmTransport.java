package io.bugmaster.slack.dm;

import io.bugmaster.notify.Channel;
import io.bugmaster.notify.ChannelKind;
import io.bugmaster.notify.Delivered;
import io.bugmaster.notify.DeliveryException;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.Transport;
import io.bugmaster.slack.SlackApi;
import io.bugmaster.slack.SlackApiException;
import io.bugmaster.slack.install.SlackInstallation;
import io.bugmaster.slack.install.SlackInstallations;
import io.bugmaster.slack.messages.SlackMessageLog;
import io.bugmaster.slack.people.SlackPeople;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A page as a Slack direct message from the organization's Slack app to the person's linked Slack
 * account ({@code chat.postMessage} with their user id as the channel), with the incident's buttons;
 * the message is recorded in the message log, so it is updated in place when the incident changes. A
 * person with no linked Slack account (and none with their email) is a permanent failure that says
 * how to fix it. A contact method only: never a channel of the organization.
 */
@Component
public class SlackDmTransport implements Transport {
    /** The contact method's setting: the Bugmaster user it reaches (the method's owner). */
    public static final String USER_ID = "user_id";

    public static final ChannelKind KIND = new ChannelKind("slack_dm", "Slack direct message",
            "Pages come as a direct message from the organization's Slack app, to the Slack account linked to you, with Acknowledge"
                    + " and Resolve buttons.",
            // set by Bugmaster to the method's owner, never typed (a personal kind is never a channel with a form)
            List.of(new ChannelKind.Setting(USER_ID, "Bugmaster user", "the person the method belongs to", ChannelKind.Setting.Type.EMAILS,
                    "the person the method belongs to")));

    private final SlackInstallations installations;
    private final SlackPeople people;
    private final SlackApi api;
    private final SlackMessageLog messages;

    SlackDmTransport(SlackInstallations installations, SlackPeople people, SlackApi api, SlackMessageLog messages) {
        this.installations = installations;
        this.people = people;
        this.api = api;
        this.messages = messages;
    }

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    @Override
    public Delivered send(Channel channel, Notification notification) throws DeliveryException {
        Optional<SlackInstallation> installation = installations.forOrg(channel.orgId());
        if (installation.isEmpty()) {
            throw DeliveryException.permanent("this organization has no Slack workspace connected: an admin connects it in the"
                    + " organization's Slack settings");
        }
        long userId;
        try {
            userId = Long.parseLong(channel.setting(USER_ID));
        } catch (NumberFormatException | NullPointerException e) {
            throw DeliveryException.permanent("the Slack contact method names no person");
        }
        String slackUser = people.slackUserId(installation.get(), userId).orElseThrow(() -> DeliveryException.permanent(
                "link your Slack account first: click a Bugmaster button in Slack and follow the link, or use the same email in Slack"
                        + " as in Bugmaster"));
        JsonNode reply;
        try {
            reply = api.call(installation.get().botToken(), "chat.postMessage", SlackDmMessages.message(slackUser, notification));
        } catch (SlackApiException e) {
            throw e.toDelivery();
        }
        String dm = reply.path("channel").asString("");
        String ts = reply.path("ts").asString("");
        String subject = notification.subject();
        if (subject != null && (subject.startsWith("incident:") || subject.startsWith("issue:")) && !dm.isEmpty() && !ts.isEmpty()) {
            messages.record(channel.orgId(), subject, dm, ts);
        }
        return new Delivered(200, "sent to " + slackUser + " in " + installation.get().teamName(), ts);
    }
}
