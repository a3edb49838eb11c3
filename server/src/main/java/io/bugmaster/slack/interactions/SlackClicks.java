package io.bugmaster.slack.interactions;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.issues.IssueChanges;
import io.bugmaster.issues.IssueUpdate;
import io.bugmaster.slack.install.SlackInstallation;
import io.bugmaster.slack.people.SlackPeople;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * A click on a Bugmaster button or menu in Slack ({@code block_actions}), made as the Bugmaster person
 * the Slack person is linked to, through the same services as the web: their role decides, and an
 * issue or incident of another organization than the workspace's is not found. The change raises its
 * signals as any change does, and the cards' consumer updates the messages from them. Whoever may not
 * act (not linked yet, a viewer, a button that is not Bugmaster's, a change refused) is told why, only
 * them, and nothing changes.
 */
@Service
class SlackClicks {
    /** How the changes made here are named in activities, incident logs and signals. */
    static final String VIA = "Slack";
    /** Slack sends one action per click; a payload with more is read no further than this. */
    private static final int MAX_ACTIONS = 5;
    /** Slack's user ids: U… or W… and capitals and digits. */
    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{1,31}");
    private static final Logger log = LoggerFactory.getLogger(SlackClicks.class);

    private final SlackPeople people;
    private final IssueChanges issues;
    private final Incidents incidents;
    private final OrganizationService organizations;
    private final SlackResponses responses;

    SlackClicks(SlackPeople people, IssueChanges issues, Incidents incidents, OrganizationService organizations, SlackResponses responses) {
        this.people = people;
        this.issues = issues;
        this.incidents = incidents;
        this.organizations = organizations;
        this.responses = responses;
    }

    void clicked(SlackInstallation installation, JsonNode payload) {
        String slackUserId = payload.path("user").path("id").asString("");
        String userTeam = payload.path("user").path("team_id").asString("");
        String responseUrl = payload.path("response_url").isString() ? payload.path("response_url").asString() : null;
        boolean inModal = payload.path("container").path("type").asString("").equals("view");
        int seen = 0;
        for (JsonNode action : payload.path("actions")) {
            if (++seen > MAX_ACTIONS) {
                break;
            }
            String value = action.path("value").isString() ? action.path("value").asString()
                    : action.path("selected_option").path("value").isString() ? action.path("selected_option").path("value").asString() : null;
            SlackClick.Read read = SlackClick.read(action.path("action_id").asString(""), value);
            if (inModal && read instanceof SlackClick.Refused) {
                continue; // an input of a modal (the declare form's menus): its submission is what counts
            }
            String answer = answer(installation, slackUserId, userTeam, read, value);
            if (answer != null) {
                responses.ephemeral(responseUrl, answer);
            }
        }
    }

    private String answer(SlackInstallation installation, String slackUserId, String userTeam, SlackClick.Read read, String value) {
        if (read instanceof SlackClick.Refused refused) {
            return SlackReplies.notUnderstood(refused.reason(), value);
        }
        SlackClick click = ((SlackClick.Ok) read).click();
        if (click.action() == SlackClick.Action.OPEN) {
            return null;
        }
        if (!SLACK_USER.matcher(slackUserId).matches()) {
            return SlackReplies.notDone("Slack did not say who clicked.");
        }
        if (!userTeam.isEmpty() && !userTeam.equals(installation.teamId())) {
            // a person of another workspace (in a channel shared through Slack Connect) is nobody here
            String workspace = installation.teamName() == null ? installation.teamId() : installation.teamName();
            return SlackReplies.notDone("only people of the " + workspace + " workspace can act on Bugmaster's messages.");
        }
        return asPerson(installation, slackUserId, click);
    }

    /** Acts as the linked person; what to tell them when nothing changed, or null. */
    private String asPerson(SlackInstallation installation, String slackUserId, SlackClick click) {
        var person = people.person(installation, slackUserId);
        if (person.isEmpty()) {
            return SlackReplies.notLinked(people.connectUrl(installation, slackUserId), SlackPeople.CONNECT_LINK_LIFETIME.toMinutes());
        }
        Actor actor = person.get().actor();
        OrgAccess access;
        try {
            access = organizations.access(actor, installation.orgId());
        } catch (NotFoundException e) {
            return SlackReplies.notDone("you are not a member of this organization any more.");
        }
        String org = access.org().slug();
        try {
            act(actor, org, installation.orgId(), click, person.get().userId());
            return null;
        } catch (ForbiddenException e) {
            return SlackReplies.notAllowed(click.action().may, access.org().name(), access.member().role().title());
        } catch (NotFoundException e) {
            return SlackReplies.notDone("this " + click.action().subjectType + " is not one of " + access.org().name()
                    + "'s (it was deleted, or the button is not from this workspace).");
        } catch (ConflictException | InvalidInputException e) {
            return SlackReplies.notDone(e.getMessage());
        } catch (RuntimeException e) {
            log.warn("A Slack click ({}) for organization {} failed", click.action(), installation.orgId(), e);
            return SlackReplies.notDone("an error on our side, logged for the admins. Try again, or use the web page.");
        }
    }

    private void act(Actor actor, String org, long orgId, SlackClick click, long userId) {
        String issueId = Long.toString(click.subjectId());
        switch (click.action()) {
            case ISSUE_RESOLVE -> issues.update(actor, org, issueId, IssueUpdate.resolve(), VIA);
            case ISSUE_UNRESOLVE -> issues.update(actor, org, issueId, IssueUpdate.unresolve(), VIA);
            case ISSUE_IGNORE -> issues.update(actor, org, issueId, click.ignoreMinutes() != null ? IssueUpdate.ignoreFor(click.ignoreMinutes())
                    : IssueUpdate.ignoreUntilEvents(click.ignoreCount()), VIA);
            case ISSUE_ASSIGN -> issues.update(actor, org, issueId, IssueUpdate.assignTo(click.choice().equals("me") ? "user:" + userId
                    : click.choice()), VIA);
            case INCIDENT_ACKNOWLEDGE -> incidents.acknowledge(actor, org, number(orgId, click), VIA);
            case INCIDENT_RESOLVE -> incidents.resolve(actor, org, number(orgId, click), VIA);
            case INCIDENT_ESCALATE -> incidents.escalate(actor, org, number(orgId, click), null, VIA);
            case OPEN -> { }
        }
    }

    /** The incident's number in the organization; not found when the id is another organization's. */
    private String number(long orgId, SlackClick click) {
        return incidents.byId(click.subjectId()).filter(i -> i.orgId() == orgId).map(Incident::number).map(String::valueOf)
                .orElseThrow(() -> new NotFoundException("incident " + click.subjectId() + " not found"));
    }
}
