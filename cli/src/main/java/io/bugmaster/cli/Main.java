package io.bugmaster.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The Bugmaster command-line client. Global options may come before or after the command; each
 * has an environment variable, so a shell can set BUGMASTER_URL and BUGMASTER_TOKEN once.
 * Exit codes: 0 ok, 1 the server refused or could not be reached, 2 a usage error.
 */
@Command(name = "bugmaster",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Manage a Bugmaster server from the command line.",
        footer = {"", "Environment: BUGMASTER_URL, BUGMASTER_TOKEN, BUGMASTER_ORG.",
                "Run 'bugmaster COMMAND --help' for a command's options."},
        subcommands = {
                InfoCommand.class,
                OrgsCommand.class,
                TeamsCommand.class,
                ProjectsCommand.class,
                KeysCommand.class,
                MembersCommand.class,
                TokensCommand.class,
                ServicesCommand.class,
                MonitorsCommand.class,
                IncidentsCommand.class,
                ChangesCommand.class,
                PostmortemCommand.class,
                OnCallCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:BUGMASTER_URL:-http://localhost:8080}",
            description = {"Bugmaster server (env BUGMASTER_URL).", "Default: ${DEFAULT-VALUE}"})
    String url;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            defaultValue = "${env:BUGMASTER_TOKEN}",
            description = "API token, sent as a bearer token (env BUGMASTER_TOKEN).")
    String token;

    @Option(names = "--org", scope = ScopeType.INHERIT, paramLabel = "SLUG",
            defaultValue = "${env:BUGMASTER_ORG:-default}",
            description = {"Organization slug (env BUGMASTER_ORG).", "Default: ${DEFAULT-VALUE}"})
    String org;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the server's JSON instead of a table.")
    boolean json;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /** Runs one command line and returns its exit code; output goes to {@code out}, messages to {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ApiException) {
                err.println("error: " + e.getMessage());
                err.flush();
                return FAILED;
            }
            if (e instanceof UsageError) {
                err.println("error: " + e.getMessage());
                err.flush();
                return USAGE;
            }
            throw e;
        });
        return cli.execute(args);
    }

    ApiClient client() {
        try {
            return new ApiClient(url, token);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    Output output() {
        return new Output(spec.commandLine().getOut(), json);
    }

    String org() {
        if (org == null || org.isBlank()) {
            throw new UsageError("no organization: pass --org or set BUGMASTER_ORG");
        }
        return org.trim();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"bugmaster-cli " + (version == null ? "(development build)" : version)};
        }
    }
}
