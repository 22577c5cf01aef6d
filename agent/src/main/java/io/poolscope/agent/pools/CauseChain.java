package io.poolscope.agent.pools;

import java.sql.SQLException;

/**
 * Looks through an exception, its causes and its chained SQL exceptions for a class name or a
 * message fragment. Pools wrap their timeout in different layers, and some (c3p0, DBCP2) put the
 * telling part in the cause.
 */
public final class CauseChain {
  // Bounds the walk: a cause chain that loops or nests deeper than this is not a pool's timeout.
  private static final int MAX_DEPTH = 16;

  private CauseChain() {}

  public static boolean hasClassNamed(Throwable error, String className) {
    int depth = 0;
    for (Throwable t = error; t != null && depth < MAX_DEPTH; t = next(t), depth++) {
      for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
        if (c.getName().equals(className)) {
          return true;
        }
      }
    }
    return false;
  }

  public static boolean hasMessageContaining(Throwable error, String fragment) {
    int depth = 0;
    for (Throwable t = error; t != null && depth < MAX_DEPTH; t = next(t), depth++) {
      String message = t.getMessage();
      if (message != null && message.contains(fragment)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable next(Throwable t) {
    Throwable cause = t.getCause();
    if (cause != null && cause != t) {
      return cause;
    }
    if (t instanceof SQLException) {
      return ((SQLException) t).getNextException();
    }
    return null;
  }
}
