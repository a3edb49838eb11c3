package io.bugmaster.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code incident} (or {@code incidents}): the organization's incidents: declared, listed, changed,
 * acknowledged and resolved by number, their timelines read and noted.
 */
@Command(name = "incident", aliases = "incidents", mixinStandardHelpOptions = true,
        description = "Declare, list, update, acknowledge and resolve incidents; read their timeline and add notes.")
final class IncidentsCommand {
    static final List<Column> COLUMNS = List.of(
            Column.of("#", "incident_number"),
            Column.of("PRIORITY", "priority.label"),
            Column.of("STAGE", "stage"),
            Column.of("STATUS", "status"),
            Column.of("URGENCY", "urgency"),
            Column.of("SERVICE", "service.summary"),
            Column.of("ASSIGNED", "assignments[].assignee.email"),
            Column.of("CREATED", "created_at"),
            Column.of("TITLE", "title"));

    @ParentCommand
    Main main;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List incidents, open ones by default.")
    void list(@Option(names = "--status", split = ",", paramLabel = "STATUS",
            description = "triggered, acknowledged, resolved (comma-separated; default: triggered,acknowledged).") List<String> statuses,
            @Option(names = "--stage", split = ",", paramLabel = "STAGE",
                    description = "investigating, identified, monitoring, resolved (comma-separated).") List<String> stages,
            @Option(names = "--priority", split = ",", paramLabel = "PRIORITY", description = "P1, 2... (comma-separated).") List<String> priorities,
            @Option(names = "--all", description = "Every status, resolved ones too.") boolean all) {
        StringBuilder path = new StringBuilder(ApiClient.path("organizations", main.org(), "incidents"));
        List<String> wanted = all || (statuses == null && stages != null) ? List.of()
                : statuses == null ? List.of("triggered", "acknowledged") : statuses;
        List<String> query = new ArrayList<>();
        wanted.forEach(s -> query.add("statuses=" + encode(s)));
        (stages == null ? List.<String>of() : stages).forEach(s -> query.add("stage=" + encode(s)));
        (priorities == null ? List.<String>of() : priorities).forEach(p -> query.add("priority=" + priority(p)));
        if (!query.isEmpty()) {
            path.append('?').append(String.join("&", query));
        }
        main.output().list(main.client().getAll(path.toString()), COLUMNS,
                query.isEmpty() ? "No incidents in " + main.org() + "." : wanted.equals(List.of("triggered", "acknowledged")) && query.size() == 2
                        ? "No open incidents in " + main.org() + "." : "No incidents match in " + main.org() + ".");
    }

