package io.poolscope.agent.instrumentation.jdbc;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code executeBatch()} / {@code executeLargeBatch()}: one timed call for the whole batch. Enter
 * only; the exit is {@link ExecuteExitAdvice}.
 */
public final class ExecuteBatchAdvice {
  private ExecuteBatchAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.This Object statement) {
    return Hooks.executeEnter(statement, null, true);
  }
}
