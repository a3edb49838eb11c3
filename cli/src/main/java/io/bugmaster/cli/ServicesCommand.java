package io.bugmaster.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code services}: the organization's on-call services. */
@Command(name = "services", mixinStandardHelpOptions = true, description = "List the organization's services.")
final class ServicesCommand {
    static final List<Column> COLUMNS = List.of(
            Column.of("NAME", "name"),
            Column.of("URGENCY", "urgency"),
            Column.of("POLICY", "escalation_policy.id"),
            Column.of("ID", "id"));

    @ParentCommand
    Main main;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the organization's services.")
    void list() {
        main.output().list(main.client().getAll(ApiClient.path("organizations", main.org(), "services")), COLUMNS,
                "No services in " + main.org() + ".");
    }
}
