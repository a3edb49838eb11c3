package io.bugmaster.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code projects}: the organization's projects; a project belongs to a team. */
@Command(name = "projects", mixinStandardHelpOptions = true, description = "List and create projects.")
final class ProjectsCommand {
    static final List<Column> COLUMNS = List.of(
            Column.of("SLUG", "slug"),
            Column.of("NAME", "name"),
            Column.of("PLATFORM", "platform"),
            Column.of("TEAMS", "teams[].slug", "team.slug"),
            Column.of("ID", "id"));

    @ParentCommand
    Main main;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the organization's projects.")
    void list() {
        main.output().list(main.client().getAll(ApiClient.path("organizations", main.org(), "projects")), COLUMNS,
                "No projects in " + main.org() + ".");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a project owned by a team.")
    void create(@Parameters(paramLabel = "NAME", description = "Display name.") String name,
            @Option(names = "--team", required = true, paramLabel = "TEAM", description = "Slug of the owning team.") String team,
            @Option(names = "--platform", paramLabel = "PLATFORM", description = "SDK platform, e.g. java, javascript, python.") String platform,
            @Option(names = "--slug", description = "URL slug (default: derived from the name by the server).") String slug) {
        ObjectNode body = ApiClient.JSON.createObjectNode().put("name", name);
        if (slug != null) {
            body.put("slug", slug);
        }
        if (platform != null) {
            body.put("platform", platform);
        }
        JsonNode created = main.client().post(ApiClient.path("teams", main.org(), team, "projects"), body);
        main.output().object("Created project " + created.path("slug").asString(name) + " for team " + team + ".", created);
        main.output().line("Next: 'bugmaster keys list " + created.path("slug").asString(name) + "' shows its DSN.");
    }
}
