package io.bugmaster.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code tokens}: the API tokens of the user the token belongs to (the secrets are never shown again). */
@Command(name = "tokens", mixinStandardHelpOptions = true, description = "List your API tokens.")
final class TokensCommand {
    static final List<Column> COLUMNS = List.of(
            Column.of("ID", "id"),
            Column.of("NAME", "name"),
            Column.of("ENDS WITH", "tokenLastCharacters", "hint"),
            Column.of("SCOPES", "scopes"),
            Column.of("CREATED", "dateCreated"),
            Column.of("EXPIRES", "expiresAt"),
            Column.of("LAST USED", "dateLastUsed", "lastUsedAt"));

    @ParentCommand
    Main main;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List your API tokens.")
    void list() {
        main.output().list(main.client().getAll(ApiClient.path("api-tokens")), COLUMNS, "No API tokens.");
    }
}
