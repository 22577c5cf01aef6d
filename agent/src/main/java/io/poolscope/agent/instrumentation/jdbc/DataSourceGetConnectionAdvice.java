package io.poolscope.agent.instrumentation.jdbc;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** Times {@code DataSource#getConnection}: the wait for a connection, outermost call only. */
public final class DataSourceGetConnectionAdvice {
  private DataSourceGetConnectionAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static long enter(@Advice.This Object dataSource) {
    return Hooks.acquireEnter(dataSource);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.This Object dataSource,
      @Advice.Return Object connection,
      @Advice.Thrown Throwable error,
      @Advice.Enter long start) {
    Hooks.acquireExit(dataSource, connection, error, start);
  }
}
