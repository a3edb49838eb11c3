package io.bugmaster.slack.commands;

import io.bugmaster.slack.SlackText;
import io.bugmaster.BugmasterProperties;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
import io.bugmaster.slack.people.SlackPeople;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * {@code /bugmaster oncall [team]}: who each level of each service's escalation policy reaches now
 * and next, from the same calculation as {@code /oncalls/}. People are mentioned when their Slack
 * account is linked already (no Slack call per person), else named.
 */
@Component
class OnCallAnswer {
    static final int MAX_SERVICES = 500;
    /** Each handover moment asks the whole calculation again: beyond this many, levels show until when, not who is next. */
    static final int MAX_HANDOVERS = 10;

    private final Services services;
    private final EscalationPolicies policies;
    private final Directory directory;
    private final SlackPeople people;
    private final Clock clock;
    private final String baseUrl;

    OnCallAnswer(Services services, EscalationPolicies policies, Directory directory, SlackPeople people, Clock clock,
            BugmasterProperties props) {
        this.services = services;
        this.policies = policies;
        this.directory = directory;
        this.people = people;
        this.clock = clock;
        this.baseUrl = props.baseUrlTrimmed();
    }

    String answer(Actor actor, long orgId, String orgSlug, String teamArg) {
        Instant now = clock.instant();
        List<ServiceDefinition> all = services.list(actor, orgSlug, 0, MAX_SERVICES).items();
        String scope = "in this organization";
        if (teamArg != null && !teamArg.isBlank()) {
            Directory.TeamName team = team(orgId, teamArg.strip());
            all = all.stream().filter(s -> Objects.equals(s.teamId(), team.id())).toList();
            scope = "for team " + SlackText.escape(team.name());
        }
        Map<Long, List<String>> servicesByPolicy = new LinkedHashMap<>();
        List<String> withoutPolicy = new ArrayList<>();
        for (ServiceDefinition s : all) {
            if (s.escalationPolicyId() == null) {
                withoutPolicy.add(s.name());
            } else {
                servicesByPolicy.computeIfAbsent(s.escalationPolicyId(), k -> new ArrayList<>()).add(s.name());
            }
        }
        Map<Instant, List<EscalationPolicies.OnCall>> at = new HashMap<>();
        at.put(now, policies.onCalls(actor, orgSlug, now));
        Map<Long, String> mentions = new HashMap<>();
        people.links(orgId).forEach((slackId, userId) -> mentions.put(userId, SlackText.mention(slackId)));
        List<OnCallText.Policy> out = new ArrayList<>();
        for (var e : servicesByPolicy.entrySet()) {
            EscalationPolicy policy = policies.policy(orgId, e.getKey()).orElse(null);
            if (policy == null) {
                withoutPolicy.addAll(e.getValue());
                continue;
            }
            List<OnCallText.Level> levels = new ArrayList<>();
            for (int level = 1; level <= policy.rules().size(); level++) {
                List<EscalationPolicies.OnCall> current = of(at.get(now), policy.id(), level);
                Instant until = current.stream().map(EscalationPolicies.OnCall::end).filter(Objects::nonNull).min(Comparator.naturalOrder())
                        .orElse(null);
                List<EscalationPolicies.OnCall> next = null;
                if (until != null && (at.containsKey(until) || at.size() <= MAX_HANDOVERS)) {
                    // the shift that ends first hands over then; asked once per moment, whatever number of levels end together
                    next = of(at.computeIfAbsent(until, t -> policies.onCalls(actor, orgSlug, t)), policy.id(), level);
                }
                levels.add(new OnCallText.Level(level, who(orgId, current, mentions), until, next == null ? null : who(orgId, next, mentions)));
            }
            out.add(new OnCallText.Policy(policy.name(), e.getValue(), levels));
        }
        if (!withoutPolicy.isEmpty()) {
            out.add(new OnCallText.Policy(null, withoutPolicy, List.of()));
        }
        return OnCallText.render(scope, out, baseUrl + "/orgs/" + orgSlug + "/oncall");
    }

    private Directory.TeamName team(long orgId, String wanted) {
        List<Directory.TeamName> teams = directory.teams(orgId, 1000);
        String w = wanted.startsWith("#") ? wanted.substring(1) : wanted;
        return teams.stream().filter(t -> t.slug().equalsIgnoreCase(w)).findFirst()
                .or(() -> teams.stream().filter(t -> t.name().equalsIgnoreCase(w)).findFirst())
                .orElseThrow(() -> new NotFoundException("there is no team '" + SlackText.cut(w, 50) + "' here; teams: "
                        + (teams.isEmpty() ? "none yet" : String.join(", ", teams.stream().map(Directory.TeamName::slug).limit(30).toList()))));
    }

    private static List<EscalationPolicies.OnCall> of(List<EscalationPolicies.OnCall> all, long policyId, int level) {
        return all.stream().filter(o -> o.policyId() == policyId && o.level() == level).toList();
    }

    private List<OnCallText.Who> who(long orgId, List<EscalationPolicies.OnCall> onCall, Map<Long, String> mentions) {
        Map<Long, Directory.Person> named = directory.joinedMembers(orgId, onCall.stream().map(EscalationPolicies.OnCall::userId).toList());
        return onCall.stream().map(o -> new OnCallText.Who(mentions.getOrDefault(o.userId(),
                SlackText.escape(named.containsKey(o.userId()) && named.get(o.userId()).name() != null && !named.get(o.userId()).name().isBlank()
                        ? named.get(o.userId()).name() : o.email())))).toList();
    }
}
