package io.poolscope.agent.instrumentation.jdbc;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code Connection#abort}: like close for everything Poolscope tracks. */
public final class ConnectionAbortAdvice {
  private ConnectionAbortAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(@Advice.This Object connection) {
    Hooks.connectionAbort(connection);
  }
}
