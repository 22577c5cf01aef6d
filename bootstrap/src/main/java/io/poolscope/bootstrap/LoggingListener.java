package io.poolscope.bootstrap;

/** Hears when the application's logging is ready for Poolscope's lines. */
public interface LoggingListener {
  /** The application's first {@code LoggerFactory.getLogger} has returned. */
  void slf4jReady(Class<?> loggerFactoryClass);

  /**
   * Spring Boot has configured the application's logging (its file, pattern and levels): lines
   * written before went to the backend's default configuration, on the console only.
   */
  void springBootLoggingReady();
}
