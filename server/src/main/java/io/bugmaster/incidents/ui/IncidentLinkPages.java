package io.bugmaster.incidents.ui;

import io.bugmaster.incidents.IncidentLinkToken;
import io.bugmaster.incidents.IncidentLinks;
import io.bugmaster.incidents.IncidentLinks.Outcome;
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
 * The page a one-click incident link opens, without a login. GET shows the incident and a button and
 * never acts (mail scanners prefetch links); the button POSTs back to the same address, and that acts.
 * A POST straight to the address (ntfy's http action) acts too: the link's token is the credential,
 * bound to one person, one incident and one action, so the POST is exempt from the session's CSRF
 * token (SecurityConfig), as issue action links are.
 */
@UiController
class IncidentLinkPages {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final IncidentLinks links;

    IncidentLinkPages(IncidentLinks links) {
        this.links = links;
    }

    @GetMapping("/incident-actions/{token}")
    ModelAndView show(@PathVariable String token, HttpServletResponse response) {
        return page(links.check(token), response);
    }

    @PostMapping("/incident-actions/{token}")
    ModelAndView act(@PathVariable String token, HttpServletResponse response) {
        return page(links.use(token), response);
    }

    private ModelAndView page(Outcome o, HttpServletResponse response) {
        // the address is a credential: no cache keeps it, no page it links to learns it, no search engine lists it
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
        ModelAndView mav = new ModelAndView("incidents/incident-link");
        mav.addObject("incident", o.incident());
        mav.addObject("service", o.service());
        boolean ack = o.action() == IncidentLinkToken.Action.ACKNOWLEDGE;
        if (o.refused()) {
            mav.setStatus(HttpStatus.valueOf(o.refusal().status()));
            mav.addObject("state", "refused");
            String[] words = switch (o.refusal()) {
                case INVALID -> new String[] {"This link is not valid", "It was changed or cut short, or it was not made by this server."};
                case EXPIRED -> new String[] {"This link has expired", "Links in pages work for 7 days; log in to act on the incident."};
                case USED -> new String[] {"This link was already used", "It was used"
                        + (o.usedAt() == null ? "" : " on " + WHEN.format(o.usedAt())) + "; each link acts once."};
                case INCIDENT_GONE -> new String[] {"This incident is gone", "Its service was deleted."};
                case PERSON_GONE -> new String[] {"This link no longer acts", "The person it was sent to is no longer a member of the organization."};
            };
            mav.addObject("title", words[0]);
            mav.addObject("message", words[1]);
        } else if (o.acted()) {
            mav.addObject("state", "done");
            mav.addObject("title", ack ? "Incident acknowledged" : "Incident resolved");
            mav.addObject("message", (ack ? "Acknowledged" : "Resolved") + " as " + o.person()
                    + (ack ? ". No more pages are sent about it until its acknowledgement times out." : ". Paging about it has stopped."));
        } else if (o.alreadyDone()) {
            mav.addObject("state", "already");
            mav.addObject("title", "Already " + o.incident().status().id());
            mav.addObject("message", "This incident is " + o.incident().status().id() + " already; nothing was changed.");
        } else {
            mav.addObject("state", "confirm");
            mav.addObject("title", ack ? "Acknowledge this incident?" : "Resolve this incident?");
            mav.addObject("message", (ack ? "Acknowledging stops the escalation: nobody else is paged about it"
                    : "Resolving closes the incident and its alerts and stops every page about it") + ". You act as " + o.person() + ".");
            mav.addObject("button", ack ? "Acknowledge" : "Resolve");
        }
        return mav;
    }
}
