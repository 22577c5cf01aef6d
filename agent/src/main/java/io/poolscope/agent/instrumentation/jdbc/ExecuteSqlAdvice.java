package io.poolscope.agent.instrumentation.jdbc;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code Statement#execute*(String sql, ...)}: the SQL comes with the call. Enter only; the exit is
 * {@link ExecuteExitAdvice}.
 */
public final class ExecuteSqlAdvice {
  private ExecuteSqlAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.This Object statement, @Advice.Argument(0) Object sql) {
    return Hooks.executeEnter(statement, sql, false);
  }
}
