package io.poolscope.agent.instrumentation.pools;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * On entry to the method where a pool turns its configuration into a pool (DBCP2's {@code
 * createDataSource}, Tomcat's {@code createPool}, c3p0's {@code getPoolManager}): the cap is
 * applied before the method opens its first connection. Some of these run on every checkout; the
 * listener acts once per pool.
 */
public final class PoolStartEnterAdvice {
  private PoolStartEnterAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(@Advice.This Object pool) {
    Hooks.poolStarting(pool);
  }
}
