package io.bugmaster.releases;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Which commit most likely caused an issue: the newest commit of a release that touched a file of
 * the in-app stack frames. Frames name files in many ways (a bare {@code Pay.java} with the
 * module {@code com.acme.checkout.Pay}, {@code webpack://shop/./src/app/checkout.js}, an absolute
 * {@code /srv/app/acme/checkout/pay.py}); commit files are repository paths. Both are reduced to
 * relative paths and match when one ends with the other at a path boundary.
 */
@PureLogic
public final class SuspectCommits {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:/");
    private static final Pattern MODULE = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+");
    private static final Set<String> JVM = Set.of("java", "kotlin", "scala", "groovy", "clojure", "android");
    private static final List<String> LIBRARY_DIRS = List.of("node_modules/", "site-packages/", "dist-packages/", "vendor/bundle/");

    private SuspectCommits() {}

    /** One stack frame's location fields. {@code inApp} null when the SDK did not say. */
    public record Frame(String filename, String absPath, String module, String function, Boolean inApp) {}

    /** A file name to look for in commits; {@code anyExtension} when it came from a module name (no extension known). */
    public record PathHint(String path, boolean anyExtension) {}

    /** A commit that may be the suspect, with the paths it touched. */
    public record Candidate(long commitId, Instant timestamp, int ordering, List<String> paths) {}

    public record Match(long commitId, String path, Frame frame) {}

    /** The event's stack frames (exceptions, then a top-level stack trace, then threads), each list caller first. */
    public static List<Frame> frames(JsonNode event) {
        List<Frame> frames = new ArrayList<>();
        if (event == null || !event.isObject()) {
            return frames;
        }
        JsonNode exception = event.path("exception");
        JsonNode values = exception.isArray() ? exception : exception.path("values");
        for (JsonNode value : values) {
            addFrames(value.path("stacktrace"), frames);
        }
        addFrames(event.path("stacktrace"), frames);
        for (JsonNode thread : event.path("threads").path("values")) {
            addFrames(thread.path("stacktrace"), frames);
        }
        return frames;
    }

    private static void addFrames(JsonNode stacktrace, List<Frame> into) {
        for (JsonNode frame : stacktrace.path("frames")) {
            if (!frame.isObject()) {
                continue;
            }
            JsonNode inApp = frame.path("in_app");
            into.add(new Frame(text(frame, "filename"), text(frame, "abs_path"), text(frame, "module"), text(frame, "function"),
                    inApp.isBoolean() ? inApp.booleanValue() : null));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    /**
     * The frames that are the application's own code: those marked in-app; when none is marked, the
     * ones not marked otherwise that are not in a library directory.
     */
    public static List<Frame> inApp(List<Frame> frames) {
        List<Frame> marked = frames.stream().filter(f -> Boolean.TRUE.equals(f.inApp())).toList();
        if (!marked.isEmpty()) {
            return marked;
        }
        return frames.stream().filter(f -> f.inApp() == null && !inLibrary(f)).toList();
    }

    private static boolean inLibrary(Frame frame) {
        for (String name : new String[] {frame.filename(), frame.absPath()}) {
            if (name != null) {
                String path = name.replace('\\', '/');
                if (LIBRARY_DIRS.stream().anyMatch(path::contains)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The paths a frame may have in a repository, most specific first. */
    public static List<PathHint> hints(Frame frame, String platform) {
        List<PathHint> hints = new ArrayList<>();
        String module = frame.module() == null ? null : frame.module().strip();
        boolean dottedModule = module != null && MODULE.matcher(module).matches();
        String moduleDir = null;
        if (dottedModule) {
            String path = module.replace('.', '/');
            int last = path.lastIndexOf('/');
            String tail = path.substring(last + 1);
            int inner = tail.indexOf('$');
            if (inner > 0) {
                tail = tail.substring(0, inner);
            }
            if (!tail.isEmpty() && tail.indexOf('$') < 0) {
                moduleDir = path.substring(0, last);
                hints.add(new PathHint(moduleDir + "/" + tail, true));
                if (isPython(platform)) {
                    hints.add(new PathHint(moduleDir + "/" + tail + "/__init__", true));
                }
            }
        }
        String filename = normalize(frame.filename());
        if (filename != null) {
            if (filename.indexOf('/') >= 0) {
                hints.add(0, new PathHint(filename, false));
            } else if (moduleDir != null && isJvm(platform, frame)) {
                // a JVM frame names the file only; its package gives the directory
                hints.add(0, new PathHint(moduleDir + "/" + filename, false));
            } else if (moduleDir == null) {
                hints.add(new PathHint(filename, false));
            }
        }
        String absPath = normalize(frame.absPath());
        if (absPath != null && !absPath.equals(filename) && absPath.indexOf('/') >= 0) {
            hints.add(new PathHint(absPath, false));
        }
        return hints.stream().distinct().toList();
    }

    private static boolean isPython(String platform) {
        return platform == null || platform.toLowerCase(Locale.ROOT).startsWith("python");
    }

    private static boolean isJvm(String platform, Frame frame) {
        if (platform != null && JVM.contains(platform.toLowerCase(Locale.ROOT))) {
            return true;
        }
        String name = frame.filename().toLowerCase(Locale.ROOT);
        return name.endsWith(".java") || name.endsWith(".kt") || name.endsWith(".scala") || name.endsWith(".groovy");
    }

    /**
     * A file name or URL from a frame as a relative path: no scheme, host, webpack namespace, query,
     * drive letter or leading {@code ./}, {@code ../}, {@code ~/} or {@code /}. Null when nothing is left.
     */
    public static String normalize(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String path = name.strip().replace('\\', '/');
        int cut = indexOfAny(path, '?', '#');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        var scheme = SCHEME.matcher(path);
        if (scheme.find()) {
            String kind = path.substring(0, scheme.end() - 3).toLowerCase(Locale.ROOT);
            path = path.substring(scheme.end());
            if (kind.equals("webpack") || kind.equals("webpack-internal")) {
                // webpack://<namespace>/./src/a.js or webpack:///./src/a.js
                if (!path.startsWith("/")) {
                    int slash = path.indexOf('/');
                    path = slash < 0 ? path : path.substring(slash);
                }
            } else if (!kind.equals("file") && !kind.equals("app")) {
                int slash = path.indexOf('/');
                path = slash < 0 ? "" : path.substring(slash);
            }
        }
        path = DRIVE.matcher(path).replaceFirst("");
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String prefix : new String[] {"/", "./", "../", "~/"}) {
                if (path.startsWith(prefix)) {
                    path = path.substring(prefix.length());
                    changed = true;
                }
            }
        }
        path = path.replace("/./", "/");
        while (path.contains("//")) {
            path = path.replace("//", "/");
        }
        return path.isEmpty() || path.equals(".") ? null : path;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : (j < 0 ? i : Math.min(i, j));
    }

    /** Whether a repository path is the file a hint describes. */
    public static boolean matches(String repositoryPath, PathHint hint) {
        String path = normalize(repositoryPath);
        if (path == null) {
            return false;
        }
        if (hint.anyExtension()) {
            int slash = path.lastIndexOf('/');
            int dot = path.lastIndexOf('.');
            if (dot > slash + 1) {
                path = path.substring(0, dot);
            }
        }
        return suffixAtBoundary(path, hint.path()) || suffixAtBoundary(hint.path(), path);
    }

    /** {@code longer} is {@code shorter}, or ends with {@code "/" + shorter}. */
    private static boolean suffixAtBoundary(String longer, String shorter) {
        return longer.equals(shorter)
                || (longer.length() > shorter.length() && longer.endsWith(shorter) && longer.charAt(longer.length() - shorter.length() - 1) == '/');
    }

    /**
     * The newest candidate commit (by timestamp, then by its place in the release) that touched a
     * file of an in-app frame, with the file and the frame (the one nearest the crash).
     */
    public static Optional<Match> suspect(List<Frame> frames, String platform, List<Candidate> commits) {
        List<Frame> appFrames = new ArrayList<>(inApp(frames));
        java.util.Collections.reverse(appFrames); // crashing frame first
        List<List<PathHint>> hints = appFrames.stream().map(f -> hints(f, platform)).toList();
        if (hints.stream().allMatch(List::isEmpty)) {
            return Optional.empty();
        }
        Comparator<Candidate> newestFirst = Comparator
                .comparing(Candidate::timestamp, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparingInt(Candidate::ordering);
        for (Candidate commit : commits.stream().sorted(newestFirst).toList()) {
            for (int i = 0; i < appFrames.size(); i++) {
                for (PathHint hint : hints.get(i)) {
                    for (String path : commit.paths()) {
                        if (matches(path, hint)) {
                            return Optional.of(new Match(commit.commitId(), path, appFrames.get(i)));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }
}
