package io.bugmaster.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.bugmaster.common.PureLogic;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** The layering rules of DESIGN.md, checked on every build. */
@AnalyzeClasses(packages = "io.bugmaster", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] FRAMEWORKS = {
            "org.springframework..", "java.sql..", "javax.sql..", "jakarta.servlet..", "java.net.http..", "org.apache.hc..",
            "org.apache.tomcat.."};

    @ArchTest
    static final ArchRule pureLogicImportsNoFrameworkJdbcOrHttp = classes()
            .that().areAnnotatedWith(PureLogic.class).or().resideInAPackage("io.bugmaster.common..")
            .should().onlyDependOnClassesThat(DescribedPredicate.not(
                    com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(FRAMEWORKS)))
            .because("pure logic is tested without a database or a server, with a fixed clock");

    @ArchTest
    static final ArchRule handlersHaveNoSql = noClasses()
            .that().areAnnotatedWith(Controller.class).or().areAnnotatedWith(RestController.class)
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..")
            .orShould().dependOnClassesThat().areAnnotatedWith(Repository.class)
            .because("handlers parse, authorize, make one domain call and render; SQL lives in stores");

    @ArchTest
    static final ArchRule nothingReadsTheWallClock = noClasses()
            .that().doNotHaveFullyQualifiedName("io.bugmaster.engine.ClockConfig")
            .should(callWallClock())
            .because("everything takes time from the one Clock bean, so tests can fast-forward");

    @ArchTest
    static final ArchRule storesBelongToTheirFeature = classes()
            .that().areAnnotatedWith(Repository.class)
            .should(beUsedOnlyInTheirFeature())
            .because("features talk through their public services, never through another feature's tables");

    @ArchTest
    static final ArchRule storageKnowsNoFeature = noClasses()
            .that().resideInAPackage("io.bugmaster.storage..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.bugmaster.accounts..", "io.bugmaster.engine..", "io.bugmaster.web..", "io.bugmaster.notify..")
            .because("storage is the bottom layer");

    @ArchTest
    static final ArchRule outboundHttpLeavesOnlyThroughTheOutboundPolicy = noClasses()
            .that().resideInAPackage("io.bugmaster..")
            .and().haveNameNotMatching("io\\.bugmaster\\.notify\\.OutboundHttp(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "org.apache.hc..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URL")
            .because("every outbound HTTP request to a user-supplied URL must pass the outbound URL policy in OutboundHttp");

    @ArchTest
    static final ArchRule nullableColumnsAreReadThroughRows = noClasses()
            .that().doNotHaveFullyQualifiedName("io.bugmaster.storage.Rows")
            .should(readNullableColumnsByHand())
            .because("SQL NULL must read as Java null on SQLite and PostgreSQL alike, and only storage.Rows does that right"
                    + " (SQLite's getObject(column, Integer.class) throws on NULL, getObject(column, Boolean.class) answers false)");

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

    private static ArchCondition<JavaClass> beUsedOnlyInTheirFeature() {
        return new ArchCondition<>("be used only inside their own feature package") {
            @Override
            public void check(JavaClass store, ConditionEvents events) {
                String feature = feature(store.getPackageName());
                store.getDirectDependenciesToSelf().forEach(dependency -> {
                    String user = feature(dependency.getOriginClass().getPackageName());
                    if (!user.equals(feature)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                });
            }
        };
    }

    /** {@code io.bugmaster.accounts.api} -> {@code accounts}. */
    static String feature(String packageName) {
        return feature("io.bugmaster", packageName);
    }

    /** The feature of a package under {@code root}: its first package below the root. */
    static String feature(String root, String packageName) {
        String rest = packageName.startsWith(root + ".") ? packageName.substring(root.length() + 1) : packageName;
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

}
