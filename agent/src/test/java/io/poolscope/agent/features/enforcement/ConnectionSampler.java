package io.poolscope.agent.features.enforcement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts, from the server's side, the sessions an application opened: every {@code periodMillis} it
 * reads {@code pg_stat_activity} for one {@code application_name} on its own connection and keeps
 * the peak. Its own session carries the driver's default application name, so it never counts
 * itself.
 */
final class ConnectionSampler implements AutoCloseable {
  private static final String COUNT =
      "select count(*) from pg_stat_activity where application_name = ?";

  private final Connection connection;
  private final String applicationName;
  private final long periodMillis;
  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicInteger samples = new AtomicInteger();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile SQLException failure;

  private ConnectionSampler(Connection connection, String applicationName, long periodMillis) {
    this.connection = connection;
    this.applicationName = applicationName;
    this.periodMillis = periodMillis;
    this.thread = new Thread(this::sampleUntilClosed, "pg_stat_activity sampler");
    this.thread.setDaemon(true);
  }

  static ConnectionSampler start(Connection connection, String applicationName, long periodMillis) {
    ConnectionSampler sampler = new ConnectionSampler(connection, applicationName, periodMillis);
    sampler.thread.start();
    return sampler;
  }

  int peak() {
    return peak.get();
  }

  int samples() {
    return samples.get();
  }

  private void sampleUntilClosed() {
    try (PreparedStatement count = connection.prepareStatement(COUNT)) {
      count.setString(1, applicationName);
      while (running) {
        try (ResultSet rows = count.executeQuery()) {
          rows.next();
          peak.accumulateAndGet(rows.getInt(1), Math::max);
          samples.incrementAndGet();
        }
        Thread.sleep(periodMillis);
      }
    } catch (SQLException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops sampling after one last sample; throws if sampling failed. */
  @Override
  public void close() throws Exception {
    running = false;
    thread.join(5_000);
    connection.close();
    if (failure != null) {
      throw failure;
    }
  }
}
