package io.poolscope.agent.features.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.GlobalOpenTelemetry;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An application's own OpenTelemetry API in a class loader that does not see this JVM's: found only
 * once the application set its global, and looking never fixes that global early.
 */
class OtherApiCopyTest {
  @Test
  void findsTheCopyOnlyOnceSetAndNeverFreezesIt() throws Exception {
    try (URLClassLoader app =
        new URLClassLoader("app", apiJars(), ClassLoader.getPlatformClassLoader())) {
      Class<?> theirs = Class.forName(GlobalOpenTelemetry.class.getName(), false, app);
      assertNotSame(GlobalOpenTelemetry.class, theirs);
      List<ClassLoader> loaders = List.of(GlobalOpenTelemetry.class.getClassLoader(), app);

      assertNull(OtherApiCopy.firstSet(loaders, GlobalOpenTelemetry.class), "not set yet");

      // The application registers its own after Poolscope looked: this throws if looking had
      // called get(), which fixes the no-op.
      Class<?> openTelemetry = Class.forName("io.opentelemetry.api.OpenTelemetry", false, app);
      Object noop = openTelemetry.getMethod("noop").invoke(null);
      theirs.getMethod("set", openTelemetry).invoke(null, noop);

      assertEquals(theirs, OtherApiCopy.firstSet(loaders, GlobalOpenTelemetry.class));
      Object tracer = OtherApiCopy.tracer(theirs, TracerSource.INSTRUMENTATION_NAME, "test");
      assertEquals(app, tracer.getClass().getClassLoader());
      assertNotNull(new TraceApiHandles(theirs));
      assertEquals("'app' (java.net.URLClassLoader)", OtherApiCopy.describe(app));
    }
  }

  /** The API's jars, from this test's class path. */
  private static URL[] apiJars() throws Exception {
    String classPath = System.getProperty("surefire.test.class.path");
    if (classPath == null || classPath.isBlank()) {
      classPath = System.getProperty("java.class.path");
    }
    List<URL> jars = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("opentelemetry-api-")
          || name.startsWith("opentelemetry-context-")
          || name.startsWith("opentelemetry-common-")) {
        jars.add(Path.of(entry).toUri().toURL());
      }
    }
    return jars.toArray(new URL[0]);
  }
}
