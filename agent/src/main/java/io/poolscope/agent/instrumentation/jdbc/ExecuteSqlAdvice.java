package io.poolscope.agent.instrumentation.jdbc;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** {@code Statement#execute*(String sql, ...)}: the SQL comes with the call. */
public final class ExecuteSqlAdvice {
  private ExecuteSqlAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.This Object statement, @Advice.Argument(0) Object sql) {
    return Hooks.executeEnter(statement, sql, false);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.This Object statement,
      @Advice.Enter Object token,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
      @Advice.Thrown Throwable error) {
    Hooks.executeExit(statement, token, result, error);
  }
}
