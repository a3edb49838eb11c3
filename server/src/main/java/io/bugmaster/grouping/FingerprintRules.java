package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A project's server-side fingerprint rules, one per line:
 * <pre>
 * # comment
 * error.type:DatabaseUnavailable -> database-down
 * type:*Timeout* tags.region:eu-* -> timeout, {{ default }}
 * path:**&#47;vendor/** app:no message:"connection reset*" -> vendor-network title="Network trouble in {{ transaction }}"
 * </pre>
 * All matchers of a rule must hold; the frame matchers ({@code module, function, path, family,
 * app}) must hold for one same frame. A matcher may be negated with {@code !}. Values are
 * case-insensitive globs ({@code *}, {@code ?}, {@code **}); quote values with spaces. The first
 * matching rule wins, and it wins over the SDK's fingerprint.
 */
@PureLogic
public final class FingerprintRules {

    private static final FingerprintRules NONE = new FingerprintRules(List.of());

    private static final Set<String> EVENT_KEYS = Set.of(
            "type", "value", "message", "logger", "level", "transaction", "release", "environment");
    private static final Set<String> FRAME_KEYS = Set.of("module", "function", "path", "family", "app");
    private static final Set<String> FAMILIES = Set.of("java", "javascript", "python", "native", "other");
    private static final String KNOWN = "error.type, type, error.value, value, message, logger, level, transaction, "
            + "release, environment, tags.<key>, module, stack.module, function, stack.function, path, stack.abs_path, "
            + "family, app";

    private final List<Rule> rules;
    /** Each matcher's glob, made once: matching runs for every frame of every event. */
    private final Map<Matcher, Glob> globs = new HashMap<>();

