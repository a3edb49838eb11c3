package io.bugmaster.grouping;

import java.util.ArrayList;
import java.util.List;

/** Event shapes copied by hand from /work/shared/fixtures (Java SDK 8.62.0, @sentry/node 11.11.0) and realistic variations. */
final class Fixtures {

    private Fixtures() {}

    static GroupingFrame java(String module, String function, String filename, int line) {
        return new GroupingFrame(filename, null, module, function, line, null, null, null, null);
    }

    static GroupingFrame java(String module, String function, int line, Boolean inApp) {
        return new GroupingFrame(null, null, module, function, line, inApp, null, null, null);
    }

    /** java-envelope.txt request 002: NumberFormatException, no in_app flags, crashing frame last. */
    static List<GroupingFrame> javaProbeFrames(int mainLine) {
        return List.of(
                java("SentryProbe", "main", "SentryProbe.java", mainLine),
                java("java.lang.Integer", "parseInt", "Integer.java", 786),
                java("java.lang.Integer", "parseInt", "Integer.java", 668),
                java("java.lang.NumberFormatException", "forInputString", "NumberFormatException.java", 67));
    }

    static GroupingException javaProbeException(String value, int mainLine) {
        return new GroupingException("NumberFormatException", value, "java.lang", "chained", false, javaProbeFrames(mainLine));
    }

    static GroupingEvent javaProbeEvent(String value, int mainLine, String release) {
        return GroupingEvent.builder().platform("java").release(release).environment("feas").tag("probe", "java")
                .sdkFingerprint(List.of()).exception(javaProbeException(value, mainLine)).build();
    }

    static GroupingFrame node(String filename, String module, String function, int line, Boolean inApp, String context) {
        return new GroupingFrame(filename, null, module, function, line, inApp, null, null, context);
    }

    /** node-envelope.txt request 003: SyntaxError from JSON.parse inside /app/probe.js. */
    static List<GroupingFrame> nodeProbeFrames(int appLine) {
        return List.of(
                node("node:internal/main/run_main_module", "run_main_module", "?", 28, false, null),
                node("node:internal/modules/run_main", "run_main", "Function.executeUserEntryPoint [as runMain]", 164, false, null),
                node("node:internal/modules/cjs/loader", "loader", "Module._load", 1091, false, null),
                node("node:internal/modules/cjs/loader", "loader", "Module.load", 1266, false, null),
                node("node:internal/modules/cjs/loader", "loader", "Module._extensions..js", 1623, false, null),
                node("node:internal/modules/cjs/loader", "loader", "Module._compile", 1521, false, null),
                node("/app/probe.js", "probe", "Object.?", appLine, true,
                        "try { JSON.parse('{boom'); } catch (e) { console.log('captured', Sentry.captureException(e)); }"),
                node("<anonymous>", "<anonymous>", "JSON.parse", 0, false, null));
    }

    static GroupingEvent nodeProbeEvent(String value, int appLine) {
        return GroupingEvent.builder().platform("node").level("error").release("probe@1.0.0")
                .exception(new GroupingException("SyntaxError", value, null, "generic", false, nodeProbeFrames(appLine)))
                .build();
    }

    /** node-envelope.txt request 004: captureMessage with a stack trace (synthetic exception without type). */
    static GroupingEvent nodeMessageEvent(String message, int appLine) {
        List<GroupingFrame> frames = new ArrayList<>(nodeProbeFrames(appLine).subList(0, 6));
        frames.add(node("/app/probe.js", "probe", "Object.?", appLine, true, "Sentry.captureMessage('hello from node probe');"));
        return GroupingEvent.builder().platform("node").level("info").message(message)
                .exception(new GroupingException(null, message, null, "generic", true, frames)).build();
    }

    /** A browser event from a minified bundle whose name carries a content hash. */
    static GroupingEvent browserEvent(String bundleHash, String host, int line, int column) {
        String url = "https://" + host + "/static/js/main." + bundleHash + ".js";
        String vendor = "https://" + host + "/static/js/vendors~main." + bundleHash + ".chunk.js";
        return GroupingEvent.builder().platform("javascript")
                .exception(new GroupingException("TypeError", "Cannot read properties of undefined (reading 'id')", null,
                        "onerror", false, List.of(
                        new GroupingFrame(vendor, vendor, null, "HTMLButtonElement.dispatch", line + 7, false, null, null, null),
                        new GroupingFrame(url + "?v=" + column, url, null, "handleCheckout", line, true, null, null,
                                "!function(e){var t={};function n(r){if(t[r])return t[r].exports;var o=t[r]={i:r,l:!1,exports:{}};return e[r].call(o.exports,o,o.exports,n),o.l=!0,o.exports}"),
                        new GroupingFrame(url, url, null, "renderTotal", line + 1, true, null, null, null))))
                .build();
    }

    static GroupingFrame python(String module, String function, String path, int line, Boolean inApp) {
        return new GroupingFrame(path.substring(path.lastIndexOf('/') + 1), path, module, function, line, inApp, null, null, null);
    }

    static GroupingEvent pythonKeyError(int viewLine, String key) {
        return GroupingEvent.builder().platform("python")
                .exception(new GroupingException("KeyError", "'" + key + "'", "builtins", "generic", false, List.of(
                        python("django.core.handlers.base", "_get_response", "/usr/lib/python3.12/site-packages/django/core/handlers/base.py", 197, false),
                        python("shop.views", "checkout", "/srv/shop/views.py", viewLine, true),
                        python("shop.cart", "price_of", "/srv/shop/cart.py", 40, true))))
                .build();
    }
}
