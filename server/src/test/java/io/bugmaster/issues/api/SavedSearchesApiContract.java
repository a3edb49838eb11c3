package io.bugmaster.issues.api;

import static io.bugmaster.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.ApiClient.Response;
import io.bugmaster.testing.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Saved searches through Sentry's API on every database: shapes, who may save and delete what, isolation, bad input. */
abstract class SavedSearchesApiContract extends IntegrationTest {
    ApiClient api;
    Tenant tenant;
    String base;

    @BeforeEach
    void tenant() {
        api = new ApiClient(baseUrl());
        tenant = newTenant();
        base = "/api/0/organizations/" + tenant.org().slug() + "/searches/";
    }

    Response create(String token, String name, String query, String sort, String visibility) {
        return api.post(token, base, json("type", 0, "name", name, "query", query, "sort", sort, "visibility", visibility));
    }

    static List<String> names(Response list) {
        List<String> names = new ArrayList<>();
        list.json().forEach(s -> names.add(s.path("name").asString()));
        return names;
    }

    /** A member of the tenant's organization with that role, and a token of theirs with the given scopes. */
    String person(Role role, List<String> scopes) {
        User user = newUser("password-" + UUID.randomUUID());
        join(tenant.owner(), tenant.org().slug(), user, role);
        return token(Actor.session(user.id(), user.email()), scopes);
    }

    @Test
    void aSavedSearchHasSentrysShapeAndIsListedForItsOwnerAndSharedOnesForEveryone() {
        Response own = create(tenant.ownerToken(), "Checkout errors", "is:unresolved level:error", "freq", "owner");
        assertThat(own.status()).as(own.toString()).isEqualTo(201);
        JsonNode json = own.json();
        assertThat(json.path("id").isString()).isTrue();
        assertThat(json.path("name").asString()).isEqualTo("Checkout errors");
        assertThat(json.path("query").asString()).isEqualTo("is:unresolved level:error");
        assertThat(json.path("sort").asString()).isEqualTo("freq");
        assertThat(json.path("visibility").asString()).isEqualTo("owner");
        assertThat(json.path("isGlobal").asBoolean(true)).isFalse();
        assertThat(java.time.Instant.parse(json.path("dateCreated").asString()).toEpochMilli())
                .isEqualTo(clock.instant().toEpochMilli());

        Response shared = create(tenant.ownerToken(), "Mine to fix", "assigned:[me, my_teams]", null, "organization");
        assertThat(shared.status()).as(shared.toString()).isEqualTo(201);
        assertThat(shared.json().path("visibility").asString()).isEqualTo("organization");
        assertThat(shared.json().path("sort").asString()).isEqualTo("date");

        Response list = api.get(tenant.ownerToken(), base);
        assertThat(list.status()).isEqualTo(200);
        assertThat(names(list)).containsExactly("Mine to fix", "Checkout errors");

        String member = person(Role.MEMBER, List.copyOf(Scopes.ALL));
        assertThat(names(api.get(member, base))).containsExactly("Mine to fix");
        Response membersOwn = create(member, "Checkout errors", "is:unresolved", "date", null);
        assertThat(membersOwn.status()).as(membersOwn.toString()).isEqualTo(201);
        assertThat(membersOwn.json().path("visibility").asString()).isEqualTo("owner");
        assertThat(names(api.get(member, base))).containsExactly("Mine to fix", "Checkout errors");
        assertThat(names(api.get(tenant.ownerToken(), base))).containsExactly("Mine to fix", "Checkout errors");
    }