    private FingerprintRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        for (Rule rule : this.rules) {
            for (Matcher m : rule.matchers()) {
                globs.computeIfAbsent(m, k -> k.key().equals("path") ? Glob.path(k.pattern()) : Glob.of(k.pattern()));
            }
        }
    }

    /** One {@code key:pattern} condition; {@code key} is canonical ({@code type}, {@code tags.region}, {@code path}, ...). */
    @PureLogic
    public record Matcher(String key, String pattern, boolean negated) {

        public boolean isFrameMatcher() {
            return FRAME_KEYS.contains(key);
        }

        @Override
        public String toString() {
            return (negated ? "!" : "") + key + ":" + pattern;
        }
    }

    /** One parsed rule, with its 1-based line and its text as written. {@code title} may be null. */
    @PureLogic
    public record Rule(int line, String source, List<Matcher> matchers, List<String> fingerprint, String title) {
        public Rule {
            matchers = List.copyOf(matchers);
            fingerprint = List.copyOf(fingerprint);
        }
    }

    public static FingerprintRules none() {
        return NONE;
    }

    /**
     * Parses rules text; null or blank text gives no rules.
     *
     * @throws RulesException listing every bad line
     */
    public static FingerprintRules parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Rule> rules = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int k = 0; k < lines.length; k++) {
            String line = lines[k].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Rule rule = new LineParser(line, k + 1, errors).parse();
            if (rule != null) {
                rules.add(rule);
            }
        }
        if (!errors.isEmpty()) {
            throw new RulesException(errors);
        }
        return new FingerprintRules(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The first rule that matches the event. */
    public Optional<Rule> match(GroupingEvent event) {
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        List<Frames.FrameView> frames = new ArrayList<>();
        for (GroupingException exception : event.exceptions()) {
            for (GroupingFrame frame : exception.frames()) {
                frames.add(Frames.analyze(frame, event.platform()));
            }
        }
        for (Rule rule : rules) {
            if (matches(rule, event, frames)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    private boolean matches(Rule rule, GroupingEvent event, List<Frames.FrameView> frames) {
        boolean anyFrameMatcher = false;
        for (Matcher matcher : rule.matchers()) {
            if (matcher.isFrameMatcher()) {
                anyFrameMatcher = true;
            } else if (matchesEvent(matcher, event) == matcher.negated()) {
                return false;
            }
        }
        if (!anyFrameMatcher) {
            return true;
        }
        for (Frames.FrameView frame : frames) {
            boolean all = true;
            for (Matcher matcher : rule.matchers()) {
                if (matcher.isFrameMatcher() && matchesFrame(matcher, frame) == matcher.negated()) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesEvent(Matcher matcher, GroupingEvent event) {
        Glob glob = globs.get(matcher);
        List<String> candidates = new ArrayList<>();
        switch (matcher.key()) {
            case "type" -> event.exceptions().forEach(e -> candidates.add(e.type()));
            case "value" -> event.exceptions().forEach(e -> candidates.add(e.value()));
            case "message" -> {
                candidates.add(event.message());
                candidates.add(event.logentryMessage());
                event.exceptions().forEach(e -> candidates.add(e.value()));
            }
            case "logger" -> candidates.add(event.logger());
            case "level" -> candidates.add(event.level() == null ? "error" : event.level());
            case "transaction" -> candidates.add(event.transaction());
            case "release" -> candidates.add(event.release());
            case "environment" -> candidates.add(event.environment());
            default -> {
                String key = matcher.key().substring("tags.".length());
                candidates.add(event.tags().get(key));
            }
        }
        for (String candidate : candidates) {
            if (candidate != null && glob.matches(MessageNormalizer.truncate(candidate, MessageNormalizer.MAX_LENGTH))) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesFrame(Matcher matcher, Frames.FrameView frame) {
        GroupingFrame raw = frame.raw();
        Glob glob = globs.get(matcher);
        return switch (matcher.key()) {
            case "module" -> glob.matches(Frames.cut(raw.module()));
            case "function" -> glob.matches(Frames.cut(raw.function()));
            case "path" -> glob.matches(Frames.cut(raw.absPath())) || glob.matches(Frames.cut(raw.filename()));
            case "family" -> glob.matches(frame.family());
            default -> frame.inApp() == isYes(matcher.pattern());
        };
    }

    private static boolean isYes(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return v.equals("yes") || v.equals("true") || v.equals("1");
    }

    private static boolean isYesOrNo(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return Set.of("yes", "no", "true", "false", "1", "0").contains(v);
    }

    /** Canonical key for a written matcher key, or null when unknown. */
    private static String canonicalKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.startsWith("tags.")) {
            return k.length() > 5 ? "tags." + key.substring(5) : null;
        }
        return switch (k) {
            case "error.type", "type" -> "type";
            case "error.value", "value" -> "value";
            case "message", "logger", "level", "transaction", "release", "environment", "family", "app" -> k;
            case "module", "stack.module" -> "module";
            case "function", "stack.function" -> "function";
            case "path", "stack.abs_path", "stack.path" -> "path";
            default -> null;
        };
    }

    /** Parses one non-comment line; records errors and returns null when the line is bad. */
    private static final class LineParser {
        private final String line;
        private final int lineNo;
        private final List<RuleError> errors;
        private int pos;
        private boolean failed;

        LineParser(String line, int lineNo, List<RuleError> errors) {
            this.line = line;
            this.lineNo = lineNo;
            this.errors = errors;
        }

        Rule parse() {
            int arrow = arrowOutsideQuotes();
            if (arrow < 0) {
                return error("missing '->' between the matchers and the fingerprint in '" + line + "'");
            }
            List<Matcher> matchers = parseMatchers(arrow);
            if (failed) {
                return null;
            }
            if (matchers.isEmpty()) {
                return error("no matcher before '->' (for example error.type:ValueError -> my-group)");
            }
            pos = arrow + 2;
            List<String> fingerprint = new ArrayList<>();
            String title = null;
            while (!failed) {
                skipSeparators();
                if (pos >= line.length()) {
                    break;
                }
                if (line.startsWith("{{", pos)) {
                    int close = line.indexOf("}}", pos + 2);
                    if (close < 0) {
                        return error("unterminated '{{' in the fingerprint");
                    }
                    String part = line.substring(pos, close + 2);
                    pos = close + 2;
                    String name = EventFacts.variableName(part);
                    if (name == null || !EventFacts.isKnownVariable(name)) {
                        return error("unknown fingerprint variable '" + part + "' (known: {{ default }}, {{ type }}, "
                                + "{{ value }}, {{ message }}, {{ transaction }}, {{ level }}, {{ logger }}, "
                                + "{{ release }}, {{ environment }}, {{ module }}, {{ function }}, {{ tags.<key> }})");
                    }
                    fingerprint.add("{{ " + name + " }}");
                } else if (line.charAt(pos) == '"') {
                    String value = quoted();
                    if (value != null) {
                        fingerprint.add(value);
                    }
                } else {
                    int start = pos;
                    while (pos < line.length() && !Character.isWhitespace(line.charAt(pos)) && line.charAt(pos) != ','
                            && line.charAt(pos) != '=') {
                        pos++;
                    }
                    String word = line.substring(start, pos);
                    if (pos < line.length() && line.charAt(pos) == '=') {
                        pos++;
                        if (!word.equals("title")) {
                            return error("unknown attribute '" + word + "' (only title=\"...\" is known)");
                        }
                        String value = pos < line.length() && line.charAt(pos) == '"' ? quoted() : bare();
                        if (value == null || value.isBlank()) {
                            return error("empty title");
                        }
                        title = value;
                    } else if (title != null) {
                        return error("fingerprint part '" + word + "' after the title; put attributes last");
                    } else {
                        fingerprint.add(word);
                    }
                }
            }
            if (failed) {
                return null;
            }
            if (fingerprint.isEmpty()) {
                return error("no fingerprint after '->'");
            }
            return new Rule(lineNo, line, matchers, fingerprint, title);
        }

        private List<Matcher> parseMatchers(int arrow) {
            List<Matcher> matchers = new ArrayList<>();
            pos = 0;
            while (pos < arrow && !failed) {
                while (pos < arrow && Character.isWhitespace(line.charAt(pos))) {
                    pos++;
                }
                if (pos >= arrow) {
                    break;
                }
                boolean negated = line.charAt(pos) == '!';
                if (negated) {
                    pos++;
                }
                int start = pos;
                while (pos < arrow && line.charAt(pos) != ':' && !Character.isWhitespace(line.charAt(pos))) {
                    pos++;
                }
                String key = line.substring(start, pos);
                if (pos >= arrow || line.charAt(pos) != ':') {
                    error("expected matcher:value but found '" + key + "'");
                    break;
                }
                pos++;
                String canonical = canonicalKey(key);
                if (canonical == null) {
                    error("unknown matcher '" + key + "' (known: " + KNOWN + ")");
                    break;
                }
                String value;
                if (pos < arrow && line.charAt(pos) == '"') {
                    value = quoted();
                } else {
                    int valueStart = pos;
                    while (pos < arrow && !Character.isWhitespace(line.charAt(pos))) {
                        pos++;
                    }
                    value = line.substring(valueStart, pos);
                }
                if (failed) {
                    break;
                }
                if (value == null || value.isEmpty()) {
                    error("matcher '" + key + "' has no value");
                    break;
                }
                if (canonical.equals("app") && !isYesOrNo(value)) {
                    error("app: takes yes or no, not '" + value + "'");
                    break;
                }
                if (canonical.equals("family") && !FAMILIES.contains(value.toLowerCase(Locale.ROOT)) && !value.contains("*")) {
                    error("unknown family '" + value + "' (known: java, javascript, python, native, other)");
                    break;
                }
                matchers.add(new Matcher(canonical, value, negated));
            }
            return matchers;
        }

        private int arrowOutsideQuotes() {
            boolean quoted = false;
            for (int k = 0; k + 1 < line.length(); k++) {
                char c = line.charAt(k);
                if (c == '\\' && quoted) {
                    k++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == '-' && line.charAt(k + 1) == '>') {
                    return k;
                }
            }
            return -1;
        }

        /** Reads a double-quoted string at pos (backslash escapes); null after an error. */
        private String quoted() {
            QuotedValue quoted = QuotedValue.at(line, pos);
            if (quoted == null) {
                error("unterminated quoted value starting at column " + (pos + 1));
                return null;
            }
            pos = quoted.end();
            return quoted.value();
        }

        private String bare() {
            int start = pos;
            while (pos < line.length() && !Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
            return line.substring(start, pos);
        }

        private void skipSeparators() {
            while (pos < line.length() && (Character.isWhitespace(line.charAt(pos)) || line.charAt(pos) == ',')) {
                pos++;
            }
        }

        private Rule error(String message) {
            if (!failed) {
                errors.add(new RuleError(lineNo, message));
            }
            failed = true;
            return null;
        }
    }
}
