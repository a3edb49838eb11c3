package io.bugmaster.issues;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bugmaster.common.PureLogic;

/**
 * What a resolution or an ignore is waiting for, stored as JSON on the issue (Sentry's
 * {@code statusDetails} names). All fields are optional; {@code null} means "not this condition".
 *
 * @param inNextRelease      resolved in the release after {@code resolvedAfter}
 * @param inRelease          resolved in this release: events of older releases are not regressions
 * @param resolvedAfter      the project's latest release when "next release" was chosen
 * @param ignoreUntil        ignored until this time (epoch milliseconds)
 * @param ignoreCount        ignored until this many more events ({@code ignoreWindow} minutes, if set)
 * @param ignoreUserCount    ignored until this many more distinct users
 * @param baseTimesSeen      the issue's event count when it was ignored
 * @param baseUserCount      the issue's user count when it was ignored
 * @param actorId            who made the change (user id)
 * @param inCommit           resolved by this commit ({@code {"commit": sha, "repository": name}}); kept as given
 *
 * <p>With {@code ignoreWindow} (or {@code ignoreUserWindow}) the count is of the last that many minutes, which
 * only the snooze engine module can see; without a window it counts from the base, and the digest decides.
 */
@PureLogic
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusDetails(
        Boolean inNextRelease,
        String inRelease,
        String resolvedAfter,
        Long ignoreUntil,
        Long ignoreCount,
        Long ignoreWindow,
        Long ignoreUserCount,
        Long ignoreUserWindow,
        Boolean ignoreUntilEscalating,
        Long baseTimesSeen,
        Long baseUserCount,
        Long actorId,
        InCommit inCommit) {

    public static final StatusDetails NONE =
            new StatusDetails(null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** Sentry's {@code inCommit}: the commit that fixes the issue. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InCommit(String commit, String repository) {}

    /** A resolution tied to a release: events of that release or older do not reopen the issue. */
    public String boundRelease() {
        if (inRelease != null) {
            return inRelease;
        }
        return Boolean.TRUE.equals(inNextRelease) ? resolvedAfter : null;
    }
}
