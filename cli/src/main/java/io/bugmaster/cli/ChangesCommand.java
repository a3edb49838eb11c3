package io.bugmaster.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code changes}: record what changed in production (from deploy scripts), so incidents show what preceded them. */
@Command(name = "changes", mixinStandardHelpOptions = true, description = "Record and list changes to production (deploys, flags, migrations).")
final class ChangesCommand {
    static final List<String> KINDS = List.of("deploy", "feature_flag", "migration", "infrastructure", "config");
    static final List<Column> COLUMNS = List.of(
            Column.of("ID", "id"),
            Column.of("WHEN", "happened_at"),
            Column.of("KIND", "kind"),
            Column.of("ENV", "environment"),
            Column.of("WHO", "who"),
            Column.of("SUMMARY", "summary"));

    @ParentCommand
    Main main;

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Record a change now (or at --at), e.g. at the end of a deploy script.")
    void add(@Option(names = "--kind", required = true, paramLabel = "KIND",
                    description = "deploy, feature_flag, migration, infrastructure or config.") String kind,
            @Option(names = "--summary", required = true, paramLabel = "TEXT", description = "What changed, in a line (at most 500 characters).")
            String summary,
            @Option(names = "--service", paramLabel = "ID", description = "A service it changed, by id (repeat for several).") List<String> services,
            @Option(names = "--project", paramLabel = "SLUG", description = "A project it changed, by slug (repeat for several).") List<String> projects,
            @Option(names = "--env", paramLabel = "ENV", description = "The environment, e.g. production.") String environment,
            @Option(names = "--who", paramLabel = "WHO", description = "Who made it (a person or a pipeline).") String who,
            @Option(names = "--link", paramLabel = "URL", description = "An http(s) link to it: the pull request, the pipeline run (repeat for several).")
            List<String> links,
            @Option(names = "--at", paramLabel = "TIME", description = "When it happened, ISO-8601 such as 2026-12-01T10:00:00Z (default: now).")
            String at) {
        if (!KINDS.contains(kind)) {
            throw new UsageError("--kind is one of " + String.join(", ", KINDS) + "; got '" + kind + "'");
        }
        ObjectNode body = ApiClient.JSON.createObjectNode().put("kind", kind).put("summary", summary);
        if (services != null) {
            ArrayNode ids = body.putArray("service_ids");
            services.forEach(ids::add);
        }
        if (projects != null) {
            ArrayNode slugs = body.putArray("projects");
            projects.forEach(slugs::add);
        }
        if (environment != null) {
            body.put("environment", environment);
        }
        if (who != null) {
            body.put("who", who);
        }
        if (links != null) {
            ArrayNode list = body.putArray("links");
            links.forEach(href -> list.addObject().put("href", href));
        }
        if (at != null) {
            body.put("happened_at", at);
        }
        JsonNode created = main.client().post(ApiClient.path("organizations", main.org(), "changes"), body);
        main.output().object("Recorded " + kind + " change " + created.path("id").asString("?") + ": " + created.path("summary").asString(summary)
                + ".", created);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List recorded changes, newest first.")
    void list(@Option(names = "--kind", paramLabel = "KIND", description = "Only this kind.") String kind,
            @Option(names = "--service", paramLabel = "ID", description = "Only changes of this service.") String service,
            @Option(names = "--project", paramLabel = "SLUG", description = "Only changes of this project.") String project) {
        StringBuilder path = new StringBuilder(ApiClient.path("organizations", main.org(), "changes"));
        char separator = '?';
        for (String[] p : new String[][] {{"kind", kind}, {"service_id", service}, {"project", project}}) {
            if (p[1] != null) {
                path.append(separator).append(p[0]).append('=').append(java.net.URLEncoder.encode(p[1], java.nio.charset.StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        main.output().list(main.client().getAll(path.toString()), COLUMNS, "No changes recorded in " + main.org() + ".");
    }
}
