package io.bugmaster.oncall.schedules;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A schedule as a client wrote it (API body or form, PagerDuty's field names), checked and turned into
 * layers. Each error names the field the way the client wrote it, {@code schedule_layers[1].users[0]},
 * and says what is wrong. Sizes are bounded so one schedule costs little to compute.
 */
@PureLogic
public record ScheduleInput(String name, String timeZone, String description, String team, List<LayerInput> layers) {
    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_LAYERS = 20;
    public static final int MAX_USERS_PER_LAYER = 100;
    public static final int MAX_RESTRICTIONS_PER_LAYER = 21;
    public static final long MAX_TURN_SECONDS = 52 * Restriction.WEEK_SECONDS;

    /** {@code users}: user ids in turn order, as written. */
    public record LayerInput(String name, String start, String end, String rotationVirtualStart, Long rotationTurnLengthSeconds,
            List<String> users, List<RestrictionInput> restrictions) {}

    public record RestrictionInput(String type, String startTimeOfDay, Long durationSeconds, Integer startDayOfWeek) {}

    /** The checked schedule: user ids are numbers but not yet known to be members (the service checks that). */
    public record Valid(String name, ZoneId zone, String description, String team, List<Layer> layers) {}

    public Valid validate() {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new InvalidInputException("name", "a schedule needs a name");
        }
        if (n.length() > MAX_NAME) {
            throw new InvalidInputException("name", "at most " + MAX_NAME + " characters");
        }
        String d = description == null ? "" : description.strip();
        if (d.length() > MAX_DESCRIPTION) {
            throw new InvalidInputException("description", "at most " + MAX_DESCRIPTION + " characters");
        }
        ZoneId zone = zone(timeZone);
        List<LayerInput> in = layers == null ? List.of() : layers;
        if (in.size() > MAX_LAYERS) {
            throw new InvalidInputException("schedule_layers", "at most " + MAX_LAYERS + " layers (got " + in.size() + ")");
        }
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            out.add(layer("schedule_layers[" + i + "]", i, in.get(i)));
        }
        String t = team == null || team.isBlank() ? null : team.strip();
        return new Valid(n, zone, d, t, out);
    }

    /** A time zone by its IANA name ({@code Europe/Paris}); fixed offsets and abbreviations are refused, they know no DST. */
    public static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException("time_zone", "a schedule needs a time zone, an IANA name such as Europe/Paris");
        }
        try {
            ZoneId zone = ZoneId.of(id.strip());
            if (zone.getId().equals("UTC") || zone.getId().contains("/")) {
                return zone;
            }
        } catch (DateTimeException e) {
            // fall through to the message
        }
        throw new InvalidInputException("time_zone", "'" + id + "' is not a time zone name; use an IANA name such as Europe/Paris or UTC");
    }

    private static Layer layer(String field, int index, LayerInput l) {
        if (l == null) {
            throw new InvalidInputException(field, "a layer is an object");
        }
        String name = l.name() == null || l.name().isBlank() ? "Layer " + (index + 1) : l.name().strip();
        if (name.length() > MAX_NAME) {
            throw new InvalidInputException(field + ".name", "at most " + MAX_NAME + " characters");
        }
        Instant virtualStart = l.rotationVirtualStart() == null ? null : instant(field + ".rotation_virtual_start", l.rotationVirtualStart());
        Instant start = l.start() == null ? virtualStart : instant(field + ".start", l.start());
        if (start == null) {
            throw new InvalidInputException(field + ".start", "a layer needs a start (ISO 8601, such as 2026-03-02T09:00:00+01:00)");
        }
        if (virtualStart == null) {
            virtualStart = start;
        }
        Instant end = l.end() == null || l.end().isBlank() ? null : instant(field + ".end", l.end());
        if (end != null && !end.isAfter(start)) {
            throw new InvalidInputException(field + ".end", "the layer must end after it starts");
        }
        Long turn = l.rotationTurnLengthSeconds();
        if (turn == null) {
            throw new InvalidInputException(field + ".rotation_turn_length_seconds", "a layer needs a turn length in seconds (604800 is a week)");
        }
        if (turn <= 0 || turn % TurnLength.HOUR_SECONDS != 0 || turn > MAX_TURN_SECONDS) {
            throw new InvalidInputException(field + ".rotation_turn_length_seconds", "a turn is a whole number of hours, from 3600 to "
                    + MAX_TURN_SECONDS + " seconds (got " + turn + ")");
        }
        List<String> users = l.users() == null ? List.of() : l.users();
        if (users.size() > MAX_USERS_PER_LAYER) {
            throw new InvalidInputException(field + ".users", "at most " + MAX_USERS_PER_LAYER + " people per layer (got " + users.size() + ")");
        }
        List<Long> ids = new ArrayList<>();
        for (int u = 0; u < users.size(); u++) {
            ids.add(userId(field + ".users[" + u + "]", users.get(u)));
        }
        List<RestrictionInput> rs = l.restrictions() == null ? List.of() : l.restrictions();
        if (rs.size() > MAX_RESTRICTIONS_PER_LAYER) {
            throw new InvalidInputException(field + ".restrictions", "at most " + MAX_RESTRICTIONS_PER_LAYER + " restrictions per layer");
        }
        List<Restriction> restrictions = new ArrayList<>();
        for (int r = 0; r < rs.size(); r++) {
            restrictions.add(restriction(field + ".restrictions[" + r + "]", rs.get(r)));
        }
        return new Layer(name, start, end, virtualStart, new TurnLength(turn), ids, restrictions);
    }

    private static Restriction restriction(String field, RestrictionInput r) {
        if (r == null) {
            throw new InvalidInputException(field, "a restriction is an object");
        }
        Restriction.Kind kind;
        if (Restriction.Kind.DAILY.id().equals(r.type())) {
            kind = Restriction.Kind.DAILY;
        } else if (Restriction.Kind.WEEKLY.id().equals(r.type())) {
            kind = Restriction.Kind.WEEKLY;
        } else {
            throw new InvalidInputException(field + ".type", "'" + r.type() + "' is not a restriction type; use daily_restriction or weekly_restriction");
        }
        LocalTime start;
        try {
            start = LocalTime.parse(r.startTimeOfDay() == null ? "" : r.startTimeOfDay());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field + ".start_time_of_day", "'" + r.startTimeOfDay() + "' is not a time of day such as 09:00:00");
        }
        Long duration = r.durationSeconds();
        if (duration == null || duration <= 0 || duration > kind.maxSeconds()) {
            throw new InvalidInputException(field + ".duration_seconds", "from 1 to " + kind.maxSeconds() + " seconds for a " + kind.id()
                    + " (got " + duration + ")");
        }
        DayOfWeek day = null;
        if (kind == Restriction.Kind.WEEKLY) {
            if (r.startDayOfWeek() == null || r.startDayOfWeek() < 1 || r.startDayOfWeek() > 7) {
                throw new InvalidInputException(field + ".start_day_of_week", "a weekly restriction starts on a day from 1 (Monday) to 7 (Sunday), got "
                        + r.startDayOfWeek());
            }
            day = DayOfWeek.of(r.startDayOfWeek());
        }
        return new Restriction(kind, start, duration, day);
    }

    /** An instant with its offset, as ISO 8601: {@code 2026-03-02T09:00:00+01:00} or {@code ...Z}. */
    public static Instant instant(String field, String value) {
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + value + "' is not a date and time with an offset, such as 2026-03-02T09:00:00+01:00");
        }
    }

    public static long userId(String field, String value) {
        try {
            long id = Long.parseLong(value == null ? "" : value.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new InvalidInputException(field, "'" + value + "' is not a user id");
    }
}
