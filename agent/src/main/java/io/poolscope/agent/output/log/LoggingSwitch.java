package io.poolscope.agent.output.log;

import io.poolscope.bootstrap.LoggingListener;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves Poolscope's log lines from the start-up buffer to the application's SLF4J backend the first
 * time the application's own {@code LoggerFactory.getLogger} returns. The switch (and the replay of
 * buffered lines) runs on Poolscope's own thread, never inside the application's logging call.
 */
public final class LoggingSwitch implements LoggingListener {
  private final BufferingLogOutput buffer;
  private final Executor executor;
  private final AtomicBoolean switched = new AtomicBoolean();

  public LoggingSwitch(BufferingLogOutput buffer, Executor executor) {
    this.buffer = buffer;
    this.executor = executor;
  }

  @Override
  public void slf4jReady(Class<?> loggerFactoryClass) {
    if (switched.get()) {
      return;
    }
    ClassLoader loader = loggerFactoryClass.getClassLoader();
    executor.execute(
        () -> {
          if (switched.get()) {
            return;
          }
          LogOutput output = Slf4jLogOutput.choose(loader);
          if (output != null && switched.compareAndSet(false, true)) {
            buffer.switchTo(output);
          }
        });
  }

  /** When the application shows no SLF4J for a while (or at shutdown): plain lines on stderr. */
  public void fallBackToStderr() {
    buffer.switchToStderrIfStillBuffering();
  }
}
