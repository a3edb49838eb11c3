package io.bugmaster.releases;

import java.util.List;

/** A release with what its JSON shows about it: projects, commits, authors, deploys. */
public record ReleaseView(Release release, List<ReleaseProject> projects, long commitCount, Commit lastCommit,
        long deployCount, Deploy lastDeploy, List<Commit.Author> authors) {

    public long newIssues() {
        return projects.stream().mapToLong(ReleaseProject::newIssues).sum();
    }

    public long regressions() {
        return projects.stream().mapToLong(ReleaseProject::regressions).sum();
    }
}
