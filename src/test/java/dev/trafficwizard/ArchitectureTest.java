package dev.trafficwizard;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.springframework.stereotype.Controller;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package rules of DESIGN.md, checked on the main classes. */
@AnalyzeClasses(packages = "dev.trafficwizard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule routingDomainKnowsNoFramework = noClasses()
            .that().resideInAPackage("dev.trafficwizard.routing..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.fabric8..",
                    "com.fasterxml..", "tools.jackson..", "jakarta.servlet..")
            .because("routing/ is the pure domain: plans, rules and diagnostics, nothing of HTTP or Kubernetes");

    @ArchTest
    static final ArchRule theOwnershipMarksKnowNoFramework = noClasses()
            .that().resideInAPackage("dev.trafficwizard.ownership..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.fabric8..",
                    "com.fasterxml..", "tools.jackson..", "jakarta.servlet..")
            .because("#18: ownership/ reads who owns an object from plain labels, annotations and owner references");

    @ArchTest
    static final ArchRule theRolloutDomainKnowsNoFramework = noClasses()
            .that().resideInAPackage("dev.trafficwizard.rollout..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.fabric8..",
                    "com.fasterxml..", "tools.jackson..", "jakarta.servlet..")
            .because("rollout/ is the pure step machine: steps, gates and the plans of a rollout, a function of "
                    + "the state, the time and the figures it is given");

    @ArchTest
    static final ArchRule theAnalyzersAreAPureFunctionOfTheObjects = noClasses()
            .that().resideInAPackage("dev.trafficwizard.analysis..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..",
                    "dev.trafficwizard.cluster..", "dev.trafficwizard.workflow..", "dev.trafficwizard.web..",
                    "io.fabric8.kubernetes.client..")
            .because("analysis/ checks objects it is given: the caches feed it through workflow/MeshChecks");

    @ArchTest
    static final ArchRule theGatewayApiPackageIsAPureFunctionOfItsInput = noClasses()
            .that().resideInAPackage("dev.trafficwizard.gatewayapi..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..",
                    "dev.trafficwizard.cluster..", "dev.trafficwizard.workflow..", "dev.trafficwizard.web..",
                    "io.fabric8.kubernetes.client..")
            .because("gatewayapi/ turns plans into Gateway API objects and back and reasons about the HTTPRoutes it "
                    + "is given (fabric8 models only), like istio/ and analysis/");

    @ArchTest
    static final ArchRule onlyTheClusterAdapterTalksToTheApiServer = noClasses()
            .that().resideOutsideOfPackage("dev.trafficwizard.cluster..")
            .should().dependOnClassesThat(resideInAnyPackage("io.fabric8.kubernetes.client..", "io.fabric8.istio.client..")
                    .and(not(type(Serialization.class))))
            .because("cluster/ is the one place that reads and writes the cluster; Serialization is a pure helper");

    @ArchTest
    static final ArchRule onlyTheClusterAdapterHoldsAKubernetesClient = noClasses()
            .that().resideOutsideOfPackage("dev.trafficwizard.cluster..")
            .should().dependOnClassesThat().areAssignableTo(KubernetesClient.class);

    @ArchTest
    static final ArchRule controllersAreNotPublic = classes()
            .that().areMetaAnnotatedWith(Controller.class)
            .should().notBePublic()
            .andShould().resideInAPackage("dev.trafficwizard.web..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.trafficwizard.(**)")
            .should().beFreeOfCycles()
            .because("each package builds on the ones below it; routing.checks checks the plans of routing, "
                    + "never the other way round");

    @ArchTest
    static final ArchRule theWebLayerDoesNotUseTheClusterAdapter = noClasses()
            .that().resideInAPackage("dev.trafficwizard.web..")
            .should().dependOnClassesThat().resideInAPackage("dev.trafficwizard.cluster..")
            .because("pages and the API go through workflow/ and catalog/: outcomes arrive as WriteResult values, "
                    + "not as the cluster adapter's exceptions or types");

    @ArchTest
    static final ArchRule nothingDependsOnTheWebLayer = noClasses()
            .that().resideOutsideOfPackage("dev.trafficwizard.web..")
            .should().dependOnClassesThat().resideInAPackage("dev.trafficwizard.web..");
}
