package io.poolscope.agent.instrumentation.jdbc;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code Statement#setQueryTimeout(int)}: lets {@code statement.timeout} cap what is set. */
public final class SetQueryTimeoutAdvice {
  private SetQueryTimeoutAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(
      @Advice.This Object statement, @Advice.Argument(value = 0, readOnly = false) int seconds) {
    seconds = Hooks.queryTimeout(statement, seconds);
  }
}
