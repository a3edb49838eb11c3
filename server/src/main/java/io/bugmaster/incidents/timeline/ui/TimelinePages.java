package io.bugmaster.incidents.timeline.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.incidents.timeline.NoteRules;
import io.bugmaster.incidents.timeline.TimelineNotes;
import io.bugmaster.web.UiController;
import java.time.Instant;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The timeline's forms on the incident page (each a POST with the CSRF token, no JavaScript needed):
 * add a note, change a note's text or time, pin or unpin an entry, delete a note. A form's time is
 * in the zone the browser named ({@code tz}), UTC without JavaScript.
 */
@UiController
@RequestMapping("/orgs/{org}/incidents/{number}/timeline")
class TimelinePages {
    private final TimelineNotes notes;

    TimelinePages(TimelineNotes notes) {
        this.notes = notes;
    }

    @PostMapping("/notes")
    String add(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam(required = false) String message,
            @RequestParam(required = false) String at, @RequestParam(required = false) String tz,
            @RequestParam(required = false) String link, RedirectAttributes redirect) {
        return act(org, number, redirect, () -> {
            notes.add(actor, org, number, new TimelineNotes.NewNote(message, NoteRules.local(at, tz), link), "web");
            return "Note added to the timeline.";
        });
    }

    /** {@code was}: the note's time as the form showed it (UTC, to the minute), so a time left alone keeps its seconds. */
    @PostMapping("/change")
    String change(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam String entry,
            @RequestParam(required = false) String message, @RequestParam(required = false) String at,
            @RequestParam(required = false) String tz, @RequestParam(required = false) String was,
            @RequestParam(required = false) String link, RedirectAttributes redirect) {
        return act(org, number, redirect, () -> {
            Instant newAt = NoteRules.local(at, tz);
            if (newAt != null && newAt.equals(NoteRules.local(was, null))) {
                newAt = null; // the time was left as shown: the note keeps its own, to the second
            }
            // a form always sends its fields: an empty time keeps the note's time, an empty link removes it
            notes.update(actor, org, number, entry, new TimelineNotes.Change(message == null ? "" : message, newAt,
                    link == null ? "" : link, null));
            return "Note changed.";
        });
    }

    @PostMapping("/pin")
    String pin(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam String entry,
            @RequestParam(defaultValue = "true") boolean pinned, RedirectAttributes redirect) {
        return act(org, number, redirect, () -> {
            notes.update(actor, org, number, entry, new TimelineNotes.Change(null, null, null, pinned));
            return pinned ? "Pinned: it is shown first." : "Unpinned.";
        });
    }

    @PostMapping("/delete")
    String delete(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam String entry,
            RedirectAttributes redirect) {
        return act(org, number, redirect, () -> {
            notes.delete(actor, org, number, entry);
            return "Note deleted.";
        });
    }

    private interface Action {
        String run();
    }

    /** Runs an action and goes back to the incident's timeline with what it did, or what was wrong with the form. */
    private static String act(String org, String number, RedirectAttributes redirect, Action action) {
        try {
            redirect.addFlashAttribute("notice", action.run());
        } catch (InvalidInputException e) {
            String m = e.getMessage();
            redirect.addFlashAttribute("alert", "Not saved: " + (m == null ? "check the form" : m) + ".");
        }
        return "redirect:/orgs/" + org + "/incidents/" + number + "#timeline";
    }
}
