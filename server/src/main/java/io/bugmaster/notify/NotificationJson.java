package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A notification as the queue stores it: JSON with {@code "v": 2}. Rows queued by releases before
 * the transport-neutral notification (no {@code v}: an issue's facts in named fields) are read into
 * the same parts the message has today, so an upgrade sends what was queued unchanged.
 */
@PureLogic
public final class NotificationJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int VERSION = 2;

    private NotificationJson() {}

    public static String write(Notification n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("v", VERSION);
        o.put("idempotencyKey", n.idempotencyKey());
        o.put("kind", n.kind().id());
        o.put("subject", n.subject());
        o.put("event", n.event());
        o.put("organization", n.organization());
        o.put("source", n.source());
        o.put("title", n.title());
        o.put("text", n.text());
        o.put("environment", n.environment());
        o.put("severity", n.severity());
        o.put("count", n.count());
        var fields = o.putArray("fields");
        n.fields().forEach(f -> {
            ObjectNode field = fields.addObject().put("label", f.label());
            if (f.at() != null) {
                field.put("at", f.at().toEpochMilli());
            } else {
                field.put("value", f.value());
            }
        });
        ObjectNode labels = o.putObject("labels");
        n.labels().forEach(labels::put);
        var links = o.putArray("links");
        n.links().forEach(l -> links.addObject().put("label", l.label()).put("url", l.url()));
        var actions = o.putArray("actions");
        n.actions().forEach(a -> actions.addObject().put("type", a.type().id()).put("label", a.label()).put("url", a.url()));
        o.put("body", n.body());
        o.put("reason", n.reason());
        o.put("rule", n.rule());
        if (n.createdAt() != null) {
            o.put("createdAt", n.createdAt().toEpochMilli());
        }
        if (n.digest() != null) {
            ObjectNode digest = o.putObject("digest");
            digest.put("more", n.digest().more());
            var entries = digest.putArray("entries");
            n.digest().entries().forEach(e -> entries.addObject().put("title", e.title()).put("source", e.source())
                    .put("count", e.count()).put("link", e.link()));
        }
        o.set("data", JSON.valueToTree(n.data()));
        if (n.table() != null) {
            ObjectNode table = o.putObject("table");
            table.set("columns", JSON.valueToTree(n.table().columns()));
            table.set("rows", JSON.valueToTree(n.table().rows()));
            table.put("total", n.table().total());
        }
        return o.toString();
    }

    public static Notification read(String json) {
        JsonNode o = JSON.readTree(json);
        return o.path("v").asInt() == VERSION ? current(o) : legacy(o);
    }

    private static Notification current(JsonNode o) {
        List<Notification.Field> fields = new ArrayList<>();
        for (JsonNode f : o.path("fields")) {
            fields.add(f.hasNonNull("at") ? Notification.Field.time(f.path("label").asString(), Instant.ofEpochMilli(f.path("at").asLong()))
                    : new Notification.Field(f.path("label").asString(), f.path("value").asString()));
        }
        List<Notification.Link> links = new ArrayList<>();
        o.path("links").forEach(l -> links.add(new Notification.Link(l.path("label").asString(), l.path("url").asString())));
        List<Notification.Action> actions = new ArrayList<>();
        o.path("actions").forEach(a -> actions.add(new Notification.Action(Notification.Action.Type.parse(a.path("type").asString()),
                a.path("label").asString(), a.path("url").asString())));
        Map<String, Object> data = o.hasNonNull("data")
                ? JSON.convertValue(o.path("data"), new TypeReference<LinkedHashMap<String, Object>>() {}) : Map.of();
        return Notification.of(o.path("idempotencyKey").asString(), Notification.Kind.parse(o.path("kind").asString()),
                        o.path("subject").asString(), o.path("event").asString(), text(o, "organization"), o.path("title").asString())
                .withContext(text(o, "source"), text(o, "text"), text(o, "environment"), text(o, "severity"), o.path("count").asLong())
                .withFields(fields).withLabels(labels(o.path("labels"))).withLinks(links).withActions(actions)
                .withBody(text(o, "body")).withDigest(digest(o, "source")).withData(data).withTable(table(o))
                .withReason(text(o, "reason"), text(o, "rule"), instant(o, "createdAt"));
    }

    /**
     * A row queued before version 2: an issue alert, resolve, workflow email, weekly report or
     * test, with the facts in named fields and its subject as a path ({@code issue/42}).
     */
    private static Notification legacy(JsonNode o) {
        String kindId = o.path("kind").asString();
        Notification.Kind kind = "issue_alert".equals(kindId) ? Notification.Kind.ALERT : Notification.Kind.parse(kindId);
        String event = switch (kind) {
            case ALERT -> "issue.alert";
            case RESOLVE -> "issue.resolved";
            case TEST -> "test";
            case WORKFLOW -> "issue.workflow";
            case REPORT -> "report.weekly";
        };
        String path = o.path("subjectKey").asString();
        int slash = path.indexOf('/');
        String subject = slash < 0 ? path : path.substring(0, slash) + ":" + path.substring(slash + 1);
        Notification.Digest digest = digest(o, "project");
        String project = text(o, "project");
        String environment = text(o, "environment");
        String level = text(o, "level");
        long count = o.path("count").asLong();
        long users = o.path("users").asLong();
        Instant firstSeen = instant(o, "firstSeen");
        String commit = text(o, "suspectCommit");
        String author = text(o, "suspectAuthor");
        // the facts in the order and with the rules the messages of those releases showed them
        List<Notification.Field> fields = new ArrayList<>();
        add(fields, "Project", project);
        add(fields, "Environment", environment);
        add(fields, "Level", level);
        if (kind != Notification.Kind.REPORT) {
            if ((kind != Notification.Kind.TEST && kind != Notification.Kind.WORKFLOW) || count > 0) {
                fields.add(new Notification.Field("Events", Long.toString(count)));
                if (digest == null) {
                    fields.add(new Notification.Field("Users", Long.toString(users)));
                }
            }
            if (firstSeen != null) {
                fields.add(Notification.Field.time("First seen", firstSeen));
            }
            add(fields, "Release", text(o, "release"));
            if (commit != null && !commit.isBlank()) {
                fields.add(new Notification.Field("Suspect commit", commit + (author == null || author.isBlank() ? "" : " by " + author)));
            }
            add(fields, "Assignee", text(o, "assignee"));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("users", users);
        data.put("firstSeen", firstSeen == null ? null : firstSeen.toString());
        data.put("release", text(o, "release"));
        Map<String, Object> suspect = new LinkedHashMap<>();
        suspect.put("id", commit);
        suspect.put("author", author);
        data.put("suspectCommit", suspect);
        data.put("assignee", text(o, "assignee"));
        return Notification.of(o.path("idempotencyKey").asString(), kind, subject, event, text(o, "organization"),
                        o.path("title").asString())
                .withContext(project, text(o, "culprit"), environment, level, count)
                .withFields(fields).withLabels(labels(o.path("tags"))).withBody(text(o, "body")).withDigest(digest).withData(data)
                .opening(text(o, "link"))
                .withReason(text(o, "reason"), text(o, "rule"), instant(o, "createdAt"));
    }

    private static void add(List<Notification.Field> fields, String label, String value) {
        if (value != null && !value.isBlank()) {
            fields.add(new Notification.Field(label, value));
        }
    }

    private static Map<String, String> labels(JsonNode o) {
        Map<String, String> labels = new LinkedHashMap<>();
        o.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
        return labels;
    }

    /** The digest entries; rows written before digests had them (the list was in the culprit) have none. */
    private static Notification.Digest digest(JsonNode o, String sourceField) {
        if (!o.hasNonNull("digest")) {
            return null;
        }
        JsonNode d = o.path("digest");
        List<Notification.DigestEntry> entries = new ArrayList<>();
        for (JsonNode e : d.path("entries")) {
            entries.add(new Notification.DigestEntry(e.path("title").asString(), text(e, sourceField), e.path("count").asLong(),
                    text(e, "link")));
        }
        return new Notification.Digest(entries, d.path("more").asInt());
    }

    private static Notification.Table table(JsonNode o) {
        if (!o.hasNonNull("table")) {
            return null;
        }
        JsonNode t = o.path("table");
        List<String> columns = new ArrayList<>();
        t.path("columns").forEach(c -> columns.add(c.asString()));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode r : t.path("rows")) {
            List<String> row = new ArrayList<>();
            r.forEach(c -> row.add(c.isNull() ? null : c.asString()));
            rows.add(row);
        }
        return new Notification.Table(columns, rows, t.path("total").asLong());
    }

    private static Instant instant(JsonNode o, String field) {
        return o.hasNonNull(field) ? Instant.ofEpochMilli(o.path(field).asLong()) : null;
    }

    private static String text(JsonNode o, String field) {
        return o.hasNonNull(field) ? o.path(field).asString() : null;
    }
}
