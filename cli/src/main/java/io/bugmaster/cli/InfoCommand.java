package io.bugmaster.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code info}: what the server says about itself and about the token (GET /api/0/). */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the server's API root: its version and who the token belongs to.")
final class InfoCommand implements Runnable {
    @ParentCommand
    Main main;

    @Override
    public void run() {
        main.output().object("Bugmaster at " + main.url, main.client().get(ApiClient.path()));
    }
}
