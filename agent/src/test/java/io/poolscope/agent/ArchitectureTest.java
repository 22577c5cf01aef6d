package io.poolscope.agent;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The directions dependencies may take between the agent's packages (docs/architecture.md draws
 * them): instrumentation and the recorder at the bottom, features on the recorder and the outputs,
 * startup on top, and no cycle anywhere. Checked on the compiled main classes, so a change that
 * breaks a direction fails the build instead of slowly tangling the tree.
 */
class ArchitectureTest {
  private static final String AGENT = "io.poolscope.agent";
  private static final String[] FEATURES = {
    "enforcement",
    "health",
    "jfr",
    "leaks",
    "otelmetrics",
    "postgres",
    "slowquery",
    "statistics",
    "tracing"
  };
  private static final String[] LIBRARIES = {
    "jdbc", "slf4j", "hikaricp", "dbcp2", "tomcatjdbc", "c3p0", "agroal"
  };

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(AGENT);

  @Test
  void noPackageCycles() {
    slices().matching(AGENT + ".(**)").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void leafPackagesUseNoOtherPartOfTheAgent() {
    for (String leaf : List.of("sql", "collections", "pools", "config", "output.log", "cli")) {
      mayUseOnly(leaf, leaf);
    }
  }

  @Test
  void recorderUsesOnlySqlPoolAdaptersAndTables() {
    mayUseOnly("recorder", "recorder", "sql", "pools", "collections");
    noClasses()
        .that()
        .resideInAPackage(AGENT + ".recorder..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.micrometer..", "io.opentelemetry..", "net.bytebuddy..")
        .because("the recorder measures; outputs export")
        .check(CLASSES);
  }

  @Test
  void attachDecoratesTheRecorder() {
    mayUseOnly("attach", "attach", "recorder", "sql", "pools", "collections", "output.log");
  }

  @Test
  void outputsNeverReachBackIntoFeaturesOrWiring() {
    mayUseOnly("output", "output", "recorder", "sql", "pools", "collections");
  }

  @Test
  void eachFeatureStandsOnTheRecorderAndTheOutputsAlone() {
    for (String feature : FEATURES) {
      mayUseOnly(
          "features." + feature,
          "features." + feature,
          "recorder",
          "output",
          "sql",
          "pools",
          "collections");
    }
  }

  @Test
  void eachInstrumentedLibraryUsesOnlyTheWeavingSupport() {
    mayUseOnly("instrumentation.support", "instrumentation.support", "collections", "output.log");
    for (String library : LIBRARIES) {
      mayUseOnly(
          "instrumentation." + library,
          "instrumentation." + library,
          "instrumentation.support",
          "pools",
          "collections",
          "output.log");
    }
  }

  /** Classes in {@code pkg} (and below) use no agent class outside {@code allowed} (and below). */
  private static void mayUseOnly(String pkg, String... allowed) {
    List<String> patterns = new ArrayList<>();
    for (String a : allowed) {
      patterns.add(AGENT + "." + a + "..");
    }
    noClasses()
        .that()
        .resideInAPackage(AGENT + "." + pkg + "..")
        .should()
        .dependOnClassesThat(
            resideInAPackage(AGENT + "..")
                .and(not(resideInAnyPackage(patterns.toArray(new String[0])))))
        .because(pkg + " may use only " + String.join(", ", allowed))
        .check(CLASSES);
  }
}
