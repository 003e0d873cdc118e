package io.sealer.it.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.HashSet;
import java.util.Set;

/**
 * The lines between the modules, checked on the main classes of every module (tests are free to reach internals of
 * the module they test; the benchmarks may reach the internals they measure).
 */
@AnalyzeClasses(packages = "io.sealer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] INTERNALS = {"io.sealer.core.internal..", "io.sealer.registry.internal..",
        "io.sealer.ssh.internal.."};

    @ArchTest
    static final ArchRule apiDependsOnTheJdkOnly = classes().that().resideInAPackage("io.sealer.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.sealer.api..", "java..")
            .because("sealer-api is the contract plugins and adapters compile against");

    @ArchTest
    static final ArchRule examplePluginsDependOnTheApiOnly = classes()
            .that().resideInAPackage("io.sealer.examples.plugins..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.sealer.api..", "java..",
                    "io.sealer.examples.plugins..")
            .because("a plugin jar sees only the JDK and io.sealer.api when the SDK loads it");

    @ArchTest
    static final ArchRule adaptersDependOnTheApiOnly = noClasses()
            .that().resideInAnyPackage("io.sealer.registry..", "io.sealer.ssh..")
            .should().dependOnClassesThat().resideInAnyPackage("io.sealer.core..", "io.sealer.cli..")
            .because("adapters are found through ServiceLoader and know only sealer-api");

    @ArchTest
    static final ArchRule coreInternalsStayInCore = internalsOnlyFrom("io.sealer.core.internal..", "io.sealer.core..");

    @ArchTest
    static final ArchRule registryInternalsStayInTheRegistryModule = internalsOnlyFrom(
            "io.sealer.registry.internal..", "io.sealer.registry..");

    @ArchTest
    static final ArchRule sshInternalsStayInTheSshModule = internalsOnlyFrom("io.sealer.ssh.internal..",
            "io.sealer.ssh..");

    @ArchTest
    static final ArchRule internalsDoNotKnowThePublicFacade = noClasses()
            .that().resideInAnyPackage(INTERNALS)
            .should().dependOnClassesThat(publicFacade())
            .because("the facade sits on top of the internals, never the other way round");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.sealer.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noInternalTypeInAPublicSignature = members()
            .that().areDeclaredInClassesThat().arePublic()
            .and().areDeclaredInClassesThat().resideOutsideOfPackages(INTERNALS)
            .and().areDeclaredInClassesThat().resideOutsideOfPackages("io.sealer.benchmarks..")
            .and().arePublic()
            .should(notExposeInternalTypes());

    private static ArchRule internalsOnlyFrom(String internal, String module) {
        return noClasses().that().resideOutsideOfPackages(module, "io.sealer.benchmarks..")
                .should().dependOnClassesThat().resideInAPackage(internal)
                .because("only " + module.replace("..", "") + " itself (and the benchmarks) may use " + internal);
    }

    private static DescribedPredicate<JavaClass> publicFacade() {
        return DescribedPredicate.describe("the public classes of io.sealer.core",
                c -> c.getPackageName().equals("io.sealer.core"));
    }

    private static ArchCondition<JavaMember> notExposeInternalTypes() {
        return new ArchCondition<>("not expose types of internal packages") {
            @Override
            public void check(JavaMember member, ConditionEvents events) {
                Set<JavaClass> types = new HashSet<>();
                if (member instanceof JavaField field) {
                    types.addAll(field.getType().getAllInvolvedRawTypes());
                } else if (member instanceof JavaCodeUnit code) {
                    types.addAll(code.getReturnType().getAllInvolvedRawTypes());
                    code.getParameterTypes().forEach(t -> types.addAll(t.getAllInvolvedRawTypes()));
                    code.getExceptionTypes().forEach(types::add);
                }
                boolean visible = member.getModifiers().contains(JavaModifier.PUBLIC);
                for (JavaClass type : types) {
                    if (visible && type.getPackageName().contains(".internal")) {
                        events.add(SimpleConditionEvent.violated(member, member.getFullName()
                                + " exposes the internal type " + type.getName()));
                    }
                }
            }
        };
    }
}
