package io.poolscope.agent.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.agent.recorder.AcquisitionStacks;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.HeldConnection;
import io.poolscope.agent.recorder.JdbcRecorder;
import io.poolscope.agent.recorder.PoolState;
import io.poolscope.agent.recorder.RecorderFeatures;
import io.poolscope.agent.recorder.RecorderFixtures;
import io.poolscope.agent.recorder.StatementInfo;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An "attach" without an agent: a real HikariCP pool on H2 lends two connections, and only then is
 * the recorder built, as an attached agent builds it. The first acquisition it sees finds the two
 * in the pool's bookkeeping; using and closing them settles them like any other.
 */
class ConnectionsBeforeAttachTest {
  private final HikariDataSource pool = new HikariDataSource();

  @AfterEach
  void closePool() {
    pool.close();
  }

  @Test
  void connectionsLentBeforeTheAttachAreFoundTrackedAndSettledByTheirClose() throws Exception {
    pool.setJdbcUrl("jdbc:h2:mem:before-attach");
    pool.setPoolName("legacy");
    pool.setMaximumPoolSize(4);
    pool.setMinimumIdle(0);
    Connection first = pool.getConnection(); // taken before the attach: no advice saw these
    Connection second = pool.getConnection();

    ConnectionTracker held = new ConnectionTracker();
    JdbcRecorder recorder =
        new JdbcRecorder(
            RecorderFixtures.pools(), held, AcquisitionStacks.NEVER, new RecorderFeatures());
    AttachedRecorder attached =
        new AttachedRecorder(
            recorder,
            new ConnectionsBeforeAttach(
                held, recorder.pools(), System.currentTimeMillis(), System.nanoTime()));
    assertEquals(0, held.size());

    long start = System.nanoTime();
    Connection third = pool.getConnection();
    attached.acquired(pool, third, null, start, System.nanoTime());

    PoolState state = recorder.pools().registeredFor(pool);
    assertEquals("legacy", state.name());
    assertEquals(3, state.heldCount(), "the two found and the one just seen");
    assertEquals(3, held.size());
    List<HeldConnection> before =
        held.all().stream().filter(HeldConnection::takenBeforeAttach).collect(Collectors.toList());
    assertEquals(2, before.size(), "only the two lent before the attach");
    for (HeldConnection hold : before) {
      assertEquals(state, hold.pool());
      assertEquals(HeldConnection.UNKNOWN_THREAD, hold.threadName(), "HikariCP does not say");
      assertEquals(null, hold.stack());
    }
    assertEquals(false, held.get(third).takenBeforeAttach());

    // A statement on one of them links the application's proxy to its hold.
    try (Statement statement = second.createStatement()) {
      attached.statementCreated(second, statement, "SELECT 1");
      StatementInfo info = recorder.statementInfo(statement);
      assertNotNull(info, "the statement of a connection from before the attach is tracked");
      assertTrue(info.connection().takenBeforeAttach());
      assertEquals(info.connection(), held.get(second));
    }

    attached.connectionClosed(first);
    first.close();
    assertEquals(2, state.heldCount(), "closing one from before the attach settles it");
    attached.connectionClosed(second);
    second.close();
    attached.connectionClosed(third);
    third.close();
    assertEquals(0, state.heldCount());
    assertEquals(0, held.size());
    assertEquals(3, state.returns());
  }

  @Test
  void poolThatLentNothingBeforeTheAttachHasNothingFound() throws Exception {
    pool.setJdbcUrl("jdbc:h2:mem:before-attach-none");
    pool.setMaximumPoolSize(2);
    pool.setMinimumIdle(0);
    ConnectionTracker held = new ConnectionTracker();
    JdbcRecorder recorder =
        new JdbcRecorder(
            RecorderFixtures.pools(), held, AcquisitionStacks.NEVER, new RecorderFeatures());
    AttachedRecorder attached =
        new AttachedRecorder(
            recorder,
            new ConnectionsBeforeAttach(
                held, recorder.pools(), System.currentTimeMillis(), System.nanoTime()));

    long start = System.nanoTime();
    try (Connection only = pool.getConnection()) {
      attached.acquired(pool, only, null, start, System.nanoTime());
      assertEquals(1, recorder.pools().registeredFor(pool).heldCount());
      assertEquals(false, held.get(only).takenBeforeAttach());
      attached.connectionClosed(only);
    }
    assertEquals(0, recorder.pools().registeredFor(pool).heldCount());
  }
}
