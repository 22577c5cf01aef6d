package io.poolscope.bootstrap;

/** Hears that the application's SLF4J has handed out its logger factory (so it is initialised). */
public interface LoggingListener {
  void slf4jReady(Class<?> loggerFactoryClass);
}
