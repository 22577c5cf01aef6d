package io.poolscope.agent.pools;

/**
 * A connection a pool has lent out, as the pool's own bookkeeping records it: the driver's
 * connection underneath the proxy the application holds, when the pool lent it, and the thread
 * holding it where the pool knows that.
 */
public final class LentConnection {
  private final Object driverConnection;
  private final long lentAtEpochMillis;
  private final String holder;

  public LentConnection(Object driverConnection, long lentAtEpochMillis, String holder) {
    this.driverConnection = driverConnection;
    this.lentAtEpochMillis = lentAtEpochMillis;
    this.holder = holder;
  }

  /**
   * One the pool stamped in epoch milliseconds: {@code lentAt} as the pool's getter returned it, a
   * boxed {@code long}; anything else (absent, not positive) counts as no stamp.
   */
  public static LentConnection stamped(Object driverConnection, Object lentAt) {
    long millis = lentAt instanceof Long && (Long) lentAt > 0 ? (Long) lentAt : -1;
    return new LentConnection(driverConnection, millis, null);
  }

  /** The driver's connection (never the pool's proxy): what {@code unwrap} on the proxy gives. */
  public Object driverConnection() {
    return driverConnection;
  }

  /** When the pool lent it, in epoch milliseconds; -1 when the pool does not record it. */
  public long lentAtEpochMillis() {
    return lentAtEpochMillis;
  }

  /** The name of the thread holding it, or null when the pool does not record it. */
  public String holder() {
    return holder;
  }

  /** Epoch milliseconds {@code elapsedNanos} ago, for pools that stamp with {@code nanoTime}. */
  public static long epochMillisAgo(long stampNanos) {
    long elapsedMillis = (System.nanoTime() - stampNanos) / 1_000_000L;
    return System.currentTimeMillis() - Math.max(0, elapsedMillis);
  }
}
