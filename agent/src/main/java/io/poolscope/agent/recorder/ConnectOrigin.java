package io.poolscope.agent.recorder;

import io.poolscope.agent.pools.PoolAdapter;
import io.poolscope.agent.pools.PoolAdapters;
import io.poolscope.bootstrap.ThreadState;

/**
 * Who is opening a physical connection: a pool the advice saw an acquisition start on, or a pool's
 * own code found on the stack. Asked on connect and for connections the recorder does not know,
 * never per statement, so the stack walk stays off the hot path.
 */
final class ConnectOrigin {
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
    return StackWalker.getInstance()
        .walk(frames -> frames.anyMatch(f -> PoolAdapters.isPoolFrame(f.getClassName())));
  }

  /**
   * The library of the pool code nearest on the stack (a pool's thread opening a connection), or
   * null below no pool's code.
   */
  static PoolAdapter poolLibraryOnStack() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .map(f -> PoolAdapters.forPoolFrame(f.getClassName()))
                    .filter(adapter -> adapter != null)
                    .findFirst()
                    .orElse(null));
  }
}
