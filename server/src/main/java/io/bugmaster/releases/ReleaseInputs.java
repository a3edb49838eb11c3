package io.bugmaster.releases;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what clients send about releases (sentry-cli's {@code releases new|finalize|set-commits},
 * {@code deploys new}) and turns it into validated values. Every error names the field, with its
 * index inside lists ({@code commits[3].patch_set[0].type}).
 */
@PureLogic
public final class ReleaseInputs {
    public static final int MAX_COMMITS = 10_000;
    public static final int MAX_FILES_PER_COMMIT = 10_000;
    public static final String UNKNOWN_REPOSITORY = "unknown";
    private static final Set<String> FILE_TYPES = Set.of("A", "M", "D");

    private ReleaseInputs() {}

    /** A commit as sent: the raw strings. */
    public record CommitSpec(String id, String repository, String message, String authorName, String authorEmail,
            String timestamp, List<FileSpec> patchSet) {}

    public record FileSpec(String path, String type) {}

    /** A repository's head commit for a release, as {@code set-commits --commit repo@sha} sends it. */
    public record RefSpec(String repository, String commit, String previousCommit) {}

    public record DeploySpec(String environment, String name, String url, String dateStarted, String dateFinished) {}

    /** A commit to attach to a release, checked. {@code message} null when only the SHA is known (refs). */
    public record CommitChange(String repository, String key, String message, String authorName, String authorEmail,
            Instant timestamp, List<FileChange> files) {}

    public record FileChange(String path, String type) {}

    public record NewDeploy(String environment, String name, String url, Instant dateStarted, Instant dateFinished) {}

    /**
     * The commits and refs of one request as one list, newest first, each commit once (a ref to a
     * commit that is also listed adds nothing).
     */
    public static List<CommitChange> commits(List<CommitSpec> commits, List<RefSpec> refs) {
        int total = (commits == null ? 0 : commits.size()) + (refs == null ? 0 : refs.size());
        if (total > MAX_COMMITS) {
            throw new InvalidInputException("commits", "at most " + MAX_COMMITS + " commits per request, got " + total);
        }
        Map<List<String>, CommitChange> byKey = new LinkedHashMap<>();
        if (commits != null) {
            for (int i = 0; i < commits.size(); i++) {
                CommitChange change = commit("commits[" + i + "]", commits.get(i));
                byKey.putIfAbsent(List.of(change.repository(), change.key()), change);
            }
        }
        if (refs != null) {
            for (int i = 0; i < refs.size(); i++) {
                CommitChange change = ref("refs[" + i + "]", refs.get(i));
                byKey.putIfAbsent(List.of(change.repository(), change.key()), change);
            }
        }
        return List.copyOf(byKey.values());
    }

    static CommitChange commit(String field, CommitSpec spec) {
        if (spec == null) {
            throw new InvalidInputException(field, "must be an object");
        }
        String key = sha(field + ".id", spec.id());
        String repository = spec.repository() == null || spec.repository().isBlank() ? UNKNOWN_REPOSITORY
                : repository(field + ".repository", spec.repository());
        String message = optional(field + ".message", spec.message(), 65_536, true);
        String authorName = optional(field + ".author_name", spec.authorName(), 256, false);
        String authorEmail = optional(field + ".author_email", spec.authorEmail(), 254, false);
        Instant timestamp = Dates.parse(field + ".timestamp", spec.timestamp());
        List<FileChange> files = new ArrayList<>();
        List<FileSpec> patchSet = spec.patchSet() == null ? List.of() : spec.patchSet();
        if (patchSet.size() > MAX_FILES_PER_COMMIT) {
            throw new InvalidInputException(field + ".patch_set", "at most " + MAX_FILES_PER_COMMIT + " files, got " + patchSet.size());
        }
        Set<String> seen = new java.util.HashSet<>();
        for (int j = 0; j < patchSet.size(); j++) {
            String fileField = field + ".patch_set[" + j + "]";
            FileSpec file = patchSet.get(j);
            if (file == null) {
                throw new InvalidInputException(fileField, "must be an object");
            }
            String path = required(fileField + ".path", file.path(), 1024);
            if (file.type() == null || !FILE_TYPES.contains(file.type())) {
                throw new InvalidInputException(fileField + ".type", "must be A (added), M (modified) or D (deleted)");
            }
            if (seen.add(path)) {
                files.add(new FileChange(path, file.type()));
            }
        }
        return new CommitChange(repository, key, message, authorName, authorEmail, timestamp, List.copyOf(files));
    }

    static CommitChange ref(String field, RefSpec spec) {
        if (spec == null) {
            throw new InvalidInputException(field, "must be an object");
        }
        String repository = repository(field + ".repository", spec.repository());
        String key = sha(field + ".commit", spec.commit());
        if (spec.previousCommit() != null && !spec.previousCommit().isEmpty()) {
            sha(field + ".previousCommit", spec.previousCommit());
        }
        return new CommitChange(repository, key, null, null, null, null, List.of());
    }

    public static NewDeploy deploy(DeploySpec spec, Instant now) {
        if (spec == null) {
            throw new InvalidInputException(null, "request body must be a JSON object");
        }
        String environment = environment("environment", spec.environment());
        String name = optional("name", spec.name(), 64, false);
        String url = url("url", spec.url());
        Instant started = Dates.parse("dateStarted", spec.dateStarted());
        Instant finished = Dates.parse("dateFinished", spec.dateFinished());
        if (finished == null) {
            finished = now;
        }
        if (started != null && started.isAfter(finished)) {
            throw new InvalidInputException("dateStarted", "must not be after dateFinished");
        }
        return new NewDeploy(environment, name, url, started, finished);
    }

    /** Environment names as Sentry allows them: 1 to 64 characters, no slash, no control characters. */
    public static String environment(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        if (value.length() > 64) {
            throw new InvalidInputException(field, "must be at most 64 characters, got " + value.length());
        }
        if (value.indexOf('/') >= 0 || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, "must not contain '/' or control characters");
        }
        return value;
    }

    public static String url(String field, String value) {
        String url = optional(field, value, 2048, false);
        if (url != null && !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new InvalidInputException(field, "must be an http:// or https:// URL");
        }
        return url;
    }

    public static String ref(String field, String value) {
        return optional(field, value, 256, false);
    }

    static String repository(String field, String value) {
        return required(field, value, 200);
    }

    static String sha(String field, String value) {
        String sha = required(field, value, 64);
        if (sha.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidInputException(field, "must be a commit id without whitespace");
        }
        return sha;
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        return optional(field, value, max, false);
    }

    /** Null for null or empty; else the value, at most {@code max} characters, control characters refused unless multi-line. */
    private static String optional(String field, String value, int max, boolean multiLine) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters, got " + value.length());
        }
        boolean bad = value.chars().anyMatch(c -> Character.isISOControl(c) && !(multiLine && (c == '\n' || c == '\r' || c == '\t')));
        if (bad) {
            throw new InvalidInputException(field, "must not contain control characters");
        }
        return value;
    }
}
