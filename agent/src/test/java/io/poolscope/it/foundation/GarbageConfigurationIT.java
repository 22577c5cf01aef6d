package io.poolscope.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.testing.ChildJvm;
import io.poolscope.testing.ChildResult;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Garbage for every key at once, through all four sources (agent argument, -D system properties,
 * POOLSCOPE_* environment variables and a properties file), in a real JDBC application: it runs as
 * it would without Poolscope, each bad key is reported exactly once, readably, and Poolscope, now
 * on its defaults, still measures the pool (a statement slower than the default 1 s is reported).
 */
@ExtendWith(PostgresExtension.class)
class GarbageConfigurationIT {
  private static final String HUGE = "garbage-".repeat(1280);

  @Test
  void everyBadKeyIsReportedOnceAndTheApplicationAndAgentWork(PostgresDatabase db)
      throws Exception {
    Map<String, String> agentArgs = new LinkedHashMap<>();
    agentArgs.put("enabled", "yes please");
    agentArgs.put("slow-query.threshold", "5 parsecs");
    agentArgs.put("leak.threshold", "1e400");
    agentArgs.put("leak.stack", "sometimes");
    agentArgs.put("statement.timeout", "-1");
    agentArgs.put("pool.orders.max-size", "99999999999999999999");
    agentArgs.put("connections.max", "ĉu ñandú");
    agentArgs.put("connections.wait", "10xs");

    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("circuit.failures", "NaN");
    properties.put("circuit.open-for", "-99999999999999999999");
    properties.put("prometheus.port", "http\u0007");
    properties.put("prometheus.host", "host\u001b[31m");
    properties.put("http.port", "1e400");
    properties.put("http.host", "a\nb");
    properties.put("http.token", "tok\u0007en");
    properties.put("report.interval", "5 parsecs");

    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("log.repeat-window", HUGE);
    environment.put("saturation.sustain", "10xs");
    environment.put("jfr.hold-threshold", "数据");
    environment.put("otel.enabled", "perhaps");
    environment.put("otel.acquire-span.threshold", "-1");
    environment.put("sql.mask-literals", "may\u0007be");
    environment.put("statements.max", "99999999999999999999");
    environment.put("pool.ORDERS.statement.timeout", "5 parsecs");

    Map<String, String> file = new LinkedHashMap<>();
    file.put("metrics.buckets", "1e400");
    file.put("service.name", "svc\u0001name");
    file.put("postgres.application-name", "bogus");
    file.put("postgres.lock-timeout", "10xs");
    file.put("postgres.idle-in-transaction-timeout", "-1");
    file.put("postgres.statement-timeout", "99999999999999999999");
    file.put("diagnosis.n-plus-one.min", "-5");
    file.put("diagnosis.idle-in-transaction", "1e400");
    file.put("diagnosis.ignore", "com.example\u0000x");

    ChildJvm child =
        ChildJvm.main(GarbageConfigScenario.class)
            .name("GarbageConfigurationIT")
            .database(db)
            .agentArgs(joinAgentArgs(agentArgs));
    properties.forEach((key, value) -> child.systemProperty("poolscope." + key, value));
    environment.forEach((key, value) -> child.env(envName(key), value));
    Path propertiesFile = Files.createTempFile("poolscope-garbage", ".properties");
    try {
      Files.writeString(propertiesFile, propertiesText(file), StandardCharsets.UTF_8);
      child.env("POOLSCOPE_CONFIG", propertiesFile.toString());
      ChildResult result = child.run().assertSuccess();
      String stderr = result.stderr();

      assertTrue(
          Files.exists(result.workdir().resolve("result")), "the application ran to its end");
      assertTrue(stderr.contains("Poolscope started"), stderr);
      assertFalse(stderr.contains("could not be read"), stderr);
      assertFalse(stderr.contains("\tat io.poolscope"), "no stack trace from Poolscope\n" + stderr);
      for (Map<String, String> source : List.of(agentArgs, properties, environment, file)) {
        for (String key : source.keySet()) {
          assertEquals(1, occurrences(stderr, "poolscope: " + key + "='"), key + "\n" + stderr);
        }
      }
      assertEquals(0, occurrences(stderr, "poolscope: events.file="), stderr);
      assertTrue(stderr.contains("http.token='(hidden)'"), stderr);
      assertFalse(stderr.contains("tok\u0007en") || stderr.contains("tok\\u0007en"), "no token");
      assertTrue(stderr.contains("(10240 characters)"), "the huge value is abbreviated");
      assertFalse(stderr.contains("garbage-".repeat(20)), "never the whole 10 kB");
      for (char control : new char[] {'\u0000', '\u0001', '\u0007', '\u001b'}) {
        assertEquals(-1, stderr.indexOf(control), "no raw control character");
      }

      List<EventRecord> slow = result.eventsOfType("slow_query");
      assertTrue(
          slow.stream().anyMatch(e -> GarbageConfigScenario.POOL.equals(e.pool())),
          "the default slow-query threshold measured pool orders: " + result.describe());
    } finally {
      Files.deleteIfExists(propertiesFile);
    }
  }

  private static String joinAgentArgs(Map<String, String> args) {
    StringBuilder joined = new StringBuilder();
    args.forEach(
        (key, value) ->
            joined.append(joined.length() == 0 ? "" : ",").append(key).append('=').append(value));
    return joined.toString();
  }

  private static String envName(String key) {
    return "POOLSCOPE_"
        + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** A properties file as a user writes one: UTF-8, control characters as {@code \\u} escapes. */
  private static String propertiesText(Map<String, String> entries) {
    StringBuilder text = new StringBuilder();
    entries.forEach(
        (key, value) -> {
          text.append(key).append('=');
          for (char c : value.toCharArray()) {
            text.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
          }
          text.append('\n');
        });
    return text.toString();
  }

  private static int occurrences(String text, String fragment) {
    int count = 0;
    for (int at = text.indexOf(fragment); at >= 0; at = text.indexOf(fragment, at + 1)) {
      count++;
    }
    return count;
  }
}
