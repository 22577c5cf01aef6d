package io.poolscope.agent.features.enforcement;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.recorder.PoolState;
import io.poolscope.agent.recorder.QueryTimeoutPolicy;
import io.poolscope.agent.recorder.RunningStatement;
import io.poolscope.agent.recorder.StatementInfo;
import io.poolscope.agent.sql.MaskedSqlCache;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Enforces {@code statement.timeout} (and {@code pool.<name>.statement.timeout}) on every statement
 * of a handed-out connection.
 *
 * <ul>
 *   <li>A new statement gets the cap as its query timeout, so the driver itself stops it.
 *   <li>{@code setQueryTimeout} with 0 (none) or more than the cap is lowered to the cap; a shorter
 *       one is kept. {@code getQueryTimeout} then reports the timeout in force, not the one asked
 *       for: what a framework reads back is what will happen.
 *   <li>For drivers that ignore query timeouts, a watchdog scan on Poolscope's thread cancels a
 *       statement still running {@link #GRACE_MILLIS} past its cap ({@code Statement#cancel}) and
 *       reports {@code statement_cancelled}. The application sees the driver's own exception.
 * </ul>
 */
public final class StatementTimeouts implements QueryTimeoutPolicy, Runnable {
  static final long GRACE_MILLIS = 1000;

  private final Function<Object, StatementInfo> statementInfo;
  private final Supplier<Iterable<RunningStatement>> running;
  private final MaskedSqlCache sql;
  private final Consumer<Event> events;

  public StatementTimeouts(
      Function<Object, StatementInfo> statementInfo,
      Supplier<Iterable<RunningStatement>> running,
      MaskedSqlCache sql,
      Consumer<Event> events) {
    this.statementInfo = statementInfo;
    this.running = running;
    this.sql = sql;
    this.events = events;
  }

  @Override
  public void statementCreated(Object statement, StatementInfo info) {
    long cap = capMillis(info.connection().pool());
    if (cap > 0 && statement instanceof Statement) {
      try {
        // Goes through the woven setQueryTimeout, which keeps it at the cap.
        ((Statement) statement).setQueryTimeout(capSeconds(cap));
      } catch (SQLException | RuntimeException unsupported) {
        // the watchdog still covers this statement
      }
    }
  }

  @Override
  public int queryTimeoutRequested(Object statement, int seconds) {
    StatementInfo info = statementInfo.apply(statement);
    if (info == null) {
      return seconds; // a driver's statement beneath a pool's proxy: the proxy passed the cap down
    }
    long cap = capMillis(info.connection().pool());
    if (cap <= 0) {
      return seconds;
    }
    int capSeconds = capSeconds(cap);
    return seconds <= 0 || seconds > capSeconds ? capSeconds : seconds;
  }

  /** The watchdog scan. */
  @Override
  public void run() {
    long now = System.nanoTime();
    for (RunningStatement r : running.get()) {
      long execution = r.execution();
      StatementInfo info = r.info();
      Object statement = r.statement();
      long start = r.startNanos();
      if (!r.active() || info == null || statement == null || r.execution() != execution) {
        continue;
      }
      long cap = capMillis(info.connection().pool());
      if (cap <= 0) {
        continue;
      }
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(now - start);
      if (elapsedMs >= cap + GRACE_MILLIS && r.markCancelled(execution)) {
        cancel(statement, info.connection().pool(), r.sql(), cap, elapsedMs, r.thread());
      }
    }
  }

  private void cancel(
      Object statement, PoolState pool, String rawSql, long cap, long elapsedMs, Thread thread) {
    String outcome;
    try {
      ((Statement) statement).cancel();
      outcome = "cancelled";
    } catch (SQLException | RuntimeException e) {
      outcome = "cancel failed (" + e + ")";
    }
    String masked = sql.mask(rawSql);
    events.accept(
        Event.of(EventType.STATEMENT_CANCELLED, pool.name())
            .thread(thread.getName())
            .message(
                pool.name()
                    + " - statement "
                    + outcome
                    + " after "
                    + elapsedMs
                    + "ms, past statement.timeout "
                    + cap
                    + "ms (the driver did not stop it itself): "
                    + masked)
            .field("sql", masked)
            .field("timeout_ms", cap)
            .field("elapsed_ms", elapsedMs)
            .build());
  }

  private long capMillis(PoolState pool) {
    return pool.settings().statementTimeoutMillis();
  }

  /** JDBC query timeouts are whole seconds: round up, so the cap is never shorter than asked. */
  static int capSeconds(long capMillis) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (capMillis + 999) / 1000));
  }
}
