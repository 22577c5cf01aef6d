package io.poolscope.agent.recorder;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Several listeners heard in order; one that throws does not stop the others.
 *
 * <p>Each callback goes only to the listeners that implement it: most features hear one or two of
 * the callbacks, and calling every feature's empty default on each statement and connection cost a
 * megamorphic call per feature on the application's thread.
 */
public final class RecorderListeners implements RecorderListener {
  private final RecorderListener[] handedOut;
  private final RecorderListener[] returned;
  private final RecorderListener[] collectedUnclosed;
  private final RecorderListener[] acquireTimedOut;
  private final RecorderListener[] connectStarting;
  private final RecorderListener[] connectEnded;
  private final RecorderListener[] physicalOpened;
  private final RecorderListener[] physicalClosed;
  private final RecorderListener[] physicalCollected;
  private final RecorderListener[] connectFailed;
  private final RecorderListener[] statementCreated;
  private final RecorderListener[] statementStarted;
  private final RecorderListener[] statementFinished;
  private final RecorderListener[] queryTimeoutRequested;

  public RecorderListeners(List<RecorderListener> listeners) {
    handedOut = implementing(listeners, "handedOut", HeldConnection.class);
    returned = implementing(listeners, "returned", HeldConnection.class, long.class);
    collectedUnclosed = implementing(listeners, "collectedUnclosed", HeldConnection.class);
    acquireTimedOut =
        implementing(listeners, "acquireTimedOut", PoolState.class, long.class, Throwable.class);
    connectStarting = implementing(listeners, "connectStarting", Object.class, String.class);
    connectEnded = implementing(listeners, "connectEnded", String.class, boolean.class);
    physicalOpened = implementing(listeners, "physicalOpened", Object.class, String.class);
    physicalClosed =
        implementing(listeners, "physicalClosed", PhysicalConnection.class, boolean.class);
    physicalCollected = implementing(listeners, "physicalCollected", PhysicalConnection.class);
    connectFailed = implementing(listeners, "connectFailed", String.class, Throwable.class);
    statementCreated =
        implementing(listeners, "statementCreated", Object.class, StatementInfo.class);
    statementStarted = implementing(listeners, "statementStarted", RunningStatement.class);
    statementFinished =
        implementing(
            listeners,
            "statementFinished",
            RunningStatement.class,
            long.class,
            Object.class,
            Throwable.class);
    queryTimeoutRequested =
        implementing(listeners, "queryTimeoutRequested", Object.class, int.class);
  }

  /** The listeners, in order, whose class overrides the interface's empty default {@code name}. */
  static RecorderListener[] implementing(
      List<RecorderListener> listeners, String name, Class<?>... parameters) {
    List<RecorderListener> result = new ArrayList<>();
    for (RecorderListener l : listeners) {
      if (overrides(l, name, parameters)) {
        result.add(l);
      }
    }
    return result.toArray(new RecorderListener[0]);
  }

  private static boolean overrides(RecorderListener l, String name, Class<?>... parameters) {
    try {
      Method method = l.getClass().getMethod(name, parameters);
      return method.getDeclaringClass() != RecorderListener.class;
    } catch (NoSuchMethodException | RuntimeException e) {
      return true; // cannot tell: hear it, as before
    }
  }

  @Override
  public void handedOut(HeldConnection hold) {
    for (RecorderListener l : handedOut) {
      try {
        l.handedOut(hold);
      } catch (RuntimeException ignored) {
        // one feature's fault must not cost the others their data
      }
    }
  }

  @Override
  public void returned(HeldConnection hold, long nowNanos) {
    for (RecorderListener l : returned) {
      try {
        l.returned(hold, nowNanos);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public void collectedUnclosed(HeldConnection hold) {
    for (RecorderListener l : collectedUnclosed) {
      try {
        l.collectedUnclosed(hold);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public void acquireTimedOut(PoolState pool, long waitedNanos, Throwable error) {
    for (RecorderListener l : acquireTimedOut) {
      try {
        l.acquireTimedOut(pool, waitedNanos, error);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public Throwable connectStarting(Object driver, String url) {
    for (RecorderListener l : connectStarting) {
      try {
        Throwable refusal = l.connectStarting(driver, url);
        if (refusal != null) {
          return refusal;
        }
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
    return null;
  }

  @Override
  public void connectEnded(String url, boolean opened) {
    for (RecorderListener l : connectEnded) {
      try {
        l.connectEnded(url, opened);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public void physicalOpened(Object connection, String maskedUrl) {
    for (RecorderListener l : physicalOpened) {
      try {
        l.physicalOpened(connection, maskedUrl);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public void physicalClosed(PhysicalConnection connection, boolean aborted) {
    for (RecorderListener l : physicalClosed) {
      try {
        l.physicalClosed(connection, aborted);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public void physicalCollected(PhysicalConnection connection) {
    for (RecorderListener l : physicalCollected) {
      try {
        l.physicalCollected(connection);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public void connectFailed(String maskedUrl, Throwable error) {
    for (RecorderListener l : connectFailed) {
      try {
        l.connectFailed(maskedUrl, error);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public void statementCreated(Object statement, StatementInfo info) {
    for (RecorderListener l : statementCreated) {
      try {
        l.statementCreated(statement, info);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public void statementStarted(RunningStatement run) {
    for (RecorderListener l : statementStarted) {
      try {
        l.statementStarted(run);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public void statementFinished(
      RunningStatement run, long elapsedNanos, Object result, Throwable error) {
    for (RecorderListener l : statementFinished) {
      try {
        l.statementFinished(run, elapsedNanos, result, error);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public int queryTimeoutRequested(Object statement, int seconds) {
    int result = seconds;
    for (RecorderListener l : queryTimeoutRequested) {
      try {
        result = l.queryTimeoutRequested(statement, result);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
    return result;
  }
}
