package io.poolscope.agent.instrumentation.pools;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * On normal return from a configuration's validation (HikariCP's {@code HikariConfig#validate}):
 * the configuration is complete, defaults filled in and the pool named, and no connection is open
 * yet. A validation that throws starts no pool, so there is nothing to cap.
 */
public final class PoolStartExitAdvice {
  private PoolStartExitAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void exit(@Advice.This Object config) {
    Hooks.poolStarting(config);
  }
}
