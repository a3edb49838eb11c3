package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of a Sentry event that grouping and the issue summary read. {@code message} is the
 * formatted message ({@code message} string, {@code message.formatted} or {@code logentry.formatted});
 * {@code logentryMessage} is the template ({@code logentry.message} / {@code message.message})
 * whose {@code logentryParams} were substituted into it. {@code exceptions} are oldest cause
 * first, as in {@code exception.values}. {@code sdkFingerprint} is null when the event has none.
 * Null collections become empty ones (except {@code sdkFingerprint}).
 */
@PureLogic
public record GroupingEvent(
        String platform,
        String message,
        String logentryMessage,
        List<String> logentryParams,
        List<GroupingException> exceptions,
        List<String> sdkFingerprint,
        Map<String, String> tags,
        String level,
        String logger,
        String transaction,
        String release,
        String environment) {

    public GroupingEvent {
        logentryParams = copyAllowingNulls(logentryParams);
        exceptions = exceptions == null ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(exceptions.stream().filter(Objects::nonNull).toList()));
        sdkFingerprint = sdkFingerprint == null ? null : copyAllowingNulls(sdkFingerprint);
        Map<String, String> copy = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach((k, v) -> {
                if (k != null && v != null) {
                    copy.put(k, v);
                }
            });
        }
        tags = Collections.unmodifiableMap(copy);
    }

    private static List<String> copyAllowingNulls(List<String> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Convenience for the digest code and tests; every field defaults to null/empty. */
    public static final class Builder {
        private String platform;
        private String message;
        private String logentryMessage;
        private List<String> logentryParams = new ArrayList<>();
        private final List<GroupingException> exceptions = new ArrayList<>();
        private List<String> sdkFingerprint;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private String level;
        private String logger;
        private String transaction;
        private String release;
        private String environment;

        private Builder() {}

        public Builder platform(String value) { this.platform = value; return this; }
        public Builder message(String value) { this.message = value; return this; }
        public Builder logentry(String template, List<String> params) {
            this.logentryMessage = template;
            this.logentryParams = params == null ? new ArrayList<>() : new ArrayList<>(params);
            return this;
        }
        public Builder exception(GroupingException value) { this.exceptions.add(value); return this; }
        public Builder exceptions(List<GroupingException> values) { this.exceptions.addAll(values); return this; }
        public Builder sdkFingerprint(List<String> value) { this.sdkFingerprint = value; return this; }
        public Builder tag(String key, String value) { this.tags.put(key, value); return this; }
        public Builder tags(Map<String, String> values) { this.tags.putAll(values); return this; }
        public Builder level(String value) { this.level = value; return this; }
        public Builder logger(String value) { this.logger = value; return this; }
        public Builder transaction(String value) { this.transaction = value; return this; }
        public Builder release(String value) { this.release = value; return this; }
        public Builder environment(String value) { this.environment = value; return this; }

        public GroupingEvent build() {
            return new GroupingEvent(platform, message, logentryMessage, logentryParams, exceptions, sdkFingerprint,
                    tags, level, logger, transaction, release, environment);
        }
    }
}
