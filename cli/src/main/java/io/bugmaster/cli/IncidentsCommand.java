package io.bugmaster.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/** {@code incidents}: list the organization's incidents, acknowledge and resolve them by number. */
@Command(name = "incidents", mixinStandardHelpOptions = true, description = "List, acknowledge and resolve incidents.")
final class IncidentsCommand {
    static final List<Column> COLUMNS = List.of(
            Column.of("#", "incident_number"),
            Column.of("STATUS", "status"),
            Column.of("URGENCY", "urgency"),
            Column.of("SERVICE", "service.summary"),
            Column.of("ASSIGNED", "assignments[].assignee.email"),
            Column.of("TITLE", "title"),
            Column.of("CREATED", "created_at"));

    @ParentCommand
    Main main;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List incidents, newest first (by default the open ones).")
    void list(@Option(names = "--status", split = ",", description = "triggered, acknowledged, resolved (default: triggered,acknowledged).")
            List<String> statuses) {
        List<String> wanted = statuses == null || statuses.isEmpty() ? List.of("triggered", "acknowledged") : statuses;
        StringBuilder query = new StringBuilder();
        for (String s : wanted) {
            query.append(query.isEmpty() ? "?" : "&").append("statuses=").append(URLEncoder.encode(s.strip(), StandardCharsets.UTF_8));
        }
        main.output().list(main.client().getAll(ApiClient.path("organizations", main.org(), "incidents") + query), COLUMNS,
                "No " + String.join(" or ", wanted) + " incidents in " + main.org() + ".");
    }

    @Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge an incident: its escalation stops.")
    void ack(@Parameters(paramLabel = "NUMBER", description = "The incident's number (#42: 42).") String number) {
        JsonNode incident = main.client().post(ApiClient.path("organizations", main.org(), "incidents", number, "acknowledge"),
                ApiClient.JSON.createObjectNode());
        main.output().object("Acknowledged incident #" + number + ".", incident);
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true, description = "Resolve an incident and its alerts.")
    void resolve(@Parameters(paramLabel = "NUMBER", description = "The incident's number (#42: 42).") String number) {
        JsonNode incident = main.client().post(ApiClient.path("organizations", main.org(), "incidents", number, "resolve"),
                ApiClient.JSON.createObjectNode());
        main.output().object("Resolved incident #" + number + ".", incident);
    }
}
