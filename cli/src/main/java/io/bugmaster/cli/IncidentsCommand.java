package io.bugmaster.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/** {@code incidents}: the organization's on-call incidents, acknowledged or resolved by number. */
@Command(name = "incidents", mixinStandardHelpOptions = true, description = "List, acknowledge and resolve incidents; read their timeline and add notes.")
final class IncidentsCommand {
    static final List<Column> COLUMNS = List.of(
            Column.of("#", "incident_number"),
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
            @Option(names = "--all", description = "Every status, resolved ones too.") boolean all) {
        StringBuilder path = new StringBuilder(ApiClient.path("organizations", main.org(), "incidents"));
        List<String> wanted = all ? List.of() : statuses == null ? List.of("triggered", "acknowledged") : statuses;
        char separator = '?';
        for (String status : wanted) {
            path.append(separator).append("statuses=").append(java.net.URLEncoder.encode(status.trim(), java.nio.charset.StandardCharsets.UTF_8));
            separator = '&';
        }
        main.output().list(main.client().getAll(path.toString()), COLUMNS,
                all ? "No incidents in " + main.org() + "." : "No open incidents in " + main.org() + ".");
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
        String path = ApiClient.path("organizations", main.org(), "incidents", digits(number), "timeline") + (pinned ? "?pinned=true" : "");
        main.output().list(main.client().get(path), TIMELINE, pinned ? "Nothing is pinned." : "Nothing has happened yet.");
    }

    @Command(name = "note", mixinStandardHelpOptions = true, description = "Add a note to an incident's timeline.")
    void note(@Parameters(index = "0", paramLabel = "NUMBER", description = "The incident's number (#42 or 42).") String number,
            @Parameters(index = "1..*", paramLabel = "MESSAGE", description = "What you saw, tried or decided.") List<String> words,
            @Option(names = "--at", paramLabel = "TIME",
                    description = "When it happened, ISO-8601 with an offset (2026-12-05T10:02:00Z); default: now.") String at,
            @Option(names = "--link", paramLabel = "URL", description = "An http(s) link: a dashboard, a pull request.") String link) {
        String digits = digits(number);
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

    private static String digits(String number) {
        String digits = number.startsWith("#") ? number.substring(1) : number;
        if (!digits.matches("[0-9]{1,18}")) {
            throw new UsageError("an incident number is digits, such as 42 or #42; got '" + number + "'");
        }
        return digits;
    }

    private void act(String number, String action, String done) {
        String digits = digits(number);
        JsonNode incident = main.client().post(ApiClient.path("organizations", main.org(), "incidents", digits, action),
                ApiClient.JSON.createObjectNode());
        main.output().object(done + " incident #" + digits + ": " + incident.path("title").asString("") + " (now "
                + incident.path("status").asString("?") + ").", incident);
    }
}
