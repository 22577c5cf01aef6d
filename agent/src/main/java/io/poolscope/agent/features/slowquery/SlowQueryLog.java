package io.poolscope.agent.features.slowquery;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.recorder.PoolState;
import io.poolscope.agent.recorder.ResultFacts;
import io.poolscope.agent.recorder.RunningStatement;
import io.poolscope.agent.recorder.StatementEndObserver;
import io.poolscope.agent.recorder.StatementInfo;
import io.poolscope.agent.sql.MaskedSqlCache;
import io.poolscope.agent.sql.SqlOperation;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reports statements slower than {@code slow-query.threshold} ({@code slow_query}, WARN): once when
 * one finishes late, and once while one is still running past the threshold, so that a hung query
 * shows up before it ends. The running check is a scan of the per-thread running-statement records
 * on Poolscope's own thread, not a timer per statement.
 */
public final class SlowQueryLog implements StatementEndObserver, Runnable {
  private final long thresholdNanos;
  private final MaskedSqlCache sql;
  private final Consumer<Event> events;
  private final Supplier<Iterable<RunningStatement>> running;

  public SlowQueryLog(
      long thresholdMillis,
      MaskedSqlCache sql,
      Consumer<Event> events,
      Supplier<Iterable<RunningStatement>> running) {
    this.thresholdNanos = TimeUnit.MILLISECONDS.toNanos(thresholdMillis);
    this.sql = sql;
    this.events = events;
    this.running = running;
  }

  /** How often the running-statement scan should run. */
  public long scanIntervalMillis() {
    return Math.max(50, Math.min(500, TimeUnit.NANOSECONDS.toMillis(thresholdNanos) / 4));
  }

  @Override
  public void statementFinished(RunningStatement run) {
    long elapsedNanos = run.elapsedNanos();
    if (elapsedNanos < thresholdNanos) {
      return;
    }
    StatementInfo info = run.info();
    if (info == null) {
      return;
    }
    String caller = CallerFrame.ofCurrentThread();
    Event.Builder event =
        slowQuery(info.connection().pool(), run.sql(), run.operation(), elapsedNanos, caller, false)
            .field("batch", run.batch());
    ResultFacts facts = ResultFacts.of(run.result());
    if (facts.rows() >= 0) {
      event.field("rows", facts.rows());
    }
    if (facts.batchSize() >= 0) {
      event.field("batch_size", facts.batchSize());
    }
    Throwable error = run.error();
    if (error != null) {
      event.field("error", error.getClass().getName());
    }
    events.accept(event.build());
  }

  /** The scan for statements still running past the threshold. */
  @Override
  public void run() {
    long now = System.nanoTime();
    Instant measured = Instant.now(); // the event's time: when elapsed was measured

    for (RunningStatement r : running.get()) {
      long execution = r.execution();
      if (!r.active()) {
        continue;
      }
      long start = r.startNanos();
      String text = r.sql();
      int operation = r.operation();
      StatementInfo info = r.info();
      if (info == null || r.execution() != execution || !r.active()) {
        continue; // it ended, or another statement began, while we read
      }
      long elapsed = now - start;
      if (elapsed >= thresholdNanos && r.markReportedWhileRunning(execution)) {
        String caller = CallerFrame.of(r.thread().getStackTrace());
        events.accept(
            slowQuery(info.connection().pool(), text, operation, elapsed, caller, true)
                .time(measured)
                .thread(r.thread().getName())
                .field("batch", r.batch())
                .build());
      }
    }
  }

  private Event.Builder slowQuery(
      PoolState pool,
      String rawSql,
      int operation,
      long elapsedNanos,
      String caller,
      boolean stillRunning) {
    long ms = TimeUnit.NANOSECONDS.toMillis(elapsedNanos);
    String masked = sql.mask(rawSql);
    String opName = SqlOperation.NAMES[operation];
    String message =
        pool.name()
            + (stillRunning ? " - statement still running after " : " - slow statement took ")
            + ms
            + "ms (slow-query.threshold "
            + TimeUnit.NANOSECONDS.toMillis(thresholdNanos)
            + "ms)"
            + (caller == null ? "" : ", called from " + caller)
            + ": "
            + (masked != null ? masked : "(no SQL text: a Statement batch)");
    return Event.of(EventType.SLOW_QUERY, pool.name())
        .message(message)
        .field("duration_ms", ms)
        .field("sql", masked)
        .field("operation", opName)
        .field("running", stillRunning)
        .field("caller", caller);
  }
}
