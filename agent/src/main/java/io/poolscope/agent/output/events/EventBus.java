package io.poolscope.agent.output.events;

import io.poolscope.agent.output.log.AgentLog;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Carries events from the application threads that publish them to the sinks that write them.
 *
 * <p>{@link #publish(Event)} runs on application threads: it calls the synchronous listeners, then
 * hands the event to a bounded queue without a lock and returns; it never blocks and never throws.
 * One daemon thread, {@code poolscope-events}, drains the queue into the sinks and flushes them
 * after each batch. When the sinks fall so far behind that the queue is full, new events are
 * dropped (listeners still saw them, so counters stay exact) and the drops are reported at most
 * once a minute.
 */
public final class EventBus implements AutoCloseable {
  public static final int DEFAULT_CAPACITY = 8_192;
  static final String THREAD_NAME = "poolscope-events";

  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final int MAX_BATCH = 1_024;
  private static final EventListener[] NO_LISTENERS = new EventListener[0];
  private static final SinkSlot[] NO_SINKS = new SinkSlot[0];

  private final int capacity;
  private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();

  /** Events in the queue; bounds it, since ConcurrentLinkedQueue has no bound of its own. */
  private final AtomicInteger queued = new AtomicInteger();

  /** Events admitted so far; counted before they enter the queue, so flush() waits for them. */
  private final AtomicLong admitted = new AtomicLong();

  private final DeliveryProblems problems;
  private final Thread writer;

  private volatile EventListener[] listeners = NO_LISTENERS;
  private volatile SinkSlot[] sinks = NO_SINKS;
  private volatile boolean writerIdle;
  private volatile boolean closed;

  /** Events taken by the writer and handed to every sink, sinks flushed: what flush() waits for. */
  private volatile long flushedUpTo;

  // Writer-thread state.
  private long handled;

  public EventBus() {
    this(DEFAULT_CAPACITY);
  }

  public EventBus(int capacity) {
    this.capacity = Math.max(1, capacity);
    this.writer = new Thread(this::drainLoop, THREAD_NAME);
    writer.setDaemon(true);
    this.problems = new DeliveryProblems(this.capacity);
  }

  /** Starts the writer thread; events published before are kept (up to the capacity). */
  public synchronized EventBus start() {
    if (!closed && writer.getState() == Thread.State.NEW) {
      writer.start();
    }
    return this;
  }

  public synchronized void addListener(EventListener listener) {
    EventListener[] now = listeners;
    EventListener[] next = Arrays.copyOf(now, now.length + 1);
    next[now.length] = listener;
    listeners = next;
  }

  public synchronized void addSink(EventSink sink) {
    SinkSlot[] now = sinks;
    SinkSlot[] next = Arrays.copyOf(now, now.length + 1);
    next[now.length] = new SinkSlot(sink);
    sinks = next;
  }

  /** Called on application threads: cheap, lock-free, never blocks, never throws. */
  public void publish(Event event) {
    if (event == null) {
      return;
    }
    for (EventListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (Throwable e) {
        // Reported by the writer thread: logging here could block the application on I/O.
        problems.listenerFailed(e);
      }
    }
    if (closed) {
      return;
    }
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      problems.dropped();
      return;
    }
    admitted.incrementAndGet();
    queue.offer(event);
    if (writerIdle) {
      LockSupport.unpark(writer);
    }
  }

  /** Events dropped because the queue was full, since the start. */
  public long droppedCount() {
    return problems.droppedCount();
  }

  /**
   * Waits until every event published before this call is written and the sinks are flushed.
   * Returns false when that took longer than {@code timeout} (or the writer is not running).
   */
  public boolean flush(Duration timeout) {
    long target = admitted.get();
    if (flushedUpTo >= target) {
      return true;
    }
    if (Thread.currentThread() == writer || !writer.isAlive()) {
      return false;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    LockSupport.unpark(writer);
    while (flushedUpTo < target) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !writer.isAlive()) {
        return flushedUpTo >= target;
      }
      LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(1)));
    }
    return true;
  }

  /**
   * Writes what is queued (waiting up to 5 seconds), then the writer closes the sinks and stops.
   * Events published from now on reach the listeners only. Idempotent.
   */
  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  public void close(Duration timeout) {
    boolean started;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      started = writer.getState() != Thread.State.NEW;
    }
    if (!started) {
      finish();
      return;
    }
    LockSupport.unpark(writer);
    try {
      writer.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A JVM shutdown hook (not registered here) that closes this bus. */
  public Thread shutdownHook() {
    return new Thread(this::close, "poolscope-events-shutdown");
  }

  private void drainLoop() {
    try {
      while (!closed) {
        int count = drainOnce();
        problems.report(false);
        if (count == 0) {
          waitForEvents();
        }
      }
    } catch (Throwable e) {
      AgentLog.error("Poolscope event writer stopped: events are no longer written", e);
    } finally {
      finish();
    }
  }

  /** Runs once, on the writer as it stops (or in close() if it never started). */
  private void finish() {
    try {
      while (drainOnce() > 0) {
        // write out what was queued before close
      }
      problems.report(true);
    } finally {
      for (SinkSlot slot : sinks) {
        slot.close();
      }
    }
  }

  /** Hands up to a batch of events to the sinks, then flushes them. */
  private int drainOnce() {
    int count = 0;
    SinkSlot[] targets = sinks;
    Event event;
    while (count < MAX_BATCH && (event = queue.poll()) != null) {
      queued.decrementAndGet();
      for (SinkSlot slot : targets) {
        slot.accept(event);
      }
      count++;
    }
    handled += count;
    if (count > 0) {
      for (SinkSlot slot : targets) {
        slot.flush();
      }
      flushedUpTo = handled;
    }
    return count;
  }

  private void waitForEvents() {
    writerIdle = true;
    // Re-check after announcing: a publisher that saw writerIdle false has already queued.
    if (queue.isEmpty() && !closed) {
      LockSupport.parkNanos(this, IDLE_PARK_NANOS);
    }
    writerIdle = false;
    Thread.interrupted(); // an interrupt must not turn parking into a busy loop
  }
}
