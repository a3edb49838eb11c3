package io.bugmaster.issues;

import java.time.Instant;
import java.util.List;

/** What the API shows about issues besides the stored row: the assignee, the caller's own state, counts over time. */
public final class IssueViews {
    private IssueViews() {}

    /** Whom an issue is assigned to: {@code type} is user or team. */
    public record Assignee(String type, long id, String name, String email) {}

    /** One issue for one caller. {@code stats} is null when no period was asked for. */
    public record IssueView(Issue issue, Assignee assignee, boolean bookmarked, boolean seen, boolean subscribed,
            long numComments, String statsPeriod, List<long[]> stats) {}

    /** A project an issue list runs over. */
    public record ProjectRef(long id, long orgId, String slug, String name, String platform) {}

    /** One value of a tag on an issue. */
    public record TagValue(String key, String value, long count, Instant firstSeen, Instant lastSeen) {}

    /** A tag key of an issue: how many distinct values and events carry it, and its most frequent values. */
    public record TagKey(String key, long uniqueValues, long totalValues, List<TagValue> topValues) {}

    /** A grouping hash an issue owns, with the stored explanation of the grouping when there is one. */
    public record Hash(String hash, String strategy, Instant createdAt, String latestEventId, String groupingJson) {}

    /** A record of something that happened to an issue. */
    public record Activity(long id, long issueId, String type, Long userId, String userName, String userEmail, String dataJson,
            Instant createdAt) {}

    /** The reply to a merge: the issue that absorbed the others. */
    public record Merge(long parent, List<Long> children) {}
}
