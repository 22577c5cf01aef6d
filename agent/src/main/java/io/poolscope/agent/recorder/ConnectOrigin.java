package io.poolscope.agent.recorder;

import io.poolscope.agent.pools.PoolAdapter;
import io.poolscope.agent.pools.PoolAdapters;
import io.poolscope.agent.pools.PoolLibraryLoads;
import io.poolscope.bootstrap.ThreadState;
import java.util.Objects;

/**
 * Who is opening a physical connection: a pool the advice saw an acquisition start on, or a pool's
 * own code found on the stack. Asked on connect and for connections the recorder does not know,
 * never per statement, so the stack walk stays off the hot path; and not at all while no pool
 * library was loaded ({@link PoolLibraryLoads}).
 */
final class ConnectOrigin {
  private static final StackWalker FRAMES = StackWalker.getInstance();

  private ConnectOrigin() {}

  /** The pool whose acquisition is running on this thread, or null. */
  static PoolState poolBeingAcquiredFrom(PoolRegistry pools) {
    Object source = ThreadState.current().acquisitionSource();
    if (source == null) {
      return null;
    }
    PoolAdapter adapter = PoolAdapters.forType(source.getClass());
    return adapter != null ? pools.forPool(source, adapter) : pools.registeredFor(source);
  }

  /**
   * True below a pool's own code: a pool's thread (filler, housekeeper) opening a connection, or
   * validating one.
   */
  static boolean calledFromPoolCode() {
    return poolLibraryOnStack() != null;
  }

  /**
   * The library of the pool code nearest on the stack (a pool's thread opening a connection), or
   * null below no pool's code.
   */
  static PoolAdapter poolLibraryOnStack() {
    if (!PoolLibraryLoads.anyLoaded()) {
      return null; // no pool's code can be on any stack yet
    }
    return FRAMES.walk(
        frames ->
            frames
                .map(frame -> PoolAdapters.forPoolFrame(frame.getClassName()))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null));
  }
}
