package io.poolscope.agent.recorder;

import io.poolscope.agent.collections.WeakIdentityMap;
import io.poolscope.bootstrap.ThreadState;

/**
 * What the recorder keeps for one application thread, in its {@link ThreadState}: the statement it
 * runs now, and the statements it made recently with what is known of each.
 *
 * <p>The common pattern — prepare, execute, close, on one thread — finds its statement here and
 * never touches the shared weak table: no allocation, no shared map. A statement leaves for the
 * shared table when it is pushed out by newer ones, or when its thread takes another connection
 * while the statement's own connection is still held (a statement kept open). The slots hold
 * statements strongly, a few per thread at most: a statement its application dropped without
 * closing it stays reachable until one of those happens or the thread ends. A statement used on
 * another thread than the one that made it, while still in that thread's slots, is not found: it is
 * not measured (JDBC statements are not meant to be shared between threads).
 */
final class ThreadRecords {
  static final int SLOTS = 8;
  private static final int HOLDS = 4;

  private final RunningStatement running;
  private final Object[] statements = new Object[SLOTS];
  private final StatementInfo[] infos = new StatementInfo[SLOTS];
  private int next;
  // The connections this thread took (or met) lately, as the tracker placed them: found again by
  // reference, without hashing. An entry whose connection was closed is cleared and never matches.
  private final ConnectionTracker.Tracked[] holds = new ConnectionTracker.Tracked[HOLDS];

  /** The entry of the connection this thread closed last (of a known pool or direct), if any. */
  private ConnectionTracker.Tracked releasedLast;

  private int nextHold;
  // Where this thread's probes start in the tracker's registry: threads spread over it.
  private final int slotHint;

  private ThreadRecords(Thread thread) {
    this.running = new RunningStatement(thread);
    this.slotHint = (int) (thread.getId() * 0x9E3779B9L) >>> 22;
  }

  /** The records of the thread whose state this is; made on first use. */
  static ThreadRecords of(ThreadState thread) {
    Object records = thread.agent;
    if (records instanceof ThreadRecords) {
      return (ThreadRecords) records;
    }
    ThreadRecords created = new ThreadRecords(Thread.currentThread());
    thread.agent = created;
    return created;
  }

  /** The slot for the statement this thread runs now (one at a time: only the outermost counts). */
  RunningStatement running() {
    return running;
  }

  StatementInfo find(Object statement) {
    for (int i = 0; i < SLOTS; i++) {
      if (statements[i] == statement) {
        return infos[i];
      }
    }
    return null;
  }

  /** Keeps {@code statement}; the one it pushes out, if any, goes to {@code shared}. */
  void add(Object statement, StatementInfo info, WeakIdentityMap<StatementInfo> shared) {
    int slot = -1;
    for (int i = 0; i < SLOTS; i++) {
      if (statements[i] == null) {
        slot = i;
        break;
      }
    }
    if (slot < 0) {
      slot = next;
      next = (next + 1) % SLOTS;
      shared.put(statements[slot], infos[slot]);
    }
    statements[slot] = statement;
    infos[slot] = info;
  }

  /** Forgets {@code statement}; true when it was here. */
  boolean remove(Object statement) {
    for (int i = 0; i < SLOTS; i++) {
      if (statements[i] == statement) {
        clear(i);
        return true;
      }
    }
    return false;
  }

  /**
   * A new connection was taken: statements of connections released since are dropped (a closed
   * connection's statements are closed with it), those of connections still held go to {@code
   * shared}, so that a connection dropped without close can be collected and reported.
   */
  void handOver(HeldConnection taken, WeakIdentityMap<StatementInfo> shared) {
    for (int i = 0; i < SLOTS; i++) {
      StatementInfo info = infos[i];
      if (info == null || info.connection() == taken) {
        continue;
      }
      if (info.connection().releasedNanos() == 0) {
        shared.put(statements[i], info);
      }
      clear(i);
    }
  }

  /** {@code released} was closed: its statements are closed with it. */
  void released(HeldConnection released) {
    for (int i = 0; i < SLOTS; i++) {
      StatementInfo info = infos[i];
      if (info != null && info.connection() == released) {
        clear(i);
      }
    }
  }

  int slotHint() {
    return slotHint;
  }

  ConnectionTracker.Tracked trackedFor(Object connection) {
    for (int i = 0; i < HOLDS; i++) {
      ConnectionTracker.Tracked tracked = holds[i];
      if (tracked != null && tracked.get() == connection) {
        return tracked;
      }
    }
    return null;
  }

  /**
   * How many connections of {@code pool} this thread holds now, among those it took lately (a
   * thread holding more than {@link #HOLDS} at once is counted up to that).
   */
  int heldFrom(PoolState pool) {
    int count = 0;
    for (int i = 0; i < HOLDS; i++) {
      ConnectionTracker.Tracked tracked = holds[i];
      HeldConnection hold = tracked == null ? null : tracked.hold;
      if (hold != null
          && hold.pool() == pool
          && hold.releasedNanos() == 0
          // A hold already reported as a leak is that finding: the thread's next borrow is no
          // nesting (it would advise a pool size for a leak).
          && !hold.suspected()
          && tracked.get() != null) {
        count++;
      }
    }
    return count;
  }

  void remember(ConnectionTracker.Tracked tracked) {
    for (int i = 0; i < HOLDS; i++) {
      if (holds[i] == null || holds[i].get() == null) {
        holds[i] = tracked;
        return;
      }
    }
    holds[nextHold] = tracked;
    nextHold = (nextHold + 1) % HOLDS;
  }

  void releasedLast(ConnectionTracker.Tracked tracked) {
    releasedLast = tracked;
  }

  /** Whether {@code connection} is the one this thread closed last: it is tracked no more. */
  boolean releasedLast(Object connection) {
    ConnectionTracker.Tracked last = releasedLast;
    return last != null && last.get() == connection;
  }

  void forget(ConnectionTracker.Tracked tracked) {
    for (int i = 0; i < HOLDS; i++) {
      if (holds[i] == tracked) {
        holds[i] = null;
      }
    }
  }

  private void clear(int slot) {
    statements[slot] = null;
    infos[slot] = null;
  }
}
