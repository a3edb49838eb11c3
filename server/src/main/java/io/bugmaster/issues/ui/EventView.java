package io.bugmaster.issues.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An event as the issue page shows it, read from the API's event JSON: every value is plain text
 * for the template to escape, nothing here is markup.
 */
record EventView(String id, String dateCreated, String title, String message, String platform, String release,
        String environment, String previousId, String nextId, List<ExceptionView> exceptions, List<Crumb> breadcrumbs,
        RequestView request, List<Pair> user, List<Pair> tags, List<EventFormat.ContextCard> contexts, List<Pair> sdk) {

    /** The breadcrumbs as a timeline relative to this event, the newest ones shown and older ones folded. */
    public EventFormat.Timeline timeline() {
        return EventFormat.timeline(breadcrumbs, dateCreated);
    }

    record Pair(String key, String value) {}

    record ContextLine(long line, String code, boolean current) {}

    record FrameView(boolean inApp, String filename, String module, String function, String lineNo, List<ContextLine> context,
            List<Pair> vars) {
        private static final java.util.regex.Pattern JVM_FILE = java.util.regex.Pattern.compile("\\.(java|kt|scala|groovy|clj)$");

        /** Where the frame is, as one line: {@code Checkout.java in pay at line 10}, or for the JVM {@code com.acme.Checkout in pay at line 10}. */
        public String where() {
            // JVM frames name a class file: the class (module) tells nested and same-named classes apart, as Sentry shows them
            boolean jvm = module != null && filename != null && JVM_FILE.matcher(filename).find();
            String file = jvm ? module : filename != null ? filename : module != null ? module : "<unknown>";
            return file + (function != null ? " in " + function : "") + (lineNo != null ? " at line " + lineNo : "");
        }
    }

    /** A run of frames: in-app frames one by one, consecutive library frames folded into one group. */
    record FrameGroup(boolean inApp, List<FrameView> frames) {}

    record ExceptionView(String type, String value, String module, List<FrameGroup> frameGroups, int frameCount) {}

    record Crumb(String timestamp, String type, String category, String level, String message, List<Pair> data) {}

    record RequestView(String method, String url, List<Pair> query, List<Pair> headers) {}

    static EventView of(JsonNode e) {
        List<ExceptionView> exceptions = new ArrayList<>();
        List<Crumb> crumbs = new ArrayList<>();
        RequestView request = null;
        String message = null;
        for (JsonNode entry : e.path("entries")) {
            JsonNode data = entry.path("data");
            switch (entry.path("type").asString("")) {
                case "exception" -> {
                    List<ExceptionView> chain = new ArrayList<>();
                    for (JsonNode x : data.path("values")) {
                        chain.add(exception(x));
                    }
                    // the API lists the chain oldest cause first; the page shows the exception that was thrown last first
                    java.util.Collections.reverse(chain);
                    exceptions.addAll(chain);
                }
                case "message" -> message = text(data.get("formatted"));
                case "breadcrumbs" -> {
                    for (JsonNode c : data.path("values")) {
                        crumbs.add(new Crumb(text(c.get("timestamp")), text(c.get("type")), text(c.get("category")),
                                text(c.get("level")), text(c.get("message")), fields(c.get("data"))));
                    }
                }
                case "request" -> request = new RequestView(text(data.get("method")), text(data.get("url")),
                        pairs(data.get("query")), pairs(data.get("headers")));
                default -> { }
            }
        }
        List<Pair> tags = new ArrayList<>();
        for (JsonNode t : e.path("tags")) {
            tags.add(new Pair(text(t.get("key")), text(t.get("value"))));
        }
        List<Map.Entry<String, List<Pair>>> contexts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> c : e.path("contexts").properties()) {
            contexts.add(Map.entry(c.getKey(), fields(c.getValue())));
        }
        JsonNode release = e.get("release");
        return new EventView(text(e.get("eventID")), text(e.get("dateCreated")), text(e.get("title")),
                message != null ? message : text(e.get("message")), text(e.get("platform")),
                release == null || release.isNull() ? null : text(release.get("version")), text(e.get("environment")),
                text(e.get("previousEventID")), text(e.get("nextEventID")), exceptions, crumbs, request,
                fields(e.get("user")), tags, EventFormat.contextCards(contexts), fields(e.get("sdk")));
    }

    private static ExceptionView exception(JsonNode x) {
        List<FrameView> frames = new ArrayList<>();
        for (JsonNode f : x.path("stacktrace").path("frames")) {
            List<ContextLine> context = new ArrayList<>();
            JsonNode lineNo = f.get("lineNo");
            for (JsonNode line : f.path("context")) {
                long n = line.path(0).asLong(0);
                context.add(new ContextLine(n, text(line.get(1)), lineNo != null && lineNo.isNumber() && lineNo.asLong() == n));
            }
            frames.add(new FrameView(f.path("inApp").asBoolean(false), text(f.get("filename")), text(f.get("module")),
                    text(f.get("function")), lineNo == null || lineNo.isNull() ? null : lineNo.asString(), context, fields(f.get("vars"))));
        }
        // most recent call first, as Sentry shows it
        List<FrameGroup> groups = new ArrayList<>();
        List<FrameView> recentFirst = new ArrayList<>(frames);
        java.util.Collections.reverse(recentFirst);
        for (FrameView frame : recentFirst) {
            FrameGroup last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (!frame.inApp() && last != null && !last.inApp()) {
                last.frames().add(frame);
            } else {
                List<FrameView> run = new ArrayList<>();
                run.add(frame);
                groups.add(new FrameGroup(frame.inApp(), run));
            }
        }
        return new ExceptionView(text(x.get("type")), text(x.get("value")), text(x.get("module")), groups, frames.size());
    }

    /** Scalar fields of an object as key and text; nested values as their JSON. */
    static List<Pair> fields(JsonNode node) {
        List<Pair> out = new ArrayList<>();
        if (node == null || !node.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            JsonNode v = f.getValue();
            if (v == null || v.isNull() || (v.isContainer() && v.isEmpty())) {
                continue;
            }
            out.add(new Pair(f.getKey(), v.isValueNode() ? v.asString() : v.toString()));
        }
        return out;
    }

    private static List<Pair> pairs(JsonNode node) {
        List<Pair> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            for (JsonNode p : node) {
                if (p.isArray() && p.size() >= 2) {
                    out.add(new Pair(text(p.get(0)), text(p.get(1))));
                }
            }
        } else if (node.isObject()) {
            return fields(node);
        }
        return out;
    }

    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }
}
