package io.bugmaster.issues.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bugmaster.issues.EscalationDetector;
import io.bugmaster.issues.Issue;
import io.bugmaster.issues.IssueChanges;
import io.bugmaster.issues.IssueViews.Activity;
import io.bugmaster.issues.IssueViews.Assignee;
import io.bugmaster.issues.IssueViews.Hash;
import io.bugmaster.issues.IssueViews.IssueView;
import io.bugmaster.issues.IssueViews.TagKey;
import io.bugmaster.issues.IssueViews.TagValue;
import io.bugmaster.issues.StatusDetails;
import io.bugmaster.web.Links;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sentry's JSON shapes of issues ("groups"), their activity, tags and hashes. */
final class IssueJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IssueJson() {}

    record ProjectJson(String id, String name, String slug, String platform) {}

    record AssigneeJson(String type, String id, String name, @JsonInclude(JsonInclude.Include.NON_NULL) String email) {}

    record ReleaseJson(String version, String shortVersion) {}

    record GroupJson(String id, String shareId, String shortId, String title, String culprit, String permalink, String logger,
            String level, String status, String substatus, Map<String, Object> statusDetails, boolean isPublic, String platform,
            ProjectJson project, String type, JsonNode metadata, long numComments, AssigneeJson assignedTo,
            boolean isBookmarked, boolean isSubscribed, Object subscriptionDetails, boolean hasSeen, List<Object> annotations,
            String issueType, String issueCategory, boolean isUnhandled, String count, long userCount, Instant firstSeen,
            Instant lastSeen, ReleaseJson firstRelease, ReleaseJson lastRelease,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, List<long[]>> stats) {}

    static GroupJson issue(IssueView view, Links links) {
        Issue i = view.issue();
        return new GroupJson(String.valueOf(i.id()), null, i.shortId(), i.title(), i.culprit(),
                links.issue(i.orgSlug(), i.id()), null, i.level(), i.status(), i.substatus(),
                statusDetails(i.statusDetails()), false, i.platform(),
                new ProjectJson(String.valueOf(i.projectId()), i.projectName(), i.projectSlug(), i.projectPlatform()),
                i.type(), metadata(i.metadataJson()), view.numComments(), assignee(view.assignee()), view.bookmarked(),
                view.subscribed(), null, view.seen(), List.of(), i.type(), i.type().equals("default") ? "error" : i.type(),
                false, String.valueOf(i.timesSeen()), i.userCount(), i.firstSeen(), i.lastSeen(), release(i.firstRelease()),
                release(i.lastRelease()), view.stats() == null ? null : Map.of(view.statsPeriod(), view.stats()));
    }

    static AssigneeJson assignee(Assignee a) {
        return a == null ? null : new AssigneeJson(a.type(), String.valueOf(a.id()), a.name(), a.email());
    }

    static ReleaseJson release(String version) {
        if (version == null) {
            return null;
        }
        int at = version.indexOf('@');
        return new ReleaseJson(version, at >= 0 && at < version.length() - 1 ? version.substring(at + 1) : version);
    }

    /** Sentry's statusDetails: what the resolution or ignore waits for; "until escalating" says its rule. */
    static Map<String, Object> statusDetails(StatusDetails d) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (d == null) {
            return out;
        }
        if (Boolean.TRUE.equals(d.inNextRelease())) {
            out.put("inNextRelease", true);
            if (d.resolvedAfter() != null) {
                out.put("resolvedAfter", d.resolvedAfter());
            }
        }
        put(out, "inRelease", d.inRelease());
        if (d.inCommit() != null) {
            Map<String, Object> commit = new LinkedHashMap<>();
            commit.put("id", d.inCommit().commit());
            commit.put("repository", d.inCommit().repository());
            out.put("inCommit", commit);
        }
        put(out, "ignoreUntil", d.ignoreUntil() == null ? null : Instant.ofEpochMilli(d.ignoreUntil()).toString());
        put(out, "ignoreCount", d.ignoreCount());
        put(out, "ignoreWindow", d.ignoreWindow());
        put(out, "ignoreUserCount", d.ignoreUserCount());
        put(out, "ignoreUserWindow", d.ignoreUserWindow());
        if (Boolean.TRUE.equals(d.ignoreUntilEscalating())) {
            out.put("ignoreUntilEscalating", true);
            out.put("escalationRule", EscalationDetector.RULE);
        }
        if (d.actorId() != null) {
            out.put("actor", Map.of("id", String.valueOf(d.actorId())));
        }
        return out;
    }

    private static void put(Map<String, Object> out, String key, Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    static JsonNode metadata(String json) {
        if (json == null || json.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(json);
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    /** The reply to a bulk change: the fields that were asked for, as they are now. */
    static Map<String, Object> update(IssueChanges.UpdateResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (r.merge() != null) {
            out.put("merge", Map.of("parent", String.valueOf(r.merge().parent()),
                    "children", r.merge().children().stream().map(String::valueOf).toList()));
            return out;
        }
        if (r.status() != null) {
            out.put("status", r.status());
            out.put("substatus", r.substatus());
            out.put("statusDetails", statusDetails(r.statusDetails()));
        }
        if (r.update().assign()) {
            out.put("assignedTo", assignee(r.assignee()));
        }
        put(out, "hasSeen", r.update().hasSeen());
        put(out, "isBookmarked", r.update().isBookmarked());
        put(out, "isSubscribed", r.update().isSubscribed());
        return out;
    }

    record UserJson(String id, String name, String email) {}

    record ActivityJson(String id, UserJson user, String type, JsonNode data, Instant dateCreated) {}

    static ActivityJson activity(Activity a) {
        return new ActivityJson(String.valueOf(a.id()),
                a.userId() == null ? null : new UserJson(String.valueOf(a.userId()), a.userName(), a.userEmail()),
                a.type(), metadata(a.dataJson()), a.createdAt());
    }

    record TagValueJson(String key, String name, String value, long count, Instant firstSeen, Instant lastSeen) {}

    record TagKeyJson(String key, String name, long uniqueValues, long totalValues, List<TagValueJson> topValues) {}

    static TagValueJson tagValue(TagValue v) {
        return new TagValueJson(v.key(), v.value(), v.value(), v.count(), v.firstSeen(), v.lastSeen());
    }

    static TagKeyJson tagKey(TagKey k) {
        return new TagKeyJson(k.key(), k.key(), k.uniqueValues(), k.totalValues(),
                k.topValues().stream().map(IssueJson::tagValue).toList());
    }

    record LatestEventJson(String eventID) {}

    record HashJson(String id, String strategy, Instant dateCreated, LatestEventJson latestEvent, JsonNode grouping) {}

    static HashJson hash(Hash h) {
        return new HashJson(h.hash(), h.strategy(), h.createdAt(),
                h.latestEventId() == null ? null : new LatestEventJson(h.latestEventId()),
                h.groupingJson() == null ? null : metadata(h.groupingJson()));
    }
}
