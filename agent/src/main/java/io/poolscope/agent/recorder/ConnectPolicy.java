package io.poolscope.agent.recorder;

/**
 * Decides whether a physical connect may run (the connection budget), and hears how each connect
 * and each physical connection it let through ended, to give back what it reserved.
 */
public interface ConnectPolicy {
  /** Null lets the connect run; anything else is thrown to the application instead. */
  Throwable connectStarting(Object driver, String url);

  /** The connect that {@link #connectStarting} let run has ended, with a connection or without. */
  void connectEnded(String url, boolean opened);

  void physicalClosed(PhysicalConnection connection);

  void physicalCollected(PhysicalConnection connection);

  /**
   * Asked only while acquisitions are gated: null lets a getConnection on {@code pool} run;
   * anything else is thrown to the application at once (a pool whose database is known down).
   */
  default Throwable acquireStarting(PoolState pool) {
    return null;
  }

  ConnectPolicy ALLOW_ALL =
      new ConnectPolicy() {
        @Override
        public Throwable connectStarting(Object driver, String url) {
          return null;
        }

        @Override
        public void connectEnded(String url, boolean opened) {}

        @Override
        public void physicalClosed(PhysicalConnection connection) {}

        @Override
        public void physicalCollected(PhysicalConnection connection) {}
      };
}
