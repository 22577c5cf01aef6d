package io.poolscope.agent.instrumentation.jdbc;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * No-argument {@code execute*()} of prepared and callable statements: SQL known from prepare. Enter
 * only; the exit is {@link ExecuteExitAdvice}.
 */
public final class ExecutePreparedAdvice {
  private ExecutePreparedAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.This Object statement) {
    return Hooks.executeEnter(statement, null, false);
  }
}
