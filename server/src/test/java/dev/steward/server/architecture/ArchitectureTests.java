package dev.steward.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.importer.ImportOption.DoNotIncludeTests;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module boundaries of the design: each outside library stays inside the module that owns it. */
@AnalyzeClasses(packages = "dev.steward", importOptions = {DoNotIncludeTests.class, ArchitectureTests.NoTestSupport.class})
class ArchitectureTests {

  /** Test support on the test classpath (testing/kube's kube-apiserver harness) is not part of the application. */
  static final class NoTestSupport implements com.tngtech.archunit.core.importer.ImportOption {
    @Override
    public boolean includes(com.tngtech.archunit.core.importer.Location location) {
      return !location.contains("/dev/steward/testing/");
    }
  }

  @ArchTest
  static final ArchRule onlyLineageUsesJGit = noClasses()
      .that().resideOutsideOfPackage("dev.steward.lineage..")
      .should().dependOnClassesThat().resideInAPackage("org.eclipse.jgit..")
      .because("the registry repository is lineage's: others go through Lineage's verbs");

  @ArchTest
  static final ArchRule onlyDeployerUsesKubernetes = noClasses()
      .that().resideOutsideOfPackages("dev.steward.deployer..", "dev.steward.retrain..", "dev.steward.testing..")
      .should().dependOnClassesThat().resideInAPackage("io.kubernetes.client..")
      .because("the deployer applies InferenceServices and the retrain scheduler's Job launcher creates Jobs; "
          + "nothing else talks to a cluster (testing.kube, on the test classpath, is the test cluster itself)");

  @ArchTest
  static final ArchRule onlyRetrainUsesQuartz = noClasses()
      .that().resideOutsideOfPackage("dev.steward.retrain..")
      .should().dependOnClassesThat().resideInAPackage("org.quartz..");

  @ArchTest
  static final ArchRule driftStaysPure = noClasses()
      .that().resideInAnyPackage("dev.steward.drift", "dev.steward.drift.stats..", "dev.steward.drift.cli..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.steward.lineage..", "org.eclipse.jgit..")
      .because("drift statistics are computed from traffic, not from the registry repository; only drift.traffic "
          + "records reference profiles there, through Lineage (JGit stays in lineage, see onlyLineageUsesJGit)");

  @ArchTest
  static final ArchRule lineageKnowsNoRegistry = noClasses()
      .that().resideInAPackage("dev.steward.lineage..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.steward.registry..", "dev.steward.server..")
      .because("lineage records files for every module and must not depend on any of them");

  @ArchTest
  static final ArchRule modulesDoNotReachIntoTheServer = noClasses()
      .that().resideInAnyPackage("dev.steward.registry..", "dev.steward.lineage..", "dev.steward.drift..")
      .should().dependOnClassesThat().resideInAPackage("dev.steward.server..");

  @ArchTest
  static final ArchRule commandLineStartsNoSpring = noClasses()
      .that().resideInAnyPackage("dev.steward.cli..", "dev.steward.drift.cli..")
      .and().doNotHaveSimpleName("package-info") // Spring Modulith's @NamedInterface is only read by the tests
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "dev.steward.server..")
      .because("every command but 'steward server' is a client of the REST API and must start fast, without a "
          + "Spring context");

  @ArchTest
  static final ArchRule controllersArePackagePrivate = noClasses()
      .that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
      .should().bePublic()
      .because("controllers are package-private and reached only through HTTP");

  @ArchTest
  static final ArchRule noFieldInjection = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

  @ArchTest
  static final ArchRule noJavaUtilLogging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
}
