package io.poolscope.agent.output.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.poolscope.agent.recorder.LatencyHistogram;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolSettings;
import io.poolscope.agent.recorder.PoolState;
import io.poolscope.agent.sql.SqlOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The pools' histograms, read at scrape time, write the Prometheus text Micrometer's timers wrote
 * for the same values: same names, HELP, labels, buckets, count, sum and max.
 */
class PoolLatenciesTest {
  private static final List<Double> BUCKETS = List.of(0.001, 0.005, 0.01, 0.1, 1.0, 10.0);
  private static final long[] VALUES = {
    0,
    400_000,
    1_000_000,
    1_000_001,
    3_000_000,
    5_000_000,
    12_000_000,
    250_000_000,
    1_500_000_000L,
    10_000_000_000L,
    20_000_000_000L
  };

  @Test
  void scrapeTextIsTheTimersText() {
    PrometheusMeterRegistry ours = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PoolMetrics metrics = new PoolMetrics(ours, BUCKETS);
    PoolRegistry pools = new PoolRegistry(metrics, name -> PoolSettings.NONE);
    metrics.watch(pools);
    PoolState pool = pools.forDirectUrl("jdbc:postgresql://db.example:5433/orders");

    PrometheusMeterRegistry timers = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Tags tags = PoolTags.of(pool);
    Timer wait = timer(timers, MeterNames.WAIT_TIME, "Time to obtain a connection", tags);
    Timer use = timer(timers, MeterNames.USE_TIME, "Time a connection was held", tags);
    Timer create = timer(timers, MeterNames.CREATE_TIME, "Time to open a connection", tags);
    Timer[] ops = new Timer[SqlOperation.NAMES.length];
    for (int i = 0; i < ops.length; i++) {
      ops[i] =
          timer(
              timers,
              MeterNames.OPERATION_DURATION,
              "Duration of database client operations",
              tags.and(MeterNames.OPERATION_TAG, SqlOperation.NAMES[i]));
    }

    for (long v : VALUES) {
      pool.waits().record(v);
      wait.record(v, TimeUnit.NANOSECONDS);
      pool.uses().record(v * 2);
      use.record(v * 2, TimeUnit.NANOSECONDS);
    }
    pool.creates().record(7_000_000);
    create.record(7_000_000, TimeUnit.NANOSECONDS);
    pool.operation(1).record(3_000_000);
    ops[1].record(3_000_000, TimeUnit.NANOSECONDS);

    TreeSet<String> expected = latencyLines(timers.scrape());
    TreeSet<String> actual = latencyLines(ours.scrape());
    assertTrue(expected.size() > 40, "the timers' text: " + expected);
    assertEquals(String.join("\n", expected), String.join("\n", actual));

    String openMetrics = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    assertEquals(
        String.join("\n", latencyLines(timers.scrape(openMetrics))),
        String.join("\n", latencyLines(ours.scrape(openMetrics))));
  }

  @Test
  void aRemovedPoolLeavesTheScrape() {
    PrometheusMeterRegistry ours = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PoolMetrics metrics = new PoolMetrics(ours, BUCKETS);
    PoolRegistry pools = new PoolRegistry(metrics, name -> PoolSettings.NONE);
    metrics.watch(pools);
    PoolState gone = pools.forDirectUrl("jdbc:h2:mem:gone");
    PoolState kept = pools.forDirectUrl("jdbc:h2:mem:kept");
    gone.waits().record(1_000);
    kept.waits().record(1_000);
    assertTrue(ours.scrape().contains("pool_name=\"jdbc:h2:mem:gone\""));

    metrics.latencies().remove(gone);
    String text = ours.scrape();
    assertFalse(
        text.contains(
            "wait_time_seconds_count{db_client_connection_pool_name=\"jdbc:h2:mem:gone\""),
        text);
    assertTrue(
        text.contains(
            "wait_time_seconds_count{db_client_connection_pool_name=\"jdbc:h2:mem:kept\""),
        text);
    assertEquals(3 + SqlOperation.NAMES.length, metrics.latencies().series().size());
  }

  @Test
  void theMicrometerIdsAreTheTimers() {
    PrometheusMeterRegistry ours = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PoolMetrics metrics = new PoolMetrics(ours, BUCKETS);
    PoolRegistry pools = new PoolRegistry(metrics, name -> PoolSettings.NONE);
    metrics.watch(pools);
    PoolState pool = pools.forDirectUrl("jdbc:h2:mem:ids");
    Timer timer =
        timer(ours, MeterNames.WAIT_TIME, "Time to obtain a connection", PoolTags.of(pool));
    PoolLatencies.Series wait = metrics.latencies().series().get(0);
    assertEquals(timer.getId(), wait.id());
    assertEquals(timer.getId().getDescription(), wait.id().getDescription());
    assertEquals(timer.getId().getBaseUnit(), wait.id().getBaseUnit());
    assertEquals(pool.waits(), wait.histogram());
    assertEquals(LatencyHistogram.class, wait.histogram().getClass());
  }

  private static Timer timer(
      PrometheusMeterRegistry registry, String name, String help, Tags tags) {
    Duration[] slo = new Duration[BUCKETS.size()];
    for (int i = 0; i < slo.length; i++) {
      slo[i] = Duration.ofNanos(Math.round(BUCKETS.get(i) * 1e9));
    }
    return Timer.builder(name)
        .description(help)
        .tags(tags)
        .serviceLevelObjectives(slo)
        .register(registry);
  }

  /** The lines of the latency families, sorted (the order of series within a family may vary). */
  private static TreeSet<String> latencyLines(String text) {
    List<String> prefixes =
        List.of(
            "db_client_connection_wait_time",
            "db_client_connection_use_time",
            "db_client_connection_create_time",
            "db_client_operation_duration");
    TreeSet<String> lines = new TreeSet<>();
    for (String line : text.split("\n")) {
      String bare = line.replaceFirst("^# (HELP|TYPE) ", "");
      for (String prefix : prefixes) {
        if (bare.startsWith(prefix)) {
          lines.add(line);
        }
      }
    }
    return new TreeSet<>(new ArrayList<>(lines));
  }
}
