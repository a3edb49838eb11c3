package io.bugmaster.oncall.schedules.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.oncall.schedules.Layer;
import io.bugmaster.oncall.schedules.Restriction;
import io.bugmaster.oncall.schedules.Schedule;
import io.bugmaster.oncall.schedules.ScheduleInput;
import io.bugmaster.oncall.schedules.ScheduleOverride;
import io.bugmaster.oncall.schedules.ScheduleService;
import io.bugmaster.oncall.schedules.Shift;
import io.bugmaster.oncall.schedules.Span;
import io.bugmaster.oncall.schedules.TemporarySchedule;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/**
 * On-call schedules of an organization, with PagerDuty's field names: {@code time_zone},
 * {@code schedule_layers} with {@code rotation_virtual_start}, {@code rotation_turn_length_seconds},
 * {@code users} and {@code restrictions}; the computed final schedule at {@code {id}/oncall/}; overrides
 * and temporary schedules under the schedule. Times are ISO 8601; answers give them in UTC.
 */
@ApiController
@RequestMapping("/api/0/organizations/{org}/schedules")
class SchedulesApi {
    static final Duration DEFAULT_WINDOW = Duration.ofDays(14);

    private final ScheduleService schedules;
    private final Directory directory;
    private final Paging paging;
    private final Clock clock;

    SchedulesApi(ScheduleService schedules, Directory directory, Paging paging, Clock clock) {
        this.schedules = schedules;
        this.directory = directory;
        this.paging = paging;
        this.clock = clock;
    }

    /** A person, by id; {@code type}, {@code email} and {@code name} are accepted and ignored, so an answer can be sent back. */
    record UserRef(Object id, String type, String email, String name) {
        String idText() {
            if (id instanceof String || id instanceof Number) {
                return id.toString();
            }
            throw new InvalidInputException("user.id", "a user is given as {\"id\": \"<user id>\"}");
        }
    }

    record RestrictionBody(String type, @JsonProperty("start_time_of_day") String startTimeOfDay,
            @JsonProperty("duration_seconds") Long durationSeconds, @JsonProperty("start_day_of_week") Integer startDayOfWeek) {}

    record LayerBody(String name, String start, String end, @JsonProperty("rotation_virtual_start") String rotationVirtualStart,
            @JsonProperty("rotation_turn_length_seconds") Long rotationTurnLengthSeconds, List<UserRef> users,
            List<RestrictionBody> restrictions) {}

    record ScheduleBody(String name, @JsonProperty("time_zone") String timeZone, String description, String team,
            @JsonProperty("schedule_layers") List<LayerBody> scheduleLayers) {
        ScheduleInput input() {
            List<ScheduleInput.LayerInput> layers = scheduleLayers == null ? List.of() : scheduleLayers.stream().map(l -> l == null ? null
                    : new ScheduleInput.LayerInput(l.name(), l.start(), l.end(), l.rotationVirtualStart(), l.rotationTurnLengthSeconds(),
                            l.users() == null ? List.of() : l.users().stream().map(u -> u == null ? null : u.idText()).toList(),
                            l.restrictions() == null ? List.of() : l.restrictions().stream().map(r -> r == null ? null
                                    : new ScheduleInput.RestrictionInput(r.type(), r.startTimeOfDay(), r.durationSeconds(), r.startDayOfWeek()))
                                    .toList()))
                    .toList();
            return new ScheduleInput(name, timeZone, description, team, layers);
        }
    }

    record UserJson(String id, String email, String name) {}

    record RestrictionJson(String type, @JsonProperty("start_time_of_day") String startTimeOfDay,
            @JsonProperty("duration_seconds") long durationSeconds, @JsonProperty("start_day_of_week") Integer startDayOfWeek) {}

    record LayerJson(String name, String start, String end, @JsonProperty("rotation_virtual_start") String rotationVirtualStart,
            @JsonProperty("rotation_turn_length_seconds") long rotationTurnLengthSeconds, List<UserJson> users,
            List<RestrictionJson> restrictions) {}

