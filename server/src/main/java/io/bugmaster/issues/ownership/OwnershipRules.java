package io.bugmaster.issues.ownership;

import io.bugmaster.common.PureLogic;
import io.bugmaster.grouping.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sentry's ownership rules: one rule per line, {@code <type>:<glob> <owner> [<owner>...]}, types
 * {@code path}, {@code module}, {@code url} and {@code tags.<key>}; owners are a member's email or
 * {@code #team-slug}; {@code #} starts a comment line. Globs are case-insensitive, {@code *} any run
 * (slashes included, as Sentry's fnmatch does), {@code ?} one character. The last matching rule wins.
 */
@PureLogic
public final class OwnershipRules {
    /** Sentry's own cap on the rules text, kept so a huge paste cannot slow every event. */
    public static final int MAX_LENGTH = 100_000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s#]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern TEAM = Pattern.compile("#[a-z0-9][a-z0-9_-]*", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9_.:-]+");

    private final List<Rule> rules;

    private OwnershipRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static final OwnershipRules EMPTY = new OwnershipRules(List.of());

    /** A rule's owner: a user by email or a team by slug (without the {@code #}). */
    public record Owner(Type type, String identifier) {
        public enum Type { USER, TEAM }

        public static Owner user(String email) {
            return new Owner(Type.USER, email);
        }

        public static Owner team(String slug) {
            return new Owner(Type.TEAM, slug);
        }

        /** As written in a rule: the email, or {@code #slug}. */
        public String text() {
            return type == Type.TEAM ? "#" + identifier : identifier;
        }
    }

    /**
     * One rule: {@code type} is path, module, url or tags; {@code tagKey} is set for tags rules;
     * {@code line} is its 1-based line in the text; {@code text} the line as written, trimmed.
     */
    public record Rule(int line, String type, String tagKey, String pattern, List<Owner> owners, String text) {
        public Rule {
            owners = List.copyOf(owners);
        }

        /** {@code path}, {@code module}, {@code url} or {@code tags.<key>}. */
        public String matcherType() {
            return tagKey == null ? type : "tags." + tagKey;
        }

        boolean matches(EventOwnershipFacts facts) {
            Glob glob = Glob.of(pattern);
            return switch (type) {
                case "path" -> facts.inAppFrames().stream().anyMatch(f -> pathMatches(glob, f.filename()) || pathMatches(glob, f.absPath()));
                case "module" -> facts.inAppFrames().stream().anyMatch(f -> glob.matches(f.module()));
                case "url" -> glob.matches(facts.url());
                default -> facts.tagValues(tagKey).stream().anyMatch(glob::matches);
            };
        }

        /** A relative path also tries with a leading slash, so {@code *}/{@code src/*} matches {@code src/app.py}. */
        private static boolean pathMatches(Glob glob, String path) {
            if (path == null || path.isEmpty()) {
                return false;
            }
            return glob.matches(path) || (!path.startsWith("/") && glob.matches("/" + path));
        }
    }

    /** The winning rule and its owners. */
    public record Match(Rule rule, List<Owner> owners) {}

    /** One problem in the text: its 1-based line and what is wrong. */
    public record LineError(int line, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }

    /** The rules of a text, or its errors when any line is wrong. */
    public record Parsed(OwnershipRules rules, List<LineError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** Parses the text; throws naming every wrong line. */
    public static OwnershipRules parse(String raw) {
        Parsed parsed = tryParse(raw);
        if (!parsed.ok()) {
            throw new OwnershipRulesException(parsed.errors());
        }
        return parsed.rules();
    }

    /** Parses the text, collecting every line's error instead of stopping at the first. */
    public static Parsed tryParse(String raw) {
        List<Rule> rules = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        if (raw == null || raw.isBlank()) {
            return new Parsed(EMPTY, List.of());
        }
        if (raw.length() > MAX_LENGTH) {
            return new Parsed(EMPTY, List.of(new LineError(1, "the rules are longer than " + MAX_LENGTH + " characters")));
        }
        String[] lines = raw.split("\\r\\n|\\r|\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                rules.add(parseLine(i + 1, line));
            } catch (IllegalArgumentException e) {
                errors.add(new LineError(i + 1, e.getMessage()));
            }
        }
        return new Parsed(errors.isEmpty() ? new OwnershipRules(rules) : EMPTY, List.copyOf(errors));
    }

    private static Rule parseLine(int number, String line) {
        String[] parts = line.split("\\s+");
        String matcher = parts[0];
        int colon = matcher.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected <type>:<pattern> <owners>, like 'path:src/app/* #team', got '" + line + "'");
        }
        String type = matcher.substring(0, colon).toLowerCase(Locale.ROOT);
        String pattern = matcher.substring(colon + 1);
        String tagKey = null;
        if (type.startsWith("tags.")) {
            tagKey = matcher.substring(5, colon);
            if (!TAG_KEY.matcher(tagKey).matches()) {
                throw new IllegalArgumentException("'" + tagKey + "' is not a tag key");
            }
            type = "tags";
        } else if (!type.equals("path") && !type.equals("module") && !type.equals("url")) {
            throw new IllegalArgumentException("unknown rule type '" + matcher.substring(0, colon)
                    + "'; expected path, module, url or tags.<key>");
        }
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("the " + (tagKey == null ? type : "tags." + tagKey) + " rule has no pattern after ':'");
        }
        if (parts.length < 2) {
            throw new IllegalArgumentException("the rule '" + matcher + "' has no owners; add an email or #team after it");
        }
        List<Owner> owners = new ArrayList<>();
        for (int p = 1; p < parts.length; p++) {
            owners.add(owner(parts[p]));
        }
        return new Rule(number, type, tagKey, pattern, owners, line);
    }

    private static Owner owner(String text) {
        if (TEAM.matcher(text).matches()) {
            return Owner.team(text.substring(1).toLowerCase(Locale.ROOT));
        }
        if (EMAIL.matcher(text).matches()) {
            return Owner.user(text.toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("'" + text + "' is not an owner; expected an email like user@example.com or a #team-slug");
    }

    public List<Rule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Every owner named in the rules, once each, in order of appearance. */
    public List<Owner> owners() {
        return rules.stream().flatMap(r -> r.owners().stream()).distinct().toList();
    }

    /** The last rule that matches the event, Sentry's semantics. */
    public Optional<Match> match(EventOwnershipFacts facts) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule rule = rules.get(i);
            if (rule.matches(facts)) {
                return Optional.of(new Match(rule, rule.owners()));
            }
        }
        return Optional.empty();
    }
}
