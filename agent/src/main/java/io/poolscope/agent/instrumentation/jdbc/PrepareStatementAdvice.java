package io.poolscope.agent.instrumentation.jdbc;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code prepareStatement(sql, ...)} / {@code prepareCall(sql, ...)}: remembers the SQL. */
public final class PrepareStatementAdvice {
  private PrepareStatementAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter() {
    Hooks.createStatementEnter();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.This Object connection,
      @Advice.Argument(0) Object sql,
      @Advice.Return Object statement) {
    Hooks.createStatementExit(connection, statement, sql);
  }
}
