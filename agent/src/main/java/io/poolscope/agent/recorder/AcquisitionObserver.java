package io.poolscope.agent.recorder;

/** Hears of every connection handed to the application, as it is handed out. */
public interface AcquisitionObserver {
  void handedOut(HeldConnection hold);
}
