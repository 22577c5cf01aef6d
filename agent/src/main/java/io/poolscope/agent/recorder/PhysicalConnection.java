package io.poolscope.agent.recorder;

/** A connection a driver opened ({@code Driver#connect}), pooled or not. */
public final class PhysicalConnection {
  private final String url;
  private final long openedNanos;
  private final boolean openedByPool;

  PhysicalConnection(String url, long openedNanos, boolean openedByPool) {
    this.url = url;
    this.openedNanos = openedNanos;
    this.openedByPool = openedByPool;
  }

  /** The masked URL. */
  public String url() {
    return url;
  }

  public long openedNanos() {
    return openedNanos;
  }

  public boolean openedByPool() {
    return openedByPool;
  }
}
