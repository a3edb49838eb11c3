package io.bugmaster.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.common.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {

    @ParameterizedTest
    @ValueSource(strings = {"backend", "web-app", "team_1", "a", "2fa-service"})
    void acceptsSentryStyleSlugs(String slug) {
        assertThat(Validation.slug("slug", slug)).isEqualTo(slug);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bad Slug", "-x", "_x", "UPPER", "123", "é", "a/b", ""})
    void refusesBadSlugsNamingTheField(String slug) {
        assertThatThrownBy(() -> Validation.slug("slug", slug))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("slug: ");
    }

    @Test
    void limitsLengthsAndSaysByHowMuch() {
        assertThatThrownBy(() -> Validation.slug("slug", "a".repeat(51))).hasMessageContaining("at most 50").hasMessageContaining("51");
        assertThatThrownBy(() -> Validation.name("name", "n".repeat(65))).hasMessageContaining("at most 64");
        assertThat(Validation.name("name", "  Backend  ")).isEqualTo("Backend");
        assertThatThrownBy(() -> Validation.name("name", "bad\u0000name")).hasMessageContaining("control characters");
    }

    @Test
    void normalizesEmails() {
        assertThat(Validation.email("email", " Ada@Example.COM ")).isEqualTo("ada@example.com");
        assertThatThrownBy(() -> Validation.email("email", "ada@")).hasMessage("email: is not a valid email address");
    }

    @Test
    void makesSlugsFromNames() {
        assertThat(Validation.slugify("Payments API")).isEqualTo("payments-api");
        assertThat(Validation.slugify("Équipe Données")).isEqualTo("equipe-donnees");
        assertThat(Validation.slugify("2024")).isEqualTo("x-2024");
        assertThat(Validation.slugify("!!!")).isEqualTo("x");
        for (String name : List.of("Payments API", "Équipe Données", "2024", "!!!", "a".repeat(80) + " b")) {
            assertThat(Validation.slug("slug", Validation.slugify(name))).isNotBlank();
        }
    }

    @Test
    void rolesGrantNestedScopes() {
        assertThat(Role.OWNER.scopes()).containsAll(Role.ADMIN.scopes());
        assertThat(Role.ADMIN.scopes()).containsAll(Role.MEMBER.scopes());
        assertThat(Role.MEMBER.scopes()).containsAll(Role.VIEWER.scopes());
        assertThat(Role.VIEWER.scopes()).allMatch(scope -> scope.endsWith(":read"));
        assertThat(Role.ADMIN.scopes()).doesNotContain(Scopes.ORG_ADMIN);
        assertThat(Role.parse("role", " Admin ")).isEqualTo(Role.ADMIN);
        assertThatThrownBy(() -> Role.parse("role", "root")).hasMessageContaining("owner, admin, member or viewer");
    }

    @Test
    void aTokenNeverExceedsItsUsersRole() {
        Actor viaToken = new Actor(1, "a@example.com", java.util.Set.of(Scopes.ORG_ADMIN, Scopes.PROJECT_READ));
        assertThat(viaToken.scopesWith(Role.MEMBER)).containsExactly(Scopes.PROJECT_READ);
        assertThat(Actor.session(1, "a@example.com").scopesWith(Role.VIEWER)).isEqualTo(Role.VIEWER.scopes());
        assertThatThrownBy(() -> Scopes.validate("scopes", List.of("org:read", "root"))).hasMessageContaining("unknown scope 'root'");
    }
}
