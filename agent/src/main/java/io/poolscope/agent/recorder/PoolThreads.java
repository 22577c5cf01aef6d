package io.poolscope.agent.recorder;

import io.poolscope.agent.pools.PoolAdapters;

/**
 * Whether the calling thread is one of a pool library's own: a thread of a class in the library's
 * packages (c3p0's {@code ThreadPoolAsynchronousRunner$PoolThread}). Such a thread works on the
 * pool's side of a connection: c3p0 checks each returned connection in on a helper thread, through
 * a fresh proxy that it closes there. The application never had that proxy, so searching for it
 * would only miss; and a connection the application still holds that a pool's thread closes was
 * taken back by the pool, not returned by the application, so it stays the application's leak.
 * Decided once per thread class.
 */
final class PoolThreads {
  private static final ClassValue<Boolean> POOLS_OWN =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> threadClass) {
          return PoolAdapters.forPoolFrame(threadClass.getName()) != null;
        }
      };

  private PoolThreads() {}

  static boolean isCurrentPoolsOwn() {
    return POOLS_OWN.get(Thread.currentThread().getClass());
  }
}
