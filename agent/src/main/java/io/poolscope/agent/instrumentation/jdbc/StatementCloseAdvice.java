package io.poolscope.agent.instrumentation.jdbc;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code Statement#close}: the statement's entry in Poolscope's table goes now. */
public final class StatementCloseAdvice {
  private StatementCloseAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(@Advice.This Object statement) {
    Hooks.statementClose(statement);
  }
}
