package io.poolscope.agent.features.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every OpenTelemetry method and field Poolscope's code calls directly exists in API 1.20, the
 * oldest supported: an application's older API comes before the agent jar on the class path, so
 * that is what Poolscope's calls link against (issue 13). A newer member needs a reflective look-up
 * with a fallback, as {@link GlobalIsSet} does for {@code isSet()}.
 */
class OldestApiTest {
  /** Copied there by maven-dependency-plugin (execution legacy-opentelemetry in agent/pom.xml). */
  private static final Path OLDEST = Path.of("target", "legacy-otel", "1.20.0");

  @Test
  void everyOpenTelemetryMemberPoolscopeCallsExistsInApi120() throws Exception {
    JavaClasses agent =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.poolscope.agent");
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(OLDEST)) {
      for (Path jar : (Iterable<Path>) files::iterator) {
        String name = jar.getFileName().toString();
        if (name.startsWith("opentelemetry-api-1") || name.startsWith("opentelemetry-context-1")) {
          jars.add(jar.toUri().toURL());
        }
      }
    }
    assertEquals(2, jars.size(), "the API and context jars of 1.20.0 in " + OLDEST);

    TreeSet<String> checked = new TreeSet<>();
    TreeSet<String> missing = new TreeSet<>();
    try (URLClassLoader oldest =
        new URLClassLoader(jars.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      for (JavaClass type : agent) {
        for (JavaAccess<?> access : type.getAccessesFromSelf()) {
          AccessTarget target = access.getTarget();
          String owner = target.getOwner().getName();
          if (owner.startsWith("io.opentelemetry.")) {
            String member = owner + "." + target.getName() + parameters(target);
            checked.add(member);
            if (!exists(oldest, owner, target)) {
              missing.add(member + " (from " + type.getSimpleName() + ")");
            }
          }
        }
      }
    }
    assertTrue(checked.size() > 20, "found Poolscope's OpenTelemetry calls: " + checked);
    assertTrue(missing.isEmpty(), "not in OpenTelemetry API 1.20: " + missing);
  }

  private static boolean exists(ClassLoader api, String owner, AccessTarget target) {
    Class<?> type;
    try {
      type = Class.forName(owner, false, api);
    } catch (ClassNotFoundException e) {
      return false;
    }
    if (target instanceof AccessTarget.FieldAccessTarget) {
      return Arrays.stream(type.getFields()).anyMatch(f -> f.getName().equals(target.getName()));
    }
    String wanted = parameters(target);
    return Stream.concat(Arrays.stream(type.getMethods()), Arrays.stream(type.getDeclaredMethods()))
        .anyMatch(
            m ->
                m.getName().equals(target.getName())
                    && names(m.getParameterTypes()).equals(wanted));
  }

  private static String parameters(AccessTarget target) {
    if (target instanceof AccessTarget.CodeUnitAccessTarget code) {
      return code.getRawParameterTypes().stream()
          .map(JavaClass::getName)
          .reduce((a, b) -> a + "," + b)
          .map(p -> "(" + p + ")")
          .orElse("()");
    }
    return "";
  }

  private static String names(Class<?>[] types) {
    return Arrays.stream(types)
        .map(Class::getName)
        .reduce((a, b) -> a + "," + b)
        .map(p -> "(" + p + ")")
        .orElse("()");
  }
}
