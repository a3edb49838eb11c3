package io.bugmaster.releases;

/**
 * A project a release belongs to, with the issues first seen in that release there and the issues
 * that regressed on an event of that release (both kept by the digest).
 */
public record ReleaseProject(long releaseId, long projectId, String slug, String name, String platform, long newIssues,
        long regressions) {}
