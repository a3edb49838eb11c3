package io.bugmaster.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.releases.ReleaseInputs.CommitSpec;
import io.bugmaster.releases.ReleaseInputs.DeploySpec;
import io.bugmaster.releases.ReleaseInputs.FileSpec;
import io.bugmaster.releases.ReleaseInputs.RefSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseInputsTest {
    private static final Instant NOW = Instant.parse("2026-11-21T05:36:44Z");

    @Test
    void versionsThatCannotTravelInAPathAreRefused() {
        assertThat(ReleaseVersions.validate("version", "shop@1.2.3+build.7")).isEqualTo("shop@1.2.3+build.7");
        for (String bad : new String[] {"", " ", "a/b", "a\\b", "a\nb", ".", "..", "latest", " 1.0", "x".repeat(201)}) {
            assertThatThrownBy(() -> ReleaseVersions.validate("version", bad)).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("version: ");
        }
    }

    @Test
    void shortVersionsDropThePackageAndCutShas() {
        assertThat(ReleaseVersions.shortVersion("shop@1.2.3")).isEqualTo("1.2.3");
        assertThat(ReleaseVersions.shortVersion("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0")).isEqualTo("a1b2c3d4e5f6");
        var info = ReleaseVersions.info("shop@2.0.1-rc.1+42");
        assertThat(info.packageName()).isEqualTo("shop");
        assertThat(info.version()).isEqualTo(new ReleaseVersions.Parts("2.0.1-rc.1+42", 2L, 0L, 1L, "rc.1", "42"));
        assertThat(info.description()).isEqualTo("2.0.1-rc.1 (42)");
        var sha = ReleaseVersions.info("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0");
        assertThat(sha.buildHash()).isEqualTo("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0");
        assertThat(sha.version().major()).isNull();
    }

    @Test
    void datesAreRfc3339WithOrWithoutZone() {
        assertThat(Dates.parse("d", "2026-11-21T05:36:44.773730147Z")).isEqualTo(Instant.parse("2026-11-21T05:36:44.773730147Z"));
        assertThat(Dates.parse("d", "2026-11-21T06:36:44+01:00")).isEqualTo(NOW);
        assertThat(Dates.parse("d", "2026-11-21T05:36:44")).isEqualTo(NOW);
        assertThat(Dates.parse("d", null)).isNull();
        assertThatThrownBy(() -> Dates.parse("dateReleased", "yesterday")).hasMessageStartingWith("dateReleased: must be an RFC 3339");
    }

    @Test
    void commitsAndRefsBecomeOneListWithFieldNamedErrors() {
        var commits = ReleaseInputs.commits(List.of(
                new CommitSpec("abc", "origin", "fix\n", "Dev", "dev@acme.io", "2026-11-21T05:36:44Z",
                        List.of(new FileSpec("src/a.js", "M"), new FileSpec("src/a.js", "M"))),
                new CommitSpec("def", null, null, null, null, null, null)),
                List.of(new RefSpec("acme/shop", "abc", null), new RefSpec("acme/shop", "123", "000")));
        assertThat(commits).extracting(ReleaseInputs.CommitChange::repository, ReleaseInputs.CommitChange::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("origin", "abc"),
                        org.assertj.core.groups.Tuple.tuple("unknown", "def"),
                        org.assertj.core.groups.Tuple.tuple("acme/shop", "abc"),
                        org.assertj.core.groups.Tuple.tuple("acme/shop", "123"));
        assertThat(commits.get(0).files()).hasSize(1);
        assertThatThrownBy(() -> ReleaseInputs.commits(List.of(new CommitSpec("a", "r", null, null, null, null,
                List.of(new FileSpec("x", "R")))), null)).hasMessageStartingWith("commits[0].patch_set[0].type: ");
        assertThatThrownBy(() -> ReleaseInputs.commits(List.of(new CommitSpec(null, "r", null, null, null, null, null)), null))
                .hasMessage("commits[0].id: is required");
        assertThatThrownBy(() -> ReleaseInputs.commits(null, List.of(new RefSpec(null, "abc", null))))
                .hasMessage("refs[0].repository: is required");
    }

    @Test
    void deploysNeedAnEnvironmentAndFinishNowByDefault() {
        var deploy = ReleaseInputs.deploy(new DeploySpec("production", null, null, null, null), NOW);
        assertThat(deploy.dateFinished()).isEqualTo(NOW);
        assertThatThrownBy(() -> ReleaseInputs.deploy(new DeploySpec(null, null, null, null, null), NOW))
                .hasMessage("environment: is required");
        assertThatThrownBy(() -> ReleaseInputs.deploy(new DeploySpec("prod", null, "ftp://x", null, null), NOW))
                .hasMessageStartingWith("url: ");
        assertThatThrownBy(() -> ReleaseInputs.deploy(new DeploySpec("prod", null, null, "2026-11-22T00:00:00Z",
                "2026-11-21T00:00:00Z"), NOW)).hasMessageStartingWith("dateStarted: ");
    }
}
