package io.bugmaster.oncall.schedules.ui;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import io.bugmaster.oncall.schedules.Layer;
import io.bugmaster.oncall.schedules.Restriction;
import io.bugmaster.oncall.schedules.Schedule;
import io.bugmaster.oncall.schedules.ScheduleInput;
import io.bugmaster.oncall.schedules.TurnLength;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schedule form as shown and as typed: times are wall-clock times in the schedule's zone, people are
 * email addresses one per line in turn order, and restrictions are lines such as {@code daily 09:00 8h}
 * or {@code weekly mon 18:00 63h}. A layer with no start and nobody is an unused slot.
 */
@PureLogic
record ScheduleForm(String name, String timeZone, String description, String team, List<LayerForm> layers) {
    static final int MAX_LAYERS = ScheduleInput.MAX_LAYERS;
    private static final Pattern RESTRICTION = Pattern.compile(
            "(?i)\\s*(daily|weekly)\\s+(?:(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\s+)?(\\d{1,2}:\\d{2})\\s+(?:(\\d+)h)?\\s*(?:(\\d+)m)?\\s*");

    record LayerForm(String name, String start, String end, String virtualStart, String turn, String unit, String users, String restrictions) {
        static LayerForm blank() {
            return new LayerForm("", "", "", "", "1", "weeks", "", "");
        }

        public boolean unused() {
            return start.isBlank() && users.isBlank();
        }
    }

    static ScheduleForm blank(String zone) {
        return new ScheduleForm("", zone, "", "", List.of(LayerForm.blank()));
    }

    static ScheduleForm of(Schedule s, Map<Long, String> emails, String teamSlug) {
        List<LayerForm> layers = new ArrayList<>();
        for (Layer l : s.layers()) {
            TurnLength t = l.turnLength();
            String unit = t.seconds() % Restriction.WEEK_SECONDS == 0 ? "weeks" : t.calendarDays() ? "days" : "hours";
            long per = switch (unit) {
                case "weeks" -> Restriction.WEEK_SECONDS;
                case "days" -> Restriction.DAY_SECONDS;
                default -> TurnLength.HOUR_SECONDS;
            };
            layers.add(new LayerForm(l.name(), local(l.start(), s.zone()), l.end() == null ? "" : local(l.end(), s.zone()),
                    l.rotationVirtualStart().equals(l.start()) ? "" : l.rotationVirtualStart().toString(), Long.toString(t.seconds() / per), unit,
                    String.join("\n", l.users().stream().map(id -> emails.getOrDefault(id, "user " + id)).toList()),
                    String.join("\n", l.restrictions().stream().map(ScheduleForm::restrictionLine).toList())));
        }
        layers.add(LayerForm.blank());
        return new ScheduleForm(s.name(), s.zone().getId(), s.description(), teamSlug == null ? "" : teamSlug, layers);
    }

    static ScheduleForm read(Map<String, String> params) {
        List<LayerForm> layers = new ArrayList<>();
        for (int i = 0; i < MAX_LAYERS + 1 && params.containsKey("layer" + i + ".start"); i++) {
            String p = "layer" + i + ".";
            if (params.containsKey(p + "remove")) {
                continue;
            }
            layers.add(new LayerForm(v(params, p + "name"), v(params, p + "start"), v(params, p + "end"), v(params, p + "virtual"),
                    v(params, p + "turn"), v(params, p + "unit"), v(params, p + "users"), v(params, p + "restrictions")));
        }
        return new ScheduleForm(v(params, "name"), v(params, "time_zone"), v(params, "description"), v(params, "team"), layers);
    }

