package io.poolscope.it.ops;

import io.poolscope.it.Await;
import io.poolscope.it.TestPools;
import io.poolscope.testing.Scenario;
import io.poolscope.testing.drivers.QueryTimeoutIgnoringDriver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Child JVM with the agent and a Flight Recorder recording, for the findings {@link
 * FlightRecorderScenario} does not make: a statement the watchdog cancels (its driver ignores query
 * timeouts), an N+1 diagnosis, and a database that goes away (the circuit opens) and comes back (a
 * trial closes it). The database goes away through a forwarding port of the scenario's own, closed
 * and opened again: the shared PostgreSQL stays up.
 */
public final class FlightRecorderFindingsScenario {
  static final String CANCELLED_POOL = "jfr-cancelled";
  static final String DIAGNOSED_POOL = "jfr-diagnosed";
  static final int LOOKUPS = 12;
  private static final Pattern HOST_PORT = Pattern.compile("//([^/:?]+):(\\d+)/");
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  private FlightRecorderFindingsScenario() {}

  public static void main(String[] args) throws Exception {
    Scenario.Db db = Scenario.db();

    QueryTimeoutIgnoringDriver.register();
    Scenario.Db ignoring =
        new Scenario.Db(QueryTimeoutIgnoringDriver.url(db.url()), db.user(), db.password());
    DataSource cancelled = TestPools.create("hikaricp", CANCELLED_POOL, 1, 5000, ignoring);
    try (Connection c = cancelled.getConnection();
        Statement s = c.createStatement()) {
      s.executeQuery("select pg_sleep(20)").close();
      throw new AssertionError("the watchdog was to cancel the statement");
    } catch (SQLException expected) {
      // cancelled past statement.timeout
    }
    Scenario.awaitEvents("statement_cancelled", 1, PATIENCE);
    TestPools.close(cancelled);

    DataSource diagnosed = TestPools.create("hikaricp", DIAGNOSED_POOL, 1, 5000, db);
    try (Connection c = diagnosed.getConnection()) {
      for (int id = 0; id < LOOKUPS; id++) {
        try (PreparedStatement s = c.prepareStatement("select ?::int * 10")) {
          s.setInt(1, id);
          s.executeQuery().close();
        }
      }
    }
    Scenario.awaitEvents("diagnosis", 1, PATIENCE);
    TestPools.close(diagnosed);

    Matcher address = HOST_PORT.matcher(db.url());
    if (!address.find()) {
      throw new IllegalStateException("no host:port in " + db.url());
    }
    try (Forwarder forwarder =
        new Forwarder(
            new InetSocketAddress(address.group(1), Integer.parseInt(address.group(2))))) {
      String url = address.replaceFirst("//127.0.0.1:" + forwarder.port() + "/");
      DriverManager.getConnection(url, db.user(), db.password()).close();
      forwarder.stop();
      Await.until(
          "the circuit to open",
          PATIENCE,
          () -> {
            tryConnect(url, db);
            return !Scenario.awaitEvents("circuit_open", 0, Duration.ZERO).isEmpty();
          });
      forwarder.start();
      Await.until("a trial connect to succeed", PATIENCE, () -> tryConnect(url, db));
      Scenario.awaitEvents("circuit_closed", 1, PATIENCE);
    }
  }

  private static boolean tryConnect(String url, Scenario.Db db) {
    try {
      DriverManager.getConnection(url, db.user(), db.password()).close();
      return true;
    } catch (SQLException refused) {
      return false;
    }
  }

  /**
   * A local port that forwards to the database while started; stopped, it refuses connections (and
   * cuts those it forwarded).
   */
  private static final class Forwarder implements AutoCloseable {
    private final InetSocketAddress target;
    private final int port;
    private ServerSocket server;

    Forwarder(InetSocketAddress target) throws IOException {
      this.target = target;
      start(0);
      this.port = server.getLocalPort();
    }

    int port() {
      return port;
    }

    void start() throws IOException {
      start(port);
    }

    private synchronized void start(int at) throws IOException {
      ServerSocket listening = new ServerSocket();
      listening.setReuseAddress(true);
      listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), at));
      server = listening;
      Thread accepting = new Thread(() -> accept(listening), "forwarder");
      accepting.setDaemon(true);
      accepting.start();
    }

    synchronized void stop() throws IOException {
      server.close();
    }

    private void accept(ServerSocket listening) {
      try {
        while (true) {
          Socket client = listening.accept();
          Socket database = new Socket(target.getAddress(), target.getPort());
          pipe(client, database);
          pipe(database, client);
        }
      } catch (IOException closed) {
        // stopped
      }
    }

    private static void pipe(Socket from, Socket to) {
      Thread copying =
          new Thread(
              () -> {
                try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                  in.transferTo(out);
                } catch (IOException ended) {
                  // either side went away
                } finally {
                  closeQuietly(from);
                  closeQuietly(to);
                }
              },
              "forwarder-pipe");
      copying.setDaemon(true);
      copying.start();
    }

    private static void closeQuietly(Socket socket) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already closed
      }
    }

    @Override
    public void close() throws IOException {
      stop();
    }
  }
}
