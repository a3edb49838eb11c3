package io.bugmaster.releases;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a release name may be, and how it is shown. Names are the ones SDKs and sentry-cli send:
 * {@code 1.2.3}, {@code backend@2.0.0+42}, a commit SHA. A name travels in URL paths, so it may not
 * contain a slash or a backslash (Sentry refuses them too), nor control characters.
 */
@PureLogic
public final class ReleaseVersions {
    public static final int MAX_LENGTH = 200;
    private static final Pattern HEX_SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    private ReleaseVersions() {}

    /** The version, checked; throws a 400-style error naming {@code field} otherwise. */
    public static String validate(String field, String version) {
        if (version == null || version.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        if (version.length() > MAX_LENGTH) {
            throw new InvalidInputException(field, "must be at most " + MAX_LENGTH + " characters, got " + version.length());
        }
        if (!version.equals(version.strip())) {
            throw new InvalidInputException(field, "must not start or end with whitespace");
        }
        if (version.indexOf('/') >= 0 || version.indexOf('\\') >= 0) {
            throw new InvalidInputException(field, "must not contain '/' or '\\' (a release name is part of API paths)");
        }
        if (version.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, "must not contain control characters such as newlines or tabs");
        }
        if (version.equals(".") || version.equals("..") || version.equals("latest")) {
            throw new InvalidInputException(field, "'" + version + "' is reserved and cannot name a release");
        }
        return version;
    }

    /** The name without its package, and a commit SHA cut to 12 characters: what lists show. */
    public static String shortVersion(String version) {
        String rest = withoutPackage(version);
        return HEX_SHA.matcher(rest).matches() ? rest.substring(0, 12) : rest;
    }

    public static VersionInfo info(String version) {
        int at = version.indexOf('@');
        String pkg = at > 0 ? version.substring(0, at) : null;
        String raw = withoutPackage(version);
        String buildHash = HEX_SHA.matcher(raw).matches() ? raw : null;
        Optional<Semver> semver = Semver.parse(version);
        if (semver.isEmpty()) {
            return new VersionInfo(pkg, new Parts(raw, null, null, null, null, null), buildHash,
                    buildHash != null ? raw.substring(0, 12) : raw);
        }
        Semver v = semver.get();
        int plus = raw.indexOf('+');
        String buildCode = plus >= 0 && plus + 1 < raw.length() ? raw.substring(plus + 1) : null;
        String numbers = v.major() + "." + v.minor() + "." + v.patch() + (v.preRelease() == null ? "" : "-" + v.preRelease());
        return new VersionInfo(pkg, new Parts(raw, v.major(), v.minor(), v.patch(), v.preRelease(), buildCode), null,
                buildCode == null ? numbers : numbers + " (" + buildCode + ")");
    }

    private static String withoutPackage(String version) {
        int at = version.indexOf('@');
        return at > 0 && at + 1 < version.length() ? version.substring(at + 1) : version;
    }

    /** Sentry's {@code versionInfo}: the package, the parsed version (numbers null when not semver), a build hash. */
    public record VersionInfo(String packageName, Parts version, String buildHash, String description) {}

    public record Parts(String raw, Long major, Long minor, Long patch, String pre, String buildCode) {}
}
