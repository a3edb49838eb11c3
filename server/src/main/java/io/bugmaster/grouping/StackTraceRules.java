package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A project's stack trace rules (Sentry's "grouping enhancements"), which decide which frames are
 * the application's own ("in-app"), one rule per line:
 * <pre>
 * # comment
 * stack.module:com.acme.** +app
 * family:javascript stack.abs_path:**&#47;node_modules/** -app
 * stack.function:"panic handler" ^-app -app
 * </pre>
 * A rule is matchers, then actions. Every matcher must hold for a frame; {@code !} negates one.
 * Matchers: {@code stack.module} ({@code module}) and {@code stack.function} ({@code function}):
 * case-sensitive globs; {@code stack.abs_path} ({@code path}) and {@code stack.package}
 * ({@code package}): case-insensitive path globs ({@code *} stays within a segment, a leading
 * {@code **}&#47; also matches a relative name); {@code family}: java, javascript, python, native
 * or other, comma-separated; {@code app}: the frame's in-app flag so far, {@code yes} or {@code no}
 * (undecided counts as no). Actions: {@code +app} and {@code -app}, for the matching frame, or with
 * {@code ^} for the frames above it (towards the crash) or {@code v} for the frames below it.
 *
 * <p>Rules run top to bottom, each over every frame of every stack trace, so a later rule wins over
 * an earlier one. {@link #mark} says how they combine with the SDK's flags and the built-in rules.
 */
@PureLogic
public final class StackTraceRules {

    /** At most this many rules; enough for any real project, and it bounds the work per event. */
    public static final int MAX_RULES = 200;
    static final int MAX_VALUE = 256;

    private static final Set<String> FAMILIES = Set.of("java", "javascript", "python", "native", "other");
    private static final String KNOWN = "stack.module (module), stack.function (function), stack.abs_path (path), "
            + "stack.package (package), family, app";

    /**
     * The built-in rules. They decide only frames whose in-app flag the SDK left unset, and only in
     * events where the SDK marked no frame in-app: an SDK set up with in-app includes (the Java
     * SDK's {@code addInAppInclude}) has said which code is the app's, and is trusted as it is.
     */
    private static final String BUILT_IN_TEXT = """
            # Java, Kotlin, Scala, Groovy: the app is what is not the runtime or a well-known library
            family:java +app
            family:java stack.module:java.** -app
            family:java stack.module:javax.** -app
            family:java stack.module:jakarta.** -app
            family:java stack.module:jdk.** -app
            family:java stack.module:sun.** -app
            family:java stack.module:com.sun.** -app
            family:java stack.module:kotlin.** -app
            family:java stack.module:kotlinx.** -app
            family:java stack.module:scala.** -app
            family:java stack.module:groovy.** -app
            family:java stack.module:org.codehaus.groovy.** -app
            family:java stack.module:clojure.** -app
            family:java stack.module:android.** -app
            family:java stack.module:androidx.** -app
            family:java stack.module:dalvik.** -app
            family:java stack.module:com.android.** -app
            family:java stack.module:io.sentry.** -app
            family:java stack.module:org.springframework.** -app
            family:java stack.module:org.apache.** -app
            family:java stack.module:org.eclipse.** -app
            family:java stack.module:org.hibernate.** -app
            family:java stack.module:org.jboss.** -app
            family:java stack.module:org.glassfish.** -app
            family:java stack.module:io.undertow.** -app
            family:java stack.module:io.netty.** -app
            family:java stack.module:reactor.** -app
            family:java stack.module:io.reactivex.** -app
            family:java stack.module:org.reactivestreams.** -app
            family:java stack.module:io.vertx.** -app
            family:java stack.module:io.quarkus.** -app
            family:java stack.module:io.micronaut.** -app
            family:java stack.module:io.smallrye.** -app
            family:java stack.module:io.grpc.** -app
            family:java stack.module:io.micrometer.** -app
            family:java stack.module:io.opentelemetry.** -app
            family:java stack.module:org.slf4j.** -app
            family:java stack.module:ch.qos.logback.** -app
            family:java stack.module:com.fasterxml.** -app
            family:java stack.module:com.google.** -app
            family:java stack.module:com.zaxxer.** -app
            family:java stack.module:org.postgresql.** -app
            family:java stack.module:com.mysql.** -app
            family:java stack.module:org.mariadb.** -app
            family:java stack.module:org.h2.** -app
            family:java stack.module:org.sqlite.** -app
            family:java stack.module:org.flywaydb.** -app
            family:java stack.module:liquibase.** -app
            family:java stack.module:org.jooq.** -app
            family:java stack.module:org.mybatis.** -app
            family:java stack.module:com.mongodb.** -app
            family:java stack.module:io.lettuce.** -app
            family:java stack.module:redis.clients.** -app
            family:java stack.module:com.amazonaws.** -app
            family:java stack.module:software.amazon.** -app
            family:java stack.module:okhttp3.** -app
            family:java stack.module:okio.** -app
            family:java stack.module:retrofit2.** -app
            family:java stack.module:feign.** -app
            family:java stack.module:org.thymeleaf.** -app
            family:java stack.module:freemarker.** -app
            family:java stack.module:org.yaml.** -app
            family:java stack.module:com.github.benmanes.caffeine.** -app
            family:java stack.module:io.github.resilience4j.** -app
            family:java stack.module:net.bytebuddy.** -app
            family:java stack.module:org.aspectj.** -app
            family:java stack.module:org.objectweb.** -app
            family:java stack.module:org.junit.** -app
            family:java stack.module:junit.** -app
            family:java stack.module:org.testng.** -app
            family:java stack.module:org.mockito.** -app
            family:java stack.module:org.assertj.** -app
            family:java stack.module:org.hamcrest.** -app
            family:java stack.module:org.gradle.** -app
            family:java stack.module:worker.org.gradle.** -app
            family:java stack.module:com.intellij.** -app

            # JavaScript and Node.js: files of the app, not its dependencies or the runtime
            family:javascript stack.abs_path:** +app
            family:javascript stack.abs_path:**/node_modules/** -app
            family:javascript stack.abs_path:node:** -app
            family:javascript stack.abs_path:internal/** -app
            family:javascript stack.abs_path:<anonymous> -app
            family:javascript stack.abs_path:native -app
            family:javascript stack.abs_path:"[native code]" -app

            # Python: files of the app, not installed packages or the standard library
            family:python stack.abs_path:** +app
            family:python stack.abs_path:**/site-packages/** -app
            family:python stack.abs_path:**/dist-packages/** -app
            family:python stack.abs_path:**/lib/python?.*/** -app
            family:python stack.abs_path:**/python?*/lib/** -app
            family:python stack.abs_path:"<frozen *>" -app
            """;

    private static final StackTraceRules NONE = new StackTraceRules(List.of());
    private static final StackTraceRules BUILT_IN = parse(BUILT_IN_TEXT, true);

    private final List<Compiled> rules;

    private StackTraceRules(List<Compiled> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Where an action applies: the matching frame, the frames above it (towards the crash), or below it. */
    public enum Range {
        SELF(""), ABOVE("^"), BELOW("v");

        private final String prefix;

        Range(String prefix) {
            this.prefix = prefix;
        }
    }

    /** One {@code key:pattern} condition; {@code key} is canonical ({@code module}, {@code path}, ...). */
    @PureLogic
    public record Matcher(String key, String pattern, boolean negated) {
        @Override
        public String toString() {
            return (negated ? "!" : "") + key + ":" + pattern;
        }
    }

    /** Sets ({@code inApp} true) or clears the in-app flag of the frames in {@code range}. */
    @PureLogic
    public record Action(Range range, boolean inApp) {
        @Override
        public String toString() {
            return range.prefix + (inApp ? "+" : "-") + "app";
        }
    }

    /** One parsed rule, with its 1-based line and its text as written; {@code builtIn} for Bugmaster's own rules. */
    @PureLogic
    public record Rule(int line, String source, List<Matcher> matchers, List<Action> actions, boolean builtIn) {
        public Rule {
            matchers = List.copyOf(matchers);
            actions = List.copyOf(actions);
        }
    }

    /** A frame's in-app flag and the rule that set it last; a null rule means the SDK's flag stands (null: nobody decided). */
    @PureLogic
    public record Decision(Boolean inApp, Rule rule) {}

    /**
     * The flags of every frame, in the shape of the stacks given. {@code withoutBuiltIns} is what
     * the project's rules alone give on the SDK's flags, when the built-in rules changed any flag
     * (null otherwise): events grouped before the built-in rules existed keep their issues by it.
     */
    @PureLogic
    public record Marking(List<List<Decision>> decisions, List<List<Decision>> withoutBuiltIns) {}

    public static StackTraceRules none() {
        return NONE;
    }

    /** The built-in rules' text, to show people what applies before their own rules. */
    public static String builtInText() {
        return BUILT_IN_TEXT;
    }

    /**
     * Parses a project's rules text; null or blank text gives no rules.
     *
     * @throws RulesException listing every bad line
     */
    public static StackTraceRules parse(String text) {
        return parse(text, false);
    }

    private static StackTraceRules parse(String text, boolean builtIn) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Compiled> rules = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int k = 0; k < lines.length; k++) {
            String line = lines[k].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Rule rule = new LineParser(line, k + 1, builtIn, errors).parse();
            if (rule != null) {
                if (rules.size() == MAX_RULES) {
                    errors.add(new RuleError(k + 1, "more than " + MAX_RULES + " rules"));
                    break;
                }
                rules.add(Compiled.of(rule));
            }
        }
        if (!errors.isEmpty()) {
            throw new RulesException(errors);
        }
        return new StackTraceRules(rules);
    }

    public List<Rule> rules() {
        return rules.stream().map(Compiled::rule).toList();
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * Decides which frames are in-app. First the SDK's {@code in_app}; then, when the SDK marked no
     * frame of the event in-app, the built-in rules on the frames it left unset; then the project's
     * rules on every frame, over whatever came before.
     *
     * @param stacks        the event's stack traces, each caller first (frames' {@code inApp} is the SDK's flag)
     * @param eventPlatform the event's platform, for frames that name none
     * @param project       the project's rules
     */
    public static Marking mark(List<List<GroupingFrame>> stacks, String eventPlatform, StackTraceRules project) {
        Decision[][] sdk = new Decision[stacks.size()][];
        boolean anyInApp = false;
        for (int s = 0; s < stacks.size(); s++) {
            List<GroupingFrame> frames = stacks.get(s);
            sdk[s] = new Decision[frames.size()];
            for (int i = 0; i < frames.size(); i++) {
                Boolean inApp = frames.get(i).inApp();
                anyInApp |= Boolean.TRUE.equals(inApp);
                sdk[s][i] = new Decision(inApp, null);
            }
        }
        Decision[][] state = copy(sdk);
        boolean builtInsDecided = false;
        if (!anyInApp) {
            boolean[][] undecided = new boolean[stacks.size()][];
            for (int s = 0; s < stacks.size(); s++) {
                undecided[s] = new boolean[sdk[s].length];
                for (int i = 0; i < sdk[s].length; i++) {
                    undecided[s][i] = sdk[s][i].inApp() == null;
                }
            }
            BUILT_IN.apply(stacks, eventPlatform, state, undecided);
            for (int s = 0; s < stacks.size() && !builtInsDecided; s++) {
                for (int i = 0; i < state[s].length && !builtInsDecided; i++) {
                    builtInsDecided = state[s][i].inApp() != null && sdk[s][i].inApp() == null;
                }
            }
        }
        project.apply(stacks, eventPlatform, state, null);
        List<List<Decision>> without = null;
        if (builtInsDecided) {
            Decision[][] alone = copy(sdk);
            project.apply(stacks, eventPlatform, alone, null);
            without = lists(alone);
        }
        return new Marking(lists(state), without);
    }

    /** Applies the rules in order; {@code eligible} (null: all) limits which frames they may change. */
    private void apply(List<List<GroupingFrame>> stacks, String eventPlatform, Decision[][] state, boolean[][] eligible) {
        if (rules.isEmpty()) {
            return;
        }
        List<List<Facts>> facts = new ArrayList<>(stacks.size());
        for (List<GroupingFrame> frames : stacks) {
            List<Facts> list = new ArrayList<>(frames.size());
            frames.forEach(f -> list.add(Facts.of(f, eventPlatform)));
            facts.add(list);
        }
        for (Compiled rule : rules) {
            for (int s = 0; s < stacks.size(); s++) {
                Decision[] frames = state[s];
                // a rule sees the flags as they were before it: its own changes do not feed its app: matcher
                boolean[] matched = new boolean[frames.length];
                for (int i = 0; i < frames.length; i++) {
                    matched[i] = (eligible == null || eligible[s][i]) && rule.matches(facts.get(s).get(i), frames[i].inApp());
                }
                for (int i = 0; i < frames.length; i++) {
                    if (!matched[i]) {
                        continue;
                    }
                    for (Action action : rule.rule().actions()) {
                        int from = switch (action.range()) {
                            case SELF -> i;
                            case ABOVE -> i + 1;
                            case BELOW -> 0;
                        };
                        int to = switch (action.range()) {
                            case SELF -> i + 1;
                            case ABOVE -> frames.length;
                            case BELOW -> i;
                        };
                        for (int j = from; j < to; j++) {
                            if (eligible == null || eligible[s][j]) {
                                frames[j] = new Decision(action.inApp(), rule.rule());
                            }
                        }
                    }
                }
            }
        }
    }

    private static Decision[][] copy(Decision[][] state) {
        Decision[][] copy = new Decision[state.length][];
        for (int s = 0; s < state.length; s++) {
            copy[s] = state[s].clone();
        }
        return copy;
    }

    private static List<List<Decision>> lists(Decision[][] state) {
        List<List<Decision>> out = new ArrayList<>(state.length);
        for (Decision[] frames : state) {
            out.add(List.of(frames));
        }
        return out;
    }

    /**
     * What matchers look at in a frame: blank values are absent; paths use {@code /} and are
     * lower-cased once here, for the case-insensitive path globs.
     */
    private record Facts(String family, String module, String function, String absPath, String filename, String packageName) {
        static Facts of(GroupingFrame f, String eventPlatform) {
            return new Facts(Frames.family(f.platform() != null ? f.platform() : eventPlatform), text(f.module()),
                    text(f.function()), path(f.absPath()), path(f.filename()), path(f.packageName()));
        }

        private static String text(String value) {
            return value == null || value.isBlank() ? null : value;
        }

        private static String path(String value) {
            return value == null || value.isBlank() ? null : value.replace('\\', '/').toLowerCase(Locale.ROOT);
        }
    }

    /** A rule with its matchers made into tests once, not per frame. */
    private record Compiled(Rule rule, List<Predicate<Facts>> tests, List<Boolean> negated, int appMatcher) {
        static Compiled of(Rule rule) {
            List<Predicate<Facts>> tests = new ArrayList<>();
            List<Boolean> negated = new ArrayList<>();
            int app = 0;
            for (Matcher m : rule.matchers()) {
                if (m.key().equals("app")) {
                    app = (isYes(m.pattern()) != m.negated()) ? 1 : -1;
                    continue;
                }
                tests.add(test(m));
                negated.add(m.negated());
            }
            return new Compiled(rule, tests, negated, app);
        }

        /** {@code appMatcher}: 0 no app: matcher, 1 needs in-app, -1 needs not in-app (undecided counts as not). */
        boolean matches(Facts facts, Boolean inApp) {
            if (appMatcher != 0 && Boolean.TRUE.equals(inApp) != (appMatcher == 1)) {
                return false;
            }
            for (int k = 0; k < tests.size(); k++) {
                if (tests.get(k).test(facts) == negated.get(k)) {
                    return false;
                }
            }
            return true;
        }

        private static Predicate<Facts> test(Matcher m) {
            return switch (m.key()) {
                case "family" -> {
                    List<Glob> globs = new ArrayList<>();
                    for (String family : m.pattern().split(",")) {
                        if (!family.isBlank()) {
                            globs.add(Glob.of(family.strip()));
                        }
                    }
                    yield f -> {
                        for (Glob glob : globs) {
                            if (glob.matchesFolded(f.family())) {
                                return true;
                            }
                        }
                        return false;
                    };
                }
                case "module" -> {
                    Glob glob = Glob.caseSensitive(m.pattern());
                    yield f -> glob.matches(f.module());
                }
                case "function" -> {
                    Glob glob = Glob.caseSensitive(m.pattern());
                    yield f -> glob.matches(f.function());
                }
                case "package" -> {
                    Glob glob = Glob.path(m.pattern());
                    yield f -> glob.matchesFolded(f.packageName());
                }
                default -> {
                    Glob glob = Glob.path(m.pattern());
                    yield f -> glob.matchesFolded(f.absPath()) || glob.matchesFolded(f.filename());
                }
            };
        }
    }

    private static boolean isYes(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return v.equals("yes") || v.equals("true") || v.equals("1");
    }

    private static boolean isYesOrNo(String value) {
        return Set.of("yes", "no", "true", "false", "1", "0").contains(value.toLowerCase(Locale.ROOT));
    }

    /** Canonical key for a written matcher key, or null when unknown. */
    private static String canonicalKey(String key) {
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "stack.module", "module" -> "module";
            case "stack.function", "function" -> "function";
            case "stack.abs_path", "path" -> "path";
            case "stack.package", "package" -> "package";
            case "family" -> "family";
            case "app" -> "app";
            default -> null;
        };
    }

    /** Parses one non-comment line; records an error and returns null when the line is bad. */
    private static final class LineParser {
        private final String line;
        private final int lineNo;
        private final boolean builtIn;
        private final List<RuleError> errors;
        private int pos;

        LineParser(String line, int lineNo, boolean builtIn, List<RuleError> errors) {
            this.line = line;
            this.lineNo = lineNo;
            this.builtIn = builtIn;
            this.errors = errors;
        }

        Rule parse() {
            List<Matcher> matchers = new ArrayList<>();
            List<Action> actions = new ArrayList<>();
            while (true) {
                while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
                    pos++;
                }
                if (pos >= line.length()) {
                    break;
                }
                int start = pos;
                char c = line.charAt(pos);
                if (c == '[' || c == '|') {
                    return error("matching the frames around a frame ('[ ... ] |' and '| [ ... ]') is not supported");
                }
                if (c == '+' || c == '-' || c == '^' || (c == 'v' && pos + 1 < line.length()
                        && (line.charAt(pos + 1) == '+' || line.charAt(pos + 1) == '-'))) {
                    String word = word();
                    Action action = action(word);
                    if (action == null) {
                        return null;
                    }
                    actions.add(action);
                    continue;
                }
                if (!actions.isEmpty()) {
                    return error("'" + word() + "' after the actions: write the matchers first, then +app or -app");
                }
                boolean negated = c == '!';
                if (negated) {
                    pos++;
                    start = pos;
                }
                while (pos < line.length() && line.charAt(pos) != ':' && line.charAt(pos) != '='
                        && !Character.isWhitespace(line.charAt(pos))) {
                    pos++;
                }
                String key = line.substring(start, pos);
                if (pos < line.length() && line.charAt(pos) == '=') {
                    return error("'" + key + "=' (a variable action such as max-frames) is not supported: "
                            + "stack trace rules here set in-app only (+app, -app)");
                }
                if (pos >= line.length() || line.charAt(pos) != ':') {
                    return error("expected matcher:value or an action (+app, -app) but found '" + key + "'");
                }
                pos++;
                String canonical = canonicalKey(key);
                if (canonical == null) {
                    return error(key.equalsIgnoreCase("category")
                            ? "the category matcher is not supported (known: " + KNOWN + ")"
                            : "unknown matcher '" + key + "' (known: " + KNOWN + ")");
                }
                String value;
                if (pos < line.length() && line.charAt(pos) == '"') {
                    value = quoted();
                    if (value == null) {
                        return null;
                    }
                } else {
                    value = word();
                }
                if (value.isEmpty()) {
                    return error("matcher '" + key + "' has no value");
                }
                if (value.length() > MAX_VALUE) {
                    return error("the value of '" + key + "' is longer than " + MAX_VALUE + " characters");
                }
                if (canonical.equals("app") && !isYesOrNo(value)) {
                    return error("app: takes yes or no, not '" + value + "'");
                }
                if (canonical.equals("family")) {
                    for (String family : value.split(",")) {
                        String f = family.strip().toLowerCase(Locale.ROOT);
                        if (!f.isEmpty() && !FAMILIES.contains(f) && !f.contains("*")) {
                            return error("unknown family '" + family.strip() + "' (known: java, javascript, python, native, other)");
                        }
                    }
                }
                matchers.add(new Matcher(canonical, value, negated));
            }
            if (matchers.isEmpty()) {
                return error("no matcher: a rule starts with what it matches, for example stack.module:com.acme.** +app");
            }
            if (actions.isEmpty()) {
                return error("no action: end the rule with +app or -app");
            }
            return new Rule(lineNo, line, matchers, actions, builtIn);
        }

        private Action action(String word) {
            Range range = Range.SELF;
            String rest = word;
            if (rest.startsWith("^")) {
                range = Range.ABOVE;
                rest = rest.substring(1);
            } else if (rest.startsWith("v")) {
                range = Range.BELOW;
                rest = rest.substring(1);
            }
            if (rest.length() < 2 || (rest.charAt(0) != '+' && rest.charAt(0) != '-')) {
                error("unknown action '" + word + "' (known: +app, -app, with ^ or v before them for the frames above or below)");
                return null;
            }
            String flag = rest.substring(1);
            if (flag.equals("group")) {
                error("'" + word + "' is not supported: stack trace rules here set in-app only (+app, -app); "
                        + "use fingerprint rules to change grouping");
                return null;
            }
            if (!flag.equals("app")) {
                error("unknown action '" + word + "' (known: +app, -app, with ^ or v before them for the frames above or below)");
                return null;
            }
            return new Action(range, rest.charAt(0) == '+');
        }

        private String word() {
            int start = pos;
            while (pos < line.length() && !Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
            return line.substring(start, pos);
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

        private Rule error(String message) {
            errors.add(new RuleError(lineNo, message));
            return null;
        }
    }
}
