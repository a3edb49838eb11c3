package io.bugmaster.incidents;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Page;
import io.bugmaster.incidents.ServiceRules.Draft;
import io.bugmaster.oncall.Pager;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.storage.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Services and their integrations. Everyone in the organization may read them ({@code alerts:read});
 * changing them needs {@code alerts:write}. A service may name only its own organization's team and
 * escalation policy; another organization's service is "not found". An integration's key is shown
 * once, when made or rotated: only its SHA-256 is stored, and a key is found by its hash.
 */
@Service
public class Services implements io.bugmaster.oncall.policies.PolicyUsage {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_INTEGRATIONS = 50;

    private final OrganizationService organizations;
    private final ServiceStore store;
    private final EscalationPolicies policies;
    private final Directory directory;
    private final Transactions tx;
    private final Clock clock;
    private final String baseUrl;
    private final IncidentStore incidents;
    private final Pager pager;

    Services(OrganizationService organizations, ServiceStore store, EscalationPolicies policies, Directory directory, Transactions tx,
            Clock clock, BugmasterProperties props, IncidentStore incidents, Pager pager) {
        this.organizations = organizations;
        this.store = store;
        this.incidents = incidents;
        this.pager = pager;
        this.policies = policies;
        this.directory = directory;
        this.tx = tx;
        this.clock = clock;
        this.baseUrl = props.baseUrlTrimmed();
    }