    record ScheduleJson(String id, String name, @JsonProperty("time_zone") String timeZone, String description, String team,
            @JsonProperty("schedule_layers") List<LayerJson> scheduleLayers, List<UserJson> users,
            @JsonProperty("date_created") String dateCreated, @JsonProperty("date_updated") String dateUpdated) {}

    record EntryJson(String start, String end, UserJson user) {}

    record EntriesJson(@JsonProperty("rendered_schedule_entries") List<EntryJson> renderedScheduleEntries) {}

    record LayerEntriesJson(String name, @JsonProperty("rendered_schedule_entries") List<EntryJson> renderedScheduleEntries) {}

    record SpanJson(String start, String end) {}

    record IdJson(String id, String name) {}

    /** The computed final schedule over [since, until), each layer alone, and where nobody is on call. */
    record OnCallJson(IdJson schedule, @JsonProperty("time_zone") String timeZone, String since, String until,
            @JsonProperty("final_schedule") EntriesJson finalSchedule, @JsonProperty("schedule_layers") List<LayerEntriesJson> scheduleLayers,
            List<SpanJson> gaps) {}

    record OverrideBody(String start, String end, UserRef user) {}

    record OverrideJson(String id, String start, String end, UserJson user, @JsonProperty("date_created") String dateCreated) {}

    record ShiftBody(String start, String end, UserRef user) {}

    record TemporaryBody(String start, String end, List<ShiftBody> shifts) {}

    record TemporaryJson(String id, String start, String end, List<EntryJson> shifts) {}

    @GetMapping({"/", ""})
    ResponseEntity<List<ScheduleJson>> list(Actor actor, HttpServletRequest request, @PathVariable String org, PageRequest page) {
        var found = schedules.list(actor, org, page.offset(), page.perPage());
        Renderer r = renderer(found.items().stream().flatMap(s -> s.members().stream()).toList(),
                found.items().stream().map(Schedule::teamId).filter(java.util.Objects::nonNull).toList());
        return paging.respond(request, found, r::schedule);
    }

    @PostMapping({"/", ""})
    ResponseEntity<ScheduleJson> create(Actor actor, @PathVariable String org, @RequestBody ScheduleBody body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(render(schedules.create(actor, org, required(body).input())));
    }

    @GetMapping({"/{id}/", "/{id}"})
    ScheduleJson get(Actor actor, @PathVariable String org, @PathVariable String id) {
        return render(schedules.get(actor, org, id));
    }

    @PutMapping({"/{id}/", "/{id}"})
    ScheduleJson update(Actor actor, @PathVariable String org, @PathVariable String id, @RequestBody ScheduleBody body) {
        return render(schedules.update(actor, org, id, required(body).input()));
    }

    @DeleteMapping({"/{id}/", "/{id}"})
    ResponseEntity<Void> delete(Actor actor, @PathVariable String org, @PathVariable String id) {
        schedules.delete(actor, org, id);
        return ResponseEntity.noContent().build();
    }

    /** The final schedule: {@code since} defaults to now, {@code until} to 14 days after {@code since} (at most 366). */
    @GetMapping({"/{id}/oncall/", "/{id}/oncall"})
    OnCallJson onCall(Actor actor, @PathVariable String org, @PathVariable String id, @RequestParam(required = false) String since,
            @RequestParam(required = false) String until) {
        Instant from = since == null ? clock.instant() : ScheduleInput.instant("since", since);
        Instant to = until == null ? from.plus(DEFAULT_WINDOW) : ScheduleInput.instant("until", until);
        ScheduleService.OnCall oc = schedules.onCall(actor, org, id, from, to);
        Set<Long> people = new HashSet<>(oc.schedule().members());
        oc.finalShifts().forEach(s -> people.add(s.userId()));
        Renderer r = renderer(people, List.of());
        List<LayerEntriesJson> layers = new java.util.ArrayList<>();
        for (int i = 0; i < oc.layers().size(); i++) {
            layers.add(new LayerEntriesJson(oc.schedule().layers().get(i).name(), r.entries(oc.layers().get(i))));
        }
        return new OnCallJson(new IdJson(Long.toString(oc.schedule().id()), oc.schedule().name()), oc.schedule().zone().getId(),
                from.toString(), to.toString(), new EntriesJson(r.entries(oc.finalShifts())), layers,
                oc.gaps().stream().map(SchedulesApi::span).toList());
    }

