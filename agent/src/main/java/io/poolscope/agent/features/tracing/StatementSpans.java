package io.poolscope.agent.features.tracing;

import io.poolscope.agent.output.metrics.MeterNames;
import io.poolscope.agent.recorder.PoolState;
import io.poolscope.agent.recorder.RunningStatement;
import io.poolscope.agent.recorder.StatementEndObserver;
import io.poolscope.agent.recorder.StatementInfo;
import io.poolscope.agent.recorder.StatementStartObserver;
import io.poolscope.agent.sql.MaskedSqlCache;
import io.poolscope.agent.sql.QuerySummary;
import io.poolscope.agent.sql.SqlOperation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A CLIENT span per statement execution, with the stable database conventions ({@code
 * db.system.name}, {@code db.namespace}, {@code db.operation.name}, masked {@code db.query.text},
 * {@code db.query.summary} as the name, {@code error.type}), only when no other JDBC tracer runs
 * (see {@link TracerSource#statementSpans()}) and only inside the application's trace.
 *
 * <p>The span is not made current (nothing runs inside a JDBC call that could use it); it is kept
 * per thread while the statement runs so that a slow query or a cancellation lands on it. With
 * another JDBC tracer, the span current when the statement started is kept instead, for the same
 * reason.
 */
final class StatementSpans implements StatementStartObserver, StatementEndObserver {
  private static final int MAX_TARGETS = 256;

  private final TracerSource tracers;
  private final MaskedSqlCache sql;
  private final Map<Thread, Object> inFlight = new ConcurrentHashMap<>();
  private final Map<Thread, Object> enclosing = new ConcurrentHashMap<>();
  private final Map<String, DbTarget> targets = new ConcurrentHashMap<>();

  StatementSpans(TracerSource tracers, MaskedSqlCache sql) {
    this.tracers = tracers;
    this.sql = sql;
  }

  @Override
  public void statementStarted(RunningStatement run) {
    TraceApi api = tracers.tracer();
    if (api == null) {
      return;
    }
    Object current = api.currentSpan();
    if (current == null) {
      return;
    }
    if (!tracers.statementSpans()) {
      // Another tracer's statement span (or the application's) is the one a finding that a scan
      // makes while the statement runs belongs to: remember it, it is not ours to end.
      enclosing.put(run.thread(), current);
      return;
    }
    StatementInfo info = run.info();
    if (info == null) {
      return;
    }
    PoolState pool = info.connection().pool();
    DbTarget target = target(pool.url());
    String masked = sql.mask(run.sql());
    String summary = QuerySummary.of(masked);
    String operation = operation(run.operation(), summary);
    Object builder =
        api.spanBuilder(run.batch() ? "BATCH " + summary : summary, TraceApi.Kind.CLIENT);
    api.builderAttribute(builder, "db.system.name", target.system());
    api.builderAttribute(builder, "db.namespace", target.namespace());
    api.builderAttribute(
        builder, "db.operation.name", run.batch() ? "BATCH " + operation : operation);
    api.builderAttribute(builder, "db.query.text", masked);
    api.builderAttribute(builder, "db.query.summary", summary);
    api.builderAttribute(builder, MeterNames.POOL_TAG, pool.name());
    Object span = api.startSpan(builder);
    if (span == null) {
      return; // the API copy failed, and tracing is off
    }
    Object previous = inFlight.put(run.thread(), span);
    if (previous != null) {
      api.end(previous); // a finish we never heard of; never leave a span open
    }
  }

  @Override
  public void statementFinished(RunningStatement run) {
    if (!enclosing.isEmpty()) {
      enclosing.remove(run.thread());
    }
    if (inFlight.isEmpty()) {
      return;
    }
    Object span = inFlight.remove(run.thread());
    TraceApi api = tracers.found();
    if (span == null || api == null) {
      return;
    }
    Throwable error = run.error();
    if (error != null) {
      // The class only: a driver's message can quote the statement's values.
      api.spanAttribute(span, "error.type", error.getClass().getName());
      api.markError(span);
    }
    api.end(span);
  }

  /** The statement span running on {@code thread}, or null. */
  Object inFlight(Thread thread) {
    return inFlight.isEmpty() ? null : inFlight.get(thread);
  }

  /**
   * For a finding made on another thread: the span of the statement running on a thread of this
   * name (events carry names), ours or the one it runs in, or null.
   */
  Object runningOnThreadNamed(String name) {
    Object span = byThreadName(inFlight, name);
    return span != null ? span : byThreadName(enclosing, name);
  }

  private static Object byThreadName(Map<Thread, Object> spans, String name) {
    if (spans.isEmpty()) {
      return null;
    }
    for (Map.Entry<Thread, Object> entry : spans.entrySet()) {
      if (entry.getKey().getName().equals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private DbTarget target(String url) {
    if (url == null) {
      return DbTarget.UNKNOWN;
    }
    DbTarget target = targets.get(url);
    if (target == null) {
      target = DbTarget.of(url);
      if (targets.size() < MAX_TARGETS) {
        targets.put(url, target);
      }
    }
    return target;
  }

  /** Poolscope's five operations, or the summary's keyword (CALL, MERGE, ...) for the rest. */
  private static String operation(int index, String summary) {
    String name = SqlOperation.NAMES[index];
    if (!SqlOperation.OTHER.equals(name) || SqlOperation.OTHER.equals(summary)) {
      return name;
    }
    int space = summary.indexOf(' ');
    return space < 0 ? summary : summary.substring(0, space);
  }
}
