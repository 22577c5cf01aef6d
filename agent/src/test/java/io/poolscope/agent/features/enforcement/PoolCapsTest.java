package io.poolscope.agent.features.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.output.events.EventType;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code pool.max-size} as the pool hooks apply it, on a real HikariCP configuration before start
 * (no connection is opened) and on a running HikariCP pool on H2 resized through its own setter.
 */
class PoolCapsTest {
  private final List<Event> events = new CopyOnWriteArrayList<>();

  /** {@code pool.max-size=5} for every pool, {@code pool.reports.max-size=2}. */
  private final PoolCaps caps =
      new PoolCaps(name -> Map.of("reports", 2).getOrDefault(name, 5), events::add);

  private static HikariConfig config(String name, int max, int minIdle) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:caps");
    config.setPoolName(name);
    config.setMaximumPoolSize(max);
    config.setMinimumIdle(minIdle);
    return config;
  }

  @Test
  void poolOverItsCapIsLoweredAtStartAndReportedOnce() {
    HikariConfig config = config("orders", 20, 10);

    caps.poolStarting(config);
    caps.poolStarting(config); // some libraries pass through their start again

    assertEquals(5, config.getMaximumPoolSize());
    assertEquals(5, config.getMinimumIdle(), "minimum idle lowered to fit");
    assertEquals(1, events.size());
    Event capped = events.get(0);
    assertEquals(EventType.POOL_CAPPED, capped.type());
    assertEquals("orders", capped.pool());
    assertEquals(20, capped.fields().get("requested"));
    assertEquals(5, capped.fields().get("applied"));
    assertEquals(
        "orders - maximum pool size lowered from 20 to 5 by pool.max-size (minimum idle and"
            + " initial size lowered to fit)",
        capped.message());
  }

  @Test
  void perPoolCapWinsOverTheGlobalOne() {
    HikariConfig config = config("reports", 8, 1);
    caps.poolStarting(config);

    assertEquals(2, config.getMaximumPoolSize());
    assertEquals(1, config.getMinimumIdle(), "a minimum idle that fits is kept");
    assertEquals(1, events.size());
    assertEquals("reports", events.get(0).pool());
    assertEquals(2, events.get(0).fields().get("applied"));
  }

  @Test
  void poolWithinItsCapIsLeftAlone() {
    HikariConfig config = config("small", 5, 2);
    caps.poolStarting(config);

    assertEquals(5, config.getMaximumPoolSize());
    assertEquals(2, config.getMinimumIdle());
    assertEquals(List.of(), events);
  }

  @Test
  void maximumSetBeforeStartWaitsForTheStartAndOneSetAfterIsLowered() {
    HikariConfig config = config("orders", 3, 0);
    assertEquals(50, caps.maxSizeRequested(config, 50), "configuring: the start will cap it");

    caps.poolStarting(config);

    assertEquals(5, caps.maxSizeRequested(config, 50), "a resize after start is capped");
    assertEquals(4, caps.maxSizeRequested(config, 4), "one within the cap is kept");
  }

  @Test
  void runningPoolResizedThroughItsOwnApiIsCapped() throws Exception {
    HikariConfig config = config("running", 3, 0);
    config.setJdbcUrl("jdbc:h2:mem:caps-running");
    try (HikariDataSource pool = new HikariDataSource(config);
        Connection started = pool.getConnection()) {
      // Started without Poolscope seeing its start: the pool's own numbers say it runs.
      assertEquals(5, caps.maxSizeRequested(pool, 40));
      assertEquals(3, caps.maxSizeRequested(pool, 3));
      assertEquals(List.of(), events, "a resize is logged, not reported as pool_capped");
    }
  }
}
