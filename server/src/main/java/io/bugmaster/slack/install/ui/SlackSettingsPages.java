package io.bugmaster.slack.install.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.slack.calls.SlackCalls;
import io.bugmaster.slack.install.SlackAppManifest;
import io.bugmaster.slack.install.SlackInstallation;
import io.bugmaster.slack.install.SlackInstallations;
import io.bugmaster.web.FormErrors;
import io.bugmaster.web.UiController;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The organization's Slack workspace: the app manifest to create the app from, the token and the
 * signing secret to connect it (checked with Slack, shown masked once stored), and Disconnect.
 * Admins change it; members see whether it is connected.
 */
@UiController
@RequestMapping("/orgs/{org}/settings/slack")
class SlackSettingsPages {
    static final int RECENT_CALLS = 20;

    private final SlackInstallations installations;
    private final SlackAppManifest manifest;
    private final SlackCalls calls;

    SlackSettingsPages(SlackInstallations installations, SlackAppManifest manifest, SlackCalls calls) {
        this.installations = installations;
        this.manifest = manifest;
        this.calls = calls;
    }

    @GetMapping({"", "/"})
    ModelAndView show(Actor actor, @PathVariable String org) {
        return page(org, installations.get(actor, org), FormErrors.NONE, Map.of());
    }

    @PostMapping({"", "/"})
    ModelAndView save(Actor actor, @PathVariable String org, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        boolean connected = installations.get(actor, org).isPresent();
        try {
            installations.save(actor, org, new SlackInstallations.Settings(form.get("bot_token"),
                    form.get("signing_secret"), blankToNull(form.get("timeline_reaction")),
                    "on".equals(form.get("incident_channels")) || "true".equals(form.get("incident_channels"))));
            redirect.addFlashAttribute("notice", (connected ? "Slack settings saved" : "Slack connected")
                    + ". Invite the app to a channel (/invite @Bugmaster) and add that channel under Notifications.");
        } catch (InvalidInputException | ConflictException e) {
            ModelAndView mav = page(org, installations.get(actor, org),
                    FormErrors.from(e, "bot_token", "bot_token", "signing_secret", "timeline_reaction"), form);
            mav.setStatus(HttpStatusCode.valueOf(422));
            return mav;
        }
        return new ModelAndView("redirect:/orgs/" + org + "/settings/slack");
    }

    @PostMapping("/delete")
    String disconnect(Actor actor, @PathVariable String org, RedirectAttributes redirect) {
        installations.remove(actor, org);
        redirect.addFlashAttribute("notice", "Slack disconnected: Bugmaster forgot the token and the signing secret. Remove the app"
                + " in Slack too (api.slack.com/apps) if nobody will connect it again.");
        return "redirect:/orgs/" + org + "/settings/slack";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private ModelAndView page(String org, Optional<SlackInstallation> installation, FormErrors errors, Map<String, String> form) {
        ModelAndView mav = new ModelAndView("slack/settings");
        mav.addObject("section", "notifications");
        mav.addObject("installation", installation.orElse(null));
        // what Bugmaster last asked of Slack on its own (message updates, invitations), so a refusal does not go unseen
        mav.addObject("calls", installation.map(i -> calls.recent(i.orgId(), RECENT_CALLS)).orElse(java.util.List.of()));
        mav.addObject("maskedToken", installation.map(i -> SlackInstallation.masked(i.botToken())).orElse(null));
        mav.addObject("maskedSecret", installation.map(i -> SlackInstallation.masked(i.signingSecret())).orElse(null));
        mav.addObject("manifest", manifest.yaml());
        mav.addObject("commandsUrl", manifest.commandsUrl());
        mav.addObject("interactionsUrl", manifest.interactionsUrl());
        mav.addObject("eventsUrl", manifest.eventsUrl());
        mav.addObject("errors", errors);
        mav.addObject("form", form);
        mav.addObject("base", "/orgs/" + org + "/settings/slack");
        return mav;
    }
}
