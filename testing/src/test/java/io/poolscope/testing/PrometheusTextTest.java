package io.poolscope.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  private static final String HAND_WRITTEN =
      """
      # HELP db_client_connection_count Connections by state\\nsecond line
      # TYPE db_client_connection_count gauge
      db_client_connection_count{db_client_connection_pool_name="orders",db_client_connection_state="idle"} 3.0
      db_client_connection_count{db_client_connection_pool_name="orders",db_client_connection_state="used"} 7
      # a free-form comment
      db_client_connection_max{db_client_connection_pool_name="a \\"quoted\\" \\\\ name\\nnext"} 10 1700000000000
      weird_values{kind="nan"} NaN
      weird_values{kind="inf"} +Inf
      weird_values{kind="minus"} -Inf
      weird_values{kind="exp",} 1.5e-3
      spaced { a = "1" , b="2" }   4

      # TYPE poolscope_events counter
      poolscope_events_total{type="slow_query"} 2.0 # {trace_id="abc"} 1.0 1700000000.000
      {"db.client.dotted", pool="x"} 5
      # EOF
      """;

  @Test
  void readsValuesLabelsHelpAndTypeOfHandWrittenText() {
    PrometheusText text = PrometheusText.parse(HAND_WRITTEN);

    assertEquals(
        3.0,
        text.value(
            "db_client_connection_count",
            "db_client_connection_pool_name",
            "orders",
            "db_client_connection_state",
            "idle"));
    assertEquals(
        7.0, text.value("db_client_connection_count", "db_client_connection_state", "used"));
    assertEquals("gauge", text.type("db_client_connection_count"));
    assertEquals("Connections by state\nsecond line", text.help("db_client_connection_count"));
    assertEquals(
        10.0,
        text.value(
            "db_client_connection_max",
            "db_client_connection_pool_name",
            "a \"quoted\" \\ name\nnext"));
    assertTrue(Double.isNaN(text.value("weird_values", "kind", "nan")));
    assertEquals(Double.POSITIVE_INFINITY, text.value("weird_values", "kind", "inf"));
    assertEquals(Double.NEGATIVE_INFINITY, text.value("weird_values", "kind", "minus"));
    assertEquals(0.0015, text.value("weird_values", "kind", "exp"));
    assertEquals(Map.of("a", "1", "b", "2"), text.samples("spaced").get(0).labels());
    assertEquals(2.0, text.value("poolscope_events_total", "type", "slow_query"));
    assertEquals(1, text.family("poolscope_events").size());
    assertEquals(5.0, text.value("db.client.dotted", "pool", "x"));
    assertEquals(10, text.all().size());
  }

  @Test
  void lookupsFailOrComeBackEmptyWhenNothingOrTooMuchMatches() {
    PrometheusText text = PrometheusText.parse(HAND_WRITTEN);

    AssertionError none =
        assertThrows(
            AssertionError.class,
            () ->
                text.value("db_client_connection_count", "db_client_connection_state", "pending"));
    assertTrue(none.getMessage().contains("no sample"), none.getMessage());
    AssertionError several =
        assertThrows(AssertionError.class, () -> text.value("db_client_connection_count"));
    assertTrue(several.getMessage().contains("2 samples"), several.getMessage());
    assertTrue(text.find("nope").isEmpty());
    assertFalse(text.has("db_client_connection_count", "db_client_connection_state", "x"));
    assertThrows(IllegalArgumentException.class, () -> text.value("weird_values", "kind"));
  }

  @Test
  void rejectsTextThatIsNotTheExpositionFormat() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> PrometheusText.parse("ok 1\nbroken{label=\"unterminated} 1\n"));
    assertTrue(error.getMessage().startsWith("line 2"), error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("no_value\n"));
    assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("x{a=1} 2\n"));
  }

  @Test
  void readsWhatMicrometersPrometheusRegistryWrites() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Timer wait =
        Timer.builder("db.client.connection.wait_time")
            .tag("db.client.connection.pool.name", "orders")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    wait.record(Duration.ofMillis(5));
    wait.record(Duration.ofMillis(40));
    wait.record(Duration.ofMillis(900));
    Counter.builder("poolscope.events").tag("type", "slow_query").register(registry).increment(4);
    AtomicInteger used = new AtomicInteger(6);
    Gauge.builder("db.client.connection.count", used, AtomicInteger::get)
        .tag("db.client.connection.pool.name", "orders")
        .tag("db.client.connection.state", "used")
        .register(registry);

    PrometheusText text = PrometheusText.parse(registry.scrape());

    String pool = "db_client_connection_pool_name";
    String waitTime = "db_client_connection_wait_time_seconds";
    assertEquals(3.0, text.count(waitTime, pool, "orders"));
    assertEquals(0.945, text.sum(waitTime, pool, "orders"), 1e-9);
    assertEquals("histogram", text.type(waitTime));
    NavigableMap<Double, Double> buckets = text.buckets(waitTime, pool, "orders");
    assertEquals(Double.POSITIVE_INFINITY, buckets.lastKey());
    assertEquals(3.0, buckets.lastEntry().getValue());
    assertEquals(1.0, buckets.floorEntry(0.02).getValue());
    assertEquals(2.0, buckets.floorEntry(0.5).getValue());
    List<PrometheusText.Sample> family = text.family(waitTime);
    assertEquals(buckets.size() + 2, family.size());
    assertEquals(4.0, text.value("poolscope_events_total", "type", "slow_query"));
    assertEquals(
        6.0, text.value("db_client_connection_count", "db_client_connection_state", "used"));
    assertTrue(text.value(waitTime + "_max", pool, "orders") >= 0.9);
  }
}
