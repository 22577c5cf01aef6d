package io.poolscope.agent.output.log;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes through the application's own SLF4J, found by reflection in the application's class
 * loader: the agent neither bundles SLF4J nor links against it, so users' appenders, patterns and
 * filters apply to Poolscope's lines. Create it only once that SLF4J is initialised (see {@link
 * #choose(ClassLoader)}): creating it calls {@code LoggerFactory.getLogger}, which would initialise
 * the application's logging otherwise.
 *
 * <p>A backend that throws from a call (a broken appender, a binding whose logger methods throw) is
 * given up at the first failure: one line on stderr says so, and every line from then on goes to
 * stderr, so that a failing backend neither costs an exception per line on the threads that log nor
 * hides Poolscope's lines.
 */
public final class Slf4jLogOutput implements LogOutput {
  /** Logger names are the event types plus {@code poolscope}; the bound only guards misuse. */
  private static final int MAX_CACHED_LOGGERS = 64;

  private final Method getLogger;
  private final Method debug;
  private final Method info;
  private final Method warn;
  private final Method error;
  static final long HELD_NOTE_AFTER_MILLIS = 1_000;

  private final ConcurrentMap<String, Object> loggers = new ConcurrentHashMap<>();
  private final AtomicBoolean failed = new AtomicBoolean();

  private Slf4jLogOutput(ClassLoader loader) throws ReflectiveOperationException {
    Class<?> factory = Class.forName(Slf4jState.LOGGER_FACTORY, false, loader);
    Class<?> logger = Class.forName("org.slf4j.Logger", false, loader);
    getLogger = factory.getMethod("getLogger", String.class);
    debug = logger.getMethod("debug", String.class, Throwable.class);
    info = logger.getMethod("info", String.class, Throwable.class);
    warn = logger.getMethod("warn", String.class, Throwable.class);
    error = logger.getMethod("error", String.class, Throwable.class);
  }

  /**
   * True once the SLF4J that {@code loader} sees has finished initialising (with or without a
   * backend). Reading this never initialises it.
   */
  public static boolean isInitialised(ClassLoader loader) {
    return Slf4jState.of(loader).isSettled();
  }

  /**
   * The output to switch to for an application whose classes {@code loader} loads: its SLF4J when
   * initialised with a backend; {@link LogOutput#STDERR} when it finished without one; null while
   * it is not initialised yet, cannot be told, or {@code loader} has no SLF4J (another class
   * loader, such as a Spring Boot jar's, may bring one later), so the caller keeps buffering until
   * it asks again or gives up ({@link BufferingLogOutput#switchToStderrIfStillBuffering()}). Never
   * initialises the application's logging; never throws.
   */
  public static LogOutput choose(ClassLoader loader) {
    switch (Slf4jState.of(loader)) {
      case READY:
        try {
          return new Slf4jLogOutput(loader);
        } catch (Throwable e) {
          return LogOutput.STDERR;
        }
      case NO_BACKEND:
        return LogOutput.STDERR;
      default:
        return null;
    }
  }

  /**
   * Logs through the SLF4J of {@code loader}, which must already be initialised.
   *
   * @throws ReflectiveOperationException when {@code loader} has no usable SLF4J
   */
  public static Slf4jLogOutput create(ClassLoader loader) throws ReflectiveOperationException {
    return new Slf4jLogOutput(loader);
  }

  /**
   * A line held in the start-up buffer: a logging backend stamps it with the time it is written, so
   * a line held for a second or more says when it was logged (SLF4J has no way to pass the time,
   * and logback ignores an event's own).
   */
  @Override
  public void write(
      String loggerName, LogLevel level, String message, Throwable error, long epochMillis) {
    long heldMillis = System.currentTimeMillis() - epochMillis;
    write(
        loggerName,
        level,
        heldMillis < HELD_NOTE_AFTER_MILLIS ? message : message + heldNote(epochMillis),
        error);
  }

  static String heldNote(long epochMillis) {
    return " [logged at "
        + java.time.Instant.ofEpochMilli(epochMillis)
        + ", held until the application's logging was ready]";
  }

  @Override
  public void write(String loggerName, LogLevel level, String message, Throwable error) {
    if (!failed.get()) {
      try {
        Object logger = logger(loggerName);
        method(level).invoke(logger, message, error);
        return;
      } catch (Throwable e) {
        giveUp(e);
      }
    }
    // The application's logging failed: the line still reaches a human.
    LogOutput.STDERR.write(loggerName, level, message, error);
  }

  private void giveUp(Throwable e) {
    Throwable cause =
        e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
    if (failed.compareAndSet(false, true)) {
      LogOutput.STDERR.write(
          "poolscope",
          LogLevel.WARN,
          "Poolscope cannot log through the application's logging ("
              + oneLine(cause)
              + "): its lines go to stderr from now on",
          null);
    }
  }

  private static String oneLine(Throwable e) {
    String text = String.valueOf(e);
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private Object logger(String name) throws ReflectiveOperationException {
    Object logger = loggers.get(name);
    if (logger == null) {
      logger = getLogger.invoke(null, name);
      if (loggers.size() < MAX_CACHED_LOGGERS) {
        loggers.putIfAbsent(name, logger);
      }
    }
    return logger;
  }

  private Method method(LogLevel level) {
    switch (level) {
      case DEBUG:
        return debug;
      case INFO:
        return info;
      case ERROR:
        return error;
      case WARN:
      default:
        return warn;
    }
  }
}
