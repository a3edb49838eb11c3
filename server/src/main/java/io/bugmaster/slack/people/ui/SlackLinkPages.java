package io.bugmaster.slack.people.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.slack.people.SlackConnections;
import io.bugmaster.slack.people.SlackConnections.Connection;
import io.bugmaster.slack.people.SlackPeople;
import io.bugmaster.web.UiController;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The one-time link a click in Slack gives a person who is not linked yet ({@code /slack/link?token=…}):
 * it needs their Bugmaster login (after logging in they come back here), shows which Slack account
 * would act as them, and connects it only when they press the button (a POST with the session's CSRF
 * token, so a link opened by someone else's page connects nothing). And the person's own Slack links,
 * which they can remove.
 */
@UiController
class SlackLinkPages {
    private static final String ACCOUNTS = "/settings/slack";

    private final SlackConnections connections;

    SlackLinkPages(SlackConnections connections) {
        this.connections = connections;
    }

    @GetMapping("/slack/link")
    ModelAndView show(Actor actor, @RequestParam(required = false) String token, HttpServletResponse response) {
        return page(connections.check(actor, token), token, false, response);
    }

    @PostMapping("/slack/link")
    ModelAndView connect(Actor actor, @RequestParam(required = false) String token, HttpServletResponse response) {
        return page(connections.connect(actor, token), token, true, response);
    }

    @GetMapping(ACCOUNTS)
    ModelAndView accounts(Actor actor) {
        ModelAndView mav = new ModelAndView("slack/accounts");
        mav.addObject("section", "slack-accounts");
        mav.addObject("links", connections.mine(actor));
        return mav;
    }

    @PostMapping(ACCOUNTS + "/unlink")
    String unlink(Actor actor, @RequestParam long org, @RequestParam String team, @RequestParam("slack_user") String slackUser,
            RedirectAttributes redirect) {
        try {
            connections.unlink(actor, org, team, slackUser);
            redirect.addFlashAttribute("notice", "Slack account unlinked: its clicks no longer act as you.");
        } catch (NotFoundException e) {
            redirect.addFlashAttribute("alert", "That Slack account is not linked to you.");
        }
        return "redirect:" + ACCOUNTS;
    }

    private static ModelAndView page(Connection c, String token, boolean posted, HttpServletResponse response) {
        // the address is a credential: no cache keeps it, no page it links to learns it
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        ModelAndView mav = new ModelAndView("slack/link");
        mav.addObject("connection", c);
        if (c.refused()) {
            mav.setStatus(HttpStatusCode.valueOf(c.problem().status()));
            String[] words = switch (c.problem()) {
                case INVALID -> new String[] {"This link is not valid", "It was changed or cut short, or it was not made by this server."};
                case EXPIRED -> new String[] {"This link has expired", "Links to connect a Slack account work for "
                        + SlackPeople.CONNECT_LINK_LIFETIME.toMinutes() + " minutes. Click the button in Slack again to get a new one."};
                case USED -> new String[] {"This link was already used", "Each link connects once. Your Slack account may be connected"
                        + " already: see your Slack accounts."};
                case WORKSPACE_GONE -> new String[] {"This Slack workspace is no longer connected", "The organization disconnected it"
                        + " from Bugmaster (or connected another one) after this link was made."};
                case NOT_A_MEMBER -> new String[] {"This link is for another organization", "You are not a member of the organization"
                        + " whose Slack workspace made this link. Log in with the account you use there."};
            };
            mav.addObject("title", words[0]);
            mav.addObject("message", words[1]);
            mav.addObject("state", "refused");
        } else if (posted) {
            mav.addObject("title", "Slack account connected");
            mav.addObject("state", "done");
        } else {
            mav.addObject("title", "Connect your Slack account?");
            mav.addObject("state", "confirm");
            mav.addObject("token", token);
        }
        return mav;
    }
}
