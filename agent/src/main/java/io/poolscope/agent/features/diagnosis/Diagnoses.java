package io.poolscope.agent.features.diagnosis;

import io.poolscope.agent.output.events.Event;
import io.poolscope.agent.recorder.ConnectionTracker;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.RecorderFeatures;
import io.poolscope.agent.sql.MaskedSqlCache;
import java.util.List;
import java.util.function.Consumer;

/**
 * The diagnoses (docs/diagnoses.md), built once and registered with the recorder for the steps each
 * observes. Each one costs the hot path a compare of fields the recorder keeps anyway; the stack
 * walk and the event are made only when a finding fires, and one event per call site and code is
 * published per interval by {@link FindingTable}.
 */
public final class Diagnoses {
  private final FindingTable table;
  private final CallSites sites;
  private final int nPlusOneMin;
  private final MaskedSqlCache sql;
  private final long idleInTransactionMillis;

  /**
   * @param intervalMillis how long findings at one call site are folded into one event
   * @param nPlusOneMin {@code diagnosis.n-plus-one.min}; 0 turns {@code n_plus_one} off
   * @param idleInTransactionMillis {@code diagnosis.idle-in-transaction}; 0 turns it off
   * @param ignored call-site prefixes the user silenced ({@code Class.method} or a package)
   */
  public Diagnoses(
      long intervalMillis,
      int nPlusOneMin,
      long idleInTransactionMillis,
      List<String> ignored,
      MaskedSqlCache sql,
      Consumer<Event> events) {
    this.table = new FindingTable(intervalMillis, events);
    this.sites = new CallSites(intervalMillis, ignored);
    // One execution is no repeat: below two, every statement would be an N+1.
    this.nPlusOneMin = nPlusOneMin == 0 ? 0 : Math.max(2, nPlusOneMin);
    this.sql = sql;
    this.idleInTransactionMillis = idleInTransactionMillis;
  }

  public void register(RecorderFeatures features) {
    // Each on the recorder's rare paths: the common statement and borrow call none of them.
    if (nPlusOneMin > 0) {
      NPlusOne nPlusOne = new NPlusOne(nPlusOneMin, table, sites, sql);
      features.onRepeatedStatement(nPlusOneMin, nPlusOne);
      features.onNotableHoldEnd(nPlusOne);
    }
    features.onNotableHoldEnd(new HeldIdle(table, sites));
    features.onNotableHoldEnd(new UncommittedClose(table, sites));
    features.onNestedHandOut(new NestedAcquire(table, sites));
    features.onStatementFailed(new StaleConnection(table, sites));
  }

  /**
   * The idle-in-transaction scan over {@code held}, to be run every {@link #idleScanEveryMillis()};
   * null when that diagnosis is off.
   */
  public Runnable idleInTransactionScan(ConnectionTracker held) {
    return idleInTransactionMillis <= 0
        ? null
        : new IdleInTransaction(idleInTransactionMillis, held, table, sites);
  }

  public long idleScanEveryMillis() {
    return IdleInTransaction.scanIntervalMillis(idleInTransactionMillis);
  }

  /** The connection-churn check, to be run once per {@code report.interval} (its window). */
  public Runnable churnCheck(PoolRegistry pools) {
    return new ConnectionChurn(pools, table);
  }

  /** Publishes the findings whose interval ended; scheduled about once a second. */
  public void publishDue() {
    table.publishDue();
  }

  /** Publishes every open finding (at shutdown). */
  public void publishAll() {
    table.publishAll();
  }

  /** Call sites with findings not yet published (for tests). */
  public int openFindings() {
    return table.openEntries();
  }

  public static long publishEveryMillis(long intervalMillis) {
    return Math.max(100, Math.min(1000, intervalMillis / 4));
  }
}
