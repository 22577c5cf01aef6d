package io.poolscope.agent.recorder;

import io.poolscope.agent.sql.SqlOperation;

/**
 * For the features' unit tests: what the recorder builds on application threads, made here with
 * times the test chooses, so a test can stand "five seconds later" without waiting five seconds.
 */
public final class RecorderFixtures {
  /** Measures that record nothing: for tests that read events, not meters. */
  public static final PoolMeasures NO_MEASURES = PoolMeasures.NONE;

  private RecorderFixtures() {}

  /** A registry without meters, whose pools all have no statement timeout. */
  public static PoolRegistry pools() {
    return pools(name -> PoolSettings.NONE);
  }

  /** A registry without meters, with the settings {@code settings} resolves per pool name. */
  public static PoolRegistry pools(PoolSettings.Source settings) {
    return new PoolRegistry(name -> NO_MEASURES, settings);
  }

  /**
   * {@code sql} started on {@code thread} at {@code startNanos} on the connection of {@code info},
   * as the recorder's statementStarting would have recorded it then; still running.
   */
  public static RunningStatement running(
      Thread thread, Object statement, StatementInfo info, String sql, long startNanos) {
    RunningStatement run = new RunningStatement(thread);
    run.begin(statement, info, sql, SqlOperation.indexOf(sql), false, startNanos);
    info.connection().statementStarted(run, sql, SqlOperation.indexOf(sql), startNanos);
    return run;
  }

  /** {@code run} ended after {@code elapsedNanos}, as end observers are told of it. */
  public static RunningStatement finished(
      RunningStatement run, long elapsedNanos, Object result, Throwable error) {
    run.finish(elapsedNanos, result, error);
    run.info().connection().statementFinished(elapsedNanos, run.startNanos() + elapsedNanos);
    return run;
  }

  /** {@code run} is over: its thread runs no statement now. */
  public static void ended(RunningStatement run) {
    run.end();
  }
}
