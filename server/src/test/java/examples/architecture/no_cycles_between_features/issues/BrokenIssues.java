package examples.architecture.no_cycles_between_features.issues;

import examples.architecture.no_cycles_between_features.releases.BrokenReleases;

/** Broken: issues uses releases, and releases uses issues. */
public class BrokenIssues {
    public String resolveInLatest(BrokenReleases releases) {
        return releases.latest();
    }

    public int count() {
        return 0;
    }
}
