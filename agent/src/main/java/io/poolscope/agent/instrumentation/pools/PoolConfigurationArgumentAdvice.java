package io.poolscope.agent.instrumentation.pools;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * On entry to a pool's constructor that takes its configuration as the first argument (Agroal's
 * {@code ConnectionPool}): the configuration is capped before the pool is built from it. A
 * constructor's enter advice may not touch {@code this}, only its arguments.
 */
public final class PoolConfigurationArgumentAdvice {
  private PoolConfigurationArgumentAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(@Advice.Argument(0) Object configuration) {
    Hooks.poolStarting(configuration);
  }
}
