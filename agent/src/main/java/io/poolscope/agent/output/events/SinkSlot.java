package io.poolscope.agent.output.events;

import io.poolscope.agent.output.log.AgentLog;

/**
 * A sink and whether its failure was already reported: one warning per sink, not per event. Used on
 * the event writer thread only.
 */
final class SinkSlot {
  private final EventSink sink;
  private boolean failureReported;

  SinkSlot(EventSink sink) {
    this.sink = sink;
  }

  void accept(Event event) {
    try {
      sink.accept(event);
    } catch (Throwable e) {
      failed("write", e);
    }
  }

  void flush() {
    try {
      sink.flush();
    } catch (Throwable e) {
      failed("flush", e);
    }
  }

  void close() {
    try {
      sink.close();
    } catch (Throwable e) {
      failed("close", e);
    }
  }

  private void failed(String action, Throwable e) {
    if (!failureReported) {
      failureReported = true;
      AgentLog.warn(
          "Poolscope event sink "
              + sink.getClass().getSimpleName()
              + " failed to "
              + action
              + " (reported once; it is still tried)",
          e);
    }
  }
}
