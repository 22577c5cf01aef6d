package io.poolscope.agent.features.enforcement;

import io.poolscope.agent.collections.WeakIdentityMap;
import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.agent.pools.CapResult;
import io.poolscope.agent.pools.PoolAdapter;
import io.poolscope.agent.pools.PoolAdapters;
import io.poolscope.bootstrap.PoolLifecycleListener;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Enforces {@code pool.max-size} and {@code pool.<name>.max-size}: a pool's maximum is lowered to
 * the cap when the pool starts (before it opens connections), and a maximum set later through the
 * pool's own API (Hikari's MXBean, a setter) is lowered as it is set. Each pool capped at start is
 * reported once ({@code pool_capped}).
 */
public final class PoolCaps implements PoolLifecycleListener {
  private final ToIntFunction<String> capForPool;
  private final Consumer<Event> events;
  private final WeakIdentityMap<Boolean> started = new WeakIdentityMap<>();

  public PoolCaps(ToIntFunction<String> capForPool, Consumer<Event> events) {
    this.capForPool = capForPool;
    this.events = events;
  }

  @Override
  public void poolStarting(Object poolOrConfig) {
    if (started.get(poolOrConfig) != null) {
      return; // some libraries pass through their start method on every checkout
    }
    started.put(poolOrConfig, Boolean.TRUE);
    PoolAdapter adapter = adapterFor(poolOrConfig);
    if (adapter == null) {
      return;
    }
    String name = adapter.poolName(poolOrConfig);
    int cap = capForPool.applyAsInt(name == null ? "" : name);
    if (cap <= 0) {
      return;
    }
    CapResult result = adapter.capMaxSize(poolOrConfig, cap);
    if (result == null) {
      return;
    }
    String pool = name == null ? adapter.library() : name;
    events.accept(
        Event.of(EventType.POOL_CAPPED, pool)
            .message(
                pool
                    + " - maximum pool size lowered from "
                    + result.requested()
                    + " to "
                    + result.applied()
                    + " by pool.max-size (minimum idle and initial size lowered to fit)")
            .field("requested", result.requested())
            .field("applied", result.applied())
            .build());
  }

  @Override
  public int maxSizeRequested(Object poolOrConfig, int requested) {
    PoolAdapter adapter = adapterFor(poolOrConfig);
    if (adapter != null && notStartedYet(adapter, poolOrConfig)) {
      // Configuration before start: its setters run in any order (the name may come later), so the
      // cap waits for the start, which sees the final settings and reports what it lowered.
      return requested;
    }
    String name = adapter == null ? null : adapter.poolName(poolOrConfig);
    int cap = capForPool.applyAsInt(name == null ? "" : name);
    if (cap <= 0 || requested <= cap) {
      return requested;
    }
    AgentLog.info(
        (name == null ? "a pool" : name)
            + " - maximum pool size "
            + requested
            + " lowered to "
            + cap
            + " by pool.max-size");
    return cap;
  }

  private boolean notStartedYet(PoolAdapter adapter, Object poolOrConfig) {
    return started.get(poolOrConfig) == null && adapter.snapshot(poolOrConfig) == null;
  }

  private static PoolAdapter adapterFor(Object poolOrConfig) {
    PoolAdapter adapter = PoolAdapters.forType(poolOrConfig.getClass());
    return adapter != null ? adapter : PoolAdapters.forConfigType(poolOrConfig.getClass());
  }
}