    @Test
    void membersSaveTheirOwnViewersOnlyReadAndSharingOrDeletingSharedNeedsOrgWrite() {
        String member = person(Role.MEMBER, List.copyOf(Scopes.ALL));
        String viewer = person(Role.VIEWER, List.copyOf(Scopes.ALL));
        String admin = person(Role.ADMIN, List.copyOf(Scopes.ALL));

        Response memberShares = create(member, "Team view", "is:unresolved", "date", "organization");
        assertThat(memberShares.status()).isEqualTo(403);
        assertThat(memberShares.detail()).contains("org:write");
        Response viewerSaves = create(viewer, "Mine", "is:unresolved", "date", "owner");
        assertThat(viewerSaves.status()).isEqualTo(403);
        assertThat(viewerSaves.detail()).contains("viewer");
        assertThat(api.get(viewer, base).status()).isEqualTo(200);

        String shared = create(admin, "Team view", "is:unresolved", "date", "organization").json().path("id").asString();
        assertThat(api.delete(member, base + shared + "/").status()).isEqualTo(403);
        assertThat(api.delete(viewer, base + shared + "/").status()).isEqualTo(403);

        String own = create(member, "Mine", "is:unresolved", "date", "owner").json().path("id").asString();
        // another person's own search is not theirs to see, so it is not found, even for an admin
        assertThat(api.delete(admin, base + own + "/").status()).isEqualTo(404);
        assertThat(api.delete(member, base + own + "/").status()).isEqualTo(204);
        assertThat(api.delete(member, base + own + "/").status()).isEqualTo(404);
        assertThat(api.delete(tenant.ownerToken(), base + shared + "/").status()).isEqualTo(204);
        assertThat(names(api.get(member, base))).isEmpty();

        // token scopes: org:read lists and saves one's own; sharing needs org:write on the token too
        String readOnly = token(tenant.owner(), List.of(Scopes.ORG_READ));
        assertThat(api.get(readOnly, base).status()).isEqualTo(200);
        assertThat(create(readOnly, "Read-only own", "is:unresolved", "date", "owner").status()).isEqualTo(201);
        assertThat(create(readOnly, "Read-only shared", "is:unresolved", "date", "organization").status()).isEqualTo(403);
        String eventsOnly = token(tenant.owner(), List.of(Scopes.EVENT_READ));
        Response noOrgRead = api.get(eventsOnly, base);
        assertThat(noOrgRead.status()).isEqualTo(403);
        assertThat(noOrgRead.detail()).contains("org:read");
        assertThat(api.get(null, base).status()).isEqualTo(401);
    }

    @Test
    void anotherOrganizationsSearchesAreNotFound() {
        String id = create(tenant.ownerToken(), "Ours", "is:unresolved", "date", "organization").json().path("id").asString();
        Tenant other = newTenant();
        String otherBase = "/api/0/organizations/" + other.org().slug() + "/searches/";
        assertThat(api.delete(other.ownerToken(), otherBase + id + "/").status()).isEqualTo(404);
        assertThat(api.delete(other.ownerToken(), base + id + "/").status()).isEqualTo(404);
        assertThat(api.get(other.ownerToken(), base).status()).isEqualTo(404);
        assertThat(api.post(other.ownerToken(), base, json("name", "x", "query", "")).status()).isEqualTo(404);
        assertThat(names(api.get(other.ownerToken(), otherBase))).isEmpty();
        assertThat(api.delete(tenant.ownerToken(), base + "not-a-number/").status()).isEqualTo(404);
        assertThat(api.delete(tenant.ownerToken(), base + "99999999/").status()).isEqualTo(404);
        assertThat(names(api.get(tenant.ownerToken(), base))).containsExactly("Ours");
    }

    @Test
    void badInputIsA400ThatNamesTheFieldAndSaysWhy() {
        String t = tenant.ownerToken();
        assertThat(api.post(t, base, json("query", "is:unresolved")).detail()).isEqualTo("name: is required");
        assertThat(api.post(t, base, json("name", "  ", "query", "")).detail()).isEqualTo("name: is required");
        assertThat(api.post(t, base, json("name", 7, "query", "")).detail()).startsWith("name: expected a string");
        assertThat(api.post(t, base, json("name", "x".repeat(129), "query", "")).detail()).contains("name:").contains("128");
        assertThat(api.post(t, base, json("name", "No query")).detail()).startsWith("query: is required");
        Response badQuery = api.post(t, base, json("name", "Bad", "query", "level:nope"));
        assertThat(badQuery.status()).isEqualTo(400);
        assertThat(badQuery.detail()).startsWith("query:").contains("level:nope").contains("unknown level");
        assertThat(api.post(t, base, json("name", "Bad", "query", "", "sort", "size")).detail()).startsWith("sort:").contains("size");
        assertThat(api.post(t, base, json("name", "Bad", "query", "", "visibility", "public")).detail())
                .startsWith("visibility:").contains("owner").contains("organization");
        assertThat(api.post(t, base, json("name", "Bad", "query", "", "type", 1)).detail()).startsWith("type:");
        assertThat(api.post(t, base, "[1]").status()).isEqualTo(400);
        assertThat(api.post(t, base, "{").status()).isEqualTo(400);

        assertThat(create(t, "Twice", "", "date", "owner").status()).isEqualTo(201);
        Response twice = create(t, "Twice", "is:resolved", "new", "owner");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.detail()).startsWith("name:").contains("already").contains("Twice");
        // the same name may be shared with the organization once as well
        assertThat(create(t, "Twice", "", "date", "organization").status()).isEqualTo(201);
        assertThat(create(t, "Twice", "", "date", "organization").status()).isEqualTo(400);
        assertThat(names(api.get(t, base))).containsExactly("Twice", "Twice");
    }
}
