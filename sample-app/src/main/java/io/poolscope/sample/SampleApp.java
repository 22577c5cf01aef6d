package io.poolscope.sample;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JDBC application that knows nothing of Poolscope. Run it under the agent and read what
 * Poolscope reports about it. Embedded H2 by default (nothing to install); {@code --url} points it
 * at another database, e.g. PostgreSQL.
 *
 * <pre>
 * java -javaagent:agent/target/poolscope-agent.jar -jar sample-app/target/poolscope-sample-app.jar
 *      [--url jdbc:postgresql://localhost/app --user app --password secret] [--scenario NAME ...]
 * </pre>
 */
public final class SampleApp {
  private SampleApp() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    String url = options.getOrDefault("url", "jdbc:h2:mem:sample;DB_CLOSE_DELAY=-1");
    HikariConfig config = new HikariConfig();
    config.setPoolName("sample-pool");
    config.setJdbcUrl(url);
    config.setUsername(options.getOrDefault("user", "sa"));
    config.setPassword(options.getOrDefault("password", ""));
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(1000);

    List<Scenario> scenarios = selected(options.getOrDefault("scenario", "all"));
    SampleTracing.install(); // first, as applications register their tracing at start-up
    try (HikariDataSource pool = new HikariDataSource(config)) {
      Database database = Database.of(pool, url);
      database.createSchema();
      for (Scenario scenario : scenarios) {
        Console.say("");
        Console.say("== " + scenario.name() + ": " + scenario.description());
        scenario.run(database);
      }
      Console.say("");
      Console.say("Done. Poolscope's findings are in the log lines above (loggers poolscope.*),");
      Console.say(
          "in the events file if you set events.file, and in the live view (/, /api/*, /health,"
              + " /metrics) if you set http.port.");
      long linger = Long.parseLong(options.getOrDefault("linger-seconds", "0"));
      if (linger > 0) {
        Console.say(
            "Lingering "
                + linger
                + " s so that you can watch the live view (http://127.0.0.1:<http.port>/) or"
                + " scrape /metrics...");
        Thread.sleep(linger * 1000);
      }
    }
  }

  static List<Scenario> selected(String names) {
    List<Scenario> all =
        Arrays.asList(
            new TrafficScenario(),
            new ContentionScenario(),
            new SlowQueryScenario(),
            new LeakScenario(),
            new TimeoutScenario(),
            new TelemetryScenario(),
            new DiagnosisScenario());
    if (names.equals("all")) {
      return all;
    }
    List<Scenario> chosen = new ArrayList<>();
    for (String name : names.split(",")) {
      all.stream()
          .filter(s -> s.name().equals(name.trim()))
          .findFirst()
          .ifPresentOrElse(
              chosen::add,
              () -> {
                throw new IllegalArgumentException("unknown scenario " + name);
              });
    }
    return chosen;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}
