package io.bugmaster.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** First start with BUGMASTER_ADMIN_* set: the admin, the default organization and the admin token exist. */
abstract class FirstStartContract extends IntegrationTest {
    @Autowired
    OrganizationStore organizationStore;

    @Test
    void createsTheAdminAsOwnerOfTheDefaultOrganization() {
        User admin = users.findByEmail(ADMIN_EMAIL).orElseThrow();
        assertThat(admin.superuser()).isTrue();
        assertThat(admin.hasPassword()).isTrue();
        OrgAccess access = organizations.access(Actor.session(admin.id(), admin.email()), "default");
        assertThat(access.member().role()).isEqualTo(Role.OWNER);
        assertThat(access.org().name()).isEqualTo("Default");
    }

    @Test
    void theAdminTokenFromTheEnvironmentActsForTheAdminWithEveryScope() {
        Actor actor = apiTokens.authenticate(ADMIN_TOKEN).orElseThrow();
        assertThat(actor.email()).isEqualTo(ADMIN_EMAIL);
        assertThat(actor.tokenScopes()).containsExactlyInAnyOrderElementsOf(Scopes.ALL);
        assertThat(apiTokens.authenticate(ADMIN_TOKEN.replace('0', '1'))).isEmpty();
    }
}
