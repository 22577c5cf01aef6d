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
