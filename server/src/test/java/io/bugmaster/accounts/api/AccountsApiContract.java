package io.bugmaster.accounts.api;

import static io.bugmaster.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The accounts resources of the REST API, with Sentry's paths and JSON shapes. */
abstract class AccountsApiContract extends IntegrationTest {
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(baseUrl());
    }

    // --- index ---

    @Test
    void theIndexDescribesTheTokenAndItsUser() {
        var response = api.get(ADMIN_TOKEN, "/api/0/");
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("version").asString()).isEqualTo("0");
        assertThat(names(body.path("auth").path("scopes"))).containsExactlyInAnyOrderElementsOf(Scopes.ALL);
        assertThat(body.path("user").path("email").asString()).isEqualTo(ADMIN_EMAIL);
        assertThat(body.path("user").path("username").asString()).isEqualTo(ADMIN_EMAIL);
        assertThat(body.path("user").path("id").isString()).isTrue();
    }

    @Test
    void theIndexWorksWithoutATokenAndWithAnUnknownOne() {
        for (String token : new String[] {null, "f".repeat(64)}) {
            var response = api.get(token, "/api/0/");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().path("auth").isNull()).isTrue();
            assertThat(response.json().path("user").isNull()).isTrue();
        }
    }

    // --- organizations ---

    @Test
    void createdOrganizationIsOwnedByTheCallerAndListed() {
        Tenant tenant = newTenant();
        String slug = unique("made");
        var created = api.post(tenant.ownerToken(), "/api/0/organizations/", json("name", "Made Here", "slug", slug));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode org = created.json();
        assertThat(org.path("slug").asString()).isEqualTo(slug);
        assertThat(org.path("name").asString()).isEqualTo("Made Here");
        assertThat(org.path("id").isString()).isTrue();
        assertThat(org.path("role").asString()).isEqualTo("owner");
        assertThat(org.path("status").path("id").asString()).isEqualTo("active");
        assertThat(org.path("isEarlyAdopter").asBoolean(true)).isFalse();
        assertThat(org.path("require2FA").isBoolean()).isTrue();
        assertThat(org.path("features").isArray()).isTrue();
        assertThat(names(org.path("access"))).contains(Scopes.ORG_ADMIN, Scopes.PROJECT_WRITE);
        assertThat(org.path("dateCreated").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        var list = api.get(tenant.ownerToken(), "/api/0/organizations/");
        assertThat(list.status()).isEqualTo(200);
        assertThat(slugs(list.json())).containsExactlyInAnyOrder(slug, tenant.org().slug());

        var one = api.get(tenant.ownerToken(), "/api/0/organizations/" + slug + "/");
        assertThat(one.json().path("id").asString()).isEqualTo(org.path("id").asString());
        // and without the trailing slash
        assertThat(api.get(tenant.ownerToken(), "/api/0/organizations/" + slug).status()).isEqualTo(200);
    }

    @Test
    void organizationSlugIsMadeFromTheNameWhenNotGiven() {
        Tenant tenant = newTenant();
        String name = "Ünïcode " + unique("Name");
        var created = api.post(tenant.ownerToken(), "/api/0/organizations/", json("name", name));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("slug").asString()).startsWith("unicode-name-");
    }

    @Test
    void organizationCanBeRenamedAndSlugsStayUnique() {
        Tenant tenant = newTenant();
        String other = newTenant().org().slug();
        String newSlug = unique("renamed");
        var renamed = api.put(tenant.ownerToken(), "/api/0/organizations/" + tenant.org().slug() + "/",
                json("name", "Renamed", "slug", newSlug));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().path("slug").asString()).isEqualTo(newSlug);
        assertThat(renamed.json().path("name").asString()).isEqualTo("Renamed");
        assertThat(api.get(tenant.ownerToken(), "/api/0/organizations/" + tenant.org().slug() + "/").status()).isEqualTo(404);

        var taken = api.put(tenant.ownerToken(), "/api/0/organizations/" + newSlug + "/", json("slug", other));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.detail()).contains(other);
        var duplicate = api.post(tenant.ownerToken(), "/api/0/organizations/", json("name", "Dup", "slug", other));
        assertThat(duplicate.status()).isEqualTo(409);
    }

    // --- pagination ---

    @Test
    void listsArePagedWithSentryLinkCursors() {
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        for (int i = 0; i < 4; i++) {
            assertThat(api.post(tenant.ownerToken(), "/api/0/organizations/" + org + "/teams/", json("slug", "t" + i + "-x"))
                    .status()).isEqualTo(201);
        }
        // five teams: the first one of the organization and four more
        var first = api.get(tenant.ownerToken(), "/api/0/organizations/" + org + "/teams/?per_page=2");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().size()).isEqualTo(2);
        String path = "/api/0/organizations/" + org + "/teams/";
        assertThat(first.header("Link")).isEqualTo(
                "<http://localhost:8080" + path + "?per_page=2&cursor=0:0:1>; rel=\"previous\"; results=\"false\"; cursor=\"0:0:1\", "
                + "<http://localhost:8080" + path + "?per_page=2&cursor=0:2:0>; rel=\"next\"; results=\"true\"; cursor=\"0:2:0\"");

        List<String> seen = new ArrayList<>(slugs(first.json()));
        var second = api.get(tenant.ownerToken(), path + "?per_page=2&cursor=0:2:0");
        seen.addAll(slugs(second.json()));
        assertThat(second.header("Link")).contains("rel=\"previous\"; results=\"true\"; cursor=\"0:0:1\"")
                .contains("rel=\"next\"; results=\"true\"; cursor=\"0:4:0\"");
        var third = api.get(tenant.ownerToken(), path + "?per_page=2&cursor=0:4:0");
        seen.addAll(slugs(third.json()));
        assertThat(third.header("Link")).contains("rel=\"next\"; results=\"false\"; cursor=\"0:6:0\"");
        assertThat(seen).doesNotHaveDuplicates().hasSize(5).contains(org, "t0-x", "t3-x");

        var defaults = api.get(tenant.ownerToken(), path);
        assertThat(defaults.json().size()).isEqualTo(5);
        assertThat(defaults.header("Link")).contains("cursor=\"0:100:0\"").contains("results=\"false\"; cursor=\"0:100:0\"");
    }

    @Test
    void badCursorsAndPageSizesAreClientErrors() {
        Tenant tenant = newTenant();
        String path = "/api/0/organizations/" + tenant.org().slug() + "/projects/";
        for (String query : List.of("cursor=abc", "cursor=0:-1:0", "cursor=0:1:2", "cursor=1:2", "per_page=0",
                "per_page=101", "per_page=x")) {
            var response = api.get(tenant.ownerToken(), path + "?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.detail()).as(query).containsAnyOf("cursor:", "per_page:");
        }
    }

    // --- teams ---

    @Test
    void teamsCanBeCreatedReadRenamedAndDeleted() {
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        var created = api.post(tenant.ownerToken(), "/api/0/organizations/" + org + "/teams/", json("name", "Backend Crew"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode team = created.json();
        assertThat(team.path("slug").asString()).isEqualTo("backend-crew");
        assertThat(team.path("isMember").asBoolean()).isTrue();
        assertThat(team.path("memberCount").asInt()).isEqualTo(1);
        assertThat(team.path("hasAccess").asBoolean()).isTrue();
        assertThat(team.path("id").isString()).isTrue();

        assertThat(api.get(tenant.ownerToken(), "/api/0/teams/" + org + "/backend-crew/").json().path("name").asString())
                .isEqualTo("Backend Crew");
        var renamed = api.put(tenant.ownerToken(), "/api/0/teams/" + org + "/backend-crew/", json("slug", "backend"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().path("slug").asString()).isEqualTo("backend");
        assertThat(renamed.json().path("name").asString()).isEqualTo("Backend Crew");
        assertThat(api.put(tenant.ownerToken(), "/api/0/teams/" + org + "/backend/", json("slug", org)).status())
                .isEqualTo(409);
        assertThat(api.post(tenant.ownerToken(), "/api/0/organizations/" + org + "/teams/", json("slug", "backend"))
                .status()).isEqualTo(409);

        assertThat(api.delete(tenant.ownerToken(), "/api/0/teams/" + org + "/backend/").status()).isEqualTo(204);
        assertThat(api.get(tenant.ownerToken(), "/api/0/teams/" + org + "/backend/").status()).isEqualTo(404);
    }

    // --- projects ---

    @Test
    void projectsAreCreatedThroughATeamAndCanBeReadChangedAndDeleted() {
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        var created = api.post(tenant.ownerToken(), "/api/0/teams/" + org + "/" + org + "/projects/",
                json("name", "Web Shop", "platform", "javascript-react"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode project = created.json();
        assertThat(project.path("slug").asString()).isEqualTo("web-shop");
        assertThat(project.path("platform").asString()).isEqualTo("javascript-react");
        assertThat(project.path("isMember").asBoolean()).isTrue();
        assertThat(project.path("hasAccess").asBoolean()).isTrue();
        assertThat(project.path("team").path("slug").asString()).isEqualTo(org);
        assertThat(slugs(project.path("teams"))).containsExactly(org);
        assertThat(project.path("organization").path("slug").asString()).isEqualTo(org);
        assertThat(project.path("features").isArray()).isTrue();

        assertThat(slugs(api.get(tenant.ownerToken(), "/api/0/organizations/" + org + "/projects/").json()))
                .containsExactly("web-shop");
        assertThat(slugs(api.get(tenant.ownerToken(), "/api/0/teams/" + org + "/" + org + "/projects/").json()))
                .containsExactly("web-shop");
        assertThat(api.get(tenant.ownerToken(), "/api/0/projects/" + org + "/web-shop/").json().path("id").asString())
                .isEqualTo(project.path("id").asString());

        var changed = api.put(tenant.ownerToken(), "/api/0/projects/" + org + "/web-shop/",
                json("name", "Shop", "slug", "shop", "platform", "python"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("slug").asString()).isEqualTo("shop");
        assertThat(changed.json().path("platform").asString()).isEqualTo("python");

        assertThat(api.post(tenant.ownerToken(), "/api/0/teams/" + org + "/" + org + "/projects/", json("slug", "shop"))
                .status()).isEqualTo(409);
        assertThat(api.delete(tenant.ownerToken(), "/api/0/projects/" + org + "/shop/").status()).isEqualTo(204);
        assertThat(api.get(tenant.ownerToken(), "/api/0/projects/" + org + "/shop/").status()).isEqualTo(404);
    }

    // --- keys ---

    @Test
    void aNewProjectHasAKeyWithSentryDsnShape() {
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        JsonNode project = createProject(tenant, "dsn-shape");
        var keys = api.get(tenant.ownerToken(), "/api/0/projects/" + org + "/dsn-shape/keys/");
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.header("Link")).contains("rel=\"next\"; results=\"false\"");
        assertThat(keys.json().size()).isEqualTo(1);
        JsonNode key = keys.json().get(0);
        String publicKey = key.path("public").asString();
        long projectId = Long.parseLong(project.path("id").asString());
        assertThat(publicKey).matches("[0-9a-f]{32}");
        assertThat(key.path("id").asString()).isEqualTo(publicKey);
        assertThat(key.path("name").asString()).isEqualTo("Default");
        assertThat(key.path("label").asString()).isEqualTo("Default");
        assertThat(key.path("secret").isNull()).isTrue();
        assertThat(key.path("projectId").isIntegralNumber()).isTrue();
        assertThat(key.path("projectId").asLong()).isEqualTo(projectId);
        assertThat(key.path("isActive").asBoolean()).isTrue();
        assertThat(key.path("rateLimit").isNull()).isTrue();
        JsonNode dsn = key.path("dsn");
        assertThat(dsn.path("public").asString()).isEqualTo("http://" + publicKey + "@localhost:8080/" + projectId);
        assertThat(dsn.path("secret").asString()).isEqualTo(dsn.path("public").asString());
        assertThat(dsn.path("csp").asString())
                .isEqualTo("http://localhost:8080/api/" + projectId + "/security/?sentry_key=" + publicKey);
        assertThat(dsn.path("security").asString()).isEqualTo(dsn.path("csp").asString());
        assertThat(dsn.path("minidump").asString())
                .isEqualTo("http://localhost:8080/api/" + projectId + "/minidump/?sentry_key=" + publicKey);
        assertThat(dsn.has("cdn")).isTrue();
        assertThat(dsn.path("cdn").isNull()).isTrue();
        assertThat(key.path("dateCreated").asString()).endsWith("Z");
    }

    @Test
    void keysCanBeAddedLimitedDisabledRotatedAndDeleted() {
        Tenant tenant = newTenant();
        String base = "/api/0/projects/" + tenant.org().slug() + "/" + createProject(tenant, "keyed").path("slug").asString()
                + "/keys/";
        var created = api.post(tenant.ownerToken(), base,
                json("name", "Mobile", "rateLimit", Map.of("window", 60, "count", 1000)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.json().path("rateLimit").path("window").asInt()).isEqualTo(60);
        assertThat(created.json().path("rateLimit").path("count").asInt()).isEqualTo(1000);

        var renamed = api.put(tenant.ownerToken(), base + id + "/", json("name", "Mobile apps"));
        assertThat(renamed.json().path("name").asString()).isEqualTo("Mobile apps");
        assertThat(renamed.json().path("rateLimit").path("count").asInt()).as("kept when not given").isEqualTo(1000);

        var disabled = api.put(tenant.ownerToken(), base + id + "/", json("isActive", false, "rateLimit", null));
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().path("isActive").asBoolean()).isFalse();
        assertThat(disabled.json().path("rateLimit").isNull()).isTrue();
        assertThat(api.get(tenant.ownerToken(), base + id + "/").json().path("isActive").asBoolean()).isFalse();

        var rotated = api.post(tenant.ownerToken(), base + id + "/rotate/", null);
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
        String newId = rotated.json().path("id").asString();
        assertThat(newId).isNotEqualTo(id);
        assertThat(rotated.json().path("isActive").asBoolean()).isTrue();
        assertThat(rotated.json().path("name").asString()).isEqualTo("Mobile apps");
        assertThat(api.get(tenant.ownerToken(), base + id + "/").json().path("isActive").asBoolean()).isFalse();
        assertThat(api.get(tenant.ownerToken(), base).json().size()).isEqualTo(3);

        assertThat(api.delete(tenant.ownerToken(), base + id + "/").status()).isEqualTo(204);
        assertThat(api.get(tenant.ownerToken(), base + id + "/").status()).isEqualTo(404);
        assertThat(api.get(tenant.ownerToken(), base + newId + "/").status()).isEqualTo(200);
    }

    // --- members ---

    @Test
    void invitingMakesAPendingMemberWithAOneTimeLink() {
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        String email = unique("invitee") + "@example.com";
        var invited = api.post(tenant.ownerToken(), "/api/0/organizations/" + org + "/members/",
                json("email", email, "orgRole", "member", "teams", List.of(org)));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        JsonNode member = invited.json();
        assertThat(member.path("email").asString()).isEqualTo(email);
        assertThat(member.path("name").asString()).as("Sentry names an invitation by its address").isEqualTo(email);
        assertThat(member.path("pending").asBoolean()).isTrue();
        assertThat(member.path("expired").asBoolean()).isFalse();
        assertThat(member.path("role").asString()).isEqualTo("member");
        assertThat(member.path("orgRole").asString()).isEqualTo("member");
        assertThat(member.path("roleName").asString()).isEqualTo("Member");
        assertThat(member.path("inviteLink").asString()).startsWith("http://localhost:8080/accept/");
        assertThat(member.path("user").isNull()).as("nobody has accepted yet").isTrue();
        assertThat(names(member.path("teams"))).containsExactly(org);

        var read = api.get(tenant.ownerToken(), "/api/0/organizations/" + org + "/members/" + member.path("id").asString() + "/");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().has("inviteLink")).as("the link is shown once").isFalse();

        var members = api.get(tenant.ownerToken(), "/api/0/organizations/" + org + "/members/");
        List<String> emails = new ArrayList<>();
        members.json().forEach(m -> emails.add(m.path("email").asString()));
        assertThat(emails).containsExactlyInAnyOrder(email, tenant.user().email());
        var team = api.get(tenant.ownerToken(), "/api/0/teams/" + org + "/" + org + "/");
        assertThat(team.json().path("memberCount").asInt()).as("an invitee is not a member yet").isEqualTo(1);

        clock.advance(java.time.Duration.ofDays(7));
        assertThat(api.get(tenant.ownerToken(), "/api/0/organizations/" + org + "/members/" + member.path("id").asString() + "/")
                .json().path("expired").asBoolean()).isTrue();
    }

    @Test
    void invitingTheSameAddressAgainGivesANewLinkAndStopsTheOld() {
        Tenant tenant = newTenant();
        String members = "/api/0/organizations/" + tenant.org().slug() + "/members/";
        String email = unique("again") + "@example.com";
        var first = api.post(tenant.ownerToken(), members, json("email", email));
        var second = api.post(tenant.ownerToken(), members, json("email", email, "role", "admin"));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.json().path("id").asString()).as("the same invitation").isEqualTo(first.json().path("id").asString());
        assertThat(second.json().path("role").asString()).isEqualTo("admin");
        String oldToken = inviteToken(first.json().path("inviteLink").asString());
        String newToken = inviteToken(second.json().path("inviteLink").asString());
        assertThat(newToken).isNotEqualTo(oldToken);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> invitations.find(oldToken))
                .isInstanceOf(io.bugmaster.common.NotFoundException.class);
        assertThat(invitations.find(newToken).member().email()).isEqualTo(email);
        assertThat(api.get(tenant.ownerToken(), members).json().size()).isEqualTo(2);
    }

    @Test
    void invitingSomeoneWhoIsAlreadyAMemberIsAConflict() {
        Tenant tenant = newTenant();
        var again = api.post(tenant.ownerToken(), "/api/0/organizations/" + tenant.org().slug() + "/members/",
                json("email", tenant.user().email()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.detail()).contains("already a member");
    }

    @Test
    void aPersonWithAnAccountIsInvitedTooAndJoinsOnlyByAccepting() {
        Tenant tenant = newTenant();
        User known = newUser("password-known-1");
        var added = api.post(tenant.ownerToken(), "/api/0/organizations/" + tenant.org().slug() + "/members/",
                json("email", known.email(), "role", "viewer"));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().path("pending").asBoolean()).isTrue();
        assertThat(added.json().path("inviteLink").asString()).contains("/accept/");
        assertThat(added.json().path("role").asString()).isEqualTo("viewer");
        String knownToken = token(Actor.session(known.id(), known.email()), List.copyOf(Scopes.ALL));
        assertThat(api.get(knownToken, "/api/0/organizations/" + tenant.org().slug() + "/").status()).isEqualTo(404);

        invitations.acceptAs(Actor.session(known.id(), known.email()), inviteToken(added.json().path("inviteLink").asString()));
        var member = api.get(tenant.ownerToken(), "/api/0/organizations/" + tenant.org().slug() + "/members/"
                + added.json().path("id").asString() + "/");
        assertThat(member.json().path("pending").asBoolean()).isFalse();
        assertThat(member.json().path("user").path("id").asString()).isEqualTo(String.valueOf(known.id()));
        assertThat(api.get(knownToken, "/api/0/organizations/" + tenant.org().slug() + "/").status()).isEqualTo(200);
    }

    @Test
    void roleChangesFollowTheRules() {
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        String members = "/api/0/organizations/" + org + "/members/";
        User person = newUser("password-person-1");
        join(tenant.owner(), org, person, Role.MEMBER);
        String personId = memberId(tenant, person);

        var promoted = api.put(tenant.ownerToken(), members + personId + "/", json("orgRole", "admin"));
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        assertThat(promoted.json().path("role").asString()).isEqualTo("admin");

        String adminToken = token(Actor.session(person.id(), person.email()), List.copyOf(Scopes.ALL));
        var me = api.get(adminToken, members + "me/");
        assertThat(me.json().path("id").asString()).isEqualTo(personId);
        String ownerId = api.get(tenant.ownerToken(), members + "me/").json().path("id").asString();
        assertThat(api.put(adminToken, members + personId + "/", json("role", "owner")).status())
                .as("only owners grant owner").isEqualTo(403);
        assertThat(api.put(adminToken, members + ownerId + "/", json("role", "member")).status())
                .as("only owners demote owners").isEqualTo(403);
        assertThat(api.put(tenant.ownerToken(), members + personId + "/", json("role", "chief")).status()).isEqualTo(400);
        assertThat(api.put(tenant.ownerToken(), members + personId + "/", json("role", "admin", "orgRole", "member"))
                .status()).isEqualTo(400);
        assertThat(api.put(tenant.ownerToken(), members + personId + "/", "{}").detail()).isEqualTo("role: is required");
    }

    @Test
    void theLastOwnerCanBeNeitherDemotedNorRemoved() {
        Tenant tenant = newTenant();
        String members = "/api/0/organizations/" + tenant.org().slug() + "/members/";
        var demote = api.put(tenant.ownerToken(), members + "me/", json("role", "admin"));
        assertThat(demote.status()).isEqualTo(400);
        assertThat(demote.detail()).contains("last owner");
        var leave = api.delete(tenant.ownerToken(), members + "me/");
        assertThat(leave.status()).isEqualTo(400);
        assertThat(leave.detail()).contains("last owner");

        User second = newUser("password-second-1");
        var invitedOwner = api.post(tenant.ownerToken(), members, json("email", second.email(), "role", "owner"));
        assertThat(api.put(tenant.ownerToken(), members + "me/", json("role", "admin")).detail())
                .as("an owner invitation is no owner yet").contains("last owner");
        invitations.acceptAs(Actor.session(second.id(), second.email()), inviteToken(invitedOwner.json().path("inviteLink").asString()));
        String secondId = invitedOwner.json().path("id").asString();
        assertThat(api.put(tenant.ownerToken(), members + "me/", json("role", "admin")).status()).isEqualTo(200);
        assertThat(api.get(tenant.ownerToken(), members + "me/").json().path("role").asString()).isEqualTo("admin");
        assertThat(api.get(tenant.ownerToken(), members + secondId + "/").json().path("role").asString()).isEqualTo("owner");
    }

    @Test
    void membersJoinAndLeaveTeamsAndCanBeRemoved() {
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        String members = "/api/0/organizations/" + org + "/members/";
        api.post(tenant.ownerToken(), "/api/0/organizations/" + org + "/teams/", json("slug", "ops"));
        String viewerToken = memberToken(tenant, Role.VIEWER);
        String viewerId = api.get(viewerToken, members + "me/").json().path("id").asString();

        var joined = api.post(viewerToken, members + "me/teams/ops/", null);
        assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
        assertThat(joined.json().path("slug").asString()).isEqualTo("ops");
        assertThat(joined.json().path("isMember").asBoolean()).isTrue();
        assertThat(joined.json().path("memberCount").asInt()).isEqualTo(2);
        assertThat(names(api.get(tenant.ownerToken(), members + viewerId + "/").json().path("teams"))).containsExactly("ops");

        var left = api.delete(tenant.ownerToken(), members + viewerId + "/teams/ops/");
        assertThat(left.status()).isEqualTo(200);
        assertThat(left.json().path("memberCount").asInt()).isEqualTo(1);
        assertThat(api.post(tenant.ownerToken(), members + viewerId + "/teams/nope/", null).status()).isEqualTo(404);

        assertThat(api.delete(tenant.ownerToken(), members + viewerId + "/").status()).isEqualTo(204);
        assertThat(api.get(tenant.ownerToken(), members + viewerId + "/").status()).isEqualTo(404);
        assertThat(api.get(viewerToken, "/api/0/organizations/" + org + "/").status()).isEqualTo(404);
    }

    String memberId(Tenant tenant, User user) {
        for (JsonNode m : api.get(tenant.ownerToken(), "/api/0/organizations/" + tenant.org().slug() + "/members/").json()) {
            if (m.path("email").asString().equals(user.email())) {
                return m.path("id").asString();
            }
        }
        throw new AssertionError(user.email() + " is not listed");
    }

    // --- tokens ---

    @Test
    void tokensAreListedWithoutTheirSecretAndCanBeRevoked() {
        Tenant tenant = newTenant();
        String second = token(tenant.owner(), List.of(Scopes.ORG_READ));
        var list = api.get(tenant.ownerToken(), "/api/0/api-tokens/");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().size()).isEqualTo(2);
        JsonNode narrow = null;
        for (JsonNode token : list.json()) {
            assertThat(token.has("token")).isFalse();
            assertThat(list.body()).doesNotContain(tenant.ownerToken());
            if (token.path("scopes").size() == 1) {
                narrow = token;
            }
        }
        assertThat(narrow).isNotNull();
        assertThat(narrow.path("tokenLastCharacters").asString()).isEqualTo(second.substring(second.length() - 4));
        assertThat(names(narrow.path("scopes"))).containsExactly(Scopes.ORG_READ);

        assertThat(api.delete(tenant.ownerToken(), "/api/0/api-tokens/" + narrow.path("id").asString() + "/").status())
                .isEqualTo(204);
        assertThat(api.get(second, "/api/0/organizations/").status()).isEqualTo(401);
        assertThat(api.delete(tenant.ownerToken(), "/api/0/api-tokens/" + narrow.path("id").asString() + "/").status())
                .isEqualTo(404);
    }

    @Test
    void tokensCannotBeMadeWithAToken() {
        Tenant tenant = newTenant();
        var response = api.post(tenant.ownerToken(), "/api/0/api-tokens/", json("name", "ci", "scopes", List.of("org:read")));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.detail()).contains("logged-in session");
        assertThat(api.get(tenant.ownerToken(), "/api/0/api-tokens/").json().size()).isEqualTo(1);
    }

    // --- OpenAPI ---

    @Test
    void theOpenApiDocumentListsTheApiPaths() {
        var response = api.get(null, "/api/0/openapi.json");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode doc = response.json();
        assertThat(doc.path("info").path("title").asString()).isEqualTo("Bugmaster API");
        List<String> paths = new ArrayList<>();
        doc.path("paths").propertyNames().forEach(paths::add);
        assertThat(paths).contains("/api/0/", "/api/0/organizations/", "/api/0/organizations/{org}/teams/",
                "/api/0/teams/{org}/{team}/projects/", "/api/0/projects/{org}/{project}/keys/{keyId}/rotate/",
                "/api/0/organizations/{org}/members/{memberId}/teams/{team}/", "/api/0/api-tokens/{tokenId}/");
        assertThat(paths).allMatch(path -> path.startsWith("/api/0/")).allMatch(path -> path.endsWith("/"));
    }

    JsonNode createProject(Tenant tenant, String slug) {
        var created = api.post(tenant.ownerToken(), "/api/0/teams/" + tenant.org().slug() + "/" + tenant.org().slug()
                + "/projects/", json("name", slug, "slug", slug));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    static List<String> slugs(JsonNode array) {
        List<String> slugs = new ArrayList<>();
        array.forEach(item -> slugs.add(item.path("slug").asString()));
        return slugs;
    }

    static List<String> names(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.asString()));
        return values;
    }
}
