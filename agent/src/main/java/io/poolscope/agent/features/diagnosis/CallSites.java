package io.poolscope.agent.features.diagnosis;

import io.poolscope.agent.features.slowquery.CallerFrame;
import io.poolscope.agent.recorder.HeldConnection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a finding happened, found only when one fires: the first application frame of the current
 * thread (a stack walk), remembered per cheap key (pool and statement for an N+1) for one interval
 * so that a call site repeating a finding is walked once per interval, not per occurrence. Also
 * applies {@code diagnosis.ignore}: call sites the user silenced.
 */
final class CallSites {
  static final int MAX_KEYS = 1024;

  /** The caller of a finding whose stack holds no application frame. */
  static final String UNKNOWN = "(no application frame)";

  private final long intervalNanos;
  private final List<String> ignored;
  private final Map<Object, String> known = new ConcurrentHashMap<>();
  private volatile long clearedNanos = System.nanoTime();

  CallSites(long intervalMillis, List<String> ignored) {
    this.intervalNanos = intervalMillis * 1_000_000L;
    this.ignored = ignored;
  }

  /** The caller on this thread now, walked afresh. */
  String current() {
    String caller = CallerFrame.ofCurrentThread();
    return caller != null ? caller : UNKNOWN;
  }

  /**
   * The caller of an acquisition on this thread now: outside the application's own connection
   * helpers (see {@link CallerFrame#acquirerOfCurrentThread}).
   */
  String acquirer() {
    String caller = CallerFrame.acquirerOfCurrentThread();
    return caller != null ? caller : UNKNOWN;
  }

  /** The caller on this thread, walked at most once per interval for {@code key}. */
  String current(Object key) {
    long now = System.nanoTime();
    if (now - clearedNanos >= intervalNanos || known.size() >= MAX_KEYS) {
      known.clear();
      clearedNanos = now;
    }
    String caller = known.get(key);
    if (caller == null) {
      caller = current();
      known.put(key, caller);
    }
    return caller;
  }

  /** True when the user silenced findings at {@code caller} ({@code diagnosis.ignore}). */
  boolean ignored(String caller) {
    if (caller == null) {
      return false;
    }
    for (String prefix : ignored) {
      if (caller.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Where {@code hold} was taken, when its acquisition stack was captured; else null. */
  static String acquiredAt(HeldConnection hold) {
    if (hold.stack() == null) {
      return null;
    }
    List<String> frames = hold.stack().applicationFrames(1);
    return frames.isEmpty() ? null : frames.get(0);
  }
}
