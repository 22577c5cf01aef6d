package io.poolscope.it.footprint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.it.foundation.WorkloadScenario;
import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Poolscope leaves class-data sharing to the application: its boot-loader classes are defined in
 * the boot loader, not appended to the boot class path, which would make the JVM warn on every
 * start and stop sharing classes of every other loader — an application's own CDS archive included
 * (Spring Boot recommends one for start-up time).
 */
@ExtendWith(PostgresExtension.class)
class ClassDataSharingIT {
  private static final String APPENDED_WARNING =
      "Sharing is only supported for boot loader classes";
  private static final String HOOKS_DEFINED =
      "io.poolscope.bootstrap.Hooks source: __JVM_DefineClass__";

  @Test
  void bootstrapClassesAreDefinedWithoutTheSharingWarning(PostgresDatabase db) throws Exception {
    ChildResult run =
        ChildJvm.main(WorkloadScenario.class)
            .name("ClassDataSharingIT-default")
            .database(db)
            .agentArgs("report.interval=off")
            .jvmArg("-Xlog:class+load=info:file=classes.txt")
            .run()
            .assertSuccess();
    assertFalse(run.stderr().contains(APPENDED_WARNING), run.describe());
    assertStarted(run);
    assertTrue(
        Files.readAllLines(run.workdir().resolve("classes.txt")).stream()
            .anyMatch(line -> line.contains(HOOKS_DEFINED)),
        "the bootstrap classes should be defined, not loaded from an appended jar");
  }

  @Test
  void applicationsCdsArchiveStaysInUseUnderTheAgent(PostgresDatabase db) throws Exception {
    Path dir = Files.createTempDirectory("poolscope-cds");
    Path archive = dir.resolve("app.jsa");
    List<Path> jars = jarsOfClassDirectories(dir);
    // The training run that writes the archive runs without agents, as the JVM requires.
    ChildResult dump =
        workload(db, jars, "cds-dump", List.of("-XX:ArchiveClassesAtExit=" + archive))
            .withoutAgent()
            .run()
            .assertSuccess();
    assertTrue(Files.size(archive) > 0, "no archive written\n" + dump.describe());

    ChildResult run =
        workload(
                db,
                jars,
                "cds-use",
                List.of(
                    "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info:file=classes.txt"))
            .run()
            .assertSuccess();
    if (childJavaFeature() < 21) {
      // JDK 17 crashes loading archived application classes while any class file transformer is
      // registered (a do-nothing one too): Poolscope stays off there and says why.
      String all = run.stdout() + run.stderr();
      assertTrue(all.contains("Poolscope is off: Java 17 crashes"), all);
      assertFalse(all.contains("Poolscope started"), all);
      return;
    }
    assertStarted(run);
    assertFalse(run.stderr().contains(APPENDED_WARNING), run.describe());
    List<String> loaded = Files.readAllLines(run.workdir().resolve("classes.txt"));
    assertTrue(loaded.stream().anyMatch(line -> line.contains(HOOKS_DEFINED)), "defined");
    long sharedDriverClasses =
        loaded.stream()
            .filter(
                line -> line.contains(" org.postgresql.") && line.contains("shared objects file"))
            .count();
    // The driver's classes that Poolscope does not weave come from the archive; with an appended
    // boot class path none would.
    assertTrue(sharedDriverClasses >= 20, sharedDriverClasses + " pgjdbc classes shared");
  }

  private static void assertStarted(ChildResult run) {
    String all = run.stdout() + run.stderr();
    assertTrue(all.contains("Poolscope started"), all);
    assertFalse(all.contains("could not start"), all);
  }

  /** The child's JDK, which may differ from the one running the tests. */
  private static int childJavaFeature() throws IOException {
    String home = System.getProperty("poolscope.test.java.home", "");
    Path release = Path.of(home.isBlank() ? System.getProperty("java.home") : home, "release");
    for (String line : Files.readAllLines(release)) {
      if (line.startsWith("JAVA_VERSION=")) {
        String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
        return Integer.parseInt(version.split("[.+-]")[0]);
      }
    }
    throw new IllegalStateException("no JAVA_VERSION in " + release);
  }

  private static ChildJvm workload(
      PostgresDatabase db, List<Path> jars, String name, List<String> jvmArgs) {
    return jarsOnly(ChildJvm.main(WorkloadScenario.class), jars)
        .name("ClassDataSharingIT-" + name)
        .database(db)
        .agentArgs("report.interval=off")
        .jvmArgs(jvmArgs);
  }

  /** CDS archives classes from jars only, and refuses a class path with a non-empty directory. */
  private static ChildJvm jarsOnly(ChildJvm child, List<Path> jars) {
    for (String entry : child.classpath()) {
      if (Files.isDirectory(Path.of(entry))) {
        child.excludeFromClasspath(entry);
      }
    }
    return child.prependToClasspath(jars);
  }

  /** The test run's class directories, each as a jar that both runs share unchanged. */
  private static List<Path> jarsOfClassDirectories(Path dir) throws IOException {
    List<Path> jars = new ArrayList<>();
    for (String entry : ChildJvm.main(WorkloadScenario.class).classpath()) {
      Path classes = Path.of(entry);
      if (Files.isDirectory(classes)) {
        Path jar = dir.resolve("classes-" + jars.size() + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
            Stream<Path> files = Files.walk(classes)) {
          for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
            Files.copy(file, out);
            out.closeEntry();
          }
        }
        jars.add(jar);
      }
    }
    return jars;
  }
}
