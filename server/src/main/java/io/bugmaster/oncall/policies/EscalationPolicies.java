package io.bugmaster.oncall.policies;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Page;
import io.bugmaster.oncall.OnCallSchedules;
import io.bugmaster.oncall.policies.EscalationPolicy.Rule;
import io.bugmaster.oncall.policies.EscalationPolicy.Target;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Escalation policies of an organization. Everyone in it may read them ({@code alerts:read});
 * changing them needs {@code alerts:write}. Every target must be of the organization when saved
 * (a member, one of its schedules or teams), and is checked again when paged: someone who left is
 * never paged. Another organization's policy is "not found".
 */
@Service
public class EscalationPolicies {
    private static final int MAX_POLICIES_SHOWN = 500;

    private final OrganizationService organizations;
    private final EscalationPolicyStore store;
    private final Directory directory;
    private final OnCallSchedules schedules;
    private final Transactions tx;
    private final Clock clock;
    private final ObjectProvider<PolicyUsage> usage;

    EscalationPolicies(OrganizationService organizations, EscalationPolicyStore store, Directory directory, OnCallSchedules schedules,
            Transactions tx, Clock clock, ObjectProvider<PolicyUsage> usage) {
        this.usage = usage;
        this.organizations = organizations;
        this.store = store;
        this.directory = directory;
        this.schedules = schedules;
        this.tx = tx;
        this.clock = clock;
    }

