package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How one frame takes part in grouping: its platform family, whether it is in-app, and the
 * cleaned module (or file) and function that may go into the hash, or why it is ignored.
 * Line and column numbers are never read.
 */
@PureLogic
public final class Frames {

    /** Longest module, file or function considered; longer values are cut. */
    static final int MAX_FIELD = 512;

    /** A frame after analysis; {@code ignoredBecause} is null when the frame can contribute. */
    @PureLogic
    public record FrameView(GroupingFrame raw, String family, boolean inApp, String module, String function,
            String ignoredBecause) {

        /** The values shown and hashed for this frame: module (or file) then function, each when present. */
        public List<String> values() {
            List<String> values = new ArrayList<>(2);
            if (module != null) {
                values.add(module);
            }
            if (function != null) {
                values.add(function);
            }
            return values;
        }
    }

    // Java runtime-generated class names: the numbers and hashes differ between JVM runs.
    private static final Pattern[] JAVA_PATTERNS = {
            Pattern.compile("\\$\\$(EnhancerBy|FastClassBy)(Spring)?CGLIB\\$\\$[0-9a-fA-F]+"),
            Pattern.compile("\\$\\$SpringCGLIB\\$\\$\\d+"),
            Pattern.compile("_\\$\\$_javassist_\\d+"),
            Pattern.compile("_\\$\\$_jvst[0-9a-fA-F]+_[0-9a-fA-F]+"),
            Pattern.compile("\\$HibernateProxy\\$[A-Za-z0-9]+"),
            Pattern.compile("\\$ByteBuddy\\$[A-Za-z0-9]+"),
            Pattern.compile("\\$MockitoMock\\$[A-Za-z0-9]+"),
            Pattern.compile("\\$Proxy\\d+"),
            Pattern.compile("jdk\\.proxy\\d+"),
    };
    private static final String[] JAVA_REPLACEMENTS = {
            "\\$\\$$1$2CGLIB\\$\\$<auto>",
            "\\$\\$SpringCGLIB\\$\\$<auto>",
            "_\\$\\$_javassist_<auto>",
            "_\\$\\$_jvst<auto>",
            "\\$HibernateProxy\\$<auto>",
            "\\$ByteBuddy\\$<auto>",
            "\\$MockitoMock\\$<auto>",
            "\\$Proxy<auto>",
            "jdk.proxy<auto>",
    };
    /** A literal each of {@link #JAVA_PATTERNS} needs: the regex runs only on names that contain it. */
    private static final String[] JAVA_MARKERS = {
            "CGLIB$$", "$$SpringCGLIB$$", "_$$_javassist_", "_$$_jvst", "$HibernateProxy$", "$ByteBuddy$", "$MockitoMock$",
            "$Proxy", "jdk.proxy",
    };
    private static final Pattern JAVA_ACCESSOR =
            Pattern.compile("(Generated(?:Method|Constructor|SerializationConstructor)Accessor)\\d+");
    private static final Pattern JAVA_SYNTHETIC_METHOD = Pattern.compile("(access|CGLIB\\$\\w{1,200}?)\\$\\d+");
    private static final Pattern JS_ALIAS = Pattern.compile(" \\[as [^\\]]{0,200}\\]$");
    private static final Pattern JS_INDEX = Pattern.compile(" \\(index \\d+\\)$");

    private Frames() {}

    /** The platform family of a platform name: java, javascript, python, native or other. */
    public static String family(String platform) {
        if (platform == null) {
            return "other";
        }
        return switch (platform.toLowerCase(Locale.ROOT)) {
            case "java", "kotlin", "scala", "groovy", "clojure", "android" -> "java";
            case "javascript", "node", "typescript", "react-native" -> "javascript";
            case "python" -> "python";
            case "native", "c", "cocoa", "objc", "swift" -> "native";
            default -> "other";
        };
    }

    public static FrameView analyze(GroupingFrame frame, String eventPlatform) {
        String family = family(frame.platform() != null ? frame.platform() : eventPlatform);
        boolean inApp = inApp(frame, family);
        String module;
        String function;
        String ignored = null;
        switch (family) {
            case "java" -> {
                module = cleanJava(blankToNull(frame.module()));
                function = blankToNull(cut(frame.function()));
                if ((frame.module() != null && frame.module().contains("$$Lambda"))
                        || (function != null && function.contains("lambda$"))) {
                    ignored = "lambda frame ignored";
                }
                if (function != null && function.indexOf('$') >= 0) {
                    function = JAVA_SYNTHETIC_METHOD.matcher(function).replaceAll("$1\\$<n>");
                }
                if (module == null) {
                    module = basename(frame.filename() != null ? frame.filename() : frame.absPath());
                }
            }
            case "javascript" -> {
                module = jsModule(frame);
                function = jsFunction(frame.function());
                if (function == null) {
                    String context = frame.contextLine() == null ? null : frame.contextLine().strip();
                    if (context != null && !context.isEmpty() && context.length() <= 120) {
                        function = context;
                    }
                }
            }
            default -> {
                module = cut(blankToNull(frame.module()));
                if (module == null) {
                    module = basename(frame.filename() != null ? frame.filename() : frame.absPath());
                }
                function = blankToNull(cut(frame.function()));
                if ("?".equals(function) || "<unknown>".equals(function)) {
                    function = null;
                }
            }
        }
        if (ignored == null && module == null && function == null) {
            ignored = "no module, file or function";
        }
        return new FrameView(frame, family, inApp, module, function, ignored);
    }

