package io.bugmaster.alerting.actionlinks;

import io.bugmaster.alerting.actionlinks.ActionLinks.Outcome;
import io.bugmaster.web.UiController;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page an action link opens, without a login. GET shows what the link will do and a button;
 * it never acts, because mail scanners and chat unfurlers open links by themselves. The button
 * POSTs back to the same address, and that acts.
 *
 * <p>The POST is exempt from the session's CSRF token (SecurityConfig): it acts on the authority of
 * the link's token alone, never of a session, so a forged cross-site request carries only what its
 * author already has. A session's token would add nothing, and would refuse a button pressed after
 * the session ended (a page left open for hours).
 */
@UiController
class ActionLinkPages {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final ActionLinks links;

    ActionLinkPages(ActionLinks links) {
        this.links = links;
    }

    @GetMapping("/actions/{token}")
    ModelAndView show(@PathVariable String token, HttpServletResponse response) {
        return page(links.check(token), false, response);
    }

    @PostMapping("/actions/{token}")
    ModelAndView act(@PathVariable String token, HttpServletResponse response) {
        return page(links.use(token), true, response);
    }

    private ModelAndView page(Outcome o, boolean posted, HttpServletResponse response) {
        // the address is a credential: no cache keeps it, no page it links to learns it, no search engine lists it
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
        ModelAndView mav = new ModelAndView("alerting/action-link");
        mav.addObject("issue", o.issue());
        boolean resolve = o.action() == ActionToken.Action.RESOLVE;
        if (o.refused()) {
            mav.setStatus(HttpStatus.valueOf(o.refusal().status()));
            mav.addObject("state", "refused");
            String[] words = refusal(o);
            mav.addObject("title", words[0]);
            mav.addObject("message", words[1]);
            mav.addObject("next", words[2]);
        } else if (o.alreadyDone()) {
            mav.addObject("state", "already");
            mav.addObject("title", "Already resolved");
            mav.addObject("message", "This issue is resolved already; nothing was changed.");
            mav.addObject("next", "Open the issue to see who resolved it and when.");
        } else if (posted) {
            mav.addObject("state", "done");
            mav.addObject("title", resolve ? "Issue resolved" : "Issue ignored for 1 hour");
            mav.addObject("message", (resolve ? "Resolved" : "Ignored") + " through a link in " + o.via()
                    + ". The issue's activity records it so.");
            mav.addObject("next", resolve ? "A new event reopens it as a regression." : "After an hour it is unresolved again.");
        } else {
            mav.addObject("state", "confirm");
            mav.addObject("title", resolve ? "Resolve this issue?" : "Ignore this issue for 1 hour?");
            mav.addObject("message", "This link came in " + o.via() + ". "
                    + (resolve ? "Resolving marks the issue resolved for everyone; a new event reopens it as a regression."
                            : "Ignoring hides the issue from unresolved issues and holds its alerts for an hour; then it is unresolved again."));
            mav.addObject("next", "No login is needed: the link acts once, for whoever got that message, and the issue's activity"
                    + " records where it came from.");
            mav.addObject("button", resolve ? "Resolve" : "Ignore for 1 hour");
        }
        return mav;
    }

    /** Title, what happened, what to do next. */
    private String[] refusal(Outcome o) {
        return switch (o.refusal()) {
            case TURNED_OFF -> new String[] {"Action links are turned off", "This server does not act on links in messages.",
                    "Log in and change the issue on its page."};
            case INVALID -> new String[] {"This link is not valid", "It was changed or cut short, or it was not made by this server.",
                    "Copy the whole link from the message again, or log in and find the issue."};
            case EXPIRED -> new String[] {"This link has expired", "Action links work for " + days(links.lifetime())
                    + " after their message was sent.", "Open the issue and change it there (you may need to log in)."};
            case USED -> new String[] {"This link was already used", "It was used"
                    + (o.usedAt() == null ? "" : " on " + WHEN.format(o.usedAt())) + "; each link acts once.",
                    "Open the issue to see what it is now."};
            case ISSUE_GONE -> new String[] {"This issue is gone", "It was deleted, or merged into another issue.",
                    "Log in to find it among the organization's issues."};
            case RECIPIENT_GONE -> new String[] {"This link no longer acts",
                    "The channel or the person it was sent to is no longer part of the organization.",
                    "Log in and change the issue on its page."};
        };
    }

    private static String days(java.time.Duration d) {
        long days = d.toDays();
        if (days >= 1 && d.equals(java.time.Duration.ofDays(days))) {
            return days == 1 ? "1 day" : days + " days";
        }
        long hours = d.toHours();
        return hours == 1 ? "1 hour" : hours + " hours";
    }
}
