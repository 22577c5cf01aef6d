package io.poolscope.agent.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassLoadWatchTest {
  @Test
  void notesLoadersThatDefineAWatchedClassOnly() {
    ClassLoadWatch watch =
        new ClassLoadWatch(List.of(ClassLoadWatch.name("micrometer.core.Thing")));
    ClassLoader app = new URLClassLoader(new URL[0], null);

    watch.transform(app, "io/micrometer/core/Other", null, null, new byte[0]);
    assertTrue(watch.loadersOf("io.micrometer.core.Thing").isEmpty());

    watch.transform(app, "io/micrometer/core/Thing", null, null, new byte[0]);
    assertEquals(List.of(app), watch.loadersOf("io.micrometer.core.Thing"));
  }

  @Test
  void keepsNoLoaderAlive() throws Exception {
    ClassLoadWatch watch = new ClassLoadWatch(List.of("a.B"));
    ClassLoader app = new URLClassLoader(new URL[0], null);
    WeakReference<ClassLoader> ref = new WeakReference<>(app);
    watch.transform(app, "a/B", null, null, new byte[0]);
    app = null;
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertTrue(watch.loadersOf("a.B").isEmpty());
  }

  @Test
  void namesAreBuiltAtRunTimeSoShadingLeavesThemAlone() {
    assertEquals(
        "io.micrometer.core.instrument.Metrics",
        ClassLoadWatch.name("micrometer.core.instrument.Metrics"));
  }
}
