package io.poolscope.agent.core;

import java.util.List;

/** Several listeners heard in order; one that throws does not stop the others. */
public final class RecorderListeners implements RecorderListener {
  private final RecorderListener[] listeners;

  public RecorderListeners(List<RecorderListener> listeners) {
    this.listeners = listeners.toArray(new RecorderListener[0]);
  }

  @Override
  public void handedOut(HeldConnection hold) {
    for (RecorderListener l : listeners) {
      try {
        l.handedOut(hold);
      } catch (RuntimeException ignored) {
        // one feature's fault must not cost the others their data
      }
    }
  }

  @Override
  public void returned(HeldConnection hold, long nowNanos) {
    for (RecorderListener l : listeners) {
      try {
        l.returned(hold, nowNanos);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public void collectedUnclosed(HeldConnection hold) {
    for (RecorderListener l : listeners) {
      try {
        l.collectedUnclosed(hold);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public void acquireTimedOut(PoolState pool, long waitedNanos, Throwable error) {
    for (RecorderListener l : listeners) {
      try {
        l.acquireTimedOut(pool, waitedNanos, error);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public Throwable connectStarting(Object driver, String url) {
    for (RecorderListener l : listeners) {
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
    for (RecorderListener l : listeners) {
      try {
        l.connectEnded(url, opened);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public void physicalOpened(Object connection, String maskedUrl) {
    for (RecorderListener l : listeners) {
      try {
        l.physicalOpened(connection, maskedUrl);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public void physicalClosed(PhysicalConnection connection, boolean aborted) {
    for (RecorderListener l : listeners) {
      try {
        l.physicalClosed(connection, aborted);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public void physicalCollected(PhysicalConnection connection) {
    for (RecorderListener l : listeners) {
      try {
        l.physicalCollected(connection);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public void connectFailed(String maskedUrl, Throwable error) {
    for (RecorderListener l : listeners) {
      try {
        l.connectFailed(maskedUrl, error);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public void statementCreated(Object statement, StatementInfo info) {
    for (RecorderListener l : listeners) {
      try {
        l.statementCreated(statement, info);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
  }

  @Override
  public void statementStarted(RunningStatement run) {
    for (RecorderListener l : listeners) {
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
    for (RecorderListener l : listeners) {
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
    for (RecorderListener l : listeners) {
      try {
        result = l.queryTimeoutRequested(statement, result);
      } catch (RuntimeException ignored) {
        // see handedOut
      }
    }
    return result;
  }
}
