package io.poolscope.agent.features.jfr;

import io.poolscope.agent.recorder.AcquireTimeout;
import io.poolscope.agent.recorder.AcquireTimeoutObserver;
import io.poolscope.agent.recorder.AcquisitionObserver;
import io.poolscope.agent.recorder.HeldConnection;
import io.poolscope.agent.recorder.HoldObserver;

/**
 * Waits and holds as JFR events, on the application's thread (so JFR takes its stack), each
 * spanning the wait or hold it measured ({@link Timeline}). With no recording that enables them,
 * each call is one static read: no event is made, no field read. Only waits of at least {@code
 * jfr.wait-threshold} and holds of at least {@code jfr.hold-threshold} are events.
 */
final class JdbcEvents implements AcquisitionObserver, HoldObserver, AcquireTimeoutObserver {
  private static final Timeline WAITS = Timeline.of(ConnectionWaitEvent.class);
  private static final Timeline HOLDS = Timeline.of(ConnectionHoldEvent.class);

  private final long holdThresholdNanos;
  private final long waitThresholdNanos;

  JdbcEvents(long holdThresholdMillis, long waitThresholdMillis) {
    this.holdThresholdNanos = holdThresholdMillis * 1_000_000L;
    this.waitThresholdNanos = waitThresholdMillis * 1_000_000L;
    WAITS.calibrate(ConnectionWaitEvent.PROBE);
    // Loaded and initialised here, on the thread that wires JFR in, not by the first application
    // threads to borrow once a recording runs: JFR instruments an event class as it loads, and a
    // virtual thread loading a class is pinned to its carrier for that long.
    ConnectionHoldEvent.PROBE.isEnabled();
    SlowQueryEvent.PROBE.isEnabled();
  }

  @Override
  public void handedOut(HeldConnection hold) {
    // Read before the event type's flag: most borrows wait microseconds, and an event per borrow,
    // with its stack trace, cost 3 us (JMH connection cycle under the JDK's default settings).
    if (hold.waitNanos() >= waitThresholdNanos && ConnectionWaitEvent.PROBE.isEnabled()) {
      // The wait ends as the connection is handed out.
      wait(hold.pool().name(), hold.waitNanos(), hold.acquiredNanos(), "acquired");
    }
  }

  @Override
  public void acquireTimedOut(AcquireTimeout timeout) {
    if (ConnectionWaitEvent.PROBE.isEnabled()) {
      wait(timeout.pool().name(), timeout.waitedNanos(), timeout.endNanos(), "timeout");
    }
  }

  @Override
  public void returned(HeldConnection hold) {
    if (ConnectionHoldEvent.PROBE.isEnabled()) {
      hold(hold, hold.releasedNanos(), "closed");
    }
  }

  @Override
  public void collectedUnclosed(HeldConnection hold) {
    if (ConnectionHoldEvent.PROBE.isEnabled()) {
      hold(hold, System.nanoTime(), "unclosed");
    }
  }

  private static void wait(String pool, long waitNanos, long endNanos, String outcome) {
    ConnectionWaitEvent event = new ConnectionWaitEvent();
    event.pool = pool;
    event.waitTime = waitNanos;
    event.outcome = outcome;
    WAITS.span(event, endNanos - waitNanos, endNanos);
    event.commit();
  }

  private void hold(HeldConnection hold, long endNanos, String outcome) {
    long heldNanos = endNanos - hold.acquiredNanos();
    if (heldNanos < holdThresholdNanos) {
      return;
    }
    ConnectionHoldEvent event = new ConnectionHoldEvent();
    event.pool = hold.pool().name();
    event.heldTime = heldNanos;
    event.statements = hold.statements();
    event.outcome = outcome;
    HOLDS.span(event, hold.acquiredNanos(), endNanos);
    event.commit();
  }
}
