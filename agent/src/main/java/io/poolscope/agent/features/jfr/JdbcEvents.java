package io.poolscope.agent.features.jfr;

import io.poolscope.agent.recorder.AcquireTimeout;
import io.poolscope.agent.recorder.AcquireTimeoutObserver;
import io.poolscope.agent.recorder.AcquisitionObserver;
import io.poolscope.agent.recorder.HeldConnection;
import io.poolscope.agent.recorder.HoldObserver;

/**
 * Waits and holds as JFR events, on the application's thread (so JFR takes its stack). With no
 * recording that enables them, each call is one static read: no event is made, no field read.
 */
final class JdbcEvents implements AcquisitionObserver, HoldObserver, AcquireTimeoutObserver {
  private final long holdThresholdNanos;

  JdbcEvents(long holdThresholdMillis) {
    this.holdThresholdNanos = holdThresholdMillis * 1_000_000L;
  }

  @Override
  public void handedOut(HeldConnection hold) {
    if (ConnectionWaitEvent.PROBE.isEnabled()) {
      wait(hold.pool().name(), hold.waitNanos(), "acquired");
    }
  }

  @Override
  public void acquireTimedOut(AcquireTimeout timeout) {
    if (ConnectionWaitEvent.PROBE.isEnabled()) {
      wait(timeout.pool().name(), timeout.waitedNanos(), "timeout");
    }
  }

  @Override
  public void returned(HeldConnection hold) {
    if (ConnectionHoldEvent.PROBE.isEnabled()) {
      hold(hold, hold.releasedNanos() - hold.acquiredNanos(), "closed");
    }
  }

  @Override
  public void collectedUnclosed(HeldConnection hold) {
    if (ConnectionHoldEvent.PROBE.isEnabled()) {
      hold(hold, System.nanoTime() - hold.acquiredNanos(), "unclosed");
    }
  }

  private static void wait(String pool, long waitNanos, String outcome) {
    ConnectionWaitEvent event = new ConnectionWaitEvent();
    event.pool = pool;
    event.waitTime = waitNanos;
    event.outcome = outcome;
    event.commit();
  }

  private void hold(HeldConnection hold, long heldNanos, String outcome) {
    if (heldNanos < holdThresholdNanos) {
      return;
    }
    ConnectionHoldEvent event = new ConnectionHoldEvent();
    event.pool = hold.pool().name();
    event.heldTime = heldNanos;
    event.statements = hold.statements();
    event.outcome = outcome;
    event.commit();
  }
}
