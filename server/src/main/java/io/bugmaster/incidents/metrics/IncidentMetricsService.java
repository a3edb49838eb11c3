package io.bugmaster.incidents.metrics;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentPriorities;
import io.bugmaster.incidents.Priority;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Incident response metrics of an organization (reading needs {@code event:read}): MTTA, MTTR,
 * incidents per week, time in each stage and the on-call load, with the names of the services,
 * teams, priorities and people they mention; and an incident's own response times.
 */
@Service
public class IncidentMetricsService {
    /** At most this many incidents are counted in one window (the oldest first); the report says when there were more. */
    static final int MAX_INCIDENTS = 20_000;
    static final int TEAMS_LISTED = 500;

    private final OrganizationService organizations;
    private final MetricsStore store;
    private final Directory directory;
    private final IncidentPriorities priorities;
    private final Clock clock;

    IncidentMetricsService(OrganizationService organizations, MetricsStore store, Directory directory, IncidentPriorities priorities,
            Clock clock) {
        this.organizations = organizations;
        this.store = store;
        this.directory = directory;
        this.priorities = priorities;
        this.clock = clock;
    }

    /**
     * The metrics and the names they need; {@code days} is null when the window was given by from and to;
     * {@code teamChoices} are the organization's teams (for a filter).
     */
    public record Report(String orgSlug, IncidentMetrics metrics, Integer days, boolean truncated, Map<Long, String> services,
            Map<Long, String> teams, Map<Long, Directory.Person> people, List<Priority> priorities, List<Directory.TeamName> teamChoices) {

        public String serviceName(String key) {
            return services.getOrDefault(Long.parseLong(key), "(deleted service)");
        }

        public String teamName(String key) {
            return key.equals(IncidentMetrics.NONE) ? "No team" : teams.getOrDefault(Long.parseLong(key), "(deleted team)");
        }

        public String priorityLabel(String key) {
            if (key.equals(IncidentMetrics.NONE)) {
                return "No priority";
            }
            int level = Integer.parseInt(key);
            return priorities.stream().filter(p -> p.level() == level).map(Priority::label).findFirst().orElse("P" + level);
        }

        public String personName(long userId) {
            Directory.Person p = people.get(userId);
            return p == null ? "(former member)" : p.name() == null || p.name().isBlank() ? p.email() : p.name();
        }
    }

    public Report report(Actor actor, String orgSlug, MetricsParameters parameters) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.EVENT_READ);
        long orgId = access.org().id();
        Instant now = clock.instant();
        MetricsQuery query = parameters.query(now);
        Map<Long, String> services = store.serviceNames(orgId);
        if (query.serviceId() != null && !services.containsKey(query.serviceId())) {
            throw new InvalidInputException("service_id", "no service with id " + query.serviceId() + " in this organization");
        }
        if (query.teamId() != null && directory.team(orgId, query.teamId()).isEmpty()) {
            throw new InvalidInputException("team_id", "no team with id " + query.teamId() + " in this organization");
        }
        List<Priority> levels = priorities.of(orgId);
        if (query.priority() != null && query.priority() != MetricsQuery.NO_PRIORITY
                && levels.stream().noneMatch(p -> p.level() == query.priority())) {
            throw new InvalidInputException("priority", "this organization's priorities are "
                    + levels.stream().map(p -> p.level() + " (" + p.label() + ")").collect(Collectors.joining(", ")) + ", or 'none'");
        }
        MetricsStore.Read read = store.incidents(orgId, query.from(), query.to(), MAX_INCIDENTS);
        IncidentMetrics metrics = MetricsCalculator.compute(read.incidents(), query, now);
        Set<Long> teamIds = new HashSet<>();
        metrics.byTeam().stream().map(IncidentMetrics.Group::key).filter(k -> !k.equals(IncidentMetrics.NONE)).map(Long::parseLong)
                .forEach(teamIds::add);
        if (query.teamId() != null) {
            teamIds.add(query.teamId());
        }
        Map<Long, String> teams = directory.teams(teamIds).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().name()));
        Map<Long, Directory.Person> people = directory.people(metrics.load().stream().map(IncidentMetrics.Load::userId).toList());
        return new Report(access.org().slug(), metrics, parameters.daysAsked(), read.truncated(), services, teams, people, levels,
                directory.teams(orgId, TEAMS_LISTED));
    }

    /** An incident's time to acknowledge and to resolve so far, and its time in each stage. No access check: the caller did it. */
    public ResponseTimes responseTimes(Incident incident) {
        Instant now = clock.instant();
        return store.incident(incident.orgId(), incident.id()).map(i -> ResponseTimes.of(i, now)).orElseThrow();
    }
}
