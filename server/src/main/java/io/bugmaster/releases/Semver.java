package io.bugmaster.releases;

import io.bugmaster.common.PureLogic;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Semantic versions as release names carry them (at least major.minor): {@code 1.2.3}, {@code v1.2}, {@code backend@2.0.0-rc.1+build5}.
 * Release names that are not versions (commit SHAs, dates) are not semver, and are ordered by date instead.
 */
@PureLogic
public record Semver(long major, long minor, long patch, String preRelease) implements Comparable<Semver> {
    private static final Pattern VERSION = Pattern.compile(
            "^(?:[^@]+@)?v?(\\d{1,9})\\.(\\d{1,9})(?:\\.(\\d{1,9}))?(?:\\.\\d{1,9})?(?:-([0-9A-Za-z.-]{1,64}))?(?:\\+[0-9A-Za-z.-]{0,64})?$");

    public static Optional<Semver> parse(String release) {
        if (release == null || release.length() > 250) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(release.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Semver(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                m.group(3) == null ? 0 : Long.parseLong(m.group(3)), m.group(4)));
    }

    /** The package part of {@code package@version}, or empty: releases of different packages do not compare. */
    public static String packageOf(String release) {
        int at = release == null ? -1 : release.indexOf('@');
        return at < 0 ? "" : release.substring(0, at);
    }

    @Override
    public int compareTo(Semver other) {
        int c = Long.compare(major, other.major);
        if (c == 0) {
            c = Long.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, other.patch);
        }
        if (c != 0) {
            return c;
        }
        if (preRelease == null || other.preRelease == null) {
            // a release without pre-release part is newer than one with it
            return preRelease == null ? (other.preRelease == null ? 0 : 1) : -1;
        }
        return comparePreRelease(preRelease, other.preRelease);
    }

    private static int comparePreRelease(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xn = x[i].chars().allMatch(Character::isDigit) && !x[i].isEmpty();
            boolean yn = y[i].chars().allMatch(Character::isDigit) && !y[i].isEmpty();
            int c;
            if (xn && yn) {
                c = Long.compare(Long.parseLong(x[i].length() > 18 ? x[i].substring(0, 18) : x[i]),
                        Long.parseLong(y[i].length() > 18 ? y[i].substring(0, 18) : y[i]));
            } else if (xn != yn) {
                c = xn ? -1 : 1;
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
