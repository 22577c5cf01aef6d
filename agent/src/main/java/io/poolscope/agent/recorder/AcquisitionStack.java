package io.poolscope.agent.recorder;

import io.poolscope.agent.pools.PoolAdapters;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a connection was taken. Capturing fills in the stack only (no strings, no frame objects);
 * the frames are turned into text only when a report is written, which is rare.
 */
public final class AcquisitionStack {
  private final Throwable capture;

  private AcquisitionStack(Throwable capture) {
    this.capture = capture;
  }

  public static AcquisitionStack capture() {
    return new AcquisitionStack(new Throwable("connection acquired here"));
  }

  /**
   * The frames from the first application frame on: Poolscope's, the JDK's reflection and JDBC
   * frames, the pool's and the driver's frames above it are cut.
   */
  public List<String> applicationFrames(int max) {
    return applicationFrames(capture.getStackTrace(), max);
  }

  /**
   * Where {@code thread} is now, cut like an acquisition stack (a parked thread's JDK frames go):
   * the next best thing when a hold's acquisition was not stacked. Costs a safepoint: for reports.
   */
  public static List<String> currentApplicationFrames(Thread thread, int max) {
    return applicationFrames(thread.getStackTrace(), max);
  }

  private static List<String> applicationFrames(StackTraceElement[] frames, int max) {
    int first = 0;
    for (int i = 0; i < frames.length; i++) {
      if (isInfrastructure(frames[i].getClassName())) {
        first = i + 1;
      } else {
        break;
      }
    }
    // Keep going past infrastructure deeper in the stack (a framework calling the app is fine).
    List<String> out = new ArrayList<>();
    for (int i = first; i < frames.length && out.size() < max; i++) {
      out.add(text(frames[i]));
    }
    return out;
  }

  /**
   * One frame as {@code Class.method(File.java:42)}. Not {@code toString()}: for a live thread's
   * stack it adds the class loader and module ({@code app//...}), which a captured one leaves out.
   */
  private static String text(StackTraceElement frame) {
    String where;
    if (frame.isNativeMethod()) {
      where = "Native Method";
    } else if (frame.getFileName() == null) {
      where = "Unknown Source";
    } else if (frame.getLineNumber() >= 0) {
      where = frame.getFileName() + ":" + frame.getLineNumber();
    } else {
      where = frame.getFileName();
    }
    return frame.getClassName() + "." + frame.getMethodName() + "(" + where + ")";
  }

  // Poolscope's own packages only: an application may live under io.poolscope too (the sample app,
  // the tests), and its frames are the ones a leak report is for.
  static boolean isInfrastructure(String className) {
    return className.startsWith("io.poolscope.agent.")
        || className.startsWith("io.poolscope.bootstrap.")
        || className.startsWith("io.poolscope.shaded.")
        || className.startsWith("java.")
        || className.startsWith("javax.sql.")
        || className.startsWith("jdk.") // jdk.internal.*, and jdk.proxyN.$Proxy of JDK proxies
        || className.startsWith("com.sun.proxy.")
        || className.startsWith("sun.")
        || isDriverFrame(className)
        || PoolAdapters.isPoolFrame(className);
  }

  /** True for a frame of a JDBC driver (or a driver-level proxy such as p6spy) Poolscope knows. */
  public static boolean isDriverFrame(String className) {
    return className.startsWith("org.postgresql.")
        || className.startsWith("org.h2.")
        || className.startsWith("com.mysql.")
        || className.startsWith("org.mariadb.")
        || className.startsWith("oracle.jdbc.")
        || className.startsWith("com.microsoft.sqlserver.")
        || className.startsWith("com.p6spy.");
  }

  /**
   * True when {@code thread} is inside a JDBC driver now: preparing, creating a statement, its
   * first statement loading classes. Costs a safepoint: asked only before a leak is reported.
   */
  public static boolean insideDriver(Thread thread) {
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (isDriverFrame(frame.getClassName())) {
        return true;
      }
    }
    return false;
  }
}
