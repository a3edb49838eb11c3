package io.bugmaster.incidents.timeline.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.incidents.TimelineEntry;
import io.bugmaster.incidents.timeline.NoteRules;
import io.bugmaster.incidents.timeline.TimelineNotes;
import io.bugmaster.web.api.ApiController;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An incident's timeline: every entry oldest first ({@code ?pinned=true}: the pinned ones), notes
 * added ({@code {"message", "at"?, "link"?}}), changed or pinned ({@code PUT .../timeline/log:12/})
 * and deleted. Entry ids are the timeline's ({@code log:12}, {@code delivery:...}, {@code issue:17:peak}).
 */
@ApiController
@RequestMapping("/api/0/organizations/{org}/incidents/{number}/timeline")
class TimelineApi {
    private final TimelineNotes notes;

    TimelineApi(TimelineNotes notes) {
        this.notes = notes;
    }

    record UserRef(String id) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EntryJson(String id, String type, String at, boolean automatic, boolean pinned, String message, String link, UserRef user,
            String actor, String via, String originalAt, String editedAt) {
        static EntryJson of(TimelineEntry e) {
            return new EntryJson(e.id(), e.kind(), e.at().toString(), e.automatic(), e.pinned(), e.message(), e.link(),
                    e.userId() == null ? null : new UserRef(e.userId().toString()), e.actor(), e.via(), text(e.originalAt()),
                    text(e.editedAt()));
        }
    }

    record NoteBody(String message, String at, String link) {}

    record ChangeBody(String message, String at, String link, Boolean pinned) {}

    @GetMapping({"/", ""})
    List<EntryJson> list(Actor actor, @PathVariable String org, @PathVariable String number,
            @RequestParam(name = "pinned", required = false) String pinned) {
        boolean pinnedOnly = switch (pinned == null ? "" : pinned.strip()) {
            case "", "false", "0" -> false;
            case "true", "1" -> true;
            default -> throw new InvalidInputException("pinned", "true or false, got '" + pinned + "'");
        };
        return notes.list(actor, org, number, pinnedOnly).stream().map(EntryJson::of).toList();
    }

    @PostMapping({"/", ""})
    ResponseEntity<EntryJson> add(Actor actor, @PathVariable String org, @PathVariable String number, @RequestBody NoteBody body) {
        TimelineEntry e = notes.add(actor, org, number, new TimelineNotes.NewNote(body.message(), NoteRules.iso(body.at()), body.link()), "api");
        return ResponseEntity.status(HttpStatus.CREATED).body(EntryJson.of(e));
    }

    @PutMapping({"/{entryId}/", "/{entryId}"})
    EntryJson change(Actor actor, @PathVariable String org, @PathVariable String number, @PathVariable String entryId,
            @RequestBody ChangeBody body) {
        return EntryJson.of(notes.update(actor, org, number, entryId,
                new TimelineNotes.Change(body.message(), NoteRules.iso(body.at()), body.link(), body.pinned())));
    }

    @DeleteMapping({"/{entryId}/", "/{entryId}"})
    ResponseEntity<Void> delete(Actor actor, @PathVariable String org, @PathVariable String number, @PathVariable String entryId) {
        notes.delete(actor, org, number, entryId);
        return ResponseEntity.noContent().build();
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
