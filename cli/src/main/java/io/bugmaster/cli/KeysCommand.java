package io.bugmaster.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code keys}: a project's client keys, whose DSN is what an SDK is configured with. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "List and create a project's client keys (DSNs).")
final class KeysCommand {
    static final List<Column> COLUMNS = List.of(
            Column.of("NAME", "name", "label"),
            Column.of("PUBLIC KEY", "public"),
            Column.of("ACTIVE", "isActive"),
            Column.of("DSN", "dsn.public"));

    @ParentCommand
    Main main;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a project's keys and DSNs.")
    void list(@Parameters(paramLabel = "PROJECT", description = "Project slug.") String project) {
        main.output().list(main.client().getAll(ApiClient.path("projects", main.org(), project, "keys")), COLUMNS,
                "No keys for " + project + ".");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key for a project.")
    void create(@Parameters(paramLabel = "PROJECT", description = "Project slug.") String project,
            @Option(names = "--name", description = "A label for the key, e.g. the app that uses it.") String name) {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        if (name != null) {
            body.put("name", name);
        }
        JsonNode created = main.client().post(ApiClient.path("projects", main.org(), project, "keys"), body);
        main.output().object("Created a key for " + project + ". DSN: " + created.path("dsn").path("public").asString(""), created);
    }
}
