package io.poolscope.agent.instrumentation.jdbc;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code Connection#close}: ends the hold of a handed-out connection or a physical one. */
public final class ConnectionCloseAdvice {
  private ConnectionCloseAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(@Advice.This Object connection) {
    Hooks.connectionClose(connection);
  }
}
