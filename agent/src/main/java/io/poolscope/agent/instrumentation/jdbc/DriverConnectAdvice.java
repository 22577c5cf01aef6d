package io.poolscope.agent.instrumentation.jdbc;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** Times {@code Driver#connect}: one physical connection made (or failed). */
public final class DriverConnectAdvice {
  private DriverConnectAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static long enter() {
    return Hooks.connectEnter();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.This Object driver,
      @Advice.Argument(0) Object url,
      @Advice.Return Object connection,
      @Advice.Thrown Throwable error,
      @Advice.Enter long start) {
    Hooks.connectExit(driver, url, connection, error, start);
  }
}
