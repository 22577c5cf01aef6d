package io.poolscope.agent.instrumentation.jdbc;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code createStatement(...)}: ties the statement to its connection (and so to its pool). */
public final class CreateStatementAdvice {
  private CreateStatementAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter() {
    Hooks.createStatementEnter();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.This Object connection, @Advice.Return Object statement) {
    Hooks.createStatementExit(connection, statement, null);
  }
}
