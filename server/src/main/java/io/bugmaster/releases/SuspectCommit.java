package io.bugmaster.releases;

/** The commit most likely to have caused an issue, the release it came in, and the frame and file that tie them. */
public record SuspectCommit(Commit commit, Release release, String path, SuspectCommits.Frame frame) {}
