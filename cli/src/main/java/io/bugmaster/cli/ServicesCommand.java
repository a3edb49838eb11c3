package io.bugmaster.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code services}: the services people are on call for. */
@Command(name = "services", mixinStandardHelpOptions = true, description = "List the organization's on-call services.")
final class ServicesCommand {
    static final List<Column> COLUMNS = List.of(
            Column.of("ID", "id"),
            Column.of("NAME", "name"),
            Column.of("URGENCY", "urgency"),
            Column.of("POLICY", "escalation_policy.id"),
            Column.of("TEAM", "team.id"));

    @ParentCommand
    Main main;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List services with their escalation policy.")
    void list() {
        main.output().list(main.client().getAll(ApiClient.path("organizations", main.org(), "services")), COLUMNS,
                "No services in " + main.org() + ".");
    }
}
