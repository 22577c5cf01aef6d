package io.poolscope.agent.instrumentation.pools;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * A pool's maximum-size setter ({@code setMaximumPoolSize(int)}, {@code setMaxTotal(int)}, ...):
 * the size the caller asks for is replaced by the capped one before the setter runs, so a pool
 * resized at run time through its own API stays within {@code pool.max-size}.
 */
public final class MaxSizeArgumentAdvice {
  private MaxSizeArgumentAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter(
      @Advice.This Object pool, @Advice.Argument(value = 0, readOnly = false) int size) {
    size = Hooks.poolMaxSize(pool, size);
  }
}
