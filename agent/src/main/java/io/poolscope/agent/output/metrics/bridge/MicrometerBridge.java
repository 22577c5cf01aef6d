package io.poolscope.agent.output.metrics.bridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.poolscope.agent.output.ClassLoadWatch;
import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.agent.output.metrics.PoolLatencies;
import io.poolscope.agent.recorder.LatencyHistogram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Shows Poolscope's meters in the application's own Micrometer too ({@code Metrics.globalRegistry},
 * where Spring Boot adds its registries, so {@code /actuator/prometheus} lists them), while
 * Poolscope's own endpoint keeps working. Each of Poolscope's meters gets a twin there that reads
 * it at scrape time: a timer as a {@code FunctionTimer} (count and total: the application's scrape
 * shows {@code _count} and {@code _sum}, not Poolscope's histogram buckets), a counter as a {@code
 * FunctionCounter}, a gauge as a gauge. The pools' latency histograms, which are not Micrometer
 * meters (see {@link PoolLatencies}), become {@code FunctionTimer}s of the same names, tags and
 * descriptions as the timers they replaced, reading the histograms' count and sum.
 *
 * <p>Runs on Poolscope's maintenance thread: it waits until the application's {@code Metrics} class
 * has been loaded by the application (see {@link ClassLoadWatch}), never loads it itself, and then
 * adds meters as Poolscope creates them (a new pool, a new event type).
 */
public final class MicrometerBridge implements Runnable {
  private final Supplier<? extends MeterRegistry> ours;
  private final ClassLoadWatch watch;
  private final Supplier<List<PoolLatencies.Series>> latencies;
  private final List<Target> targets = new ArrayList<>();
  private final Set<ClassLoader> failed = new HashSet<>();

  public MicrometerBridge(Supplier<? extends MeterRegistry> ours, ClassLoadWatch watch) {
    this(ours, watch, List::of);
  }

  /**
   * @param ours Poolscope's registry, asked for only once the application's Micrometer is found
   * @param latencies the pools' latency histograms now ({@link PoolLatencies#series()})
   */
  public MicrometerBridge(
      Supplier<? extends MeterRegistry> ours,
      ClassLoadWatch watch,
      Supplier<List<PoolLatencies.Series>> latencies) {
    this.ours = ours;
    this.watch = watch;
    this.latencies = latencies;
  }

  /** The application's {@code Metrics} class, by binary name, for {@link ClassLoadWatch}. */
  public static String metricsClass() {
    return AppMicrometer.METRICS;
  }

  @Override
  public void run() {
    findApplications();
    if (targets.isEmpty()) {
      return;
    }
    List<Meter> meters = ours.get().getMeters();
    List<PoolLatencies.Series> histograms = latencies.get();
    Set<Meter.Id> current = new HashSet<>();
    for (Meter meter : meters) {
      current.add(meter.getId());
    }
    for (PoolLatencies.Series series : histograms) {
      current.add(series.id());
    }
    for (Target target : targets) {
      for (Meter meter : meters) {
        if (!target.twins.containsKey(meter.getId())) {
          target.twins.put(meter.getId(), mirror(target, meter));
        }
      }
      for (PoolLatencies.Series series : histograms) {
        if (!target.twins.containsKey(series.id())) {
          target.twins.put(series.id(), mirror(target, series));
        }
      }
      removeRetired(target, current);
    }
  }

  /** Twins of meters Poolscope removed (a retired pool's) leave the application's registry too. */
  private static void removeRetired(Target target, Set<Meter.Id> current) {
    Iterator<Map.Entry<Meter.Id, Object>> twins = target.twins.entrySet().iterator();
    while (twins.hasNext()) {
      Map.Entry<Meter.Id, Object> twin = twins.next();
      if (current.contains(twin.getKey())) {
        continue;
      }
      twins.remove();
      try {
        if (twin.getValue() != null) {
          target.app.remove(twin.getValue());
        }
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        // its source is gone: the twin reads nothing from now on
      }
    }
  }

  private void findApplications() {
    for (ClassLoader loader : watch.loadersOf(AppMicrometer.METRICS)) {
      if (failed.contains(loader) || known(loader) || isOurs(loader)) {
        continue;
      }
      try {
        targets.add(new Target(AppMicrometer.in(loader)));
        AgentLog.info(
            "Poolscope found the application's Micrometer: its meters are added to"
                + " Metrics.globalRegistry too");
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        failed.add(loader);
        AgentLog.warn(
            "Poolscope cannot add its meters to the application's Micrometer in "
                + loader
                + " ("
                + e
                + "); its own Prometheus endpoint is unaffected");
      }
    }
  }

  private boolean known(ClassLoader loader) {
    for (Target target : targets) {
      if (target.app.loader() == loader) {
        return true;
      }
    }
    return false;
  }

  /**
   * Poolscope's own Micrometer (unshaded when its tests run from classes): not a twin of itself.
   */
  private static boolean isOurs(ClassLoader loader) {
    try {
      return Class.forName(AppMicrometer.METRICS, false, loader) == Metrics.class;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Registers a twin of {@code meter}; returns it, or null when it could not be made. */
  private Object mirror(Target target, Meter meter) {
    MeterSpec spec = MeterSpec.of(meter.getId());
    try {
      if (meter instanceof Timer) {
        return target.app.registerFunctionTimer(
            spec, (Timer) meter, Timer::count, t -> t.totalTime(TimeUnit.NANOSECONDS));
      } else if (meter instanceof FunctionTimer) {
        return target.app.registerFunctionTimer(
            spec,
            (FunctionTimer) meter,
            t -> (long) t.count(),
            t -> t.totalTime(TimeUnit.NANOSECONDS));
      } else if (meter instanceof Counter) {
        return target.app.registerFunctionCounter(spec, (Counter) meter, Counter::count);
      } else if (meter instanceof FunctionCounter) {
        return target.app.registerFunctionCounter(
            spec, (FunctionCounter) meter, FunctionCounter::count);
      } else if (meter instanceof Gauge) {
        return target.app.registerGauge(spec, (Gauge) meter, Gauge::value);
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      reportFailure(target, spec, e);
    }
    return null;
  }

  /** A timer twin reading one pool's latency histogram (count and total). */
  private Object mirror(Target target, PoolLatencies.Series series) {
    MeterSpec spec = MeterSpec.of(series.id());
    try {
      return target.app.registerFunctionTimer(
          spec, series.histogram(), LatencyHistogram::count, h -> (double) h.sumNanos());
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      reportFailure(target, spec, e);
    }
    return null;
  }

  private static void reportFailure(Target target, MeterSpec spec, Throwable e) {
    if (target.reportedFailure) {
      return;
    }
    target.reportedFailure = true;
    AgentLog.warn(
        "Poolscope could not add "
            + spec.name()
            + " to the application's Micrometer ("
            + e
            + "); further failures are not reported");
  }

  /** One application Micrometer and the twins it holds of Poolscope's meters. */
  private static final class Target {
    final AppMicrometer app;

    /** Poolscope's meters and their twins (null where none could be made). */
    final Map<Meter.Id, Object> twins = new HashMap<>();

    boolean reportedFailure;

    Target(AppMicrometer app) {
      this.app = app;
    }
  }
}
