package io.poolscope.agent.recorder;

/**
 * The features the recorder tells of what it sees, each registered for the steps it observes or the
 * decision it makes. Built at start-up, before the recorder is installed.
 */
public final class RecorderFeatures {
  final Observers<AcquisitionObserver> handOuts = new Observers<>();
  final Observers<HoldObserver> holdEnds = new Observers<>();
  final Observers<AcquireTimeoutObserver> acquireTimeouts = new Observers<>();
  final Observers<StatementStartObserver> statementStarts = new Observers<>();
  final Observers<StatementEndObserver> statementEnds = new Observers<>();
  // Told only on rare paths, so that the common statement and borrow add no call: see each adder.
  final Observers<StatementStartObserver> repeats = new Observers<>();
  final Observers<StatementEndObserver> statementFailures = new Observers<>();
  final Observers<AcquisitionObserver> nestedHandOuts = new Observers<>();
  final Observers<HoldObserver> notableHoldEnds = new Observers<>();
  int repeatMin;
  volatile ConnectPolicy connectPolicy = ConnectPolicy.ALLOW_ALL;
  volatile QueryTimeoutPolicy queryTimeoutPolicy = QueryTimeoutPolicy.AS_ASKED;
  volatile ConnectProperties connectProperties = ConnectProperties.UNCHANGED;

  public RecorderFeatures onHandOut(AcquisitionObserver observer) {
    handOuts.add(observer);
    return this;
  }

  public RecorderFeatures onHoldEnd(HoldObserver observer) {
    holdEnds.add(observer);
    return this;
  }

  public RecorderFeatures onAcquireTimeout(AcquireTimeoutObserver observer) {
    acquireTimeouts.add(observer);
    return this;
  }

  public RecorderFeatures onStatementStart(StatementStartObserver observer) {
    statementStarts.add(observer);
    return this;
  }

  public RecorderFeatures onStatementEnd(StatementEndObserver observer) {
    statementEnds.add(observer);
    return this;
  }

  /**
   * Stops telling {@code observer} of hand-outs, statement starts and statement ends, whichever it
   * was registered for: a feature that has nothing to do for a while (tracing while the application
   * has none) then costs the recorder no call at all.
   */
  public RecorderFeatures without(Object observer) {
    if (observer instanceof AcquisitionObserver) {
      handOuts.remove((AcquisitionObserver) observer);
    }
    if (observer instanceof StatementStartObserver) {
      statementStarts.remove((StatementStartObserver) observer);
    }
    if (observer instanceof StatementEndObserver) {
      statementEnds.remove((StatementEndObserver) observer);
    }
    return this;
  }

  /**
   * Told when a statement starts for the {@code min}-th time in one hold (see {@link
   * HoldTally#lastRepeats()}); one {@code min} for all such observers. Not told otherwise.
   */
  public RecorderFeatures onRepeatedStatement(int min, StatementStartObserver observer) {
    repeatMin = min;
    repeats.add(observer);
    return this;
  }

  /** Told of statements that ended with an error only. */
  public RecorderFeatures onStatementFailed(StatementEndObserver observer) {
    statementFailures.add(observer);
    return this;
  }

  /**
   * Told of hand-outs to a thread that holds another connection of the same pool only ({@link
   * HeldConnection#sameThreadHolds()} above 0).
   */
  public RecorderFeatures onNestedHandOut(AcquisitionObserver observer) {
    nestedHandOuts.add(observer);
    return this;
  }

  /**
   * Told of the ends of holds that ran a statement or turned auto-commit off (they have a {@link
   * HoldTally}), or lasted at least {@link #NOTABLE_HOLD_NANOS}; a short borrow that ran nothing is
   * not told.
   */
  public RecorderFeatures onNotableHoldEnd(HoldObserver observer) {
    notableHoldEnds.add(observer);
    return this;
  }

  /** See {@link #onNotableHoldEnd}. */
  public static final long NOTABLE_HOLD_NANOS = 500_000_000L;

  /** The one connect policy (the connection budget); the default lets every connect run. */
  public RecorderFeatures connectPolicy(ConnectPolicy policy) {
    connectPolicy = policy;
    return this;
  }

  /** The one source of added connect properties; the default adds none. */
  public RecorderFeatures connectProperties(ConnectProperties properties) {
    connectProperties = properties;
    return this;
  }

  /** The one query-timeout policy ({@code statement.timeout}); the default keeps what is asked. */
  public RecorderFeatures queryTimeoutPolicy(QueryTimeoutPolicy policy) {
    queryTimeoutPolicy = policy;
    return this;
  }
}
