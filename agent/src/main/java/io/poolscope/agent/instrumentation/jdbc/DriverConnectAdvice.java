package io.poolscope.agent.instrumentation.jdbc;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Times {@code Driver#connect}: one physical connection made (or failed). When {@code
 * connections.max} refuses the connect, the driver's code is skipped and the connect throws the
 * budget's {@code SQLTransientConnectionException} instead.
 */
public final class DriverConnectAdvice {
  private DriverConnectAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Advice.OnNonDefaultValue.class)
  public static Object enter(
      @Advice.This Object driver,
      @Advice.Argument(0) Object url,
      @Advice.Local("start") long start) {
    start = Hooks.connectEnter();
    return Hooks.connectGate(driver, url, start);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.This Object driver,
      @Advice.Argument(0) Object url,
      @Advice.Return Object connection,
      @Advice.Thrown(readOnly = false) Throwable error,
      @Advice.Enter Object rejection,
      @Advice.Local("start") long start) {
    if (rejection instanceof Throwable) {
      error = (Throwable) rejection;
    }
    Hooks.connectExit(driver, url, connection, error, start);
  }
}
