package io.poolscope.agent.output.metrics.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.poolscope.agent.output.ClassLoadWatch;
import java.lang.reflect.Method;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The bridge against a real, separate copy of Micrometer in an application-like class loader (as in
 * a user's JVM, where Poolscope's own copy is shaded): its twins read Poolscope's meters live.
 */
class MicrometerBridgeTest {
  private static final String METRICS_FILE = "io/micrometer/core/instrument/Metrics.class";

  @Test
  void mirrorsTimersCountersAndGaugesIntoTheApplicationsGlobalRegistry() throws Exception {
    URLClassLoader app = applicationMicrometer();
    Object appRegistry = addSimpleRegistry(app);
    ClassLoadWatch watch = new ClassLoadWatch(List.of(MicrometerBridge.metricsClass()));
    watch.transform(app, "io/micrometer/core/instrument/Metrics", null, null, new byte[0]);

    MeterRegistry ours = new SimpleMeterRegistry();
    Timer wait = Timer.builder("db.client.connection.wait_time").tag("pool", "main").register(ours);
    wait.record(Duration.ofMillis(30));
    wait.record(Duration.ofMillis(70));
    MicrometerBridge bridge = new MicrometerBridge(() -> ours, watch);
    bridge.run();

    Map<String, Double> seen = measurements(appRegistry);
    assertEquals(2.0, seen.get("db.client.connection.wait_time{pool=main} COUNT"));
    assertEquals(0.1, seen.get("db.client.connection.wait_time{pool=main} TOTAL_TIME"), 1e-9);

    // Meters Poolscope creates later are added on the next run; values are read live.
    Counter timeouts =
        Counter.builder("db.client.connection.timeouts").tag("pool", "main").register(ours);
    AtomicInteger used = new AtomicInteger(3);
    Gauge.builder("db.client.connection.count", used, AtomicInteger::get)
        .tag("pool", "main")
        .register(ours);
    bridge.run();
    timeouts.increment();
    wait.record(Duration.ofMillis(100));
    used.set(4);
    seen = measurements(appRegistry);
    assertEquals(3.0, seen.get("db.client.connection.wait_time{pool=main} COUNT"));
    assertEquals(1.0, seen.get("db.client.connection.timeouts{pool=main} COUNT"));
    assertEquals(4.0, seen.get("db.client.connection.count{pool=main} VALUE"));

    bridge.run(); // nothing new: registers nothing twice
    assertEquals(3, meterCount(appRegistry));

    // A meter Poolscope removes (a retired pool's) leaves the application's registry too.
    ours.remove(timeouts);
    bridge.run();
    assertEquals(2, meterCount(appRegistry));
    assertEquals(
        null, measurements(appRegistry).get("db.client.connection.timeouts{pool=main} COUNT"));
  }

  private static int meterCount(Object registry) throws Exception {
    return ((List<?>) registry.getClass().getMethod("getMeters").invoke(registry)).size();
  }

  @Test
  void leavesItsOwnMicrometerAlone() {
    ClassLoadWatch watch = new ClassLoadWatch(List.of(MicrometerBridge.metricsClass()));
    ClassLoader ownLoader = Metrics.class.getClassLoader();
    watch.transform(ownLoader, "io/micrometer/core/instrument/Metrics", null, null, new byte[0]);
    MeterRegistry ours = new SimpleMeterRegistry();
    Counter.builder("poolscope.events").register(ours);

    new MicrometerBridge(() -> ours, watch).run();

    assertTrue(
        Metrics.globalRegistry.getMeters().isEmpty(),
        Metrics.globalRegistry.getMeters().toString());
  }

  /** micrometer-core and what it needs, isolated from the tests' own copy. */
  private static URLClassLoader applicationMicrometer() throws Exception {
    return new URLClassLoader(
        "application",
        new URL[] {
          jarOf(METRICS_FILE),
          jarOf("io/micrometer/common/KeyValue.class"),
          jarOf("io/micrometer/observation/Observation.class"),
          jarOf("org/HdrHistogram/Histogram.class")
        },
        ClassLoader.getPlatformClassLoader());
  }

  private static URL jarOf(String classFile) throws Exception {
    URL resource = MicrometerBridgeTest.class.getClassLoader().getResource(classFile);
    if (resource == null) {
      throw new IllegalStateException(classFile + " is not on the test class path");
    }
    return ((JarURLConnection) resource.openConnection()).getJarFileURL();
  }

  private static Object addSimpleRegistry(ClassLoader app) throws Exception {
    Class<?> metrics = Class.forName("io.micrometer.core.instrument.Metrics", true, app);
    Class<?> registryType =
        Class.forName("io.micrometer.core.instrument.MeterRegistry", false, app);
    Object registry =
        Class.forName("io.micrometer.core.instrument.simple.SimpleMeterRegistry", true, app)
            .getConstructor()
            .newInstance();
    metrics.getMethod("addRegistry", registryType).invoke(null, registry);
    return registry;
  }

  /** "name{k=v} STATISTIC" to value, for every meter of the application's registry. */
  private static Map<String, Double> measurements(Object registry) throws Exception {
    Map<String, Double> values = new HashMap<>();
    for (Object meter : (List<?>) registry.getClass().getMethod("getMeters").invoke(registry)) {
      Object id = call(meter, "getId");
      StringBuilder key = new StringBuilder((String) call(id, "getName")).append('{');
      for (Object tag : (List<?>) call(id, "getTags")) {
        key.append(call(tag, "getKey")).append('=').append(call(tag, "getValue"));
      }
      key.append('}');
      for (Object measurement : (Iterable<?>) call(meter, "measure")) {
        values.put(
            key + " " + call(measurement, "getStatistic"), (Double) call(measurement, "getValue"));
      }
    }
    return values;
  }

  private static Object call(Object target, String method) throws Exception {
    Method m = publicMethod(target.getClass(), method);
    return m.invoke(target);
  }

  private static Method publicMethod(Class<?> type, String name) throws NoSuchMethodException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        try {
          return i.getMethod(name);
        } catch (NoSuchMethodException ignored) {
          // keep looking
        }
      }
    }
    return type.getMethod(name);
  }
}
