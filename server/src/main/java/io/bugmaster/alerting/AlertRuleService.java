package io.bugmaster.alerting;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.alerting.AlertRuleDefinition.Scope;
import io.bugmaster.alerting.AlertRuleDefinition.ScopeType;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Page;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.notify.NotifyProperties;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Alert rules of an organization: list and read (org:read, or project:read for a project's rules),
 * create, change and delete (org:write, or project:write for a project's rules). A project's rules
 * are the rules scoped to exactly that project; the organization's endpoint shows all of them.
 */
@Service
public class AlertRuleService {
    private final AlertRuleStore store;
    private final OrganizationService organizations;
    private final Directory directory;
    private final ChannelService channels;
    private final Transactions tx;
    private final Clock clock;
    private final NotifyProperties notifyProps;
    private final Services services;

    public AlertRuleService(AlertRuleStore store, OrganizationService organizations, Directory directory, ChannelService channels,
            Transactions tx, Clock clock, NotifyProperties notifyProps, Services services) {
        this.notifyProps = notifyProps;
        this.services = services;
        this.store = store;
        this.organizations = organizations;
        this.directory = directory;
        this.channels = channels;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * A rule with what the API and UI need to show it: slugs for the ids in it, and what keeps its
     * actions from sending (email actions on a server without SMTP).
     */
    public record View(AlertRule rule, AlertRuleJson.Names names, String orgSlug, List<String> warnings) {}

    private View view(AlertRule rule, AlertRuleJson.Names names, String orgSlug) {
        boolean emails = rule.definition().actions().stream().anyMatch(a -> a.kind() == AlertRuleDefinition.ActionKind.NOTIFY_EMAIL);
        List<String> warnings = emails && !notifyProps.smtpConfigured()
                ? List.of(NotifyProperties.smtpWarning("this rule's email actions send nothing"))
                : List.of();
        return new View(rule, names, orgSlug, warnings);
    }

    /** Where a request points: the organization, and the project for the project-scoped endpoints (else null). */
    private record Target(OrgAccess access, Long projectId) {}

    public Page<View> list(Actor actor, String orgSlug, String projectSlug, int offset, int limit) {
        Target target = target(actor, orgSlug, projectSlug, false);
        AlertRuleJson.Names names = names(target.access().org().id());
        List<View> all = store.list(target.access().org().id()).stream().filter(r -> belongs(r, target))
                .map(r -> view(r, names, orgSlug)).toList();
        List<View> fetched = all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit + 1));
        return Page.of(fetched, offset, limit);
    }

    public View get(Actor actor, String orgSlug, String projectSlug, String id) {
        Target target = target(actor, orgSlug, projectSlug, false);
        return view(find(target, id), names(target.access().org().id()), orgSlug);
    }

    /** Creates a rule from the API's JSON; for a project's endpoint, the rule is scoped to that project. */
    public View create(Actor actor, String orgSlug, String projectSlug, JsonNode body) {
        Target target = target(actor, orgSlug, projectSlug, true);
        long orgId = target.access().org().id();
        return insert(actor, orgSlug, target, AlertRuleJson.parse(body, lookup(orgId), fixedScope(target), null));
    }

    /** Creates one of the organization's rules from settings built directly (the web form). */
    public View create(Actor actor, String orgSlug, AlertRuleSettings settings) {
        Target target = target(actor, orgSlug, null, true);
        return insert(actor, orgSlug, target, settings.checked(null, lookup(target.access().org().id())));
    }

    private View insert(Actor actor, String orgSlug, Target target, AlertRuleSettings checked) {
        long orgId = target.access().org().id();
        long id = tx.write(() -> store.insert(orgId, checked.name(), checked.definition(), checked.enabled(), actor.userId(),
                clock.instant()));
        return view(store.find(orgId, id).orElseThrow(), names(orgId), orgSlug);
    }

    /** Changes a rule from the API's JSON: fields left out keep their values. */
    public View update(Actor actor, String orgSlug, String projectSlug, String id, JsonNode body) {
        Target target = target(actor, orgSlug, projectSlug, true);
        AlertRule rule = find(target, id);
        return save(orgSlug, target, rule,
                AlertRuleJson.parse(body, lookup(target.access().org().id()), fixedScope(target), settings(rule)));
    }

    /** Replaces what one of the organization's rules says with settings built directly (the web form). */
    public View update(Actor actor, String orgSlug, String id, AlertRuleSettings settings) {
        Target target = target(actor, orgSlug, null, true);
        AlertRule rule = find(target, id);
        return save(orgSlug, target, rule, settings.checked(settings(rule), lookup(target.access().org().id())));
    }

    private View save(String orgSlug, Target target, AlertRule rule, AlertRuleSettings checked) {
        long orgId = target.access().org().id();
        tx.write(() -> store.update(rule.id(), checked.name(), checked.definition(), checked.enabled(), clock.instant()));
        return view(store.find(orgId, rule.id()).orElseThrow(), names(orgId), orgSlug);
    }

    private static AlertRuleSettings settings(AlertRule rule) {
        return new AlertRuleSettings(rule.name(), rule.enabled(), rule.definition());
    }

    public void delete(Actor actor, String orgSlug, String projectSlug, String id) {
        Target target = target(actor, orgSlug, projectSlug, true);
        AlertRule rule = find(target, id);
        tx.write(() -> store.delete(rule.id()));
    }

    /** For the UI's form: the organization's projects, teams and channels by id. */
    public record Choices(Map<Long, String> projects, Map<Long, String> teams, Map<Long, String> channels) {}

    public Choices choices(Actor actor, String orgSlug) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_READ);
        Map<Long, String> channelNames = new java.util.LinkedHashMap<>();
        channels.list(actor, orgSlug, 0, 200).items().forEach(c -> channelNames.put(c.id(), c.name() + " (" + c.kind().id() + ")"));
        return new Choices(directory.projectSlugs(access.org().id()), directory.teamSlugs(access.org().id()), channelNames);
    }

    /** The tags a project shows in alert messages: its own choice ({@code custom}) or the default. */
    public record ProjectTags(String projectSlug, List<String> keys, boolean custom) {}

    /** Every project's alert message tags, by project slug. */
    public List<ProjectTags> alertTags(Actor actor, String orgSlug) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_READ);
        Map<Long, String> projects = directory.projectSlugs(access.org().id());
        Map<Long, String> chosen = store.alertTagsOfOrg(projects.keySet());
        return projects.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .map(e -> chosen.containsKey(e.getKey())
                        ? new ProjectTags(e.getValue(), AlertTags.parse(chosen.get(e.getKey())), true)
                        : new ProjectTags(e.getValue(), AlertTags.DEFAULT, false))
                .toList();
    }

    /**
     * Sets the tags a project shows in alert messages (keys separated by commas or spaces; blank
     * goes back to the default) and returns them. Needs {@code project:write}.
     */
    public List<String> setAlertTags(Actor actor, String orgSlug, String projectSlug, String raw) {
        if (projectSlug == null || projectSlug.isBlank()) {
            throw new InvalidInputException("project", "choose a project");
        }
        Target target = target(actor, orgSlug, projectSlug, true);
        List<String> keys = AlertTags.parse(raw);
        if (raw == null || raw.isBlank()) {
            tx.write(() -> store.resetAlertTags(target.projectId()));
        } else {
            tx.write(() -> store.setAlertTags(target.projectId(), AlertTags.format(keys), clock.instant()));
        }
        return keys;
    }

    /** Whether the caller may change the organization's rules (for showing or hiding the UI's buttons). */
    public boolean canWrite(Actor actor, String orgSlug) {
        return organizations.access(actor, orgSlug).has(Scopes.ORG_WRITE);
    }

    private Target target(Actor actor, String orgSlug, String projectSlug, boolean write) {
        OrgAccess access = organizations.access(actor, orgSlug);
        if (projectSlug == null) {
            access.require(write ? Scopes.ORG_WRITE : Scopes.ORG_READ);
            return new Target(access, null);
        }
        access.require(write ? Scopes.PROJECT_WRITE : Scopes.PROJECT_READ);
        long projectId = directory.projectId(access.org().id(), projectSlug)
                .orElseThrow(() -> new NotFoundException("project '" + projectSlug + "' not found"));
        return new Target(access, projectId);
    }

    private static Scope fixedScope(Target target) {
        return target.projectId() == null ? null : Scope.projects(List.of(target.projectId()));
    }

    private static boolean belongs(AlertRule rule, Target target) {
        if (target.projectId() == null) {
            return true;
        }
        Scope scope = rule.definition().scope();
        return scope.type() == ScopeType.PROJECTS && scope.projectIds().equals(List.of(target.projectId()));
    }

    private AlertRule find(Target target, String id) {
        long ruleId;
        try {
            ruleId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("alert rule '" + id + "' not found");
        }
        return store.find(target.access().org().id(), ruleId).filter(r -> belongs(r, target))
                .orElseThrow(() -> new NotFoundException("alert rule '" + id + "' not found"));
    }

    private AlertRuleJson.Lookup lookup(long orgId) {
        return new AlertRuleJson.Lookup() {
            @Override
            public Optional<Long> projectId(String slug) {
                return directory.projectId(orgId, slug);
            }

            @Override
            public Optional<Long> teamId(String slug) {
                return directory.teamId(orgId, slug);
            }

            @Override
            public boolean projectExists(long projectId) {
                return directory.projectSlugs(orgId).containsKey(projectId);
            }

            @Override
            public boolean teamExists(long teamId) {
                return directory.teamSlugs(orgId).containsKey(teamId);
            }

            @Override
            public boolean channelExists(long channelId) {
                return channels.channel(channelId).filter(c -> c.orgId() == orgId).isPresent();
            }

            @Override
            public boolean isMember(String email) {
                return directory.isMember(orgId, email);
            }

            @Override
            public Optional<Long> serviceId(String name) {
                return services.serviceNamed(orgId, name).map(ServiceDefinition::id);
            }

            @Override
            public boolean serviceExists(long serviceId) {
                return services.service(orgId, serviceId).isPresent();
            }
        };
    }

    AlertRuleJson.Names names(long orgId) {
        Map<Long, String> projects = directory.projectSlugs(orgId);
        Map<Long, String> teams = directory.teamSlugs(orgId);
        return new AlertRuleJson.Names() {
            @Override
            public String projectSlug(long projectId) {
                return projects.getOrDefault(projectId, "(deleted project " + projectId + ")");
            }

            @Override
            public String teamSlug(long teamId) {
                return teams.getOrDefault(teamId, "(deleted team " + teamId + ")");
            }

            @Override
            public String serviceName(long serviceId) {
                return services.service(orgId, serviceId).map(ServiceDefinition::name).orElse("(deleted service " + serviceId + ")");
            }
        };
    }
}
