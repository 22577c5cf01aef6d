package io.poolscope.agent.output.log;

import java.lang.reflect.Field;

/**
 * How far an application's SLF4J has got, read without moving it on: asking SLF4J for a logger
 * would initialise the application's logging, and initialising it before the application does
 * breaks set-ups such as Spring Boot's, which configure the backend first.
 */
public enum Slf4jState {
  /** The class loader has no SLF4J. */
  ABSENT,
  /** SLF4J is there and nobody has asked it for a logger yet. */
  UNINITIALISED,
  /** SLF4J is looking for its backend right now. */
  INITIALISING,
  /** SLF4J found a backend: log through it. */
  READY,
  /** SLF4J finished without a backend (NOP fallback, failure, or slf4j-nop): nothing would show. */
  NO_BACKEND,
  /** The state cannot be read (for example a named module that does not open {@code org.slf4j}). */
  UNKNOWN;

  // Values of LoggerFactory.INITIALIZATION_STATE, the same in SLF4J 1.7 and 2.0.
  private static final int UNINITIALIZED = 0;
  private static final int ONGOING_INITIALIZATION = 1;
  private static final int FAILED_INITIALIZATION = 2;
  private static final int SUCCESSFUL_INITIALIZATION = 3;
  private static final int NOP_FALLBACK_INITIALIZATION = 4;

  static final String LOGGER_FACTORY = "org.slf4j.LoggerFactory";
  private static final String NOP_LOGGER_FACTORY = "org.slf4j.helpers.NOPLoggerFactory";

  /** Reads the state of the SLF4J that {@code loader} sees. Never throws. */
  public static Slf4jState of(ClassLoader loader) {
    Class<?> factory;
    try {
      // Initialising the class only sets up its static fields; binding a backend happens later,
      // on the first getLogger/getILoggerFactory.
      factory = Class.forName(LOGGER_FACTORY, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return ABSENT;
    } catch (Throwable e) {
      return UNKNOWN;
    }
    int state;
    try {
      Field field = factory.getDeclaredField("INITIALIZATION_STATE");
      field.setAccessible(true);
      state = field.getInt(null);
    } catch (Throwable e) {
      return UNKNOWN;
    }
    switch (state) {
      case UNINITIALIZED:
        return UNINITIALISED;
      case ONGOING_INITIALIZATION:
        return INITIALISING;
      case SUCCESSFUL_INITIALIZATION:
        return isNopBackend(factory) ? NO_BACKEND : READY;
      case FAILED_INITIALIZATION:
      case NOP_FALLBACK_INITIALIZATION:
        return NO_BACKEND;
      default:
        return UNKNOWN;
    }
  }

  /** True once SLF4J has finished initialising, with or without a backend. */
  public boolean isSettled() {
    return this == READY || this == NO_BACKEND;
  }

  /** Safe only after successful initialisation: then getILoggerFactory just returns it. */
  private static boolean isNopBackend(Class<?> factory) {
    try {
      Object loggerFactory = factory.getMethod("getILoggerFactory").invoke(null);
      return loggerFactory == null || NOP_LOGGER_FACTORY.equals(loggerFactory.getClass().getName());
    } catch (Throwable e) {
      return true;
    }
  }
}
