package io.bugmaster.releases;

/** One file a commit changed, as sentry-cli's {@code patch_set} sent it ({@code type} A, M or D). */
public record CommitFile(Commit commit, String path, String type) {}
