package io.poolscope.agent.output.log;

import io.poolscope.bootstrap.LoggingListener;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves Poolscope's log lines from the start-up buffer to the application's SLF4J backend the first
 * time the application's own {@code LoggerFactory.getLogger} returns. The switch (and the replay of
 * buffered lines) runs on Poolscope's own thread, never inside the application's logging call.
 *
 * <p>In a Spring Boot application the switch waits until Spring Boot has configured logging: its
 * first {@code getLogger} runs on the backend's default configuration, console only, and lines
 * replayed then would miss the file of {@code logging.file.name} and Boot's pattern.
 */
public final class LoggingSwitch implements LoggingListener {
  /** Present wherever Spring Boot configures logging, from Boot 2 to 4. */
  static final String SPRING_BOOT_LOGGING =
      "org.springframework.boot.context.logging.LoggingApplicationListener";

  private final BufferingLogOutput buffer;
  private final Executor executor;
  private final AtomicBoolean switched = new AtomicBoolean();
  private volatile boolean springBootReady;

  /** The application's SLF4J, held back while Spring Boot has not configured it yet. */
  private volatile LogOutput waitingForSpringBoot;

  public LoggingSwitch(BufferingLogOutput buffer, Executor executor) {
    this.buffer = buffer;
    this.executor = executor;
  }

  @Override
  public void slf4jReady(Class<?> loggerFactoryClass) {
    if (switched.get() || waitingForSpringBoot != null) {
      return;
    }
    ClassLoader loader = loggerFactoryClass.getClassLoader();
    executor.execute(
        () -> {
          if (switched.get() || waitingForSpringBoot != null) {
            return;
          }
          LogOutput output = Slf4jLogOutput.choose(loader);
          if (output == null) {
            return;
          }
          if (!springBootReady && hasSpringBoot(loader)) {
            waitingForSpringBoot = output;
            if (springBootReady) {
              switchTo(output); // Boot finished while we looked
            }
            return;
          }
          switchTo(output);
        });
  }

  @Override
  public void springBootLoggingReady() {
    springBootReady = true;
    executor.execute(
        () -> {
          LogOutput output = waitingForSpringBoot;
          if (output != null) {
            switchTo(output);
          }
        });
  }

  /**
   * When the application shows no SLF4J for a while (or at shutdown): its SLF4J if only Spring Boot
   * was awaited, plain lines on stderr otherwise.
   */
  public void fallBackToStderr() {
    LogOutput output = waitingForSpringBoot;
    if (output != null) {
      switchTo(output);
      return;
    }
    buffer.switchToStderrIfStillBuffering();
  }

  private void switchTo(LogOutput output) {
    if (switched.compareAndSet(false, true)) {
      buffer.switchTo(output);
    }
  }

  /** Loads (never initialises) one Spring Boot class, from Poolscope's thread. */
  static boolean hasSpringBoot(ClassLoader loader) {
    try {
      Class.forName(SPRING_BOOT_LOGGING, false, loader);
      return true;
    } catch (Throwable absent) {
      return false;
    }
  }
}
