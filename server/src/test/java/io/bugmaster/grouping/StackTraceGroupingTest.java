package io.bugmaster.grouping;

import static io.bugmaster.grouping.Fixtures.java;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackTraceGroupingTest {

    private static GroupingResult group(GroupingEvent event) {
        return Strategies.current().group(event, FingerprintRules.none());
    }

    private static GroupingEvent javaEvent(String type, String value, List<GroupingFrame> frames) {
        return GroupingEvent.builder().platform("java")
                .exception(new GroupingException(type, value, null, "UncaughtExceptionHandler", false, frames)).build();
    }

    private static List<GroupingFrame> checkoutFrames(GroupingFrame... middle) {
        List<GroupingFrame> frames = new ArrayList<>();
        frames.add(java("java.lang.Thread", "run", 840, false));
        frames.add(java("com.acme.web.CheckoutController", "submit", 51, true));
        Collections.addAll(frames, middle);
        frames.add(java("com.acme.billing.Checkout", "pay", 88, true));
        frames.add(java("java.util.Objects", "requireNonNull", 233, false));
        return frames;
    }

    @Test
    void javaFixtureGroupsByAllFramesWhenNoneIsInApp() {
        GroupingResult result = group(Fixtures.javaProbeEvent("For input string: \"boom\"", 14, "probe@1.0.0"));

        assertThat(result.variant()).isEqualTo("stacktrace");
        assertThat(result.hash()).matches("[0-9a-f]{32}");
        assertThat(result.contributing()).extracting(Component::values).containsExactly(
                List.of("NumberFormatException"),
                List.of("SentryProbe", "main"),
                List.of("java.lang.Integer", "parseInt"),
                List.of("java.lang.NumberFormatException", "forInputString"));
        assertThat(result.components()).filteredOn(c -> "recursion collapsed".equals(c.hint())).hasSize(1);
    }

    @Test
    void sameBugOnAnotherLineAndReleaseGroupsTogether() {
        GroupingResult before = group(Fixtures.javaProbeEvent("For input string: \"boom\"", 14, "probe@1.0.0"));
        GroupingResult after = group(Fixtures.javaProbeEvent("For input string: \"bang\"", 27, "probe@1.1.0"));

        assertThat(after.hash()).isEqualTo(before.hash());
    }

    @Test
    void differentExceptionTypeDoesNotGroup() {
        GroupingResult npe = group(javaEvent("NullPointerException", null, checkoutFrames()));
        GroupingResult iae = group(javaEvent("IllegalArgumentException", null, checkoutFrames()));

        assertThat(npe.hash()).isNotEqualTo(iae.hash());
    }

    @Test
    void differentInAppPathDoesNotGroup() {
        GroupingResult viaCart = group(javaEvent("NullPointerException", null,
                checkoutFrames(java("com.acme.cart.Cart", "total", 10, true))));
        GroupingResult viaCoupon = group(javaEvent("NullPointerException", null,
                checkoutFrames(java("com.acme.cart.Coupons", "apply", 10, true))));

        assertThat(viaCart.hash()).isNotEqualTo(viaCoupon.hash());
    }

    @Test
    void onlyInAppFramesCountWhenThereAreAny() {
        GroupingResult plain = group(javaEvent("NullPointerException", null, checkoutFrames()));
        List<GroupingFrame> otherServer = new ArrayList<>(checkoutFrames());
        otherServer.set(0, java("org.eclipse.jetty.util.thread.QueuedThreadPool", "runJob", 1, false));
        otherServer.add(1, java("org.springframework.web.servlet.FrameworkServlet", "service", 1, false));

        assertThat(group(javaEvent("NullPointerException", null, otherServer)).hash()).isEqualTo(plain.hash());
        assertThat(plain.components()).filteredOn(c -> "not in-app".equals(c.hint()))
                .extracting(Component::values)
                .contains(List.of("java.lang.Thread", "run"), List.of("java.util.Objects", "requireNonNull"));
    }

    @Test
    void lambdaCglibProxyAndReflectionNoiseDoesNotSplit() {
        GroupingResult first = group(javaEvent("IllegalStateException", "closed", checkoutFrames(
                java("jdk.internal.reflect.GeneratedMethodAccessor123", "invoke", -1, false),
                java("com.acme.billing.PaymentService$$SpringCGLIB$$0", "charge", -1, true),
                java("com.acme.billing.PaymentService$$EnhancerBySpringCGLIB$$3f2a1b9c", "charge", -1, true),
                java("com.acme.billing.Ledger$$FastClassByCGLIB$$a1b2c3d4", "invoke", -1, true),
                java("com.acme.billing.Order_$$_javassist_12", "getLines", -1, true),
                java("com.acme.billing.Order$HibernateProxy$AbC123xY", "getId", -1, true),
                java("jdk.proxy2.$Proxy45", "save", -1, true),
                java("com.sun.proxy.$Proxy7", "find", -1, true),
                java("jdk.internal.reflect.GeneratedConstructorAccessor9", "newInstance", -1, false),
                java("jdk.internal.reflect.GeneratedSerializationConstructorAccessor77", "newInstance", -1, false),
                java("com.acme.billing.PaymentService$$Lambda$412/0x0000000800c0b040", "accept", -1, true),
                java("com.acme.billing.PaymentService", "lambda$charge$3", -1, true))));
        GroupingResult second = group(javaEvent("IllegalStateException", "closed", checkoutFrames(
                java("jdk.internal.reflect.GeneratedMethodAccessor7", "invoke", -1, false),
                java("com.acme.billing.PaymentService$$SpringCGLIB$$2", "charge", -1, true),
                java("com.acme.billing.PaymentService$$EnhancerBySpringCGLIB$$99ffee00", "charge", -1, true),
                java("com.acme.billing.Ledger$$FastClassByCGLIB$$0badf00d", "invoke", -1, true),
                java("com.acme.billing.Order_$$_javassist_3", "getLines", -1, true),
                java("com.acme.billing.Order$HibernateProxy$Zz9QqWw1", "getId", -1, true),
                java("jdk.proxy3.$Proxy12", "save", -1, true),
                java("com.sun.proxy.$Proxy190", "find", -1, true),
                java("jdk.internal.reflect.GeneratedConstructorAccessor41", "newInstance", -1, false),
                java("jdk.internal.reflect.GeneratedSerializationConstructorAccessor3", "newInstance", -1, false),
                java("com.acme.billing.PaymentService$$Lambda/0x00007f3c8c0a1234", "accept", -1, true),
                java("com.acme.billing.PaymentService", "lambda$charge$0", -1, true))));

        assertThat(second.hash()).isEqualTo(first.hash());
        assertThat(first.components()).filteredOn(c -> "lambda frame ignored".equals(c.hint())).hasSize(2);
        assertThat(first.contributing()).extracting(Component::values).contains(
                List.of("com.acme.billing.PaymentService$$SpringCGLIB$$<auto>", "charge"),
                List.of("com.acme.billing.Order$HibernateProxy$<auto>", "getId"),
                List.of("jdk.proxy<auto>.$Proxy<auto>", "save"));
    }

    @Test
    void recursionDepthDoesNotSplit() {
        GroupingFrame walk = java("com.acme.tree.Walker", "visit", 20, true);
        GroupingFrame even = java("com.acme.parity.Even", "check", 5, true);
        GroupingFrame odd = java("com.acme.parity.Odd", "check", 9, true);
        List<GroupingFrame> shallow = new ArrayList<>(checkoutFrames(walk, walk, even, odd, even, odd));
        List<GroupingFrame> deep = new ArrayList<>(checkoutFrames(walk, walk, walk, walk, walk, walk, walk,
                even, odd, even, odd, even, odd, even, odd, even, odd));
        GroupingResult a = group(javaEvent("StackOverflowError", null, shallow));
        GroupingResult b = group(javaEvent("StackOverflowError", null, deep));

        assertThat(b.hash()).isEqualTo(a.hash());
        assertThat(b.contributing()).extracting(Component::values).containsExactly(
                List.of("StackOverflowError"),
                List.of("com.acme.web.CheckoutController", "submit"),
                List.of("com.acme.tree.Walker", "visit"),
                List.of("com.acme.parity.Even", "check"),
                List.of("com.acme.parity.Odd", "check"),
                List.of("com.acme.billing.Checkout", "pay"));
    }

    @Test
    void chainedCausesContribute() {
        GroupingException cause = new GroupingException("SQLException", "connection reset", "java.sql", "chained", false,
                List.of(java("com.acme.db.Pool", "borrow", 12, true)));
        GroupingException otherCause = new GroupingException("SocketTimeoutException", "read timed out", "java.net",
                "chained", false, List.of(java("com.acme.db.Pool", "borrow", 12, true)));
        GroupingException top = new GroupingException("DataAccessException", "could not save", null, "chained", false,
                checkoutFrames());

        GroupingResult withSql = group(GroupingEvent.builder().platform("java").exception(cause).exception(top).build());
        GroupingResult withTimeout = group(GroupingEvent.builder().platform("java").exception(otherCause).exception(top).build());
        GroupingResult alone = group(GroupingEvent.builder().platform("java").exception(top).build());

        assertThat(withSql.hash()).isNotEqualTo(withTimeout.hash()).isNotEqualTo(alone.hash());
        assertThat(withSql.contributing()).extracting(Component::values)
                .contains(List.of("SQLException"), List.of("com.acme.db.Pool", "borrow"), List.of("DataAccessException"));
    }

    @Test
    void noUsableFrameFallsBackToTypeAndNormalizedValue() {
        GroupingEvent lambdasOnly = javaEvent("TimeoutException", "gave up after 30000ms on order 42",
                List.of(java("com.acme.Jobs", "lambda$run$0", 3, true)));
        GroupingEvent noFrames = javaEvent("TimeoutException", "gave up after 5s on order 7", List.of());
        GroupingResult a = group(lambdasOnly);
        GroupingResult b = group(noFrames);

        assertThat(a.variant()).isEqualTo("exception");
        assertThat(b.hash()).isEqualTo(a.hash());
        assertThat(a.contributing()).extracting(Component::values).containsExactly(
                List.of("TimeoutException"), List.of("gave up after <duration> on order <int>"));
        assertThat(group(javaEvent("TimeoutException", "gave up waiting for lock", List.of())).hash()).isNotEqualTo(a.hash());
    }

    @Test
    void nodeFixtureUsesInAppFrameWithItsSourceLineForAnAnonymousFunction() {
        GroupingResult result = group(Fixtures.nodeProbeEvent("Expected property name or '}' in JSON at position 1", 6));

        assertThat(result.variant()).isEqualTo("stacktrace");
        assertThat(result.contributing()).extracting(Component::values).containsExactly(
                List.of("SyntaxError"),
                List.of("probe", "try { JSON.parse('{boom'); } catch (e) { console.log('captured', Sentry.captureException(e)); }"));
        assertThat(result.components()).filteredOn(c -> "not in-app".equals(c.hint()))
                .extracting(Component::values)
                .contains(List.of("run_main", "Function.executeUserEntryPoint"), List.of("JSON.parse"));
    }

    @Test
    void nodeSameBugOnAnotherLineGroupsTogetherOtherErrorDoesNot() {
        GroupingResult a = group(Fixtures.nodeProbeEvent("Expected property name or '}' in JSON at position 1", 6));
        GroupingResult b = group(Fixtures.nodeProbeEvent("Unexpected token b in JSON at position 1", 19));
        GroupingEvent typeError = GroupingEvent.builder().platform("node")
                .exception(new GroupingException("TypeError", "x is not a function", null, "generic", false,
                        Fixtures.nodeProbeFrames(6))).build();

        assertThat(b.hash()).isEqualTo(a.hash());
        assertThat(group(typeError).hash()).isNotEqualTo(a.hash());
    }

    @Test
    void nodeModulesAndInternalsAreNotInAppWhenTheSdkDoesNotSay() {
        GroupingEvent event = GroupingEvent.builder().platform("node")
                .exception(new GroupingException("Error", "boom", null, "generic", false, List.of(
                        Fixtures.node("node:internal/process/task_queues", "task_queues", "process.processTicksAndRejections", 95, null, null),
                        Fixtures.node("/srv/app/node_modules/express/lib/router/layer.js", "express.lib.router:layer", "Layer.handle [as handle_request]", 95, null, null),
                        Fixtures.node("/srv/app/src/orders.js", "orders", "createOrder", 12, null, null))))
                .build();
        GroupingResult result = group(event);

        assertThat(result.contributing()).extracting(Component::values)
                .containsExactly(List.of("Error"), List.of("orders", "createOrder"));
    }

    @Test
    void minifiedBrowserBundleGroupsAcrossBuildsHostsAndColumns() {
        GroupingResult build1 = group(Fixtures.browserEvent("3f2a1b9c", "shop.example.com", 1, 5120));
        GroupingResult build2 = group(Fixtures.browserEvent("77ab01ee", "cdn.example.net", 2, 88));

        assertThat(build2.hash()).isEqualTo(build1.hash());
        assertThat(build1.contributing()).extracting(Component::values).containsExactly(
                List.of("TypeError"), List.of("main.js", "handleCheckout"), List.of("main.js", "renderTotal"));
    }

    @Test
    void jsPathsLoseBundlerPrefixesHostsQueriesAndHashes() {
        assertThat(Frames.cleanJsPath("webpack-internal:///./src/components/Cart.jsx")).isEqualTo("cart.jsx");
        assertThat(Frames.cleanJsPath("https://cdn.example.com/static/js/main.3f2a1b.js?v=1#x")).isEqualTo("main.js");
        assertThat(Frames.cleanJsPath("https://x.io/assets/index-BfW3kQ2x.js")).isEqualTo("index.js");
        assertThat(Frames.cleanJsPath("https://x.io/_next/static/chunks/123.abc123de.chunk.js")).isEqualTo("chunk.js");
        assertThat(Frames.cleanJsPath("app:///dist/server.js")).isEqualTo("server.js");
    }

    @Test
    void pythonGroupsByInAppModulesAndFunctions() {
        GroupingResult a = group(Fixtures.pythonKeyError(55, "sku-1"));
        GroupingResult b = group(Fixtures.pythonKeyError(61, "sku-2"));

        assertThat(b.hash()).isEqualTo(a.hash());
        assertThat(a.contributing()).extracting(Component::values).containsExactly(
                List.of("KeyError"), List.of("shop.views", "checkout"), List.of("shop.cart", "price_of"));
    }

    @Test
    void fileNameStandsInForAMissingModule() {
        GroupingEvent event = GroupingEvent.builder().platform("python")
                .exception(new GroupingException("ValueError", "bad", null, null, false, List.of(
                        new GroupingFrame("Jobs/Nightly.PY", "/srv/Jobs/Nightly.PY", null, "run", 3, true, null, null, null))))
                .build();

        assertThat(group(event).contributing()).extracting(Component::values).contains(List.of("nightly.py", "run"));
    }

    @Test
    void capturedMessageWithStackGroupsBySiteAndNormalizedMessage() {
        GroupingResult a = group(Fixtures.nodeMessageEvent("hello from node probe 1", 7));
        GroupingResult b = group(Fixtures.nodeMessageEvent("hello from node probe 2", 9));
        GroupingResult other = group(Fixtures.nodeMessageEvent("goodbye from node probe", 7));

        assertThat(b.hash()).isEqualTo(a.hash());
        assertThat(other.hash()).isNotEqualTo(a.hash());
        assertThat(a.components()).anySatisfy(c -> {
            assertThat(c.type()).isEqualTo("exception-type");
            assertThat(c.contributes()).isFalse();
            assertThat(c.hint()).isEqualTo("synthetic exception: type ignored");
        });
    }

    @Test
    void messagesGroupByNormalizedTextOrTemplate() {
        GroupingResult a = group(GroupingEvent.builder().platform("java").message("User 42 (bob@x.io) locked out").build());
        GroupingResult b = group(GroupingEvent.builder().platform("java").message("User 7 (eve@y.org) locked out").build());
        GroupingResult c = group(GroupingEvent.builder().platform("java").message("User 7 (eve@y.org) logged in").build());
        GroupingResult t1 = group(GroupingEvent.builder().message("Order A-1 failed").logentry("Order %s failed", List.of("A-1")).build());
        GroupingResult t2 = group(GroupingEvent.builder().message("Order Z-9 failed").logentry("Order %s failed", List.of("Z-9")).build());

        assertThat(a.variant()).isEqualTo("message");
        assertThat(b.hash()).isEqualTo(a.hash());
        assertThat(c.hash()).isNotEqualTo(a.hash());
        assertThat(t2.hash()).isEqualTo(t1.hash());
        assertThat(a.components()).containsExactly(
                new Component("message", true, List.of("User <int> (<email>) locked out"), "normalized message"));
    }

    @Test
    void emptyEventFallsBack() {
        GroupingResult result = group(GroupingEvent.builder().build());

        assertThat(result.variant()).isEqualTo("fallback");
        assertThat(result.hash()).matches("[0-9a-f]{32}");
    }

    @Test
    void lineNumbersNeverContribute() {
        GroupingResult result = group(Fixtures.javaProbeEvent("x", 14, null));

        assertThat(result.components()).allSatisfy(c -> assertThat(c.values()).noneMatch(v -> v.equals("14") || v.equals("786")));
    }

    @Test
    void anonymousFunctionInAMinifiedBundleContributesItsFileOnly() {
        String minified = "!function(e){" + "var t=e.n;".repeat(40) + "}";
        GroupingEvent event = GroupingEvent.builder().platform("javascript")
                .exception(new GroupingException("Error", "x", null, "onerror", false, List.of(
                        new GroupingFrame("https://a.io/js/app.1a2b3c4d.js", null, null, "?", 1, true, null, null, minified),
                        new GroupingFrame("https://a.io/js/app.1a2b3c4d.js", null, null, "<anonymous>", 1, true, null, null, null))))
                .build();

        assertThat(group(event).contributing()).extracting(Component::values)
                .containsExactly(List.of("Error"), List.of("app.js"));
        assertThat(group(event).components()).filteredOn(c -> "recursion collapsed".equals(c.hint())).hasSize(1);
    }
}
