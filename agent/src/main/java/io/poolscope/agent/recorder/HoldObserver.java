package io.poolscope.agent.recorder;

/** Hears of every hold that ends: closed or aborted, or collected without either. */
public interface HoldObserver {
  /** Closed or aborted; {@link HeldConnection#releasedNanos()} says when. */
  void returned(HeldConnection hold);

  /** The connection became unreachable while handed out: nobody will close it any more. */
  void collectedUnclosed(HeldConnection hold);
}
