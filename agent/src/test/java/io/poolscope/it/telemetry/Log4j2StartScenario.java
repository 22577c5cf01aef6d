package io.poolscope.it.telemetry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Child JVM: an application on SLF4J 1.7 and Log4j 2 that logs a WARN and an INFO line the moment
 * it has its first logger. Log4j 2 starts its context under a tryLock: had Poolscope asked for a
 * logger at that moment on its own thread, the application would have gone on with Log4j's default
 * configuration (level ERROR) and lost both lines.
 */
public final class Log4j2StartScenario {
  private Log4j2StartScenario() {}

  public static void main(String[] args) throws Exception {
    Logger log = LoggerFactory.getLogger("app");
    log.warn("application warn line");
    log.info("application info line");
    // Long enough for Poolscope's own lines to reach the application's logging.
    Thread.sleep(1500);
  }
}
