package io.bugmaster.issues;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A change to one or more issues, in Sentry's {@code PUT .../issues/} body: {@code status},
 * {@code substatus}, {@code statusDetails}, {@code assignedTo}, {@code hasSeen}, {@code isBookmarked},
 * {@code isSubscribed}, {@code merge}. Null fields are not changed; {@code assign} is true when
 * {@code assignedTo} was present (its value null or "" unassigns).
 */
@PureLogic
public record IssueUpdate(String status, String substatus, Requested details, boolean assign, String assignedTo,
        Boolean hasSeen, Boolean isBookmarked, Boolean isSubscribed, boolean merge) {

    /** {@code statusDetails} as asked for; turned into {@link StatusDetails} with the issue's counts and releases. */
    public record Requested(Boolean inNextRelease, String inRelease, StatusDetails.InCommit inCommit, Long ignoreDuration,
            Instant ignoreUntil, Long ignoreCount, Long ignoreWindow, Long ignoreUserCount, Long ignoreUserWindow,
            Boolean ignoreUntilEscalating) {

        static final Requested NONE = new Requested(null, null, null, null, null, null, null, null, null, null);

        public boolean resolves() {
            return Boolean.TRUE.equals(inNextRelease) || inRelease != null || inCommit != null;
        }

        public boolean ignores() {
            return ignoreDuration != null || ignoreUntil != null || ignoreCount != null || ignoreUserCount != null
                    || Boolean.TRUE.equals(ignoreUntilEscalating);
        }

        public boolean untilConditionMet() {
            return ignoreDuration != null || ignoreUntil != null || ignoreCount != null || ignoreUserCount != null;
        }
    }

    private static final Set<String> FIELDS = Set.of("status", "substatus", "statusDetails", "assignedTo", "hasSeen",
            "isBookmarked", "isSubscribed", "merge");
    private static final long MAX_MINUTES = 10L * 365 * 24 * 60;
    private static final long MAX_COUNT = 1_000_000_000L;

    /** Resolved, with no condition. */
    public static IssueUpdate resolve() {
        return new IssueUpdate("resolved", null, Requested.NONE, false, null, null, null, null, false);
    }

    /** Ignored for {@code minutes} (Sentry's {@code ignoreDuration}). */
    public static IssueUpdate ignoreFor(long minutes) {
        return new IssueUpdate("ignored", null, new Requested(null, null, null, minutes, null, null, null, null, null, null), false,
                null, null, null, null, false);
    }

    public boolean changesStatus() {
        return status != null;
    }

    public boolean isEmpty() {
        return status == null && !assign && hasSeen == null && isBookmarked == null && isSubscribed == null && !merge;
    }

    /** Reads and checks a request body; every error names the field. */
    public static IssueUpdate parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException(null, "request body must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new InvalidInputException(field.getKey(), "unknown field; known fields: assignedTo, hasSeen, isBookmarked, "
                        + "isSubscribed, merge, status, statusDetails, substatus");
            }
        }
        String status = string(body, "status");
        Requested details = details(body.get("statusDetails"));
        if (status != null) {
            switch (status) {
                case "resolved", "unresolved", "ignored" -> { }
                case "resolvedInNextRelease" -> {
                    status = "resolved";
                    details = new Requested(true, details.inRelease(), details.inCommit(), null, null, null, null, null, null,
                            null);
                }
                case "muted", "archived" -> status = "ignored";
                default -> throw new InvalidInputException("status", "must be resolved, resolvedInNextRelease, unresolved or "
                        + "ignored, got '" + status + "'");
            }
        } else if (details.resolves()) {
            status = "resolved";
        } else if (details.ignores()) {
            status = "ignored";
        }
        if (details.resolves() && details.ignores()) {
            throw new InvalidInputException("statusDetails", "give either a resolution (inNextRelease, inRelease, inCommit) "
                    + "or an ignore condition, not both");
        }
        if (details.resolves() && !"resolved".equals(status)) {
            throw new InvalidInputException("statusDetails", "inNextRelease, inRelease and inCommit need status 'resolved'");
        }
        if (details.ignores() && !"ignored".equals(status)) {
            throw new InvalidInputException("statusDetails", "ignore conditions need status 'ignored'");
        }
        if (Boolean.TRUE.equals(details.inNextRelease()) && details.inRelease() != null) {
            throw new InvalidInputException("statusDetails", "give inNextRelease or inRelease, not both");
        }
        String substatus = substatus(string(body, "substatus"), status, details);
        if ("archived_until_escalating".equals(substatus) && details.ignoreUntilEscalating() == null) {
            details = new Requested(null, null, null, null, null, null, null, null, null, true);
        }
        boolean assign = body.has("assignedTo");
        String assignedTo = null;
        if (assign && !body.get("assignedTo").isNull()) {
            assignedTo = string(body, "assignedTo").strip();
            if (assignedTo.isEmpty()) {
                assignedTo = null;
            }
        }
        boolean merge = false;
        JsonNode mergeNode = body.get("merge");
        if (mergeNode != null && !mergeNode.isNull()) {
            if (mergeNode.isBoolean()) {
                merge = mergeNode.booleanValue();
            } else if (mergeNode.isIntegralNumber() && (mergeNode.longValue() == 0 || mergeNode.longValue() == 1)) {
                merge = mergeNode.longValue() == 1;
            } else {
                throw new InvalidInputException("merge", "expected 1 or true");
            }
        }
        return new IssueUpdate(status, substatus, details, assign, assignedTo, bool(body, "hasSeen"),
                bool(body, "isBookmarked"), bool(body, "isSubscribed"), merge);
    }

    private static String substatus(String substatus, String status, Requested details) {
        if (substatus == null) {
            return null;
        }
        if (status == null) {
            throw new InvalidInputException("substatus", "needs a status");
        }
        Set<String> allowed = switch (status) {
            case "ignored" -> Set.of("archived_until_escalating", "archived_until_condition_met", "archived_forever");
            case "unresolved" -> Set.of("ongoing", "escalating", "regressed", "new");
            default -> Set.of();
        };
        if (!allowed.contains(substatus)) {
            throw new InvalidInputException("substatus", "'" + substatus + "' does not go with status '" + status + "'"
                    + (allowed.isEmpty() ? "" : "; use one of " + String.join(", ", allowed.stream().sorted().toList())));
        }
        if (substatus.equals("archived_until_condition_met") && !details.untilConditionMet()) {
            throw new InvalidInputException("statusDetails", "archived_until_condition_met needs ignoreDuration, ignoreCount "
                    + "or ignoreUserCount");
        }
        return substatus;
    }

    private static Requested details(JsonNode node) {
        if (node == null || node.isNull()) {
            return Requested.NONE;
        }
        if (!node.isObject()) {
            throw new InvalidInputException("statusDetails", "expected an object");
        }
        Set<String> known = Set.of("inNextRelease", "inRelease", "inCommit", "ignoreDuration", "ignoreUntil", "ignoreCount",
                "ignoreWindow", "ignoreUserCount", "ignoreUserWindow", "ignoreUntilEscalating");
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!known.contains(field.getKey())) {
                throw new InvalidInputException("statusDetails." + field.getKey(), "unknown field; known fields: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
        Boolean inNext = bool(node, "statusDetails.", "inNextRelease");
        String inRelease = string(node, "statusDetails.", "inRelease");
        if (inRelease != null && (inRelease.isBlank() || inRelease.length() > 250)) {
            throw new InvalidInputException("statusDetails.inRelease", "must be a release version or 'latest'");
        }
        StatusDetails.InCommit inCommit = inCommit(node.get("inCommit"));
        Long duration = positive(node, "ignoreDuration", MAX_MINUTES);
        Instant until = null;
        String untilText = string(node, "statusDetails.", "ignoreUntil");
        if (untilText != null) {
            try {
                until = OffsetDateTime.parse(untilText).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("statusDetails.ignoreUntil", "expected an ISO-8601 time such as 2030-01-31T12:00:00Z");
            }
        }
        Long count = positive(node, "ignoreCount", MAX_COUNT);
        Long window = positive(node, "ignoreWindow", MAX_MINUTES);
        Long userCount = positive(node, "ignoreUserCount", MAX_COUNT);
        Long userWindow = positive(node, "ignoreUserWindow", MAX_MINUTES);
        if (window != null && count == null) {
            throw new InvalidInputException("statusDetails.ignoreWindow", "needs ignoreCount");
        }
        if (userWindow != null && userCount == null) {
            throw new InvalidInputException("statusDetails.ignoreUserWindow", "needs ignoreUserCount");
        }
        Boolean escalating = bool(node, "statusDetails.", "ignoreUntilEscalating");
        return new Requested(Boolean.FALSE.equals(inNext) ? null : inNext, inRelease, inCommit, duration, until, count, window,
                userCount, userWindow, Boolean.FALSE.equals(escalating) ? null : escalating);
    }

    private static StatusDetails.InCommit inCommit(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return new StatusDetails.InCommit(checkCommit(node.stringValue()), null);
        }
        if (!node.isObject() || !node.path("commit").isString()) {
            throw new InvalidInputException("statusDetails.inCommit", "expected a commit id or {\"commit\": \"<sha>\", "
                    + "\"repository\": \"<name>\"}");
        }
        JsonNode repo = node.get("repository");
        if (repo != null && !repo.isNull() && !repo.isString()) {
            throw new InvalidInputException("statusDetails.inCommit.repository", "expected a string");
        }
        return new StatusDetails.InCommit(checkCommit(node.get("commit").stringValue()),
                repo == null || repo.isNull() ? null : repo.stringValue());
    }

    private static String checkCommit(String commit) {
        if (commit.isBlank() || commit.length() > 64) {
            throw new InvalidInputException("statusDetails.inCommit", "expected a commit id of at most 64 characters");
        }
        return commit.strip();
    }

    private static Long positive(JsonNode node, String field, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 1 || value.longValue() > max) {
            throw new InvalidInputException("statusDetails." + field, "expected a whole number between 1 and " + max);
        }
        return value.longValue();
    }

    private static String string(JsonNode node, String field) {
        return string(node, "", field);
    }

    private static String string(JsonNode node, String prefix, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidInputException(prefix + field, "expected a string");
        }
        return value.stringValue();
    }

    private static Boolean bool(JsonNode node, String field) {
        return bool(node, "", field);
    }

    private static Boolean bool(JsonNode node, String prefix, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new InvalidInputException(prefix + field, "expected true or false");
        }
        return value.booleanValue();
    }
}
