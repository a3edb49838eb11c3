package io.bugmaster.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code oncall}: who each level of each escalation policy reaches now, or at a given time. */
@Command(name = "oncall", mixinStandardHelpOptions = true, description = "Show who is on call for every escalation policy level.")
final class OncallCommand implements Callable<Integer> {
    static final List<Column> COLUMNS = List.of(
            Column.of("POLICY", "escalation_policy.id"),
            Column.of("LEVEL", "escalation_level"),
            Column.of("USER", "user.email"),
            Column.of("SCHEDULE", "schedule.id"));

    @ParentCommand
    Main main;

    @Option(names = "--at", description = "A time with an offset, such as 2026-03-29T09:00:00+02:00 (default: now).")
    String at;

    @Override
    public Integer call() {
        String query = at == null ? "" : "?at=" + URLEncoder.encode(at, StandardCharsets.UTF_8);
        main.output().list(main.client().get(ApiClient.path("organizations", main.org(), "oncalls") + query), COLUMNS,
                "Nobody is on call in " + main.org() + ".");
        return 0;
    }
}
