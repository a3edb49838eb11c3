package io.bugmaster.releases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SemverTest {

    private static Semver v(String s) {
        return Semver.parse(s).orElseThrow();
    }

    @Test
    void readsTheVersionsReleasesCarry() {
        assertThat(v("1.2.3")).isEqualTo(new Semver(1, 2, 3, null));
        assertThat(v("backend@2.0.0-rc.1+build5")).isEqualTo(new Semver(2, 0, 0, "rc.1"));
        assertThat(v("v3.1")).isEqualTo(new Semver(3, 1, 0, null));
        assertThat(Semver.parse("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0")).isEmpty();
        assertThat(Semver.parse("2026-11-21")).isEmpty();
        assertThat(Semver.parse(null)).isEmpty();
    }

    @Test
    void ordersAsSemverSays() {
        assertThat(v("1.10.0")).isGreaterThan(v("1.9.9"));
        assertThat(v("1.0.0")).isGreaterThan(v("1.0.0-rc.2"));
        assertThat(v("1.0.0-rc.10")).isGreaterThan(v("1.0.0-rc.2"));
        assertThat(v("1.0.0-beta")).isGreaterThan(v("1.0.0-alpha.5"));
        assertThat(v("1.0.0-alpha.1")).isGreaterThan(v("1.0.0-alpha"));
        assertThat(v("app@1.2.3").compareTo(v("1.2.3"))).isZero();
        assertThat(Semver.packageOf("app@1.2.3")).isEqualTo("app");
        assertThat(Semver.packageOf("1.2.3")).isEmpty();
    }
}
