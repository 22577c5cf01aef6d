package io.poolscope.it.foundation;

import io.poolscope.bootstrap.Hooks;
import io.poolscope.bootstrap.JdbcDispatcher;
import io.poolscope.testing.Scenario;
import java.io.Writer;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child JVM under the agent: wraps the agent's dispatcher in {@link FaultyDispatcher}, which lets
 * Poolscope record every call and then throws from it, so every hook fails after the agent did its
 * work. The scenario checks every result itself and writes "ok" only if the application saw nothing
 * of it; it writes how many faults each hook threw to {@link #FAULTS}, so that the test knows the
 * faults were really thrown and not merely configured.
 */
public final class FaultInjectionScenario {
  static final String FAULTS = "faults.properties";

  /** The message of every injected fault; the test looks for it in the child's output. */
  static final String FAULT_MESSAGE = "fault injected into ";

  private FaultInjectionScenario() {}

  public static void main(String[] args) throws Exception {
    // Hooks must be the one the woven advice calls: loaded from the boot class path, where the
    // agent put it. A copy from the application's class path would take faults no advice sees.
    check(Hooks.class.getClassLoader() == null, "Hooks was loaded from the boot class path");
    JdbcDispatcher agent = Hooks.dispatcher();
    check(agent != JdbcDispatcher.NOOP, "the agent installed its dispatcher before main");
    FaultyDispatcher faulty = new FaultyDispatcher(agent);
    Hooks.install(faulty);
    // Acquisitions are gated only while a circuit is open; gated here, every getConnection asks
    // the dispatcher first, and its fault must not stop the acquisition.
    Hooks.gateAcquisitions(true);
    try {
      WorkloadScenario.runWorkload(Scenario.db());
      transactions(Scenario.db());
      Files.writeString(Scenario.workdir().resolve("result"), "ok");
    } finally {
      faulty.writeCounts();
    }
  }

  /** setAutoCommit, commit and rollback, whose hooks fail too; the data must be as committed. */
  private static void transactions(Scenario.Db db) throws Exception {
    try (java.sql.Connection c = db.connect();
        java.sql.Statement s = c.createStatement()) {
      s.execute("create temporary table fault_tx (id int)");
      c.setAutoCommit(false);
      s.executeUpdate("insert into fault_tx values (1)");
      c.commit();
      s.executeUpdate("insert into fault_tx values (2)");
      c.rollback();
      c.setAutoCommit(true);
      try (java.sql.ResultSet rs = s.executeQuery("select count(*) from fault_tx")) {
        rs.next();
        check(rs.getInt(1) == 1, "the committed row stays and the rolled-back one is gone");
      }
    }
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  /**
   * Hands each call to the agent's dispatcher first (so Poolscope's state moves on as it would),
   * then throws, counting the throw per hook. {@link Hooks} must swallow every one of them.
   */
  static final class FaultyDispatcher implements JdbcDispatcher {
    private final JdbcDispatcher delegate;
    private final Map<String, AtomicLong> faults = new ConcurrentHashMap<>();

    FaultyDispatcher(JdbcDispatcher delegate) {
      this.delegate = delegate;
    }

    private RuntimeException fault(String hook) {
      faults.computeIfAbsent(hook, k -> new AtomicLong()).incrementAndGet();
      return new IllegalStateException(FAULT_MESSAGE + hook);
    }

    void writeCounts() throws Exception {
      Properties out = new Properties();
      for (Map.Entry<String, AtomicLong> e : new TreeMap<>(faults).entrySet()) {
        out.setProperty(e.getKey(), String.valueOf(e.getValue().get()));
      }
      try (Writer w = Files.newBufferedWriter(Scenario.workdir().resolve(FAULTS))) {
        out.store(w, "faults thrown per hook");
      }
    }

    @Override
    public Object connectStarting(Object driver, String url) {
      delegate.connectStarting(driver, url);
      throw fault("connectStarting");
    }

    @Override
    public Object[] connectArguments(Object driver, String url, Object properties) {
      delegate.connectArguments(driver, url, properties);
      throw fault("connectArguments");
    }

    @Override
    public void connected(
        Object driver, String url, Object connection, Throwable error, long start, long end) {
      delegate.connected(driver, url, connection, error, start, end);
      throw fault("connected");
    }

    @Override
    public void acquired(
        Object dataSource, Object connection, Throwable error, long start, long end) {
      delegate.acquired(dataSource, connection, error, start, end);
      throw fault("acquired");
    }

    @Override
    public void connectionClosed(Object connection) {
      delegate.connectionClosed(connection);
      throw fault("connectionClosed");
    }

    @Override
    public void connectionAborted(Object connection) {
      delegate.connectionAborted(connection);
      throw fault("connectionAborted");
    }

    @Override
    public void statementCreated(Object connection, Object statement, String sql) {
      delegate.statementCreated(connection, statement, sql);
      throw fault("statementCreated");
    }

    @Override
    public void statementClosed(Object statement) {
      delegate.statementClosed(statement);
      throw fault("statementClosed");
    }

    @Override
    public Object statementStarting(Object statement, String sql, boolean batch) {
      delegate.statementStarting(statement, sql, batch);
      throw fault("statementStarting");
    }

    @Override
    public void statementFinished(Object statement, Object token, Object result, Throwable error) {
      delegate.statementFinished(statement, token, result, error);
      throw fault("statementFinished");
    }

    @Override
    public Object acquireStarting(Object dataSource) {
      delegate.acquireStarting(dataSource);
      throw fault("acquireStarting");
    }

    @Override
    public void transactionCall(
        io.poolscope.bootstrap.ThreadState thread, Object connection, int call, boolean value) {
      delegate.transactionCall(thread, connection, call, value);
      throw fault("transactionCall");
    }

    @Override
    public int queryTimeoutRequested(Object statement, int seconds) {
      delegate.queryTimeoutRequested(statement, seconds);
      throw fault("queryTimeoutRequested");
    }
  }
}