    /** A policy as a client sends it (PagerDuty's field names). */
    @tools.jackson.databind.annotation.JsonNaming(tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PolicyInput(String name, String description, Integer numLoops, List<PolicyRules.RuleInput> escalationRules) {}

    public Page<EscalationPolicy> list(Actor actor, String orgSlug, int offset, int limit) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ALERTS_READ);
        return Page.of(store.list(access.org().id(), offset, limit + 1), offset, limit);
    }

    public EscalationPolicy get(Actor actor, String orgSlug, String id) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ALERTS_READ);
        return find(access.org().id(), id);
    }

    public EscalationPolicy create(Actor actor, String orgSlug, PolicyInput input) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ALERTS_WRITE);
        long orgId = access.org().id();
        Checked c = check(orgId, input);
        long id = tx.write(() -> store.insert(orgId, c.name, c.description, c.numLoops, c.rules, clock.instant()))
                .orElseThrow(() -> new ConflictException("an escalation policy named '" + c.name + "' already exists"));
        return store.find(orgId, id).orElseThrow();
    }

    public EscalationPolicy update(Actor actor, String orgSlug, String id, PolicyInput input) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ALERTS_WRITE);
        long orgId = access.org().id();
        EscalationPolicy current = find(orgId, id);
        Checked c = check(orgId, input);
        tx.write(() -> {
            if (store.nameTaken(orgId, c.name, current.id())) {
                throw new ConflictException("an escalation policy named '" + c.name + "' already exists");
            }
            store.update(orgId, current.id(), c.name, c.description, c.numLoops, c.rules, clock.instant());
        });
        return store.find(orgId, current.id()).orElseThrow();
    }

    /** Deletes a policy that no service uses; one in use is a conflict that says so. */
    public void delete(Actor actor, String orgSlug, String id) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ALERTS_WRITE);
        long orgId = access.org().id();
        EscalationPolicy policy = find(orgId, id);
        tx.write(() -> {
            List<String> users = usage.stream().flatMap(u -> u.usersOf(orgId, policy.id()).stream()).toList();
            if (!users.isEmpty()) {
                throw new ConflictException("escalation policy '" + policy.name() + "' is used by a service (" + String.join(", ", users)
                        + "); give those services another policy first");
            }
            store.delete(orgId, policy.id());
        });
    }

    /** A policy of the organization, for features that act for the system (the escalation engine). */
    public Optional<EscalationPolicy> policy(long orgId, long id) {
        return store.find(orgId, id);
    }

    /** Whether the policy exists in the organization: a service may name only its own organization's policies. */
    public boolean exists(long orgId, long id) {
        return store.find(orgId, id).isPresent();
    }

    /** Who a target is, in words: "jane@example.com", "schedule Primary", "team #backend". Null when it is gone. */
    public String describe(long orgId, Target target) {
        return switch (target.type()) {
            case USER -> directory.joinedMember(orgId, target.id()).map(Directory.Person::email).orElse(null);
            case SCHEDULE -> schedules.name(orgId, target.id()).map(n -> "schedule " + n).orElse(null);
            case TEAM -> directory.team(orgId, target.id()).map(t -> "team #" + t.slug()).orElse(null);
        };
    }

    /** The organization's policies that have the schedule as a target on some level. */
    public List<Long> policiesPaging(long orgId, long scheduleId) {
        return store.list(orgId, 0, MAX_POLICIES_SHOWN).stream()
                .filter(p -> p.rules().stream().flatMap(r -> r.targets().stream())
                        .anyMatch(t -> t.type() == EscalationPolicy.TargetType.SCHEDULE && t.id() == scheduleId))
                .map(EscalationPolicy::id)
                .toList();
    }

    /** One person a level reaches, and through which target (a schedule's id when on call on it). */
    public record Reached(long userId, Target through) {}

    /**
     * The people a level reaches at {@code at}: each target's members of the organization, each person
     * once, in target order. On a round-robin level, one of them, the next in turn for this policy level
     * (call in the transaction that pages, so a turn is taken once per incident).
     */
    public List<Reached> reach(EscalationPolicy policy, int level, Instant at, boolean takeTurn) {
        Rule rule = policy.level(level);
        if (rule == null) {
            return List.of();
        }
        List<Reached> all = allOf(policy, level, at);
        if (!rule.roundRobin() || all.size() <= 1) {
            return all;
        }
        long turn = takeTurn ? store.nextTurn(policy.id(), level) : 0;
        return List.of(all.get((int) (turn % all.size())));
    }

    private List<Long> usersOf(long orgId, Target t, Instant at) {
        List<Long> candidates = switch (t.type()) {
            case USER -> List.of(t.id());
            case SCHEDULE -> schedules.usersOnCall(orgId, t.id(), at);
            case TEAM -> directory.team(orgId, t.id()).isPresent()
                    ? directory.teamMembers(t.id()).stream().map(Directory.TeamMember::userId).toList() : List.of();
        };
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<Long> members = directory.memberIds(orgId, candidates);
        return candidates.stream().filter(members::contains).toList();
    }

    /**
     * One on-call entry: a person reached by a level of a policy at a moment; {@code start} and
     * {@code end} are their shift on the schedule that reaches them, null for a person or team named
     * on the level (on call as long as the policy says so).
     */
    public record OnCall(long userId, String email, Long scheduleId, long policyId, String policyName, int level, Instant start,
            Instant end) {}

    /** Who each level of each policy of the organization reaches at {@code at} (all targets of round-robin levels). */
    public List<OnCall> onCalls(Actor actor, String orgSlug, Instant at) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ALERTS_READ);
        long orgId = access.org().id();
        List<OnCall> out = new ArrayList<>();
        for (EscalationPolicy p : store.list(orgId, 0, MAX_POLICIES_SHOWN)) {
            for (int level = 1; level <= p.rules().size(); level++) {
                List<Reached> reached = allOf(p, level, at);
                var people = directory.joinedMembers(orgId, reached.stream().map(Reached::userId).toList());
                for (Reached r : reached) {
                    Directory.Person person = people.get(r.userId());
                    if (person != null) {
                        Long schedule = r.through().type() == EscalationPolicy.TargetType.SCHEDULE ? r.through().id() : null;
                        OnCallSchedules.CurrentShift shift = schedule == null ? null : schedules.shiftsAt(orgId, schedule, at).stream()
                                .filter(s -> s.userId() == r.userId()).findFirst().orElse(null);
                        out.add(new OnCall(r.userId(), person.email(), schedule, p.id(), p.name(), level,
                                shift == null ? null : shift.start(), shift == null ? null : shift.end()));
                    }
                }
            }
        }
        return out;
    }

    private List<Reached> allOf(EscalationPolicy p, int level, Instant at) {
        List<Reached> all = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        for (Target t : p.level(level).targets()) {
            for (long userId : usersOf(p.orgId(), t, at)) {
                if (seen.add(userId)) {
                    all.add(new Reached(userId, t));
                }
            }
        }
        return all;
    }

    private record Checked(String name, String description, int numLoops, List<Rule> rules) {}

    private Checked check(long orgId, PolicyInput input) {
        if (input == null) {
            throw new InvalidInputException(null, "send the policy as a JSON object with name and escalation_rules");
        }
        String name = PolicyRules.name(input.name());
        String description = input.description() == null || input.description().isBlank() ? null : input.description().strip();
        if (description != null && description.length() > 1000) {
            throw new InvalidInputException("description", "at most 1000 characters, got " + description.length());
        }
        List<Rule> rules = PolicyRules.rules(input.escalationRules());
        for (int i = 0; i < rules.size(); i++) {
            List<Target> targets = rules.get(i).targets();
            for (int j = 0; j < targets.size(); j++) {
                Target t = targets.get(j);
                if (describe(orgId, t) == null) {
                    String what = switch (t.type()) {
                        case USER -> "no member of this organization has user id " + t.id();
                        case SCHEDULE -> "this organization has no schedule with id " + t.id();
                        case TEAM -> "this organization has no team with id " + t.id();
                    };
                    throw new InvalidInputException("escalation_rules[" + i + "].targets[" + j + "].id", what);
                }
            }
        }
        return new Checked(name, description, PolicyRules.numLoops(input.numLoops()), rules);
    }

    private EscalationPolicy find(long orgId, String id) {
        try {
            return store.find(orgId, Long.parseLong(id)).orElseThrow(() -> notFound(id));
        } catch (NumberFormatException e) {
            throw notFound(id);
        }
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("escalation policy '" + id + "' not found");
    }
}