    /** Overrides that have not ended by {@code since} (default now) and start before {@code until} (default 90 days on). */
    @GetMapping({"/{id}/overrides/", "/{id}/overrides"})
    List<OverrideJson> overrides(Actor actor, @PathVariable String org, @PathVariable String id, @RequestParam(required = false) String since,
            @RequestParam(required = false) String until) {
        Instant from = since == null ? clock.instant() : ScheduleInput.instant("since", since);
        Instant to = until == null ? from.plus(Duration.ofDays(90)) : ScheduleInput.instant("until", until);
        List<ScheduleOverride> found = schedules.overrides(actor, org, id, from, to);
        Renderer r = renderer(found.stream().map(ScheduleOverride::userId).toList(), List.of());
        return found.stream().map(r::override).toList();
    }

    @PostMapping({"/{id}/overrides/", "/{id}/overrides"})
    ResponseEntity<OverrideJson> addOverride(Actor actor, @PathVariable String org, @PathVariable String id, @RequestBody OverrideBody body) {
        if (body == null || body.user() == null) {
            throw new InvalidInputException("user", "an override names who covers: {\"user\": {\"id\": \"<user id>\"}}");
        }
        ScheduleOverride o = schedules.addOverride(actor, org, id, body.user().idText(), instantOrNull("start", body.start()),
                instantOrNull("end", body.end()));
        return ResponseEntity.status(HttpStatus.CREATED).body(renderer(List.of(o.userId()), List.of()).override(o));
    }

