package io.bugmaster.releases;

/** A project a release belongs to, with the issues first seen in that release there. */
public record ReleaseProject(long releaseId, long projectId, String slug, String name, String platform, long newIssues) {}
