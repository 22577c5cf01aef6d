package io.poolscope.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scenario's {@code main}, running in a {@link ChildJvm}, needs from the harness: the test
 * database, its work directory, a way to save the agent's metrics, and to wait for its events.
 */
public final class Scenario {
  static final String DB_URL_PROPERTY = "poolscope.test.db.url";
  static final String DB_USER_PROPERTY = "poolscope.test.db.user";
  static final String DB_PASSWORD_PROPERTY = "poolscope.test.db.password";
  static final String WORKDIR_PROPERTY = "poolscope.test.workdir";
  static final String PROMETHEUS_PORT_PROPERTY = "poolscope.prometheus.port";
  static final String METRICS_FILE = "metrics.txt";

  private static final Duration SCRAPE_PATIENCE = Duration.ofSeconds(10);

  private Scenario() {}

  /** The database the test passed with {@link ChildJvm#database(PostgresDatabase)}. */
  public static Db db() {
    return new Db(
        required(DB_URL_PROPERTY),
        System.getProperty(DB_USER_PROPERTY, ""),
        System.getProperty(DB_PASSWORD_PROPERTY, ""));
  }

  /** Where to connect: a JDBC URL and credentials. */
  public record Db(String url, String user, String password) {
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }
  }

  /**
   * For a child started by {@link LateAttach}: says it is ready (with its pid) and waits until the
   * test has attached the agent.
   */
  public static void awaitAttach() throws IOException, InterruptedException {
    announceReady();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!attachDone()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the agent was never attached");
      }
      Thread.sleep(50);
    }
  }

  /**
   * The first half of {@link #awaitAttach()}, for a child that keeps working while the test
   * attaches: says it is ready, with its pid.
   */
  public static void announceReady() throws IOException {
    // Written whole, then renamed: the test reads the pid as soon as the file exists.
    Path partial = workdir().resolve(LateAttach.READY_FILE + ".tmp");
    Files.writeString(partial, Long.toString(ProcessHandle.current().pid()));
    Files.move(partial, workdir().resolve(LateAttach.READY_FILE), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Whether the test has finished attaching (after {@link #announceReady()}). */
  public static boolean attachDone() {
    return Files.exists(workdir().resolve(LateAttach.ATTACHED_FILE));
  }

  /** This run's work directory, created by the harness. */
  public static Path workdir() {
    return Path.of(required(WORKDIR_PROPERTY));
  }

  /** The file the agent appends events to, as the harness configured it. */
  public static Path eventsFile() {
    return workdir().resolve(required(ChildJvm.EVENTS_FILE_PROPERTY));
  }

  /**
   * Fetches the agent's {@code /metrics} page from {@code poolscope.prometheus.port} and saves it
   * as {@code metrics.txt} in the work directory, where {@link ChildResult#prometheus()} reads it.
   * The endpoint may still be starting, so a refused connection is retried for a few seconds.
   */
  public static String scrapeMetrics() {
    String port = required(PROMETHEUS_PORT_PROPERTY);
    String text = fetch("http://127.0.0.1:" + port + "/metrics");
    try {
      Files.writeString(workdir().resolve(METRICS_FILE), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text;
  }

  private static String fetch(String address) {
    long deadline = System.nanoTime() + SCRAPE_PATIENCE.toNanos();
    while (true) {
      try {
        HttpURLConnection connection = (HttpURLConnection) new URL(address).openConnection();
        connection.setConnectTimeout(2_000);
        connection.setReadTimeout(10_000);
        try {
          int status = connection.getResponseCode();
          if (status != 200) {
            throw new IllegalStateException("GET " + address + " answered HTTP " + status);
          }
          try (InputStream body = connection.getInputStream()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
          }
        } finally {
          connection.disconnect();
        }
      } catch (ConnectException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "nothing listens at " + address + " after " + SCRAPE_PATIENCE.toSeconds() + " s", e);
        }
        sleep(100);
      } catch (IOException e) {
        throw new UncheckedIOException("GET " + address + " failed", e);
      }
    }
  }

  /**
   * Waits until the events file holds at least {@code count} events of this type and returns them;
   * the agent writes the file asynchronously. Fails with what it did find after the timeout.
   */
  public static List<EventRecord> awaitEvents(String type, int count, Duration timeout) {
    Path file = eventsFile();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<EventRecord> matching = new ArrayList<>();
      List<EventRecord> all = EventsFile.readWritten(file);
      for (EventRecord event : all) {
        if (type.equals(event.type())) {
          matching.add(event);
        }
      }
      if (matching.size() >= count) {
        return matching;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "waited "
                + timeout.toMillis()
                + " ms for "
                + count
                + " "
                + type
                + " events in "
                + file
                + ", found "
                + matching.size()
                + "; all events: "
                + all);
      }
      sleep(50);
    }
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(
          "system property " + property + " is not set: run this scenario through ChildJvm");
    }
    return value;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
