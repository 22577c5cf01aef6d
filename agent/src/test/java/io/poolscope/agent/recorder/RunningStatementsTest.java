package io.poolscope.agent.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The scans find running statements through the connections held now, so the recorder keeps nothing
 * per thread: threads that ran a statement and ended leave no trace in it.
 */
class RunningStatementsTest {
  private final JdbcRecorder recorder =
      new JdbcRecorder(
          RecorderFixtures.pools(),
          new ConnectionTracker(),
          AcquisitionStacks.NEVER,
          new RecorderFeatures());
  private final Driver driver = new org.h2.Driver();

  @Test
  void aRunningStatementIsFoundThroughItsConnectionUntilItFinishes() throws Exception {
    try (Connection connection = openDirect("jdbc:h2:mem:running");
        Statement statement = connection.createStatement()) {
      recorder.statementCreated(connection, statement, null);
      Object token = recorder.statementStarting(statement, "select 1", false);
      List<RunningStatement> running = recorder.runningStatements();
      assertEquals(1, running.size());
      assertSame(Thread.currentThread(), running.get(0).thread());
      assertEquals("select 1", running.get(0).sql());

      recorder.statementFinished(statement, token, null, null);
      assertEquals(List.of(), recorder.runningStatements());
      recorder.connectionClosed(connection);
    }
  }

  @Test
  void threadsThatRanStatementsAndEndedAreNotKept() throws Exception {
    List<WeakReference<Thread>> ended = new ArrayList<>();
    try (Connection connection = openDirect("jdbc:h2:mem:threads");
        Statement statement = connection.createStatement()) {
      recorder.statementCreated(connection, statement, null);
      for (int i = 0; i < 200; i++) {
        CountDownLatch done = new CountDownLatch(1);
        Thread t =
            new Thread(
                () -> {
                  Object token = recorder.statementStarting(statement, "select 1", false);
                  recorder.statementFinished(statement, token, null, null);
                  done.countDown();
                });
        ended.add(new WeakReference<>(t));
        t.start();
        done.await();
        t.join();
      }
      // Before any scan: a registry pruned by the scans would keep them until then.
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (ended.stream().anyMatch(r -> r.get() != null) && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(20);
      }
      long kept = ended.stream().filter(r -> r.get() != null).count();
      assertEquals(0, kept, "ended threads still reachable");
      assertEquals(List.of(), recorder.runningStatements());
      recorder.connectionClosed(connection);
    }
  }

  private Connection openDirect(String url) throws Exception {
    Connection connection = driver.connect(url, new Properties());
    long now = System.nanoTime();
    recorder.connected(driver, url, connection, null, now, now);
    assertTrue(recorder.held().get(connection) != null, "handed out as a direct connection");
    return connection;
  }
}
