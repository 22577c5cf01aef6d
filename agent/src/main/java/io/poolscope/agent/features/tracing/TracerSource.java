package io.poolscope.agent.features.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.poolscope.agent.output.ClassLoadWatch;
import io.poolscope.agent.output.log.AgentLog;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finds the application's tracing lazily, on an application thread's first traced call, and again
 * every few seconds while there is none, in this order: the OpenTelemetry Java agent (which bridges
 * Poolscope's API copy); an SDK the application registered with Poolscope's copy of {@code
 * GlobalOpenTelemetry}; an SDK registered with the application's own copy in another class loader
 * (see {@link OtherApiCopy}), which Poolscope then calls through {@link ReflectiveTraceApi}.
 *
 * <p>Never earlier: {@code GlobalOpenTelemetry.get()} before the application registers its SDK
 * fixes the no-op for good (and makes the application's own registration throw), and before the
 * OpenTelemetry agent has started it is not bridged. So an SDK is taken only once {@code isSet()};
 * the agent (which ignores the application's {@code set} and bridges {@code get}) is asked with
 * {@code get()}. Once found, the API is kept; the hot path is one volatile read (two while none is
 * found: whether a look is due, which {@link #lookAgain} says every few seconds — no clock is read
 * per call).
 */
final class TracerSource {
  static final String INSTRUMENTATION_NAME = "io.poolscope";
  static final String API_CLASS = "io.opentelemetry.api.GlobalOpenTelemetry";

  /** How often to look again while no tracing was found. */
  static final long LOOK_AGAIN_MILLIS = 5_000;

  private final ClassLoadWatch watch;
  private final AtomicBoolean checking = new AtomicBoolean();
  private final AtomicBoolean givenUp = new AtomicBoolean();
  private volatile TraceApi api;
  private volatile boolean statementSpans;
  private volatile boolean lookDue = true;
  private volatile Runnable nothingFound = () -> {};

  TracerSource(ClassLoadWatch watch) {
    this.watch = watch;
  }

  /**
   * Lets the next traced call look for tracing again, unless it was found or given up; true when a
   * look is now due.
   */
  boolean lookAgain() {
    if (api == null && !givenUp.get()) {
      lookDue = true;
      return true;
    }
    return false;
  }

  /** Runs {@code action} each time a look found no tracing, and when tracing is given up. */
  void whenNothingFound(Runnable action) {
    nothingFound = action;
  }

  /** The API to trace through, or null while the application has no tracing (cheap to call). */
  TraceApi tracer() {
    TraceApi found = api;
    if (found != null || !lookDue || !checking.compareAndSet(false, true)) {
      return found;
    }
    try {
      lookDue = false;
      TraceApi resolved = resolve();
      if (resolved == null) {
        nothingFound.run();
      }
      return resolved;
    } catch (Throwable e) {
      // An application's own, older API copy can lack what we call.
      giveUp(e);
      return null;
    } finally {
      checking.set(false);
    }
  }

  /**
   * The API if one was found already, without looking: for Poolscope's own threads, which must
   * never be the first to touch {@code GlobalOpenTelemetry} (see the class comment).
   */
  TraceApi found() {
    return api;
  }

  /** True when Poolscope's statement spans are wanted: tracing is on and no other JDBC tracer. */
  boolean statementSpans() {
    return statementSpans;
  }

  /** Turns tracing off for good, saying why once; the API copy failed. */
  void giveUp(Throwable cause) {
    lookDue = false;
    api = null;
    boolean first = givenUp.compareAndSet(false, true);
    nothingFound.run();
    if (first) {
      AgentLog.warn(
          "Poolscope could not use the application's OpenTelemetry API ("
              + cause
              + "): no spans from Poolscope; metrics, logs and events.file are unaffected");
    }
  }

  private TraceApi resolve() throws ReflectiveOperationException {
    TraceApi found = null;
    if (OpenTelemetryAgentPresence.detected()) {
      found = ourCopy();
      statementSpans = false;
      AgentLog.info(
          "Poolscope found the OpenTelemetry Java agent: its traces get Poolscope's connection"
              + " wait spans and events; statement spans are left to the agent");
    } else if (GlobalIsSet.of(GlobalOpenTelemetry.class)) {
      // Not GlobalOpenTelemetry.isSet(): the copy linked here may be the application's older one.
      found = ourCopy();
      statementSpans = true;
      AgentLog.info(
          "Poolscope found the application's OpenTelemetry SDK: it adds connection wait spans,"
              + " statement spans and span events");
    } else if (watch != null) {
      found = otherCopy();
    }
    api = found;
    return found;
  }

  /** Poolscope's API copy: call only when it is bridged or set (see the class comment). */
  private static TraceApi ourCopy() {
    return new DirectTraceApi(GlobalOpenTelemetry.get().getTracer(INSTRUMENTATION_NAME, version()));
  }

  /** The application's API copy in another class loader, once its global is set; or null. */
  private TraceApi otherCopy() throws ReflectiveOperationException {
    Class<?> global = OtherApiCopy.firstSet(watch.loadersOf(API_CLASS), GlobalOpenTelemetry.class);
    if (global == null) {
      return null;
    }
    TraceApiHandles handles = new TraceApiHandles(global);
    Object tracer = OtherApiCopy.tracer(global, INSTRUMENTATION_NAME, version());
    statementSpans = true;
    AgentLog.info(
        "Poolscope found the application's OpenTelemetry SDK in class loader "
            + OtherApiCopy.describe(global.getClassLoader())
            + " and emits through that loader's OpenTelemetry API: it adds connection wait spans,"
            + " statement spans and span events");
    return new ReflectiveTraceApi(handles, tracer, this::giveUp);
  }

  private static String version() {
    String version = TracerSource.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