    public Page<ServiceDefinition> list(Actor actor, String orgSlug, int offset, int limit) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ALERTS_READ);
        return Page.of(store.list(access.org().id(), offset, limit + 1), offset, limit);
    }

    public ServiceDefinition get(Actor actor, String orgSlug, String id) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ALERTS_READ);
        return find(access.org().id(), id);
    }

    public ServiceDefinition create(Actor actor, String orgSlug, Map<String, Object> body) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ALERTS_WRITE);
        long orgId = access.org().id();
        Draft d = checked(orgId, ServiceRules.apply(ServiceRules.defaults(), body));
        long id = tx.write(() -> {
            Optional<Long> made = store.insert(orgId, d, clock.instant());
            made.ifPresent(created -> store.setProjects(created, d.projectIds()));
            return made;
        }).orElseThrow(() -> new ConflictException("a service named '" + d.name() + "' already exists"));
        return store.find(orgId, id).orElseThrow();
    }

    /** Changes the fields the body names; the others keep their values. */
    public ServiceDefinition update(Actor actor, String orgSlug, String id, Map<String, Object> body) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ALERTS_WRITE);
        long orgId = access.org().id();
        ServiceDefinition current = find(orgId, id);
        Draft d = checked(orgId, ServiceRules.apply(ServiceRules.of(current), body));
        tx.write(() -> {
            if (store.nameTaken(orgId, d.name(), current.id())) {
                throw new ConflictException("a service named '" + d.name() + "' already exists");
            }
            store.update(orgId, current.id(), d, clock.instant());
            store.setProjects(current.id(), d.projectIds());
        });
        return store.find(orgId, current.id()).orElseThrow();
    }

    /** Deletes the service with its integrations, alerts and incidents (the pages about them stop). */
    public void delete(Actor actor, String orgSlug, String id) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ALERTS_WRITE);
        ServiceDefinition s = find(access.org().id(), id);
        tx.write(() -> {
            // its open incidents go with it: their pages stop, so no delayed rule wakes anyone for them later
            for (Incident open : incidents.newestOpen(s.orgId(), List.of(s.id()), Integer.MAX_VALUE)) {
                pager.stop(open.orgId(), open.subject());
            }
            store.delete(s.orgId(), s.id());
        });
    }

    /** A new integration or a rotated key: the only time the key is shown. */
    public record IssuedKey(IntegrationInfo integration, String integrationKey, String url) {}

    public IssuedKey createIntegration(Actor actor, String orgSlug, String serviceId, String type, String name) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ALERTS_WRITE);
        ServiceDefinition s = find(access.org().id(), serviceId);
        if (type == null || !IntegrationInfo.TYPES.contains(type)) {
            throw new InvalidInputException("type", "one of events_api_v2, alertmanager, generic; got " + (type == null ? "nothing" : "'" + type + "'"));
        }
        String shownName = name == null || name.isBlank() ? defaultName(type) : name.strip();
        if (shownName.length() > 100) {
            throw new InvalidInputException("name", "at most 100 characters, got " + shownName.length());
        }
        String key = newKey();
        long id = tx.write(() -> {
            if (store.integrations(s.id()).size() >= MAX_INTEGRATIONS) {
                throw new ConflictException("a service has at most " + MAX_INTEGRATIONS + " integrations");
            }
            return store.insertIntegration(s.orgId(), s.id(), type, shownName, hash(key), hint(key), clock.instant());
        });
        IntegrationInfo created = store.integration(s.id(), id).orElseThrow();
        return new IssuedKey(created, key, url(type, key));
    }

    public List<IntegrationInfo> integrations(Actor actor, String orgSlug, String serviceId) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ALERTS_READ);
        return store.integrations(find(access.org().id(), serviceId).id());
    }

    /** A new key for the integration; the old one stops working at once. */
    public IssuedKey rotateIntegration(Actor actor, String orgSlug, String serviceId, String integrationId) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ALERTS_WRITE);
        ServiceDefinition s = find(access.org().id(), serviceId);
        IntegrationInfo i = findIntegration(s, integrationId);
        String key = newKey();
        tx.write(() -> store.rotateIntegration(s.id(), i.id(), hash(key), hint(key)));
        return new IssuedKey(store.integration(s.id(), i.id()).orElseThrow(), key, url(i.type(), key));
    }

    public void deleteIntegration(Actor actor, String orgSlug, String serviceId, String integrationId) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ALERTS_WRITE);
        ServiceDefinition s = find(access.org().id(), serviceId);
        IntegrationInfo i = findIntegration(s, integrationId);
        tx.write(() -> store.deleteIntegration(s.id(), i.id()));
    }

    /**
     * Where a sender posts with this key: {@code /v2/enqueue} for Events API v2 (the key travels as
     * {@code routing_key} in the body), {@code /inbound/alertmanager/<key>} and {@code /inbound/generic/<key>}.
     */
    public String url(String type, String key) {
        return switch (type) {
            case IntegrationInfo.EVENTS_API_V2 -> baseUrl + "/v2/enqueue";
            case IntegrationInfo.ALERTMANAGER -> baseUrl + "/inbound/alertmanager/" + key;
            default -> baseUrl + "/inbound/generic/" + key;
        };
    }

    /** The integration whose key this is; the key is hashed and looked up by its hash, so no comparison leaks how much matched. */
    Optional<IntegrationInfo> integrationByKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 200) {
            return Optional.empty();
        }
        return store.integrationByHash(hash(key));
    }

    /** A service of the organization, for the system (alerts, escalation). */
    public Optional<ServiceDefinition> service(long orgId, long serviceId) {
        return store.find(orgId, serviceId);
    }

    /** The organization's service with this name: alert rules once named the service to page by text. */
    public Optional<ServiceDefinition> serviceNamed(long orgId, String name) {
        return store.findByName(orgId, name);
    }

    /** The services that page through the policy: it may not be deleted while they do. */
    @Override
    public List<String> usersOf(long orgId, long policyId) {
        return store.namesUsingPolicy(orgId, policyId);
    }

    /** The projects these services run, each once; for what changed before an incident (no caller checks). */
    public List<Long> projectIdsOf(java.util.Collection<Long> serviceIds) {
        return store.projectsOf(serviceIds);
    }

    private Draft checked(long orgId, Draft d) {
        if (d.teamId() != null && directory.team(orgId, d.teamId()).isEmpty()) {
            throw new InvalidInputException("team.id", "this organization has no team with id " + d.teamId());
        }
        if (d.escalationPolicyId() != null && !policies.exists(orgId, d.escalationPolicyId())) {
            throw new InvalidInputException("escalation_policy.id", "this organization has no escalation policy with id " + d.escalationPolicyId());
        }
        Map<Long, Directory.ProjectInfo> projects = directory.projects(d.projectIds());
        for (int k = 0; k < d.projectIds().size(); k++) {
            Directory.ProjectInfo p = projects.get(d.projectIds().get(k));
            if (p == null || p.orgId() != orgId) {
                throw new InvalidInputException("project_ids[" + k + "]", "this organization has no project with id " + d.projectIds().get(k));
            }
        }
        return d;
    }

    ServiceDefinition find(long orgId, String id) {
        try {
            return store.find(orgId, Long.parseLong(id)).orElseThrow(() -> new NotFoundException("service '" + id + "' not found"));
        } catch (NumberFormatException e) {
            throw new NotFoundException("service '" + id + "' not found");
        }
    }

    private IntegrationInfo findIntegration(ServiceDefinition s, String id) {
        try {
            return store.integration(s.id(), Long.parseLong(id)).orElseThrow(() -> new NotFoundException("integration '" + id + "' not found"));
        } catch (NumberFormatException e) {
            throw new NotFoundException("integration '" + id + "' not found");
        }
    }

    private static String defaultName(String type) {
        return switch (type) {
            case IntegrationInfo.EVENTS_API_V2 -> "Events API v2";
            case IntegrationInfo.ALERTMANAGER -> "Alertmanager";
            default -> "Generic webhook";
        };
    }

    /** 32 lower-case hex characters, as PagerDuty's routing keys: 128 random bits. */
    static String newKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static String hint(String key) {
        return "…" + key.substring(key.length() - 4);
    }
}
