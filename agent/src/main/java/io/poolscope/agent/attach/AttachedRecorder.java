package io.poolscope.agent.attach;

import io.poolscope.agent.pools.PoolAdapter;
import io.poolscope.agent.pools.PoolAdapters;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.HeldConnection;
import io.poolscope.agent.recorder.JdbcRecorder;
import io.poolscope.agent.recorder.StatementInfo;
import io.poolscope.agent.sql.SqlOperation;
import io.poolscope.bootstrap.JdbcDispatcher;

/**
 * The recorder of an agent attached to a running JVM: before the recorder sees a connection or
 * statement it does not know, this looks for it among those taken before the attach ({@link
 * ConnectionsBeforeAttach}). An agent started with the JVM never builds one, so none of this runs
 * on its hot path.
 */
public final class AttachedRecorder implements JdbcDispatcher {
  private final JdbcRecorder recorder;
  private final ConnectionTracker held;
  private final ConnectionsBeforeAttach before;

  public AttachedRecorder(JdbcRecorder recorder, ConnectionsBeforeAttach before) {
    this.recorder = recorder;
    this.held = recorder.held();
    this.before = before;
    before.openedSinceAttach(recorder::isPhysical);
  }

  @Override
  public Object connectStarting(Object driver, String url) {
    return recorder.connectStarting(driver, url);
  }

  @Override
  public Object[] connectArguments(Object driver, String url, Object properties) {
    return recorder.connectArguments(driver, url, properties);
  }

  @Override
  public void connected(
      Object driver, String url, Object connection, Throwable error, long start, long end) {
    recorder.connected(driver, url, connection, error, start, end);
    if (connection != null) {
      before.handedOut(connection);
    }
  }

  @Override
  public void acquired(
      Object dataSource, Object connection, Throwable error, long start, long end) {
    PoolAdapter adapter = PoolAdapters.forType(dataSource.getClass());
    if (adapter != null) {
      // Even an acquisition that times out: its holders are what the application wants to see.
      before.poolSeen(recorder.pools().forPool(dataSource, adapter), connection);
    }
    recorder.acquired(dataSource, connection, error, start, end);
    if (connection != null) {
      before.handedOut(connection);
    }
  }

  @Override
  public void connectionClosed(Object connection) {
    claimForClose(connection);
    recorder.connectionClosed(connection);
  }

  @Override
  public Object acquireStarting(Object dataSource) {
    return recorder.acquireStarting(dataSource);
  }

  @Override
  public void transactionCall(
      io.poolscope.bootstrap.ThreadState thread, Object connection, int call, boolean value) {
    recorder.transactionCall(thread, connection, call, value);
  }

  @Override
  public void connectionAborted(Object connection) {
    claimForClose(connection);
    recorder.connectionAborted(connection);
  }

  /**
   * A proxy for a connection lent before the attach is linked to its hold, so the close ends it.
   */
  private void claimForClose(Object connection) {
    HeldConnection hold = held.get(connection);
    if (hold == null) {
      hold = before.claim(connection, false);
    }
    if (hold != null && hold.takenBeforeAttach()) {
      before.settled(connection);
    }
  }

  @Override
  public void statementCreated(Object connection, Object statement, String sql) {
    if (held.get(connection) == null) {
      before.claim(connection, true);
    }
    recorder.statementCreated(connection, statement, sql);
  }

  @Override
  public void statementClosed(Object statement) {
    recorder.statementClosed(statement);
  }

  @Override
  public Object statementStarting(Object statement, String sql, boolean batch) {
    if (recorder.statementInfo(statement) == null) {
      HeldConnection hold = before.holdOfStatement(statement);
      if (hold != null) {
        // Prepared before the attach: its SQL text was never seen.
        recorder.adopt(
            statement,
            new StatementInfo(
                hold,
                StatementInfo.PREPARED_BEFORE_ATTACH,
                SqlOperation.indexOf(StatementInfo.PREPARED_BEFORE_ATTACH)));
      }
    }
    return recorder.statementStarting(statement, sql, batch);
  }

  @Override
  public void statementFinished(Object statement, Object token, Object result, Throwable error) {
    recorder.statementFinished(statement, token, result, error);
  }

  @Override
  public int queryTimeoutRequested(Object statement, int seconds) {
    return recorder.queryTimeoutRequested(statement, seconds);
  }
}
