package io.poolscope.agent.telemetry;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.poolscope.agent.log.AgentLog;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finds the application's tracing lazily, on an application thread's first traced call, and again
 * every few seconds while there is none: an SDK registered with {@code GlobalOpenTelemetry} by the
 * application, or the OpenTelemetry Java agent.
 *
 * <p>Never earlier: {@code GlobalOpenTelemetry.get()} before the application registers its SDK
 * fixes the no-op for good (and makes the application's own registration throw), and before the
 * OpenTelemetry agent has started it is not bridged. So an SDK is taken only once {@code isSet()};
 * the agent (which ignores the application's {@code set} and bridges {@code get}) is asked with
 * {@code get()}. Once found, the tracer is kept; the hot path is one volatile read.
 */
final class TracerSource {
  static final String INSTRUMENTATION_NAME = "io.poolscope";
  static final String API_CLASS = "io.opentelemetry.api.GlobalOpenTelemetry";
  private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final ClassLoadWatch watch;
  private final AtomicBoolean checking = new AtomicBoolean();
  private volatile Tracer tracer;
  private volatile boolean statementSpans;
  private volatile boolean givenUp;
  private volatile long nextCheckNanos;
  private boolean otherApiReported;

  TracerSource(ClassLoadWatch watch) {
    this.watch = watch;
    this.nextCheckNanos = System.nanoTime();
  }

  /** The tracer, or null while the application has no tracing (cheap to call on every event). */
  Tracer tracer() {
    Tracer found = tracer;
    if (found != null || givenUp) {
      return found;
    }
    long now = System.nanoTime();
    if (now - nextCheckNanos < 0 || !checking.compareAndSet(false, true)) {
      return null;
    }
    try {
      nextCheckNanos = now + RECHECK_NANOS;
      return resolve();
    } catch (Throwable e) {
      // An application's own, older API copy first on the class path can lack what we call.
      givenUp = true;
      AgentLog.warn(
          "Poolscope could not use the application's OpenTelemetry API ("
              + e
              + "): no spans from Poolscope; metrics, logs and events.file are unaffected");
      return null;
    } finally {
      checking.set(false);
    }
  }

  /**
   * The tracer if one was found already, without looking: for Poolscope's own threads, which must
   * never be the first to touch {@code GlobalOpenTelemetry} (see the class comment).
   */
  Tracer found() {
    return tracer;
  }

  /** True when Poolscope's statement spans are wanted: tracing is on and no other JDBC tracer. */
  boolean statementSpans() {
    return statementSpans;
  }

  private Tracer resolve() {
    Tracer found = null;
    if (OpenTelemetryAgentPresence.detected()) {
      found = GlobalOpenTelemetry.get().getTracer(INSTRUMENTATION_NAME, version());
      statementSpans = false;
      AgentLog.info(
          "Poolscope found the OpenTelemetry Java agent: its traces get Poolscope's connection"
              + " wait spans and events; statement spans are left to the agent");
    } else if (GlobalOpenTelemetry.isSet()) {
      found = GlobalOpenTelemetry.get().getTracer(INSTRUMENTATION_NAME, version());
      statementSpans = true;
      AgentLog.info(
          "Poolscope found the application's OpenTelemetry SDK: it adds connection wait spans,"
              + " statement spans and span events");
    } else {
      reportOtherApiCopy();
    }
    tracer = found;
    return found;
  }

  /** An API copy in another class loader (a Spring Boot fat jar) is not the one we can reach. */
  private void reportOtherApiCopy() {
    if (otherApiReported || watch == null) {
      return;
    }
    ClassLoader ours = GlobalOpenTelemetry.class.getClassLoader();
    List<ClassLoader> loaders = watch.loadersOf(API_CLASS);
    for (ClassLoader loader : loaders) {
      if (loader != ours) {
        otherApiReported = true;
        AgentLog.info(
            "Poolscope sees the OpenTelemetry API in the application's class loader "
                + loader
                + ", which it cannot emit spans through: run the OpenTelemetry Java agent, or put"
                + " the SDK on the system class path, to get Poolscope's spans");
        return;
      }
    }
  }

  private static String version() {
    String version = TracerSource.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
