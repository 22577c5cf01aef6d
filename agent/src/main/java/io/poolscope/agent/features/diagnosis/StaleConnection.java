package io.poolscope.agent.features.diagnosis;

import io.poolscope.agent.recorder.HeldConnection;
import io.poolscope.agent.recorder.PoolState;
import io.poolscope.agent.recorder.RunningStatement;
import io.poolscope.agent.recorder.StatementEndObserver;
import java.sql.SQLException;

/**
 * {@code stale_connection}: the first statement after a borrow failed with a broken-connection
 * SQLState (class 08, or PostgreSQL's 57P01–57P03: the server ended the session). The pool lent a
 * connection that the server or the network had already closed: the fix is a pool setting, named
 * for the pool's library.
 */
final class StaleConnection implements StatementEndObserver {
  private final FindingTable table;
  private final CallSites sites;

  StaleConnection(FindingTable table, CallSites sites) {
    this.table = table;
    this.sites = sites;
  }

  @Override
  public void statementFinished(RunningStatement run) {
    Throwable error = run.error();
    if (error == null || run.info() == null) {
      return;
    }
    HeldConnection hold = run.info().connection();
    if (hold.statements() != 1 || hold.pool().kind() == PoolState.Kind.DIRECT) {
      return; // not the first statement of a borrow; a new direct connection is never stale
    }
    String state = brokenState(error);
    if (state == null) {
      return;
    }
    String caller = sites.current();
    if (sites.ignored(caller)) {
      return;
    }
    String library = hold.pool().adapter() == null ? null : hold.pool().adapter().library();
    long idleMillis = (run.startNanos() - hold.acquiredNanos()) / 1_000_000L;
    table.record(
        new Finding(
                DiagnosisCode.STALE_CONNECTION,
                hold.pool().name(),
                caller,
                CallSites.acquiredAt(hold),
                Thread.currentThread().getName(),
                "SQLState " + state,
                DiagnosisCode.STALE_CONNECTION.remedy() + " " + settingAdvice(library))
            .evidence("borrowed_ms_before_statement", idleMillis));
  }

  /** The broken-connection SQLState of {@code error} or of a cause, or null. */
  static String brokenState(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException) {
        String state = ((SQLException) t).getSQLState();
        if (state != null
            && (state.startsWith("08")
                || state.equals("57P01")
                || state.equals("57P02")
                || state.equals("57P03"))) {
          return state;
        }
      }
    }
    return null;
  }

  /** The setting of {@code library} that retires or checks connections before they go stale. */
  static String settingAdvice(String library) {
    String setting;
    switch (library == null ? "" : library) {
      case "hikaricp":
        setting = "HikariCP's maxLifetime (and keepaliveTime)";
        break;
      case "dbcp2":
        setting = "DBCP2's maxConnLifetimeMillis, or testOnBorrow=true with a validationQuery";
        break;
      case "tomcat-jdbc":
        setting = "Tomcat JDBC's maxAge, or testOnBorrow=true with a validationQuery";
        break;
      case "c3p0":
        setting = "c3p0's maxIdleTime and maxConnectionAge, or testConnectionOnCheckout=true";
        break;
      case "agroal":
        setting = "Agroal's maxLifetime, or validateOnBorrow";
        break;
      default:
        setting = "the pool's maximum connection lifetime, or validation on borrow";
    }
    return "Set "
        + setting
        + " below the idle timeout of the database server and of every firewall or load balancer"
        + " between (e.g. 30 s shorter), so that the pool retires connections before they are cut.";
  }
}
