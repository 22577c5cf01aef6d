package io.poolscope.agent.output.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Keeps the log readable when one finding repeats — acquisition timeouts all through an outage, a
 * slow statement from one call site, leaks taken by one stack: the first of a window is logged in
 * full, the rest are counted into one summary line when the window ends. A window that saw no
 * repeat closes quietly, so the next occurrence is logged in full again. Only the log lines are
 * aggregated; the events file and the counters get every event.
 *
 * <p>Used by the event writer thread and the scheduler's tick, never on application threads; the
 * lock is only theirs. The number of sites tracked is bounded: past it, findings are logged in
 * full.
 */
public final class RepeatedFindings {
  static final int MAX_SITES = 512;

  private final long windowNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Site> sites = new LinkedHashMap<>();

  public RepeatedFindings(long windowMillis) {
    this(windowMillis, System::nanoTime);
  }

  RepeatedFindings(long windowMillis, LongSupplier nanoClock) {
    this.windowNanos = windowMillis * 1_000_000L;
    this.nanoClock = nanoClock;
  }

  /** The first of its site in this window, or no site at all: log it in full. */
  public synchronized boolean logInFull(Event event) {
    String key = siteOf(event);
    if (key == null) {
      return true;
    }
    Site site = sites.get(key);
    if (site == null) {
      if (sites.size() < MAX_SITES) {
        sites.put(key, new Site(event, nanoClock.getAsLong()));
      }
      return true;
    }
    site.repeats++;
    site.last = event.time();
    return false;
  }

  /**
   * The summaries of the windows that have ended ({@code all}: of every window, at shutdown). A
   * site whose window ended with repeats stays, so a finding that goes on keeps being summarised
   * once per window rather than logged in full again.
   */
  public synchronized List<Summary> due(boolean all) {
    long now = nanoClock.getAsLong();
    List<Summary> out = new ArrayList<>();
    for (Iterator<Site> it = sites.values().iterator(); it.hasNext(); ) {
      Site site = it.next();
      long open = now - site.windowStart;
      if (!all && open < windowNanos) {
        continue;
      }
      if (site.repeats == 0) {
        it.remove();
        continue;
      }
      out.add(new Summary(site.first, site.repeats, open / 1_000_000L, site.last));
      site.repeats = 0;
      site.windowStart = now;
    }
    return out;
  }

  /**
   * What makes two events the same finding; null for those never aggregated: states and advice
   * (saturation, recommendations, caps) have their own rules, and each of them matters.
   */
  static String siteOf(Event event) {
    Map<String, Object> fields = event.fields();
    String pool = event.pool();
    switch (event.type()) {
      case ACQUIRE_TIMEOUT:
      case CONNECTION_REJECTED:
      case LEAK_RETURNED:
        return event.type() + "|" + pool;
      case SLOW_QUERY:
        // "Still running" and "finished" are two findings: the second says how long it took.
        return event.type()
            + "|"
            + pool
            + "|"
            + fields.get("running")
            + "|"
            + fields.get("caller")
            + "|"
            + fields.get("sql");
      case STATEMENT_CANCELLED:
        return event.type() + "|" + pool + "|" + fields.get("sql");
      case LEAK_SUSPECTED:
      case LEAK_UNCLOSED:
        // The whole stack, not its first frame: applications often take every connection through
        // one helper of their own, which would make all their leaks one site.
        return event.type() + "|" + pool + "|" + stackSite(fields.get("stack"));
      default:
        return null;
    }
  }

  private static String stackSite(Object stack) {
    if (stack instanceof List && !((List<?>) stack).isEmpty()) {
      List<?> frames = (List<?>) stack;
      return frames.get(0) + "|" + frames.size() + "|" + frames.hashCode();
    }
    return "";
  }

  /** The repeats of one finding over one window. */
  public static final class Summary {
    private final Event first;
    private final int repeats;
    private final long windowMillis;
    private final Instant last;

    Summary(Event first, int repeats, long windowMillis, Instant last) {
      this.first = first;
      this.repeats = repeats;
      this.windowMillis = windowMillis;
      this.last = last;
    }

    public Event first() {
      return first;
    }

    public int repeats() {
      return repeats;
    }

    /** One line under the finding's own logger and level. */
    public String message() {
      String type = first.type().wireName();
      return first.pool()
          + " - "
          + repeats
          + " more "
          + type
          + " like the one logged in full in the last "
          + Math.max(1, Math.round(windowMillis / 1000.0))
          + " s (the last at "
          + last
          + "); each is in poolscope_events_total{type=\""
          + type
          + "\"} and in events.file when set";
    }
  }

  private static final class Site {
    final Event first;
    long windowStart;
    int repeats;
    Instant last;

    Site(Event first, long windowStart) {
      this.first = first;
      this.windowStart = windowStart;
      this.last = first.time();
    }
  }
}