    @Command(name = "declare", mixinStandardHelpOptions = true,
            description = "Declare an incident: the first service's escalation policy pages its people now.")
    void declare(@Option(names = "--title", required = true, paramLabel = "TEXT", description = "What is wrong, in a few words.") String title,
            @Option(names = "--service", required = true, paramLabel = "ID|NAME",
                    description = "An impacted service, by id or name; repeat for more (the first one pages).") List<String> services,
            @Option(names = "--priority", required = true, paramLabel = "P2|2", description = "1 (P1) is the most severe.") String priority,
            @Option(names = "--description", paramLabel = "MARKDOWN", description = "What you see: who is affected, since when.") String description,
            @Option(names = "--issue", paramLabel = "ID", description = "An error issue to link, by id.") String issue) {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.put("title", title);
        ArrayNode ids = body.putArray("service_ids");
        JsonNode known = null;
        for (String s : services) {
            String v = s.strip();
            if (v.matches("[1-9][0-9]{0,17}")) {
                ids.add(v);
            } else {
                if (known == null) {
                    known = main.client().getAll(ApiClient.path("organizations", main.org(), "services"));
                }
                ids.add(serviceId(known, v));
            }
        }
        body.put("priority", priority(priority));
        if (description != null) {
            body.put("description", description);
        }
        if (issue != null) {
            body.put("issue_id", digits(issue, "an issue id is digits, such as 17"));
        }
        JsonNode incident = main.client().post(ApiClient.path("organizations", main.org(), "incidents"), body);
        main.output().object("Declared incident #" + incident.path("incident_number").asString("?") + " as "
                + incident.path("priority").path("label").asString("?") + ": " + incident.path("title").asString("") + ".", incident);
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Change an incident's stage, priority or title.")
    void update(@Parameters(paramLabel = "NUMBER", description = "The incident's number (#42 or 42).") String number,
            @Option(names = "--stage", paramLabel = "STAGE", description = "investigating, identified, monitoring or resolved.") String stage,
            @Option(names = "--priority", paramLabel = "P2|2", description = "The new priority.") String priority,
            @Option(names = "--title", paramLabel = "TEXT", description = "The new title.") String title,
            @Option(names = "--description", paramLabel = "MARKDOWN", description = "The new description.") String description) {
        String n = number(number);
        ObjectNode body = ApiClient.JSON.createObjectNode();
        if (stage != null) {
            body.put("stage", stage.strip().toLowerCase(Locale.ROOT));
        }
        if (priority != null) {
            body.put("priority", priority(priority));
        }
        if (title != null) {
            body.put("title", title);
        }
        if (description != null) {
            body.put("description", description);
        }
        if (body.isEmpty()) {
            throw new UsageError("say what to change: --stage, --priority, --title or --description");
        }
        JsonNode incident = main.client().put(ApiClient.path("organizations", main.org(), "incidents", n), body);
        main.output().object("Updated incident #" + n + ": " + incident.path("priority").path("label").asString("no priority") + ", "
                + incident.path("stage").asString("?") + ".", incident);
    }

    @Command(name = "ack", aliases = "acknowledge", mixinStandardHelpOptions = true,
            description = "Acknowledge an incident: its escalation stops until the acknowledgement times out.")
    void acknowledge(@Parameters(paramLabel = "NUMBER", description = "The incident's number (#42 or 42).") String number) {
        act(number, "acknowledge", "Acknowledged");
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true, description = "Resolve an incident and its alerts.")
    void resolve(@Parameters(paramLabel = "NUMBER", description = "The incident's number (#42 or 42).") String number) {
        act(number, "resolve", "Resolved");
    }

    static final List<Column> TIMELINE = List.of(
            Column.of("AT", "at"),
            Column.of("TYPE", "type"),
            Column.of("PINNED", "pinned"),
            Column.of("BY", "actor"),
            Column.of("ID", "id"),
            Column.of("MESSAGE", "message"));

    @Command(name = "timeline", mixinStandardHelpOptions = true, description = "Show an incident's timeline, oldest first.")
    void timeline(@Parameters(paramLabel = "NUMBER", description = "The incident's number (#42 or 42).") String number,
            @Option(names = "--pinned", description = "Only the pinned entries.") boolean pinned) {
        String path = ApiClient.path("organizations", main.org(), "incidents", number(number), "timeline") + (pinned ? "?pinned=true" : "");
        main.output().list(main.client().get(path), TIMELINE, pinned ? "Nothing is pinned." : "Nothing has happened yet.");
    }

    @Command(name = "note", mixinStandardHelpOptions = true, description = "Add a note to an incident's timeline.")
    void note(@Parameters(index = "0", paramLabel = "NUMBER", description = "The incident's number (#42 or 42).") String number,
            @Parameters(index = "1..*", paramLabel = "MESSAGE", description = "What you saw, tried or decided.") List<String> words,
            @Option(names = "--at", paramLabel = "TIME",
                    description = "When it happened, ISO-8601 with an offset (2026-12-05T10:02:00Z); default: now.") String at,
            @Option(names = "--link", paramLabel = "URL", description = "An http(s) link: a dashboard, a pull request.") String link) {
        String digits = number(number);
        var body = ApiClient.JSON.createObjectNode().put("message", String.join(" ", words));
        if (at != null) {
            body.put("at", at);
        }
        if (link != null) {
            body.put("link", link);
        }
        JsonNode entry = main.client().post(ApiClient.path("organizations", main.org(), "incidents", digits, "timeline"), body);
        main.output().object("Added note " + entry.path("id").asString("?") + " to incident #" + digits + " at "
                + entry.path("at").asString("?") + ".", entry);
    }

    private void act(String number, String action, String done) {
        String digits = number(number);
        JsonNode incident = main.client().post(ApiClient.path("organizations", main.org(), "incidents", digits, action),
                ApiClient.JSON.createObjectNode());
        main.output().object(done + " incident #" + digits + ": " + incident.path("title").asString("") + " (now "
                + incident.path("status").asString("?") + ").", incident);
    }

    private static String number(String number) {
        return digits(number.startsWith("#") ? number.substring(1) : number, "an incident number is digits, such as 42 or #42; got '"
                + number + "'");
    }

    private static String digits(String value, String message) {
        if (!value.matches("[0-9]{1,18}")) {
            throw new UsageError(message);
        }
        return value;
    }

    /** A priority level from P2, p2 or 2. */
    static int priority(String value) {
        String v = value.strip();
        if (v.length() > 1 && (v.charAt(0) == 'P' || v.charAt(0) == 'p')) {
            v = v.substring(1);
        }
        if (!v.matches("[1-9]|10")) {
            throw new UsageError("a priority is P1 to P10 (or 1 to 10), 1 the most severe; got '" + value + "'");
        }
        return Integer.parseInt(v);
    }

    /** The id of the service with this name (any case), or a usage error that names the services there are. */
    private String serviceId(JsonNode services, String name) {
        List<String> names = new ArrayList<>();
        for (JsonNode s : services) {
            String n = s.path("name").asString("");
            if (n.equalsIgnoreCase(name)) {
                return s.path("id").asString();
            }
            names.add(n);
        }
        throw new UsageError("no service named '" + name + "' in " + main.org() + (names.isEmpty() ? "" : "; there are: "
                + String.join(", ", names.subList(0, Math.min(names.size(), 20)))));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value.strip(), StandardCharsets.UTF_8);
    }
}
