package io.poolscope.agent.recorder;

import io.poolscope.agent.collections.WeakIdentityMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The connections handed to the application and not yet closed, keyed weakly by the object the
 * application holds (the pool's proxy, or the driver's connection for direct use).
 */
public final class ConnectionTracker {
  private final WeakIdentityMap<HeldConnection> held = new WeakIdentityMap<>();

  public HeldConnection get(Object connection) {
    return held.get(connection);
  }

  public void track(Object connection, HeldConnection hold) {
    held.put(connection, hold);
  }

  public HeldConnection remove(Object connection) {
    return held.remove(connection);
  }

  /** Connections held now (a snapshot). */
  public List<HeldConnection> all() {
    return held.values();
  }

  public List<Map.Entry<Object, HeldConnection>> entries() {
    return held.entries();
  }

  public int size() {
    return held.size();
  }

  /** Finds holds whose connection was collected without close; returns how many. */
  public int expunge(BiConsumer<Integer, HeldConnection> unclosed) {
    return held.expunge(unclosed);
  }
}
