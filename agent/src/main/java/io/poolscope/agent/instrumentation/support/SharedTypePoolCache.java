package io.poolscope.agent.instrumentation.support;

import io.poolscope.agent.collections.WeakIdentityMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

/**
 * One type-description cache per class loader, shared by every class that loader defines. Matching
 * a class means resolving its super types, and without a shared cache each class loaded would parse
 * the class files of {@code Object}, its interfaces and every ancestor again (measured: 3 s of a
 * small application's start-up). Class loaders are held weakly, so a discarded web application's
 * loader and its cache can be collected.
 */
final class SharedTypePoolCache extends AgentBuilder.PoolStrategy.WithTypePoolCache {
  private static final Object BOOTSTRAP = new Object();

  private final WeakIdentityMap<TypePool.CacheProvider> byLoader = new WeakIdentityMap<>();

  SharedTypePoolCache() {
    super(TypePool.Default.ReaderMode.FAST);
  }

  @Override
  protected TypePool.CacheProvider locate(ClassLoader classLoader) {
    Object key = classLoader == null ? BOOTSTRAP : classLoader;
    TypePool.CacheProvider cache = byLoader.get(key);
    if (cache == null) {
      synchronized (this) {
        cache = byLoader.get(key);
        if (cache == null) {
          byLoader.expunge(null);
          cache = TypePool.CacheProvider.Simple.withObjectType();
          byLoader.put(key, cache);
        }
      }
    }
    return cache;
  }
}
