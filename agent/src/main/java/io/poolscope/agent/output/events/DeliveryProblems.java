package io.poolscope.agent.output.events;

import io.poolscope.agent.output.log.AgentLog;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What went wrong in delivery, told to the agent log by the writer thread: dropped events at most
 * once a minute (a full queue tends to stay full), a failing listener once. Publishers only count;
 * logging on their threads could block the application on I/O.
 */
final class DeliveryProblems {
  private static final long DROP_REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final int capacity;
  private final LongAdder dropped = new LongAdder();
  private final AtomicReference<Throwable> listenerFailure = new AtomicReference<>();

  // Writer-thread state.
  private long droppedReported;
  private long lastDropReportNanos;
  private boolean listenerFailureReported;

  DeliveryProblems(int capacity) {
    this.capacity = capacity;
    lastDropReportNanos = System.nanoTime() - DROP_REPORT_INTERVAL_NANOS;
  }

  /** On application threads: an event the full queue had no room for. */
  void dropped() {
    dropped.increment();
  }

  long droppedCount() {
    return dropped.sum();
  }

  /** On application threads: keeps the first failure of a listener for the writer to report. */
  void listenerFailed(Throwable e) {
    listenerFailure.compareAndSet(null, e);
  }

  /** On the writer thread; {@code now} reports drops without waiting for the interval. */
  void report(boolean now) {
    long total = dropped.sum();
    long fresh = total - droppedReported;
    long clock = System.nanoTime();
    if (fresh > 0 && (now || clock - lastDropReportNanos >= DROP_REPORT_INTERVAL_NANOS)) {
      droppedReported = total;
      lastDropReportNanos = clock;
      AgentLog.warn(
          "Poolscope dropped "
              + fresh
              + " events (total "
              + total
              + "): the log or events.file could not keep up and the queue of "
              + capacity
              + " events was full; the poolscope_events_total counter still counts them");
    }
    Throwable failure = listenerFailure.get();
    if (failure != null && !listenerFailureReported) {
      listenerFailureReported = true;
      AgentLog.warn("Poolscope event listener failed (reported once)", failure);
    }
  }
}
