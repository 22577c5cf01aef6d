package io.poolscope.agent.instrumentation.logging;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** On exit of {@code LoggerFactory#getILoggerFactory}: the application's SLF4J is initialised. */
public final class Slf4jReadyAdvice {
  private Slf4jReadyAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.Origin Class<?> loggerFactory) {
    Hooks.slf4jReady(loggerFactory);
  }
}
