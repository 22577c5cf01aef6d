package io.poolscope.agent.features.jfr;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import jdk.jfr.Event;

/**
 * Gives an event committed after the fact (a wait, hold or statement that has ended) the span it
 * measured, so that JDK Mission Control draws it as a bar over the thread's lane from start to end
 * instead of an instant at its end, and JFR's {@code threshold} setting applies to that span.
 *
 * <p>JFR's public API starts an event's clock with {@code begin()} only: there is no setter for a
 * start time already past. Poolscope knows the start ({@code System.nanoTime()}) only once the wait
 * or hold has ended, and starting an event at every acquisition, hand-out and statement would keep
 * an event object per connection and thread while recording. So this class sets the two fields JFR
 * adds to every event class with a duration ({@code startTime} and {@code duration}, in the JVM's
 * ticks; JDK 9 to 25 at least), through a private look-up on Poolscope's own event class. Ticks are
 * read by {@code begin()} on the event itself; the span is placed by the distance in nanoseconds
 * from now, which needs ticks of one nanosecond (HotSpot's default clock on Linux and macOS).
 * Checked once, on a span of at least {@link #CALIBRATION_NANOS}: another tick rate (JFR's TSC
 * clock, {@code -XX:+UseFastUnorderedTimeStamps}; Windows) or a JDK without the fields leaves the
 * events as they were, instants at their end with the measured time as a field.
 */
final class Timeline {
  static final long CALIBRATION_NANOS = 100_000_000L;
  private static final int UNKNOWN = 0;
  private static final int NANOSECOND_TICKS = 1;
  private static final int OTHER_TICKS = -1;

  private static volatile int clock = UNKNOWN;
  private static volatile long firstTicks;
  private static volatile long firstNanos;

  private final VarHandle startTime;
  private final VarHandle duration;

  private Timeline(VarHandle startTime, VarHandle duration) {
    this.startTime = startTime;
    this.duration = duration;
  }

  /**
   * The timeline of events of {@code type}; one that places nothing where JFR has no such fields.
   */
  static Timeline of(Class<? extends Event> type) {
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
      return new Timeline(
          lookup.findVarHandle(type, "startTime", long.class),
          lookup.findVarHandle(type, "duration", long.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return new Timeline(null, null);
    }
  }

  /**
   * Makes {@code event} span {@code startNanos} to {@code endNanos} ({@code System.nanoTime()},
   * both now or past); call just before {@code commit()}. Does nothing it cannot do right.
   */
  void span(Event event, long startNanos, long endNanos) {
    if (startTime == null || clock == OTHER_TICKS) {
      return;
    }
    event.begin();
    long nowTicks = (long) startTime.get(event);
    long nowNanos = System.nanoTime();
    if (clock == UNKNOWN && !calibrated(nowTicks, nowNanos)) {
      startTime.set(event, 0L); // as if begin() had not been called: an instant at commit
      return;
    }
    long start = nowTicks - (nowNanos - startNanos);
    long span = endNanos - startNanos;
    startTime.set(event, start);
    // A span of 0 would make commit() measure one from start to now: keep it at least a tick.
    duration.set(event, Math.max(1L, span));
  }

  /**
   * Compares the ticks and nanoseconds passed since the first call; decides once the gap is long
   * enough to tell one tick per nanosecond (within 1 %) from any other rate.
   */
  private static synchronized boolean calibrated(long ticks, long nanos) {
    if (clock != UNKNOWN) {
      return clock == NANOSECOND_TICKS;
    }
    if (firstNanos == 0) {
      firstTicks = ticks;
      firstNanos = nanos == 0 ? 1 : nanos;
      return false;
    }
    long elapsedNanos = nanos - firstNanos;
    if (elapsedNanos < CALIBRATION_NANOS) {
      return false;
    }
    long elapsedTicks = ticks - firstTicks;
    clock =
        Math.abs(elapsedTicks - elapsedNanos) <= elapsedNanos / 100
            ? NANOSECOND_TICKS
            : OTHER_TICKS;
    return clock == NANOSECOND_TICKS;
  }

  /** Starts the clock check; called when the events are wired in, long before most commits. */
  void calibrate(Event probe) {
    if (startTime != null && clock == UNKNOWN) {
      probe.begin();
      calibrated((long) startTime.get(probe), System.nanoTime());
    }
  }
}
