package io.bugmaster.incidents.metrics;

import io.bugmaster.common.PureLogic;
import io.bugmaster.incidents.IncidentStage;
import io.bugmaster.incidents.metrics.IncidentMetrics.Counted;
import io.bugmaster.incidents.metrics.IncidentMetrics.Group;
import io.bugmaster.incidents.metrics.IncidentMetrics.Load;
import io.bugmaster.incidents.metrics.IncidentMetrics.Stat;
import io.bugmaster.incidents.metrics.IncidentMetrics.StageTime;
import io.bugmaster.incidents.metrics.IncidentMetrics.Summary;
import io.bugmaster.incidents.metrics.IncidentMetrics.Week;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Computes {@link IncidentMetrics} from the incidents and the time it is now. Pure. */
@PureLogic
public final class MetricsCalculator {
    /** Night, for the on-call load: from 22:00 to 07:00 local time. */
    static final int NIGHT_FROM_HOUR = 22;
    static final int NIGHT_UNTIL_HOUR = 7;

    private MetricsCalculator() {}

    public static IncidentMetrics compute(List<CountedIncident> candidates, MetricsQuery q, Instant now) {
        List<CountedIncident> counted = candidates.stream().filter(q::counts)
                .sorted(Comparator.comparing(CountedIncident::createdAt).thenComparing(CountedIncident::id)).toList();
        List<Counted> rows = counted.stream().map(MetricsCalculator::measured).toList();
        return new IncidentMetrics(q, summary(counted), groups(counted, i -> i.serviceIds().stream().map(String::valueOf).toList()),
                groups(counted, i -> i.teamIds().isEmpty() ? List.of(IncidentMetrics.NONE) : i.teamIds().stream().map(String::valueOf).toList()),
                groups(counted, i -> List.of(i.priority() == null ? IncidentMetrics.NONE : i.priority().toString())),
                weeks(counted, q), stages(counted, now), load(counted, q), rows);
    }

    /** An incident's own time to acknowledge and to resolve (null while it has not happened). */
    public static Counted measured(CountedIncident i) {
        return new Counted(i, i.acknowledged() ? between(i.createdAt(), i.firstAcknowledgedAt()) : null,
                i.resolved() ? between(i.createdAt(), i.resolvedAt()) : null);
    }

    /** The time one incident spent in each stage it entered. */
    static List<StageTime> stagesOf(CountedIncident i, Instant now) {
        return stages(List.of(i), now).stream().filter(s -> s.incidents() > 0).toList();
    }

    static Summary summary(List<CountedIncident> incidents) {
        List<Duration> toAck = new ArrayList<>();
        List<Duration> toResolve = new ArrayList<>();
        int resolved = 0;
        int resolvedUnacked = 0;
        int openUnacked = 0;
        for (CountedIncident i : incidents) {
            if (i.acknowledged()) {
                toAck.add(between(i.createdAt(), i.firstAcknowledgedAt()));
            } else if (i.resolved()) {
                resolvedUnacked++;
            } else {
                openUnacked++;
            }
            if (i.resolved()) {
                resolved++;
                toResolve.add(between(i.createdAt(), i.resolvedAt()));
            }
        }
        return new Summary(incidents.size(), incidents.size() - resolved, resolved, toAck.size(), resolvedUnacked, openUnacked, stat(toAck),
                stat(toResolve));
    }

    /** Mean, median and nearest-rank 90th percentile, to the millisecond. */
    static Stat stat(List<Duration> values) {
        if (values.isEmpty()) {
            return Stat.EMPTY;
        }
        long[] ms = values.stream().mapToLong(Duration::toMillis).sorted().toArray();
        int n = ms.length;
        long sum = 0;
        for (long v : ms) {
            sum += v;
        }
        long median = n % 2 == 1 ? ms[n / 2] : Math.floorDiv(ms[n / 2 - 1] + ms[n / 2], 2);
        int rank = (9 * n + 9) / 10; // ceil(0.9 n)
        return new Stat(n, Duration.ofMillis(Math.floorDiv(sum, n)), Duration.ofMillis(median), Duration.ofMillis(ms[rank - 1]));
    }

