package io.bugmaster.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code orgs}: the organizations the token can see, and new ones. */
@Command(name = "orgs", mixinStandardHelpOptions = true, description = "List and create organizations.")
final class OrgsCommand {
    static final List<Column> COLUMNS = List.of(
            Column.of("SLUG", "slug"),
            Column.of("NAME", "name"),
            Column.of("ID", "id"),
            Column.of("CREATED", "dateCreated"));

    @ParentCommand
    Main main;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List organizations.")
    void list() {
        main.output().list(main.client().getAll(ApiClient.path("organizations")), COLUMNS, "No organizations.");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an organization.")
    void create(@Parameters(paramLabel = "NAME", description = "Display name.") String name,
            @Option(names = "--slug", description = "URL slug (default: derived from the name by the server).") String slug) {
        ObjectNode body = ApiClient.JSON.createObjectNode().put("name", name);
        if (slug != null) {
            body.put("slug", slug);
        }
        JsonNode created = main.client().post(ApiClient.path("organizations"), body);
        main.output().object("Created organization " + created.path("slug").asString(name) + ".", created);
    }
}
