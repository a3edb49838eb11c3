package io.bugmaster.issues.ownership;

import io.bugmaster.common.PureLogic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a GitHub (or GitLab) CODEOWNERS file into {@code path:} ownership rules. Code owners
 * ({@code @user}, {@code @org/team}, emails) become Bugmaster owners through a mapping the user
 * gives ({@code @octocat = alice@example.com}, {@code @acme/payments = #payments}); an email maps to
 * itself unless the mapping says otherwise. An owner without a mapping is reported, never dropped
 * silently; a rule left with no owner is reported and skipped.
 *
 * <p>Patterns: frame paths carry prefixes ({@code ./}, {@code webpack:///}, the deploy root), so
 * every pattern matches at any depth: {@code /src/app/} becomes {@code path:* /src/app/*} (without
 * the space), {@code *.js} stays {@code *.js}, {@code docs} (a file or a directory) becomes
 * {@code *}{@code /docs} and {@code *}{@code /docs/*}. CODEOWNERS reads top to bottom with the last
 * match winning, like ownership rules, so the order is kept.
 */
@PureLogic
public final class Codeowners {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s#]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern CODE_OWNER = Pattern.compile("@[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)?");
    private static final Pattern BUGMASTER_OWNER = Pattern.compile("#[a-z0-9][a-z0-9_-]*|[^@\\s#]+@[^@\\s]+\\.[^@\\s]+",
            Pattern.CASE_INSENSITIVE);

    private Codeowners() {}

    /** A code owner with no mapping, and the CODEOWNERS lines that name it. */
    public record Unmapped(String codeOwner, List<Integer> lines) {}

    /**
     * The result of an import: the rules text, the owners that had no mapping, and notes about
     * lines that were skipped or could not be read (by line).
     */
    public record Import(String rules, int ruleCount, List<Unmapped> unmapped, List<OwnershipRules.LineError> problems) {
        public boolean complete() {
            return unmapped.isEmpty() && problems.isEmpty();
        }
    }

    /** Parses the mapping text: one {@code <code owner> = <email or #team>} per line, {@code #} comments. */
    public static Map<String, String> parseMapping(String text) {
        Map<String, String> mapping = new LinkedHashMap<>();
        List<OwnershipRules.LineError> errors = new ArrayList<>();
        if (text == null) {
            return mapping;
        }
        String[] lines = text.split("\\r\\n|\\r|\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                errors.add(new OwnershipRules.LineError(i + 1, "expected '<code owner> = <email or #team>', got '" + line + "'"));
                continue;
            }
            String from = line.substring(0, eq).strip();
            String to = line.substring(eq + 1).strip();
            if (!CODE_OWNER.matcher(from).matches() && !EMAIL.matcher(from).matches()) {
                errors.add(new OwnershipRules.LineError(i + 1, "'" + from + "' is not a code owner; expected @user, @org/team or an email"));
            } else if (!BUGMASTER_OWNER.matcher(to).matches()) {
                errors.add(new OwnershipRules.LineError(i + 1, "'" + to + "' is not a Bugmaster owner; expected an email or #team-slug"));
            } else {
                mapping.put(from.toLowerCase(Locale.ROOT), to.toLowerCase(Locale.ROOT));
            }
        }
        if (!errors.isEmpty()) {
            throw new OwnershipRulesException(errors);
        }
        return mapping;
    }

    /** Converts a CODEOWNERS file with a mapping of code owners (lower case keys) to Bugmaster owners. */
    public static Import convert(String codeowners, Map<String, String> mapping) {
        StringBuilder rules = new StringBuilder();
        int count = 0;
        Map<String, List<Integer>> unmapped = new LinkedHashMap<>();
        List<OwnershipRules.LineError> problems = new ArrayList<>();
        String[] lines = codeowners == null ? new String[0] : codeowners.split("\\r\\n|\\r|\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty() || (line.startsWith("[") && line.contains("]"))) {
                continue; // blank, comment, or a GitLab section header
            }
            String[] parts = line.split("\\s+");
            String pattern = parts[0];
            if (parts.length < 2) {
                problems.add(new OwnershipRules.LineError(number, "'" + pattern + "' has no owners in CODEOWNERS; skipped"));
                continue;
            }
            if (pattern.startsWith("!")) {
                problems.add(new OwnershipRules.LineError(number, "negated pattern '" + pattern + "' is not supported; skipped"));
                continue;
            }
            Set<String> owners = new LinkedHashSet<>();
            for (int p = 1; p < parts.length; p++) {
                String codeOwner = parts[p];
                String key = codeOwner.toLowerCase(Locale.ROOT);
                String mapped = mapping.get(key);
                if (mapped == null && EMAIL.matcher(codeOwner).matches()) {
                    mapped = key;
                }
                if (mapped == null) {
                    if (!CODE_OWNER.matcher(codeOwner).matches()) {
                        problems.add(new OwnershipRules.LineError(number, "'" + codeOwner + "' is not a code owner; skipped"));
                    } else {
                        unmapped.computeIfAbsent(codeOwner, k -> new ArrayList<>()).add(number);
                    }
                    continue;
                }
                owners.add(mapped);
            }
            if (owners.isEmpty()) {
                problems.add(new OwnershipRules.LineError(number, "no owner of '" + pattern + "' is mapped; the rule is left out"));
                continue;
            }
            for (String glob : globs(pattern)) {
                rules.append("path:").append(glob).append(' ').append(String.join(" ", owners)).append('\n');
                count++;
            }
        }
        List<Unmapped> missing = unmapped.entrySet().stream().map(e -> new Unmapped(e.getKey(), List.copyOf(e.getValue()))).toList();
        return new Import(rules.toString(), count, missing, List.copyOf(problems));
    }

    /** One CODEOWNERS pattern as one or two ownership path globs that match at any depth. */
    static List<String> globs(String pattern) {
        String p = pattern.replace("\\ ", " ");
        if (p.equals("*") || p.equals("/*") || p.equals("**") || p.equals("/**") || p.equals("/") || p.equals("**/")) {
            return List.of("*");
        }
        boolean directory = p.endsWith("/");
        String body = p.startsWith("/") ? p.substring(1) : p;
        if (body.startsWith("**/")) {
            body = body.substring(3);
        }
        if (directory) {
            body = body.substring(0, body.length() - 1);
        }
        if (body.endsWith("/**")) {
            body = body.substring(0, body.length() - 3);
            directory = true;
        }
        String prefix = body.startsWith("*") ? "" : "*/";
        if (directory) {
            return List.of(prefix + body + "/*");
        }
        String last = body.substring(body.lastIndexOf('/') + 1);
        if (last.contains("*") || last.contains("?") || last.contains(".")) {
            return List.of(prefix + body);
        }
        // a bare name is a file or a directory
        return List.of(prefix + body, prefix + body + "/*");
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        while (hash >= 0) {
            if (hash == 0 || Character.isWhitespace(line.charAt(hash - 1))) {
                return line.substring(0, hash);
            }
            hash = line.indexOf('#', hash + 1);
        }
        return line;
    }
}