    /** The form as the service takes it; {@code memberIds} maps lower-case emails to the organization's members. */
    ScheduleInput input(Map<String, Long> memberIds) {
        ZoneId zone = ScheduleInput.zone(timeZone);
        List<ScheduleInput.LayerInput> out = new ArrayList<>();
        int n = 0;
        for (LayerForm l : layers) {
            if (l.unused()) {
                continue;
            }
            String field = "layer " + (n + 1);
            Instant start = instant(field + " start", l.start(), zone);
            Instant end = l.end().isBlank() ? null : instant(field + " end", l.end(), zone);
            long turn;
            try {
                turn = Long.parseLong(l.turn().strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(field + " turn length", "'" + l.turn() + "' is not a whole number");
            }
            long per = switch (l.unit()) {
                case "hours" -> TurnLength.HOUR_SECONDS;
                case "days" -> Restriction.DAY_SECONDS;
                case "weeks" -> Restriction.WEEK_SECONDS;
                default -> throw new InvalidInputException(field + " turn length", "choose hours, days or weeks");
            };
            if (turn <= 0) {
                throw new InvalidInputException(field + " turn length", "a turn lasts at least 1 " + l.unit().replaceAll("s$", ""));
            }
            List<String> users = new ArrayList<>();
            for (String line : l.users().split("\\R")) {
                String email = line.strip();
                if (email.isEmpty()) {
                    continue;
                }
                Long id = memberIds.get(email.toLowerCase(Locale.ROOT));
                if (id == null) {
                    throw new InvalidInputException(field + " people", "'" + email + "' is not a member of this organization");
                }
                users.add(Long.toString(id));
            }
            List<ScheduleInput.RestrictionInput> restrictions = new ArrayList<>();
            for (String line : l.restrictions().split("\\R")) {
                if (!line.isBlank()) {
                    restrictions.add(restriction(field + " restrictions", line));
                }
            }
            out.add(new ScheduleInput.LayerInput(l.name(), start.toString(), end == null ? null : end.toString(),
                    l.virtualStart().isBlank() ? null : l.virtualStart(), Math.multiplyExact(turn, per), users, restrictions));
            n++;
        }
        return new ScheduleInput(name, timeZone, description, team, out);
    }

    /** {@code daily 09:00 8h}, {@code weekly mon 18:00 63h}, {@code daily 22:00 9h30m}. */
    static ScheduleInput.RestrictionInput restriction(String field, String line) {
        Matcher m = RESTRICTION.matcher(line);
        if (!m.matches() || (m.group(4) == null && m.group(5) == null) || ("weekly".equalsIgnoreCase(m.group(1)) != (m.group(2) != null))) {
            throw new InvalidInputException(field, "'" + line.strip() + "' is not a restriction; write 'daily 09:00 8h' or 'weekly mon 18:00 63h'");
        }
        long seconds = (m.group(4) == null ? 0 : Long.parseLong(m.group(4)) * 3600) + (m.group(5) == null ? 0 : Long.parseLong(m.group(5)) * 60);
        boolean weekly = "weekly".equalsIgnoreCase(m.group(1));
        Integer day = null;
        if (weekly) {
            String d = m.group(2).toLowerCase(Locale.ROOT);
            day = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun").indexOf(d) + 1;
        }
        String time = m.group(3).length() == 4 ? "0" + m.group(3) : m.group(3);
        return new ScheduleInput.RestrictionInput(weekly ? "weekly_restriction" : "daily_restriction", time, seconds, day);
    }

    static String restrictionLine(Restriction r) {
        long h = r.durationSeconds() / 3600;
        long m = (r.durationSeconds() % 3600) / 60;
        String duration = (h > 0 ? h + "h" : "") + (m > 0 ? m + "m" : "");
        String time = r.startTimeOfDay().toString().substring(0, 5);
        return r.kind() == Restriction.Kind.DAILY ? "daily " + time + " " + duration
                : "weekly " + r.startDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT) + " " + time + " " + duration;
    }

    static String local(Instant t, ZoneId zone) {
        return LocalDateTime.ofInstant(t, zone).withSecond(0).withNano(0).toString();
    }

    /** A wall-clock time in the zone, as a datetime-local field sends it ({@code 2026-03-02T09:00}). */
    static Instant instant(String field, String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "give a date and time");
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + value + "' is not a date and time such as 2026-03-02T09:00");
        }
    }

    private static String v(Map<String, String> params, String key) {
        String value = params.get(key);
        return value == null ? "" : value;
    }
}
