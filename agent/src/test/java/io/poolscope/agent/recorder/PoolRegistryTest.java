package io.poolscope.agent.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.poolscope.agent.output.metrics.MeterNames;
import io.poolscope.agent.pools.PoolAdapters;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pools that are gone (their DataSource collected) are retired with their meters, so an application
 * that replaces its pools does not leave series and state behind; a pool still in use stays.
 */
class PoolRegistryTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final PoolRegistry registry = MeteredPools.in(meters);

  @Test
  void aPoolWhoseDataSourceWasCollectedIsRetiredWithItsMeters() throws Exception {
    List<String> retired = new ArrayList<>();
    registry.onPoolRetired(pool -> retired.add(pool.name()));
    String name = "replaced-" + UUID.randomUUID();
    useAndDrop(name);
    assertFalse(taggedWith(name).isEmpty(), "the pool had meters");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    int count = 0;
    while (count == 0 && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
      count = registry.retireCollected();
    }

    assertEquals(List.of(name), retired);
    assertNull(registry.byName(name));
    assertTrue(taggedWith(name).isEmpty(), () -> taggedWith(name).toString());
    // The name is free again for the pool that replaces it.
    try (HikariDataSource again = pool(name)) {
      assertEquals(name, registry.forPool(again, PoolAdapters.forType(again.getClass())).name());
    }
  }

  @Test
  void aPoolStillReferencedIsKept() throws Exception {
    try (HikariDataSource kept = pool("kept-" + UUID.randomUUID())) {
      PoolState state = registry.forPool(kept, PoolAdapters.forType(kept.getClass()));
      System.gc();
      assertEquals(0, registry.retireCollected());
      assertEquals(state, registry.byName(state.name()));
      assertFalse(taggedWith(state.name()).isEmpty());
    }
  }

  /** Registers a pool, uses it, closes it and lets go of every reference to it. */
  private void useAndDrop(String name) throws Exception {
    try (HikariDataSource ds = pool(name)) {
      PoolState state = registry.forPool(ds, PoolAdapters.forType(ds.getClass()));
      try (Connection c = ds.getConnection()) {
        c.isValid(1);
      }
      assertEquals(name, state.name());
    }
  }

  private static HikariDataSource pool(String name) {
    HikariDataSource ds = new HikariDataSource();
    ds.setPoolName(name);
    ds.setJdbcUrl("jdbc:h2:mem:" + name);
    ds.setMaximumPoolSize(1);
    ds.setMinimumIdle(0);
    return ds;
  }

  private List<Meter> taggedWith(String pool) {
    List<Meter> tagged = new ArrayList<>();
    for (Meter meter : meters.getMeters()) {
      if (pool.equals(meter.getId().getTag(MeterNames.POOL_TAG))) {
        tagged.add(meter);
      }
    }
    return tagged;
  }
}