    /** The SDK's in_app when it said; otherwise, for JavaScript, anything not from node_modules or node internals. */
    static boolean inApp(GroupingFrame frame, String family) {
        if (frame.inApp() != null) {
            return frame.inApp();
        }
        if (!family.equals("javascript")) {
            return false;
        }
        String path = frame.absPath() != null ? frame.absPath() : frame.filename();
        if (path == null || path.isBlank()) {
            return false;
        }
        return !(path.contains("node_modules") || path.startsWith("node:") || path.startsWith("internal/")
                || path.equals("<anonymous>") || path.equals("native") || path.equals("[native code]"));
    }

    static String cleanJava(String module) {
        if (module == null) {
            return null;
        }
        String cleaned = cut(module);
        for (int k = 0; k < JAVA_PATTERNS.length; k++) {
            if (cleaned.contains(JAVA_MARKERS[k])) {
                cleaned = JAVA_PATTERNS[k].matcher(cleaned).replaceAll(JAVA_REPLACEMENTS[k]);
            }
        }
        return cleaned.contains("Accessor") ? JAVA_ACCESSOR.matcher(cleaned).replaceAll("$1") : cleaned;
    }

    private static String jsModule(GroupingFrame frame) {
        String module = blankToNull(frame.module());
        if (module != null && !module.equals("<anonymous>")) {
            module = cut(module);
            if (module.contains("/") || module.contains("://")) {
                return cleanJsPath(module);
            }
            return dropHashPieces(module, '.');
        }
        String path = blankToNull(frame.absPath()) != null ? frame.absPath() : blankToNull(frame.filename());
        if (path == null || path.equals("<anonymous>")) {
            return null;
        }
        return cleanJsPath(cut(path));
    }

    /**
     * A JavaScript file or URL reduced to its stable name: no bundler prefix, scheme, host, query
     * or fragment, only the basename, and without the content hashes and version pieces of
     * bundle names ({@code https://cdn.x/static/js/main.3f2a1b.js?v=2} becomes {@code main.js}).
     */
    static String cleanJsPath(String path) {
        String p = path;
        for (String prefix : new String[] {"webpack-internal:///", "webpack:///", "webpack://", "app:///", "file://"}) {
            if (p.startsWith(prefix)) {
                p = p.substring(prefix.length());
                break;
            }
        }
        int scheme = p.indexOf("://");
        if (scheme >= 0) {
            int slash = p.indexOf('/', scheme + 3);
            p = slash < 0 ? "" : p.substring(slash);
        }
        int cutAt = p.length();
        int q = p.indexOf('?');
        int h = p.indexOf('#');
        if (q >= 0) {
            cutAt = Math.min(cutAt, q);
        }
        if (h >= 0) {
            cutAt = Math.min(cutAt, h);
        }
        p = p.substring(0, cutAt);
        String base = basename(p);
        if (base == null) {
            return null;
        }
        String extension = "";
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            extension = base.substring(dot);
            base = base.substring(0, dot);
        }
        StringBuilder cleaned = new StringBuilder();
        for (String piece : base.split("\\.")) {
            String kept = dropHashPieces(piece, '-');
            if (!kept.isEmpty() && !isHashLike(kept)) {
                if (cleaned.length() > 0) {
                    cleaned.append('.');
                }
                cleaned.append(kept);
            }
        }
        if (cleaned.length() == 0) {
            cleaned.append(base);
        }
        return cleaned.append(extension).toString();
    }

    /** Drops hash-like pieces after the first one of a name split at {@code separator}. */
    private static String dropHashPieces(String name, char separator) {
        String[] pieces = name.split(Pattern.quote(String.valueOf(separator)), -1);
        StringBuilder kept = new StringBuilder();
        for (int k = 0; k < pieces.length; k++) {
            if (k > 0 && isHashLike(pieces[k])) {
                continue;
            }
            if (kept.length() > 0) {
                kept.append(separator);
            }
            kept.append(pieces[k]);
        }
        return kept.toString();
    }

    /** All digits, or at least five letters and digits with both a digit and a letter (content hashes). */
    static boolean isHashLike(String piece) {
        if (piece.isEmpty()) {
            return false;
        }
        boolean digit = false;
        boolean letter = false;
        for (int k = 0; k < piece.length(); k++) {
            char c = piece.charAt(k);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
                letter = true;
            } else {
                return false;
            }
        }
        return digit && (!letter || piece.length() >= 5);
    }

    /** A JavaScript function name without alias and index decorations; null when anonymous. */
    static String jsFunction(String function) {
        String f = blankToNull(cut(function));
        if (f == null) {
            return null;
        }
        f = JS_ALIAS.matcher(f).replaceAll("");
        f = JS_INDEX.matcher(f).replaceAll("");
        f = f.strip();
        if (f.startsWith("async ")) {
            f = f.substring(6).strip();
        }
        if (f.isEmpty() || f.equals("?") || f.equals("<anonymous>") || f.equals("anonymous")
                || f.endsWith(".?") || f.endsWith(".<anonymous>") || f.equals("new <anonymous>")) {
            return null;
        }
        return f;
    }

    static String basename(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        String p = cut(path);
        int slash = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
        String base = p.substring(slash + 1);
        return base.isBlank() ? null : base.toLowerCase(Locale.ROOT);
    }

    static String cut(String value) {
        return value == null ? null : MessageNormalizer.truncate(value, MAX_FIELD);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
