package io.bugmaster.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import io.bugmaster.common.PureLogic;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;

/**
 * The layering rules of DESIGN.md ("Layout"), each for the classes under a root package: the
 * product's ({@code io.bugmaster}), or a deliberately broken example's under
 * {@code examples.architecture.<rule>} in the test sources (outside {@code io.bugmaster}, so no application context scans them), which the rule must flag
 * (see {@link ArchitectureTest}).
 */
enum HouseRule {
    PURE_LOGIC_IMPORTS_NO_FRAMEWORK_JDBC_OR_HTTP {
        @Override
        ArchRule under(String root) {
            return classes()
                    .that().areAnnotatedWith(PureLogic.class).or().resideInAPackage(root + ".common..")
                    .should().onlyDependOnClassesThat(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage(
                            "org.springframework..", "java.sql..", "javax.sql..", "jakarta.servlet..", "java.net.http..",
                            "org.apache.hc..", "org.apache.tomcat..")))
                    .because("pure logic is tested without a database or a server, with a fixed clock");
        }
    },

    HANDLERS_HAVE_NO_SQL {
        @Override
        ArchRule under(String root) {
            // meta-annotated: @UiController and @ApiController carry @Controller (through @RestController)
            return noClasses()
                    .that().areMetaAnnotatedWith(Controller.class).and().resideInAPackage(root + "..")
                    .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..")
                    .orShould().dependOnClassesThat().areAnnotatedWith(Repository.class)
                    .because("handlers parse, authorize, make one domain call and render; SQL lives in stores");
        }
    },

    NO_CYCLES_BETWEEN_FEATURES {
        @Override
        ArchRule under(String root) {
            return SlicesRuleDefinition.slices().matching(root + ".(*)..").namingSlices("feature $1")
                    .should().beFreeOfCycles()
                    .because("a feature uses the features below it through their public services; one above it reaches"
                            + " it through an interface it defines");
        }
    },

    NOTHING_READS_THE_WALL_CLOCK {
        @Override
        ArchRule under(String root) {
            return noClasses()
                    .that().resideInAPackage(root + "..").and().doNotHaveFullyQualifiedName(root + ".engine.ClockConfig")
                    .should(callWallClock())
                    .because("everything takes time from the one Clock bean, so tests can fast-forward");
        }
    },

    STORES_BELONG_TO_THEIR_FEATURE {
        @Override
        ArchRule under(String root) {
            return classes()
                    .that().areAnnotatedWith(Repository.class).and().resideInAPackage(root + "..")
                    .should(beUsedOnlyInTheirFeature(root))
                    .because("features talk through their public services, never through another feature's tables");
        }
    },

    STORAGE_KNOWS_NO_FEATURE {
        @Override
        ArchRule under(String root) {
            return noClasses()
                    .that().resideInAPackage(root + ".storage..")
                    .should().dependOnClassesThat(resideInAFeatureOtherThan(root, "storage", "common"))
                    .because("storage is the bottom layer");
        }
    },

    OUTBOUND_HTTP_LEAVES_ONLY_THROUGH_THE_OUTBOUND_POLICY {
        @Override
        ArchRule under(String root) {
            return noClasses()
                    .that().resideInAPackage(root + "..")
                    .and().haveNameNotMatching(root.replace(".", "\\.") + "\\.notify\\.OutboundHttp(\\$.*)?")
                    .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "org.apache.hc..")
                    .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                    .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                    .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URL")
                    .because("every outbound HTTP request to a user-supplied URL must pass the outbound URL policy in OutboundHttp");
        }
    },

    PAGES_BUILD_NO_JSON {
        @Override
        ArchRule under(String root) {
            return noClasses()
                    .that().resideInAPackage(root + "..ui..")
                    .should(buildJsonTrees())
                    .because("a page makes its change as a typed domain value (IssueUpdate, AlertRuleSettings), not by writing an API"
                            + " body for the domain to parse back; reading JSON (a stored blob, a download) is fine");
        }
    },

    NULLABLE_COLUMNS_ARE_READ_THROUGH_ROWS {
        @Override
        ArchRule under(String root) {
            return noClasses()
                    .that().resideInAPackage(root + "..").and().doNotHaveFullyQualifiedName(root + ".storage.Rows")
                    .should(readNullableColumnsByHand())
                    .because("SQL NULL must read as Java null on SQLite and PostgreSQL alike, and only storage.Rows does that right"
                            + " (SQLite's getObject(column, Integer.class) throws on NULL, getObject(column, Boolean.class) answers false)");
        }
    };

    /** The rule for the classes under {@code root}. */
    abstract ArchRule under(String root);

    /** The package of this rule's deliberately broken example. */
    String examplePackage() {
        return "examples.architecture." + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code root.accounts.api} -> {@code accounts}. */
    static String feature(String root, String packageName) {
        String rest = packageName.startsWith(root + ".") ? packageName.substring(root.length() + 1) : packageName;
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static DescribedPredicate<JavaClass> resideInAFeatureOtherThan(String root, String... allowed) {
        return DescribedPredicate.describe("reside in a feature under " + root + " other than " + String.join(", ", allowed),
                c -> c.getPackageName().startsWith(root + ".")
                        && !java.util.List.of(allowed).contains(feature(root, c.getPackageName())));
    }

    private static ArchCondition<JavaClass> readNullableColumnsByHand() {
        return new ArchCondition<>("read a nullable column by hand (ResultSet.wasNull or getObject with a type)") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (JavaMethodCall call : javaClass.getMethodCallsFromSelf()) {
                    boolean resultSet = call.getTargetOwner().isAssignableTo(java.sql.ResultSet.class);
                    boolean byHand = call.getName().equals("wasNull")
                            || (call.getName().equals("getObject") && call.getTarget().getRawParameterTypes().size() == 2
                                    && call.getTarget().getRawParameterTypes().get(1).isEquivalentTo(Class.class));
                    if (resultSet && byHand) {
                        events.add(SimpleConditionEvent.satisfied(call, call.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> buildJsonTrees() {
        return new ArchCondition<>("build a JSON tree (create an object or array node, or put, set or add into one)") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (JavaMethodCall call : javaClass.getMethodCallsFromSelf()) {
                    String name = call.getName();
                    boolean create = name.equals("createObjectNode") || name.equals("createArrayNode")
                            || ((name.equals("objectNode") || name.equals("arrayNode"))
                                    && call.getTargetOwner().getPackageName().startsWith("tools.jackson."));
                    boolean fill = call.getTargetOwner().isAssignableTo(tools.jackson.databind.node.ContainerNode.class)
                            && java.util.stream.Stream.of("put", "set", "add", "insert", "replace").anyMatch(name::startsWith);
                    if (create || fill) {
                        events.add(SimpleConditionEvent.satisfied(call, call.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> callWallClock() {
        return new ArchCondition<>("read the wall clock") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (JavaMethodCall call : javaClass.getMethodCallsFromSelf()) {
                    String owner = call.getTargetOwner().getFullName();
                    String name = call.getName();
                    boolean wallClock = (name.equals("now") && owner.startsWith("java.time."))
                            || (owner.equals("java.lang.System") && name.equals("currentTimeMillis"))
                            || (owner.equals("java.time.Clock") && name.startsWith("system"));
                    if (wallClock) {
                        events.add(SimpleConditionEvent.satisfied(call, call.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> beUsedOnlyInTheirFeature(String root) {
        return new ArchCondition<>("be used only inside their own feature package") {
            @Override
            public void check(JavaClass store, ConditionEvents events) {
                String feature = feature(root, store.getPackageName());
                store.getDirectDependenciesToSelf().forEach(dependency -> {
                    String user = feature(root, dependency.getOriginClass().getPackageName());
                    if (!user.equals(feature)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                });
            }
        };
    }
}
