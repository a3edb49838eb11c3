package io.bugmaster.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/** {@code incidents}: the organization's on-call incidents, acknowledged or resolved by number. */
@Command(name = "incidents", mixinStandardHelpOptions = true, description = "List, acknowledge and resolve incidents.")
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

    private void act(String number, String action, String done) {
        String digits = number.startsWith("#") ? number.substring(1) : number;
        if (!digits.matches("[0-9]{1,18}")) {
            throw new UsageError("an incident number is digits, such as 42 or #42; got '" + number + "'");
        }
        JsonNode incident = main.client().post(ApiClient.path("organizations", main.org(), "incidents", digits, action),
                ApiClient.JSON.createObjectNode());
        main.output().object(done + " incident #" + digits + ": " + incident.path("title").asString("") + " (now "
                + incident.path("status").asString("?") + ").", incident);
    }
}
