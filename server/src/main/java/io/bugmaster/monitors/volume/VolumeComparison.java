package io.bugmaster.monitors.volume;

import io.bugmaster.common.PureLogic;
import io.bugmaster.monitors.CheckResult;
import io.bugmaster.monitors.VolumeCheck;
import io.bugmaster.monitors.metric.Figures;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.IntStream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares the last hour's event count with the same hour of earlier weeks. The usual range is the
 * lowest to the highest of those weeks that had at least {@code minimumUsual} events (quieter weeks
 * are no baseline, so a quiet hour never fires); a drop fires below the lowest less the tolerance, a
 * spike above the highest plus the tolerance. Its words round to two significant figures ("310 in the
 * last hour, usually 2,100-2,400") so that they stay the same while the situation does.
 */
@PureLogic
public final class VolumeComparison {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private VolumeComparison() {}

    /** @param fired "drop", "spike", or null */
    public record Verdict(CheckResult.Outcome outcome, String fired, String said, String detail) {}

    /**
     * When the same hour ended 1..weeks weeks before {@code now}, on the wall clock of {@code zone}: a
     * week before 10:30 is 10:30 a week before, also across a change to or from daylight saving time
     * (when people log in follows their clocks).
     */
    public static List<Instant> earlierWeeks(Instant now, ZoneId zone, int weeks) {
        ZonedDateTime local = now.atZone(zone);
        return IntStream.rangeClosed(1, weeks).mapToObj(k -> local.minusWeeks(k).toInstant()).toList();
    }

    /** @param weeks the same hour 1, 2, ... weeks ago, in that order */
    public static Verdict compare(long count, List<Long> weeks, VolumeCheck check) {
        List<Long> usual = weeks.stream().filter(w -> w >= check.minimumUsual()).toList();
        String now = Figures.two(count) + " in the last hour";
        if (usual.isEmpty()) {
            return new Verdict(CheckResult.Outcome.OK, null, now + "; too quiet before to compare (fewer than "
                    + Figures.count(check.minimumUsual()) + " in the same hour of the last " + check.weeks() + " weeks)",
                    detail(count, null, null, weeks, null));
        }
        long low = usual.stream().mapToLong(Long::longValue).min().orElseThrow();
        long high = usual.stream().mapToLong(Long::longValue).max().orElseThrow();
        double tolerance = check.tolerancePercent() / 100.0;
        String fired = null;
        if (!check.direction().equals("spike") && count < low * (1 - tolerance)) {
            fired = "drop";
        } else if (!check.direction().equals("drop") && count > high * (1 + tolerance)) {
            fired = "spike";
        }
        String lowWords = Figures.twoDown(low);
        String highWords = Figures.twoUp(high);
        String said = now + ", usually " + (lowWords.equals(highWords) ? lowWords : lowWords + "-" + highWords);
        return new Verdict(fired == null ? CheckResult.Outcome.OK : CheckResult.Outcome.FIRING, fired, said,
                detail(count, low, high, weeks, fired));
    }

    private static String detail(long count, Long low, Long high, List<Long> weeks, String fired) {
        ObjectNode out = JSON.createObjectNode();
        out.put("count", count);
        out.put("usual_low", low);
        out.put("usual_high", high);
        weeks.forEach(out.putArray("weeks")::add);
        out.put("fired", fired);
        return out.toString();
    }
}
