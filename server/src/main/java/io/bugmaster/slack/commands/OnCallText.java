package io.bugmaster.slack.commands;

import io.bugmaster.slack.SlackText;
import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The answer to {@code /bugmaster oncall}: per escalation policy (with the services it pages for), each level's people now and next. */
@PureLogic
public final class OnCallText {
    /** At most this many policies are listed; the rest are counted. */
    public static final int MAX_POLICIES = 25;

    private OnCallText() {}

    /** A person as shown: a Slack mention or their (escaped) name. */
    public record Who(String shown) {}

    /**
     * One level: who is on call now and until when (null: as long as the policy names them), then who
     * follows ({@code next} null: not worked out).
     */
    public record Level(int level, List<Who> now, Instant until, List<Who> next) {}

    /** A policy and the services it pages for; {@code policyName} null for services without a policy. */
    public record Policy(String policyName, List<String> services, List<Level> levels) {}

    public static String render(String scope, List<Policy> policies, String pageUrl) {
        if (policies.isEmpty()) {
            return "No services " + scope + ", so nobody is on call for them. Services and their escalation policies: "
                    + SlackText.link(pageUrl, "on-call settings");
        }
        StringBuilder out = new StringBuilder("*On call " + scope + "*\n");
        int shown = 0;
        for (Policy p : policies) {
            if (shown++ == MAX_POLICIES) {
                out.append("\n…and ").append(policies.size() - MAX_POLICIES).append(" more policies: ")
                        .append(SlackText.link(pageUrl, "see them all"));
                break;
            }
            String services = p.services().stream().map(SlackText::escape).collect(Collectors.joining(", "));
            if (p.policyName() == null) {
                out.append("\n*").append(services).append("*: no escalation policy, nobody is paged\n");
                continue;
            }
            out.append("\n*").append(SlackText.escape(p.policyName())).append("* (").append(services).append(")\n");
            if (p.levels().isEmpty()) {
                out.append("  nobody: the policy has no levels\n");
            }
            for (Level l : p.levels()) {
                out.append("  Level ").append(l.level()).append(": ").append(people(l.now()));
                if (!l.now().isEmpty() && l.until() != null) {
                    out.append(" until ").append(SlackText.time(l.until()));
                    if (l.next() != null) {
                        out.append("; next ").append(people(l.next()));
                    }
                }
                out.append('\n');
            }
        }
        return out.toString().stripTrailing();
    }

    private static String people(List<Who> who) {
        return who.isEmpty() ? "nobody" : who.stream().map(Who::shown).collect(Collectors.joining(", "));
    }
}
