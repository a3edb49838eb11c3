package io.bugmaster.issues.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.issues.ownership.OwnershipRules.Owner;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OwnershipRulesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A Java SDK event: frames from the JDK and Spring (not in-app) and the app's own (in-app). */
    static final String JAVA = """
            {"platform":"java","exception":{"values":[{"type":"IllegalStateException","value":"card declined",
              "module":"java.lang","stacktrace":{"frames":[
                {"filename":"Thread.java","module":"java.lang.Thread","function":"run","lineno":1583,"in_app":false},
                {"filename":"DispatcherServlet.java","module":"org.springframework.web.servlet.DispatcherServlet",
                 "function":"doDispatch","lineno":1089,"in_app":false},
                {"filename":"CheckoutController.java","module":"com.acme.checkout.web.CheckoutController",
                 "function":"pay","lineno":42,"in_app":true},
                {"filename":"PaymentService.java","module":"com.acme.payments.PaymentService","function":"charge",
                 "lineno":118,"in_app":true}]}}]},
             "request":{"url":"https://api.example.com/payroll/run","method":"POST"},
             "tags":[["environment","production"],["customer.tier","gold"],["server_name","web-3"]]}
            """;

    /** A browser JavaScript event: a webpack bundle, a vendor chunk that is not in-app. */
    static final String JS = """
            {"platform":"javascript","exception":{"values":[{"type":"TypeError",
              "value":"Cannot read properties of undefined (reading 'total')","stacktrace":{"frames":[
                {"filename":"/static/js/vendors.7d1f.js","abs_path":"https://shop.example.com/static/js/vendors.7d1f.js",
                 "function":"HTMLButtonElement.n","lineno":2,"colno":31921,"in_app":false},
                {"filename":"./src/components/cart/CartSummary.tsx",
                 "abs_path":"webpack:///./src/components/cart/CartSummary.tsx","function":"CartSummary",
                 "lineno":27,"colno":14,"in_app":true}]}}]},
             "request":{"url":"https://shop.example.com/cart?step=2"},
             "tags":{"browser":"Chrome 131","transaction":"/cart"}}
            """;

    /** A Python event: site-packages frames are not in-app. */
    static final String PYTHON = """
            {"platform":"python","exception":{"values":[{"type":"KeyError","value":"'sku'","stacktrace":{"frames":[
                {"filename":"django/core/handlers/base.py","abs_path":"/usr/local/lib/python3.12/site-packages/django/core/handlers/base.py",
                 "module":"django.core.handlers.base","function":"_get_response","lineno":197,"in_app":false},
                {"filename":"inventory/views.py","abs_path":"/srv/shop/inventory/views.py","module":"inventory.views",
                 "function":"reserve","lineno":58,"in_app":true}]}}]},
             "tags":{"environment":"staging"}}
            """;

    static EventOwnershipFacts facts(String json) {
        return EventOwnershipFacts.of(JSON.readTree(json));
    }

    static Stream<Arguments> matches() {
        return Stream.of(
                // Java: module and path rules see only in-app frames
                Arguments.of(JAVA, "module:com.acme.payments.* #payments", "#payments"),
                Arguments.of(JAVA, "module:org.springframework.* #platform", null),
                Arguments.of(JAVA, "path:DispatcherServlet.java #platform", null),
                Arguments.of(JAVA, "path:Checkout*.java alice@example.com", "alice@example.com"),
                Arguments.of(JAVA, "path:PaymentService.jav? bob@example.com", "bob@example.com"),
                Arguments.of(JAVA, "url:https://api.example.com/payroll/* #payroll", "#payroll"),
                Arguments.of(JAVA, "url:https://api.example.com/billing/* #billing", null),
                Arguments.of(JAVA, "tags.customer.tier:gold #vip", "#vip"),
                Arguments.of(JAVA, "tags.customer.tier:silver #vip", null),
                Arguments.of(JAVA, "tags.environment:prod* #oncall", "#oncall"),
                // JS: filename or abs_path; the vendor bundle is not in-app
                Arguments.of(JS, "path:*src/components/cart/* #cart", "#cart"),
                Arguments.of(JS, "path:webpack:///./src/* #web", "#web"),
                Arguments.of(JS, "path:*vendors* #platform", null),
                Arguments.of(JS, "url:*/cart* #cart", "#cart"),
                Arguments.of(JS, "tags.browser:chrome* #web", "#web"),
                // Python: relative filename and absolute path both count; site-packages is not in-app
                Arguments.of(PYTHON, "path:inventory/* #inventory", "#inventory"),
                Arguments.of(PYTHON, "path:/srv/shop/inventory/*.py #inventory", "#inventory"),
                Arguments.of(PYTHON, "path:*django* #platform", null),
                Arguments.of(PYTHON, "module:inventory.views carol@example.com", "carol@example.com"),
                Arguments.of(PYTHON, "url:* #web", null));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("matches")
    void aRuleMatchesOnlyTheFactsItNames(String event, String rule, String owner) {
        Optional<OwnershipRules.Match> match = OwnershipRules.parse(rule).match(facts(event));
        assertThat(match.map(m -> m.owners().get(0).text()).orElse(null)).isEqualTo(owner);
    }

    @Test
    void theLastMatchingRuleWins() {
        OwnershipRules rules = OwnershipRules.parse("""
                # everything under com.acme is the backend team's
                module:com.acme.* #backend

                path:PaymentService.java #payments alice@example.com
                module:com.acme.inventory.* #inventory
                """);
        OwnershipRules.Match match = rules.match(facts(JAVA)).orElseThrow();
        assertThat(match.rule().line()).isEqualTo(4);
        assertThat(match.rule().matcherType()).isEqualTo("path");
        assertThat(match.owners()).containsExactly(Owner.team("payments"), Owner.user("alice@example.com"));
        assertThat(rules.owners()).containsExactly(Owner.team("backend"), Owner.team("payments"),
                Owner.user("alice@example.com"), Owner.team("inventory"));
    }

    @Test
    void theApiShapeOfAnEventMatchesLikeTheStoredShape() {
        JsonNode api = JSON.readTree("""
                {"entries":[{"type":"exception","data":{"values":[{"stacktrace":{"frames":[
                   {"filename":"app.py","absPath":"/srv/app.py","module":"app","inApp":true},
                   {"filename":"lib.py","absPath":"/usr/lib/lib.py","module":"lib","inApp":false}]}}]}},
                 {"type":"request","data":{"url":"https://x.example.com/a"}}],
                 "tags":[{"key":"level","value":"error"}]}
                """);
        EventOwnershipFacts facts = EventOwnershipFacts.of(api);
        assertThat(facts.inAppFrames()).containsExactly(new EventOwnershipFacts.Frame("app.py", "/srv/app.py", "app"));
        assertThat(facts.url()).isEqualTo("https://x.example.com/a");
        assertThat(facts.tagValues("level")).containsExactly("error");
        assertThat(OwnershipRules.parse("module:lib #x").match(facts)).isEmpty();
    }

    @Test
    void oddEventsHaveNoFactsRatherThanFailing() {
        for (String odd : new String[] {"{}", "[]", "{\"exception\":5}", "{\"exception\":{\"values\":[1,{\"stacktrace\":[]}]}}",
                "{\"tags\":\"x\",\"request\":[],\"entries\":{}}", "{\"stacktrace\":{\"frames\":[{\"in_app\":\"yes\",\"filename\":\"a\"}]}}"}) {
            EventOwnershipFacts facts = facts(odd);
            assertThat(facts.inAppFrames()).isEmpty();
            assertThat(OwnershipRules.parse("path:* #t\nurl:* #t\ntags.a:* #t").match(facts)).isEmpty();
        }
    }

    @Test
    void errorsNameTheLineAndWhatIsWrong() {
        String raw = """
                path:src/* #ok
                # a comment
                colour:red #x
                path:src/*
                module: #x
                url:* alice
                tags.:x #t
                path src/* #t
                """;
        OwnershipRules.Parsed parsed = OwnershipRules.tryParse(raw);
        assertThat(parsed.errors()).extracting(OwnershipRules.LineError::line).containsExactly(3, 4, 5, 6, 7, 8);
        assertThat(parsed.errors().get(0).message()).contains("unknown rule type 'colour'");
        assertThat(parsed.errors().get(1).message()).contains("has no owners");
        assertThat(parsed.errors().get(2).message()).contains("no pattern");
        assertThat(parsed.errors().get(3).message()).contains("'alice' is not an owner");
        assertThat(parsed.errors().get(4).message()).contains("is not a tag key");
        assertThat(parsed.errors().get(5).message()).contains("expected <type>:<pattern>");
        assertThatThrownBy(() -> OwnershipRules.parse(raw)).isInstanceOf(OwnershipRulesException.class)
                .hasMessageContaining("line 3: unknown rule type").hasMessageContaining("line 8:");
    }

    @Test
    void blankTextIsNoRules() {
        assertThat(OwnershipRules.parse(null).isEmpty()).isTrue();
        assertThat(OwnershipRules.parse(" \n# only a comment\r\n").isEmpty()).isTrue();
        assertThat(OwnershipRules.parse("Path:SRC/* #Team Alice@Example.com").rules().get(0).owners())
                .containsExactly(Owner.team("team"), Owner.user("alice@example.com"));
    }
}
