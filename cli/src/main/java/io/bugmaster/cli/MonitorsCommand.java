package io.bugmaster.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code monitors}: cron jobs, heartbeats and checks; list them, pause and resume one by its slug. */
@Command(name = "monitors", aliases = "monitor", mixinStandardHelpOptions = true,
        description = "List monitors (cron jobs, heartbeats, SQL, metric and event-volume checks); pause and resume one.")
final class MonitorsCommand {
    static final List<Column> COLUMNS = List.of(
            Column.of("SLUG", "slug"),
            Column.of("STATE", "state"),
            Column.of("KIND", "type"),
            Column.of("LAST CHECK-IN", "lastCheckIn"),
            Column.of("NAME", "name"));

    @ParentCommand
    Main main;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List monitors with their state and last check-in.")
    void list() {
        main.output().list(main.client().getAll(ApiClient.path("organizations", main.org(), "monitors")), COLUMNS,
                "No monitors in " + main.org() + ".");
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause a monitor: it is not watched and tells nobody until resumed (check-ins are still kept).")
    void pause(@Parameters(paramLabel = "SLUG", description = "The monitor's slug, as in 'monitors list'.") String slug) {
        status(slug, "disabled", "Paused");
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resume a paused monitor: watched again from now (a cron monitor waits for its next check-in).")
    void resume(@Parameters(paramLabel = "SLUG", description = "The monitor's slug, as in 'monitors list'.") String slug) {
        status(slug, "active", "Resumed");
    }

    private void status(String slug, String status, String done) {
        if (slug == null || slug.isBlank()) {
            throw new UsageError("give the monitor's slug, as in 'bugmaster monitors list'");
        }
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.put("status", status);
        JsonNode m = main.client().put(ApiClient.path("organizations", main.org(), "monitors", slug.strip()), body);
        main.output().object(done + " monitor " + m.path("slug").asString(slug) + ": " + m.path("state").asString("?") + ".", m);
    }
}
