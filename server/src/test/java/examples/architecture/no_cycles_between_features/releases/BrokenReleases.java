package examples.architecture.no_cycles_between_features.releases;

import examples.architecture.no_cycles_between_features.issues.BrokenIssues;

/** Broken: releases uses issues, and issues uses releases. */
public class BrokenReleases {
    public int issuesOfRelease(BrokenIssues issues) {
        return issues.count();
    }

    public String latest() {
        return "1.0";
    }
}
