package io.bugmaster.issues.ui;

import io.bugmaster.common.PureLogic;
import io.bugmaster.issues.ui.EventView.Crumb;
import io.bugmaster.issues.ui.EventView.Pair;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the event view words things: breadcrumbs as a timeline relative to the event, contexts as
 * readable cards, byte sizes. Every string it returns is still plain text for the template to escape.
 */
@PureLogic
final class EventFormat {
    /** A long trail shows this many of its newest crumbs; the rest fold behind a toggle. */
    static final int RECENT_CRUMBS = 20;

    private static final Set<String> LEVELS = Set.of("debug", "info", "warning", "error", "fatal");

    private EventFormat() {}

    /** One crumb on the timeline: {@code relative} is to the event ({@code -2.3s}), {@code level} is one of a fixed set. */
    record TimelineItem(String relative, String absolute, String category, String type, String level, String message,
            List<Pair> data) {}

    /** The crumbs oldest first: {@code earlier} are folded away, {@code recent} (at most {@link #RECENT_CRUMBS}) are shown. */
    record Timeline(List<TimelineItem> earlier, List<TimelineItem> recent, int total) {
        boolean isEmpty() {
            return total == 0;
        }
    }

    static Timeline timeline(List<Crumb> crumbs, String eventTime) {
        Instant event = instant(eventTime);
        List<TimelineItem> items = new ArrayList<>();
        for (Crumb c : crumbs) {
            Instant at = instant(c.timestamp());
            items.add(new TimelineItem(at == null || event == null ? null : relative(Duration.between(event, at)),
                    c.timestamp(), c.category(), c.type(), level(c.level()), c.message(), c.data()));
        }
        int split = Math.max(0, items.size() - RECENT_CRUMBS);
        return new Timeline(List.copyOf(items.subList(0, split)), List.copyOf(items.subList(split, items.size())), items.size());
    }

    /** A level the page has a colour for; anything else from the SDK shows as info. */
    static String level(String level) {
        String l = level == null ? "" : level.strip().toLowerCase(Locale.ROOT);
        if (l.equals("warn")) {
            return "warning";
        }
        if (l.equals("critical")) {
            return "fatal";
        }
        return LEVELS.contains(l) ? l : "info";
    }

    /** {@code -2.3s}, {@code -4m 05s}, {@code -2h 03m}, {@code -3d 4h}; {@code +} for after the event, {@code 0.0s} at it. */
    static String relative(Duration d) {
        String sign = d.isNegative() ? "-" : d.isZero() ? "" : "+";
        Duration a = d.abs();
        long millis = a.toMillis();
        if (millis < 60_000) {
            // tenths, rounded down, so a crumb 59.96s before never reads as "-60.0s"
            return sign + (millis / 1000) + "." + (millis % 1000 / 100) + "s";
        }
        if (millis < 3_600_000) {
            return sign + a.toMinutes() + "m " + String.format(Locale.ROOT, "%02d", a.toSecondsPart()) + "s";
        }
        if (a.toHours() < 48) {
            return sign + a.toHours() + "h " + String.format(Locale.ROOT, "%02d", a.toMinutesPart()) + "m";
        }
        return sign + a.toDays() + "d " + a.toHoursPart() + "h";
    }

    /** An ISO-8601 instant or offset date-time, or null for anything else. */
    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.strip()).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** {@code 0 B}, {@code 999 B}, {@code 1.5 KiB}, {@code 12.0 MiB}: powers of 1024, one decimal above bytes. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return Math.max(0, bytes) + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /**
     * A context as a card: a readable title, a one-line summary (name and version), and the remaining fields.
     * {@code kind} is one of the known kinds or {@code custom}, never the client's own key, so it can name a CSS class.
     */
    record ContextCard(String key, String kind, String title, String headline, List<Pair> fields) {}

    private static final Map<String, String> TITLES = Map.of("os", "Operating system", "client_os", "Client OS",
            "runtime", "Runtime", "browser", "Browser", "device", "Device", "app", "App", "gpu", "GPU", "culture", "Culture",
            "trace", "Trace", "response", "Response");

    private static final List<String> ORDER = List.of("os", "runtime", "browser", "device", "app", "gpu", "culture");

    /**
     * Known kinds first (OS, runtime, browser, device, ...), then the rest as sent. Blank fields are
     * left out, and so is a context with nothing else to show (an SDK's bare {@code "trace": {"type": "trace"}}).
     */
    static List<ContextCard> contextCards(List<Map.Entry<String, List<Pair>>> contexts) {
        List<ContextCard> known = new ArrayList<>();
        List<ContextCard> other = new ArrayList<>();
        for (Map.Entry<String, List<Pair>> c : contexts) {
            List<Pair> fields = c.getValue().stream().filter(p -> p.value() != null && !p.value().isBlank()).toList();
            String type = value(fields, "type");
            String kind = type != null && TITLES.containsKey(type) ? type : c.getKey();
            String title = TITLES.get(kind);
            ContextCard card = card(c.getKey(), kind, title, fields);
            if (card.headline() == null && card.fields().isEmpty()) {
                continue;
            }
            (title != null && ORDER.contains(kind) ? known : other).add(card);
        }
        known.sort(java.util.Comparator.comparingInt(card -> ORDER.indexOf(card.kind())));
        known.addAll(other);
        return known;
    }

    private static ContextCard card(String key, String kind, String title, List<Pair> fields) {
        List<String> headlineKeys = switch (kind) {
            case "device" -> List.of("model", "family", "name", "manufacturer", "brand");
            case "gpu" -> List.of("name", "vendor_name");
            case "culture" -> List.of("locale", "timezone");
            default -> List.of("name", "version");
        };
        List<String> used = new ArrayList<>();
        StringBuilder headline = new StringBuilder();
        if (kind.equals("device")) {
            // one identifying name is enough for a device: "Pixel 7", not "Pixel 7 google Google"
            for (String k : headlineKeys) {
                String v = value(fields, k);
                if (v != null && !v.isBlank()) {
                    headline.append(v);
                    used.add(k);
                    break;
                }
            }
        } else {
            for (String k : headlineKeys) {
                String v = value(fields, k);
                if (v != null && !v.isBlank()) {
                    headline.append(headline.isEmpty() ? "" : " ").append(v);
                    used.add(k);
                }
            }
        }
        List<Pair> rest = new ArrayList<>();
        for (Pair p : fields) {
            if (!used.contains(p.key()) && !"type".equals(p.key())) {
                rest.add(p);
            }
        }
        return new ContextCard(key, title != null ? kind : "custom", title != null ? title : key, headline.isEmpty() ? null : headline.toString(), rest);
    }

    private static String value(List<Pair> fields, String key) {
        for (Pair p : fields) {
            if (p.key().equals(key)) {
                return p.value();
            }
        }
        return null;
    }
}
