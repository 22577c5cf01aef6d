package io.poolscope.it.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.PrometheusText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's own {@code /actuator/prometheus}, read as a scraper reads it: it must parse,
 * name each series once and declare each family's type once — a meter of Poolscope's that clashed
 * with one of Boot's would show as a second series or a second {@code # TYPE} of one name.
 */
record ActuatorScrape(String text, PrometheusText metrics) {
  static final String POOL = "db_client_connection_pool_name";
  private static final Pattern TYPE_LINE = Pattern.compile("(?m)^# TYPE (\\S+) ");

  static ActuatorScrape of(RunningApp app) throws Exception {
    RunningApp.Reply reply = app.send("GET", "/actuator/prometheus", null);
    assertEquals(200, reply.status(), reply.body());
    ActuatorScrape scrape = new ActuatorScrape(reply.body(), PrometheusText.parse(reply.body()));
    scrape.assertEachSeriesOnce();
    return scrape;
  }

  private void assertEachSeriesOnce() {
    Map<String, Integer> series = new HashMap<>();
    for (PrometheusText.Sample sample : metrics.all()) {
      series.merge(sample.name() + new TreeMap<>(sample.labels()), 1, Integer::sum);
    }
    series.values().removeIf(count -> count == 1);
    assertEquals(Map.of(), series, "series written more than once\n" + text);

    Map<String, Integer> types = new HashMap<>();
    Matcher type = TYPE_LINE.matcher(text);
    while (type.find()) {
      types.merge(type.group(1), 1, Integer::sum);
    }
    types.values().removeIf(count -> count == 1);
    assertEquals(Map.of(), types, "families declared more than once\n" + text);
  }

  double value(String name, String... labels) {
    return metrics.value(name, labels);
  }

  /** Boot's own HikariCP meters for the pool {@code shop}, as Boot registers them. */
  void assertBootsHikariMeters() {
    for (String name :
        List.of(
            "hikaricp_connections_max",
            "hikaricp_connections_active",
            "hikaricp_connections_idle",
            "hikaricp_connections_pending",
            "hikaricp_connections_acquire_seconds_count")) {
      assertTrue(metrics.has(name, "pool", "shop"), name + " missing\n" + text);
    }
    assertEquals(10.0, value("hikaricp_connections_max", "pool", "shop"), text);
  }

  /** Every series that carries Poolscope's pool label, whatever its meter. */
  List<PrometheusText.Sample> poolscopePoolSeries() {
    return metrics.all().stream().filter(s -> s.labels().containsKey(POOL)).toList();
  }
}
