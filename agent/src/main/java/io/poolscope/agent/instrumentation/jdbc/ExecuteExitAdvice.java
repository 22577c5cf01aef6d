package io.poolscope.agent.instrumentation.jdbc;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The exit of every {@code execute*} advice: hands the enter's token, the result (boxed when
 * primitive: update counts) and any exception to the hooks. Paired with {@link ExecuteSqlAdvice},
 * {@link ExecutePreparedAdvice} or {@link ExecuteBatchAdvice} as their enter.
 */
public final class ExecuteExitAdvice {
  private ExecuteExitAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.This Object statement,
      @Advice.Enter Object token,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
      @Advice.Thrown Throwable error) {
    Hooks.executeExit(statement, token, result, error);
  }
}
