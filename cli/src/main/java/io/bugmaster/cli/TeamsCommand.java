package io.bugmaster.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code teams}: the teams of the organization. */
@Command(name = "teams", mixinStandardHelpOptions = true, description = "List and create teams in the organization.")
final class TeamsCommand {
    static final List<Column> COLUMNS = List.of(
            Column.of("SLUG", "slug"),
            Column.of("NAME", "name"),
            Column.of("MEMBERS", "memberCount"),
            Column.of("ID", "id"));

    @ParentCommand
    Main main;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the organization's teams.")
    void list() {
        main.output().list(main.client().getAll(ApiClient.path("organizations", main.org(), "teams")), COLUMNS,
                "No teams in " + main.org() + ".");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a team.")
    void create(@Parameters(paramLabel = "NAME", description = "Display name.") String name,
            @Option(names = "--slug", description = "URL slug (default: derived from the name by the server).") String slug) {
        ObjectNode body = ApiClient.JSON.createObjectNode().put("name", name);
        if (slug != null) {
            body.put("slug", slug);
        }
        JsonNode created = main.client().post(ApiClient.path("organizations", main.org(), "teams"), body);
        main.output().object("Created team " + created.path("slug").asString(name) + " in " + main.org() + ".", created);
    }
}