    /** One group per key an incident has (an incident impairing two services counts in both), in order of first appearance by key. */
    private static List<Group> groups(List<CountedIncident> incidents, Function<CountedIncident, List<String>> keys) {
        Map<String, List<CountedIncident>> byKey = new TreeMap<>(Comparator.comparing((String k) -> k.equals(IncidentMetrics.NONE))
                .thenComparing(k -> k.length()).thenComparing(k -> k));
        for (CountedIncident i : incidents) {
            for (String key : new LinkedHashSet<>(keys.apply(i))) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        List<Group> out = new ArrayList<>();
        byKey.forEach((k, v) -> out.add(new Group(k, summary(v))));
        return out;
    }

    /** Every ISO week the window touches, empty ones too, oldest first. */
    private static List<Week> weeks(List<CountedIncident> incidents, MetricsQuery q) {
        Map<LocalDate, List<CountedIncident>> byWeek = new LinkedHashMap<>();
        LocalDate last = monday(q.to().minusMillis(1), q);
        for (LocalDate w = monday(q.from(), q); !w.isAfter(last); w = w.plusWeeks(1)) {
            byWeek.put(w, new ArrayList<>());
        }
        for (CountedIncident i : incidents) {
            byWeek.get(monday(i.createdAt(), q)).add(i);
        }
        List<Week> out = new ArrayList<>();
        byWeek.forEach((monday, list) -> out.add(new Week(isoWeek(monday), monday, summary(list))));
        return out;
    }

    static String isoWeek(LocalDate day) {
        return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static LocalDate monday(Instant at, MetricsQuery q) {
        return at.atZone(q.zone()).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** Time in each stage but the last (resolved): from entering it to entering the next, resolution, or now. */
    private static List<StageTime> stages(List<CountedIncident> incidents, Instant now) {
        Map<IncidentStage, List<Duration>> perIncident = new EnumMap<>(IncidentStage.class);
        for (CountedIncident i : incidents) {
            List<CountedIncident.StageEntered> entered = i.stages().stream().sorted(Comparator.comparing(CountedIncident.StageEntered::at))
                    .toList();
            Map<IncidentStage, Duration> own = new EnumMap<>(IncidentStage.class);
            Instant end = i.resolved() ? i.resolvedAt() : now;
            for (int k = 0; k < entered.size(); k++) {
                CountedIncident.StageEntered e = entered.get(k);
                if (e.stage() == IncidentStage.RESOLVED) {
                    continue;
                }
                Instant until = k + 1 < entered.size() ? entered.get(k + 1).at() : end;
                own.merge(e.stage(), between(e.at(), until.isAfter(end) ? end : until), Duration::plus);
            }
            own.forEach((stage, d) -> perIncident.computeIfAbsent(stage, s -> new ArrayList<>()).add(d));
        }
        List<StageTime> out = new ArrayList<>();
        for (IncidentStage stage : IncidentStage.values()) {
            if (stage == IncidentStage.RESOLVED) {
                continue;
            }
            List<Duration> times = perIncident.getOrDefault(stage, List.of());
            Stat s = stat(times);
            out.add(new StageTime(stage, times.size(), times.stream().reduce(Duration.ZERO, Duration::plus), s.mean(), s.median()));
        }
        return out;
    }

    /** Pages per person, most paged first. */
    private static List<Load> load(List<CountedIncident> incidents, MetricsQuery q) {
        Map<Long, int[]> byUser = new LinkedHashMap<>();
        for (CountedIncident i : incidents) {
            for (CountedIncident.PageSent p : i.pages()) {
                int[] counts = byUser.computeIfAbsent(p.userId(), u -> new int[2]);
                counts[0]++;
                if (atNight(p.at(), q)) {
                    counts[1]++;
                }
            }
        }
        List<Load> out = new ArrayList<>();
        byUser.forEach((user, c) -> out.add(new Load(user, c[0], c[1])));
        out.sort(Comparator.comparingInt(Load::pages).reversed().thenComparing(Comparator.comparingInt(Load::nightPages).reversed())
                .thenComparingLong(Load::userId));
        return out;
    }

    static boolean atNight(Instant at, MetricsQuery q) {
        int hour = at.atZone(q.zone()).getHour();
        return hour >= NIGHT_FROM_HOUR || hour < NIGHT_UNTIL_HOUR;
    }

    private static Duration between(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
