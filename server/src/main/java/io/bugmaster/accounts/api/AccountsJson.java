package io.bugmaster.accounts.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bugmaster.accounts.ApiToken;
import io.bugmaster.accounts.Member;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.Project;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Team;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The JSON shapes of the accounts resources, as Sentry's API serializes them (ids as strings, camelCase). */
final class AccountsJson {
    private AccountsJson() {}

    /** What rendering needs to know about the caller: its standing in the organization and its teams. */
    record Viewer(OrgAccess access, Set<Long> teamIds) {}

    record Status(String id, String name) {
        static final Status ACTIVE = new Status("active", "active");
    }

    record OrganizationJson(String id, String slug, String name, Instant dateCreated, Status status,
            boolean isEarlyAdopter, boolean require2FA, List<String> features, List<String> access, String role) {}

    record OrganizationSummary(String id, String slug, String name) {}

    record TeamJson(String id, String slug, String name, Instant dateCreated, boolean isMember, int memberCount,
            boolean hasAccess) {}

    record TeamSummary(String id, String slug, String name) {}

    record ProjectJson(String id, String slug, String name, String platform, Instant dateCreated, boolean isMember,
            boolean hasAccess, TeamSummary team, List<TeamSummary> teams, OrganizationSummary organization,
            List<String> features, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean dataScrubber,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> sensitiveFields,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> safeFields,
            @JsonInclude(JsonInclude.Include.NON_NULL) String fingerprintingRules,
            @JsonInclude(JsonInclude.Include.NON_NULL) String groupingEnhancements,
            @JsonInclude(JsonInclude.Include.NON_NULL) QuotasJson quotas) {}

    /** Event quotas per minute, hour and month; null is no quota. */
    record QuotasJson(Integer perMinute, Integer perHour, Integer perMonth) {}

    record RateLimitJson(int window, int count) {}

    record KeyJson(String id, String name, String label, @JsonProperty("public") String publicKey,
            String secret, long projectId, boolean isActive, RateLimitJson rateLimit, Dsn dsn, Instant dateCreated) {}

    record Dsn(@JsonProperty("public") String publicDsn, String secret, String csp,
            String security, String minidump, String cdn) {}

    record UserSummary(String id, String email, String name) {}

    record MemberJson(String id, String email, String name, String role, String orgRole, String roleName,
            boolean pending, boolean expired, Instant dateCreated, UserSummary user, List<String> teams,
            @JsonInclude(JsonInclude.Include.NON_NULL) String inviteLink) {}

    record TokenJson(String id, String name, List<String> scopes, String tokenLastCharacters, Instant dateCreated,
            Instant expiresAt, Instant lastUsedDate, @JsonInclude(JsonInclude.Include.NON_NULL) String token) {}

    static OrganizationJson organization(Organization org, OrgAccess access) {
        return new OrganizationJson(String.valueOf(org.id()), org.slug(), org.name(), org.createdAt(), Status.ACTIVE,
                false, false, List.of(), sorted(access.scopes()), access.member().role().id());
    }

    static OrganizationSummary organizationSummary(Organization org) {
        return new OrganizationSummary(String.valueOf(org.id()), org.slug(), org.name());
    }

    static TeamJson team(Team team, Viewer viewer) {
        return new TeamJson(String.valueOf(team.id()), team.slug(), team.name(), team.createdAt(),
                viewer.teamIds().contains(team.id()), team.memberCount(), true);
    }

    static TeamSummary teamSummary(Team team) {
        return new TeamSummary(String.valueOf(team.id()), team.slug(), team.name());
    }

    static ProjectJson project(ProjectService.ProjectView view, Viewer viewer) {
        Project project = view.project();
        List<TeamSummary> teams = view.teams().stream().map(AccountsJson::teamSummary).toList();
        boolean member = view.teams().stream().anyMatch(team -> viewer.teamIds().contains(team.id()));
        return new ProjectJson(String.valueOf(project.id()), project.slug(), project.name(), project.platform(),
                project.createdAt(), member, true, teams.isEmpty() ? null : teams.get(0), teams,
                organizationSummary(viewer.access().org()), List.of(), null, null, null, null, null, null);
    }

    /** The project with its ingestion settings, for the project's own endpoint. */
    static ProjectJson projectDetail(ProjectService.ProjectView view, io.bugmaster.accounts.ProjectSettings settings, Viewer viewer) {
        ProjectJson p = project(view, viewer);
        return new ProjectJson(p.id(), p.slug(), p.name(), p.platform(), p.dateCreated(), p.isMember(), p.hasAccess(), p.team(),
                p.teams(), p.organization(), p.features(), settings.dataScrubber(), settings.sensitiveFields(),
                settings.safeFields(), settings.fingerprintingRules() == null ? "" : settings.fingerprintingRules(),
                settings.groupingEnhancements() == null ? "" : settings.groupingEnhancements(),
                new QuotasJson(settings.quotaPerMinute(), settings.quotaPerHour(), settings.quotaPerMonth()));
    }

    static KeyJson key(ProjectKey key, String baseUrl) {
        String dsn = key.dsn(baseUrl);
        String endpoint = baseUrl + "/api/" + key.projectId();
        String security = endpoint + "/security/?sentry_key=" + key.publicKey();
        RateLimitJson rateLimit = key.rateLimitCount() == null || key.rateLimitWindow() == null ? null
                : new RateLimitJson(key.rateLimitWindow(), key.rateLimitCount());
        return new KeyJson(key.publicKey(), key.label(), key.label(), key.publicKey(), null, key.projectId(), key.active(),
                rateLimit, new Dsn(dsn, dsn, security, security, endpoint + "/minidump/?sentry_key=" + key.publicKey(), null),
                key.createdAt());
    }

    /** A member, or (pending) an invitation: Sentry shows an invitation with no user and the address as its name. */
    static MemberJson member(Member member, List<String> teamSlugs, String inviteLink, Instant now) {
        String id = String.valueOf(member.id());
        UserSummary user = member.pending() ? null
                : new UserSummary(String.valueOf(member.userId()), member.email(), member.name());
        return new MemberJson(id, member.email(), member.name(), member.role().id(), member.role().id(),
                member.role().title(), member.pending(), member.expiredAt(now), member.createdAt(), user, teamSlugs,
                inviteLink);
    }

    static TokenJson token(ApiToken token, String plainText) {
        return new TokenJson(String.valueOf(token.id()), token.name(), sorted(token.scopes()), token.hint(),
                token.createdAt(), token.expiresAt(), token.lastUsedAt(), plainText);
    }

    static List<String> sorted(Collection<String> values) {
        return values.stream().sorted().toList();
    }
}
