package io.poolscope.agent.features.slowquery;

import io.poolscope.agent.pools.PoolAdapters;
import java.sql.Connection;
import java.util.Iterator;
import java.util.Optional;

/**
 * The application's frame that issued a statement: the first frame below JDBC, pools, drivers,
 * data-access frameworks and Poolscope itself. Walked only when a slow statement is reported.
 */
public final class CallerFrame {
  private static final String[] FRAMEWORK_PREFIXES = {
    // Poolscope's own code only: applications may live under io.poolscope too (the sample app).
    "io.poolscope.agent.",
    "io.poolscope.bootstrap.",
    "io.poolscope.shaded.",
    "java.",
    "javax.",
    "jdk.",
    "sun.",
    "com.sun.",
    "org.postgresql.",
    "org.h2.",
    "com.mysql.",
    "org.mariadb.",
    "oracle.jdbc.",
    "com.microsoft.sqlserver.",
    "org.hsqldb.",
    "org.apache.derby.",
    "com.p6spy.",
    "org.hibernate.",
    "org.springframework.jdbc.",
    "org.springframework.orm.",
    "org.springframework.data.",
    "org.springframework.transaction.",
    "org.springframework.aop.",
    "org.springframework.cglib.",
    "org.jooq.",
    "org.mybatis.",
    "org.apache.ibatis.",
    "org.jdbi.",
    "org.eclipse.persistence.",
    "org.sql2o.",
    "io.ebean.",
    "io.opentelemetry.",
  };

  // Class references are kept for the acquirer's walk: on JDK 25 a frame's descriptor needs them.
  private static final StackWalker WITH_CLASSES =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private CallerFrame() {}

  /**
   * The caller of an acquisition on the current thread: the first application frame outside the
   * application's own connection helpers, the methods that return a {@code java.sql.Connection} or
   * a subtype (they hand the connection to their caller, which is the site that holds it). The
   * first application frame when every one returns a connection; null when there is none. A helper
   * that returns something else (an {@code Optional}, a holder) is named.
   */
  public static String acquirerOfCurrentThread() {
    Optional<StackWalker.StackFrame> frame =
        WITH_CLASSES.walk(
            frames -> {
              StackWalker.StackFrame first = null;
              for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
                StackWalker.StackFrame f = it.next();
                if (isFramework(f.getClassName())) {
                  continue;
                }
                if (!Connection.class.isAssignableFrom(f.getMethodType().returnType())) {
                  return Optional.of(f);
                }
                if (first == null) {
                  first = f;
                }
              }
              return Optional.ofNullable(first);
            });
    return frame
        .map(f -> text(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber()))
        .orElse(null);
  }

  /** The caller on the current thread, as {@code Class.method(File.java:line)}, or null. */
  public static String ofCurrentThread() {
    Optional<StackWalker.StackFrame> frame =
        StackWalker.getInstance()
            .walk(frames -> frames.filter(f -> !isFramework(f.getClassName())).findFirst());
    return frame
        .map(f -> text(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber()))
        .orElse(null);
  }

  /**
   * The caller in a stack taken from another thread, or null. Application frames above the first
   * driver or pool frame are code the driver called back (an embedded database's Java function),
   * not the caller: the search starts at that first frame.
   */
  public static String of(StackTraceElement[] stack) {
    int from = 0;
    for (int i = 0; i < stack.length; i++) {
      String name = stack[i].getClassName();
      if (isFramework(name) && !isPlatform(name)) {
        from = i;
        break;
      }
    }
    for (int i = from; i < stack.length; i++) {
      StackTraceElement frame = stack[i];
      if (!isFramework(frame.getClassName())) {
        return text(
            frame.getClassName(),
            frame.getMethodName(),
            frame.getFileName(),
            frame.getLineNumber());
      }
    }
    return null;
  }

  private static boolean isPlatform(String className) {
    return className.startsWith("java.")
        || className.startsWith("javax.")
        || className.startsWith("jdk.")
        || className.startsWith("sun.")
        || className.startsWith("com.sun.");
  }

  /**
   * {@code Class.method(File.java:line)}, the same from both walks: {@code
   * StackTraceElement#toString} would add a class loader or module prefix ({@code app//}) on one
   * path and not the other.
   */
  static String text(String className, String method, String file, int line) {
    StringBuilder b = new StringBuilder(className.length() + method.length() + 32);
    b.append(className).append('.').append(method).append('(');
    if (file == null) {
      b.append("Unknown Source");
    } else {
      b.append(file);
      if (line >= 0) {
        b.append(':').append(line);
      }
    }
    return b.append(')').toString();
  }

  static boolean isFramework(String className) {
    for (String prefix : FRAMEWORK_PREFIXES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return PoolAdapters.isPoolFrame(className) || className.contains("$$");
  }
}
