package io.bugmaster.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code members}: the organization's members and invitations. */
@Command(name = "members", mixinStandardHelpOptions = true, description = "List members and invite people.")
final class MembersCommand {
    static final List<Column> COLUMNS = List.of(
            Column.of("EMAIL", "email"),
            Column.of("NAME", "name", "user.name"),
            Column.of("ROLE", "orgRole", "role"),
            Column.of("PENDING", "pending"),
            Column.of("ID", "id"));

    @ParentCommand
    Main main;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the organization's members.")
    void list() {
        main.output().list(main.client().getAll(ApiClient.path("organizations", main.org(), "members")), COLUMNS,
                "No members in " + main.org() + ".");
    }

    @Command(name = "invite", mixinStandardHelpOptions = true, description = "Invite someone to the organization by email.")
    void invite(@Parameters(paramLabel = "EMAIL", description = "Their email address.") String email,
            @Option(names = "--role", paramLabel = "ROLE", description = "owner, admin, member or viewer (server default: member).") String role) {
        ObjectNode body = ApiClient.JSON.createObjectNode().put("email", email);
        if (role != null) {
            body.put("orgRole", role);
        }
        JsonNode invited = main.client().post(ApiClient.path("organizations", main.org(), "members"), body);
        main.output().object("Invited " + invited.path("email").asString(email) + " to " + main.org() + ".", invited);
        String link = invited.path("inviteLink").asString("");
        if (!link.isEmpty()) {
            main.output().line("Send them this invitation link: " + link);
        }
    }
}
