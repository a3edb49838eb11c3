package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import io.bugmaster.grouping.GroupingEvent;
import io.bugmaster.grouping.GroupingException;
import io.bugmaster.grouping.GroupingFrame;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * From a normalized event to what grouping and the digest need: the grouping input, the tags
 * Sentry users expect on every issue (level, environment, release, url, user, os, browser...),
 * and the key that counts distinct users.
 */
@PureLogic
public final class EventMapping {
    static final int MAX_TAG_VALUE = 200;

    private EventMapping() {}

    public static GroupingEvent groupingEvent(NormalizedEvent event) {
        GroupingEvent.Builder builder = GroupingEvent.builder()
                .platform(event.platform())
                .sdkFingerprint(event.fingerprint())
                .level(event.level())
                .logger(event.logger())
                .transaction(event.transaction())
                .release(event.release())
                .environment(event.environment());
        if (event.logentry() != null) {
            builder.message(event.logentry().formatted());
            builder.logentry(event.logentry().message(), event.logentry().params());
        }
        for (NormalizedEvent.Tag tag : event.tags()) {
            builder.tag(tag.key(), tag.value());
        }
        for (NormalizedEvent.ExceptionValue exception : event.exceptions()) {
            List<GroupingFrame> frames = new ArrayList<>(exception.frames().size());
            for (NormalizedEvent.Frame f : exception.frames()) {
                frames.add(new GroupingFrame(f.filename(), f.absPath(), f.module(), f.function(), f.lineno(), f.inApp(),
                        event.platform(), null, f.contextLine()));
            }
            NormalizedEvent.Mechanism m = exception.mechanism();
            builder.exception(new GroupingException(exception.type(), exception.value(), exception.module(),
                    m == null ? null : m.type(), m != null && Boolean.TRUE.equals(m.synthetic()), frames));
        }
        return builder.build();
    }

    /** The event's own tags first, then the derived ones it does not already have. */
    public static List<Map.Entry<String, String>> tags(NormalizedEvent event) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (NormalizedEvent.Tag tag : event.tags()) {
            tags.putIfAbsent(tag.key(), tag.value());
        }
        derive(tags, "level", event.level());
        derive(tags, "environment", event.environment());
        derive(tags, "release", event.release());
        derive(tags, "dist", event.dist());
        derive(tags, "logger", event.logger());
        derive(tags, "server_name", event.serverName());
        derive(tags, "transaction", event.transaction());
        derive(tags, "url", stripQuery(event.requestUrl()));
        derive(tags, "user", userKey(event));
        if (!event.exceptions().isEmpty()) {
            NormalizedEvent.Mechanism m = event.exceptions().get(event.exceptions().size() - 1).mechanism();
            if (m != null) {
                derive(tags, "mechanism", m.type());
                if (m.handled() != null) {
                    derive(tags, "handled", m.handled() ? "yes" : "no");
                }
            }
        }
        JsonNode contexts = event.payload() == null ? null : event.payload().get("contexts");
        if (contexts != null && contexts.isObject()) {
            derive(tags, "os.name", text(contexts, "os", "name"));
            derive(tags, "os", join(text(contexts, "os", "name"), text(contexts, "os", "version")));
            derive(tags, "runtime", join(text(contexts, "runtime", "name"), text(contexts, "runtime", "version")));
            derive(tags, "browser.name", text(contexts, "browser", "name"));
            derive(tags, "browser", join(text(contexts, "browser", "name"), text(contexts, "browser", "version")));
            derive(tags, "device", text(contexts, "device", "model"));
        }
        List<Map.Entry<String, String>> list = new ArrayList<>(tags.size());
        tags.forEach((k, v) -> list.add(new AbstractMap.SimpleImmutableEntry<>(k, v)));
        return list;
    }

    /** Who was affected, for counting distinct users: the first of id, email, username and IP address. */
    public static String userKey(NormalizedEvent event) {
        NormalizedEvent.User user = event.user();
        if (user == null) {
            return null;
        }
        if (notBlank(user.id())) {
            return clip("id:" + user.id());
        }
        if (notBlank(user.email())) {
            return clip("email:" + user.email());
        }
        if (notBlank(user.username())) {
            return clip("username:" + user.username());
        }
        return notBlank(user.ipAddress()) ? clip("ip:" + user.ipAddress()) : null;
    }

    private static void derive(Map<String, String> tags, String key, String value) {
        if (notBlank(value)) {
            tags.putIfAbsent(key, clip(value));
        }
    }

    private static String text(JsonNode contexts, String context, String field) {
        JsonNode node = contexts.get(context);
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static String join(String name, String version) {
        if (!notBlank(name)) {
            return null;
        }
        return notBlank(version) ? name + " " + version : name;
    }

    private static String stripQuery(String url) {
        if (url == null) {
            return null;
        }
        int cut = url.indexOf('?');
        return cut < 0 ? url : url.substring(0, cut);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String clip(String s) {
        return s.length() <= MAX_TAG_VALUE ? s : s.substring(0, MAX_TAG_VALUE);
    }
}