    @DeleteMapping({"/{id}/overrides/{overrideId}/", "/{id}/overrides/{overrideId}"})
    ResponseEntity<Void> deleteOverride(Actor actor, @PathVariable String org, @PathVariable String id, @PathVariable String overrideId) {
        schedules.deleteOverride(actor, org, id, overrideId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping({"/{id}/temporary-schedules/", "/{id}/temporary-schedules"})
    List<TemporaryJson> temporaries(Actor actor, @PathVariable String org, @PathVariable String id) {
        Instant now = clock.instant();
        List<TemporarySchedule> found = schedules.temporaries(actor, org, id, now, now.plus(ScheduleService.MAX_WINDOW));
        Renderer r = renderer(found.stream().flatMap(t -> t.shifts().stream().map(Shift::userId)).toList(), List.of());
        return found.stream().map(r::temporary).toList();
    }

    /** A temporary schedule: for [start, end) its shifts replace every layer (where they leave a hole, nobody is on call). */
    @PostMapping({"/{id}/temporary-schedules/", "/{id}/temporary-schedules"})
    ResponseEntity<TemporaryJson> addTemporary(Actor actor, @PathVariable String org, @PathVariable String id, @RequestBody TemporaryBody body) {
        if (body == null) {
            throw new InvalidInputException(null, "a temporary schedule is {\"start\", \"end\", \"shifts\": [{\"start\", \"end\", \"user\": {\"id\"}}]}");
        }
        Instant start = instantOrNull("start", body.start());
        Instant end = instantOrNull("end", body.end());
        if (start == null || end == null) {
            throw new InvalidInputException(start == null ? "start" : "end", "a temporary schedule needs a start and an end");
        }
        List<ShiftBody> in = body.shifts() == null ? List.of() : body.shifts();
        List<Shift> shifts = new java.util.ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            ShiftBody s = in.get(i);
            String field = "shifts[" + i + "]";
            if (s == null || s.user() == null || s.start() == null || s.end() == null) {
                throw new InvalidInputException(field, "a shift is {\"start\", \"end\", \"user\": {\"id\"}}");
            }
            Instant from = ScheduleInput.instant(field + ".start", s.start());
            Instant to = ScheduleInput.instant(field + ".end", s.end());
            if (!to.isAfter(from)) {
                throw new InvalidInputException(field + ".end", "a shift ends after it starts");
            }
            shifts.add(new Shift(ScheduleInput.userId(field + ".user.id", s.user().idText()), from, to));
        }
        TemporarySchedule t = schedules.addTemporary(actor, org, id, start, end, shifts);
        return ResponseEntity.status(HttpStatus.CREATED).body(renderer(shifts.stream().map(Shift::userId).toList(), List.of()).temporary(t));
    }

    @DeleteMapping({"/{id}/temporary-schedules/{temporaryId}/", "/{id}/temporary-schedules/{temporaryId}"})
    ResponseEntity<Void> deleteTemporary(Actor actor, @PathVariable String org, @PathVariable String id, @PathVariable String temporaryId) {
        schedules.deleteTemporary(actor, org, id, temporaryId);
        return ResponseEntity.noContent().build();
    }

    private static ScheduleBody required(ScheduleBody body) {
        if (body == null) {
            throw new InvalidInputException(null, "a schedule is {\"name\", \"time_zone\", \"schedule_layers\": [...]}");
        }
        return body;
    }

    private static Instant instantOrNull(String field, String value) {
        return value == null ? null : ScheduleInput.instant(field, value);
    }

    private ScheduleJson render(Schedule s) {
        return renderer(s.members(), s.teamId() == null ? List.of() : List.of(s.teamId())).schedule(s);
    }

    private Renderer renderer(Collection<Long> userIds, Collection<Long> teamIds) {
        return new Renderer(directory.people(new HashSet<>(userIds)), directory.teams(new HashSet<>(teamIds)));
    }

    /** Turns ids into people and team slugs, read once per answer. */
    private record Renderer(Map<Long, Directory.Person> people, Map<Long, Directory.TeamName> teams) {
        UserJson user(long id) {
            Directory.Person p = people.get(id);
            return new UserJson(Long.toString(id), p == null ? null : p.email(), p == null ? null : p.name());
        }

        ScheduleJson schedule(Schedule s) {
            return new ScheduleJson(Long.toString(s.id()), s.name(), s.zone().getId(), s.description(),
                    s.teamId() == null || !teams.containsKey(s.teamId()) ? null : teams.get(s.teamId()).slug(),
                    s.layers().stream().map(this::layer).toList(), s.members().stream().map(this::user).toList(),
                    s.createdAt().toString(), s.updatedAt().toString());
        }

        LayerJson layer(Layer l) {
            return new LayerJson(l.name(), l.start().toString(), l.end() == null ? null : l.end().toString(), l.rotationVirtualStart().toString(),
                    l.turnLength().seconds(), l.users().stream().map(this::user).toList(), l.restrictions().stream().map(Renderer::restriction).toList());
        }

        static RestrictionJson restriction(Restriction r) {
            return new RestrictionJson(r.kind().id(), r.startTimeOfDay().toString().length() == 5 ? r.startTimeOfDay() + ":00"
                    : r.startTimeOfDay().toString(), r.durationSeconds(), r.startDayOfWeek() == null ? null : r.startDayOfWeek().getValue());
        }

        List<EntryJson> entries(List<Shift> shifts) {
            return shifts.stream().map(s -> new EntryJson(s.start().toString(), s.end().toString(), user(s.userId()))).toList();
        }

        OverrideJson override(ScheduleOverride o) {
            return new OverrideJson(Long.toString(o.id()), o.start().toString(), o.end().toString(), user(o.userId()), o.createdAt().toString());
        }

        TemporaryJson temporary(TemporarySchedule t) {
            return new TemporaryJson(Long.toString(t.id()), t.start().toString(), t.end().toString(), entries(t.shifts()));
        }
    }

    static SpanJson span(Span s) {
        return new SpanJson(s.start().toString(), s.end().toString());
    }
}
