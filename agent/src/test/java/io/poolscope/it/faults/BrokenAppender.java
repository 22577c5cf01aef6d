package io.poolscope.it.faults;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A logback appender that throws from every call, for OutputFaultsIT (attached to the application's
 * logger {@code app} and to Poolscope's, {@code poolscope}). The application's line always gets an
 * {@link Error} (logback passes it on to the caller of the logger: the scenario counts one
 * failure); Poolscope's calls alternate between an {@link Error} and a RuntimeException (which
 * logback itself catches), counted apart so that the outcome does not hang on which of the two logs
 * first. Counts all calls so that a loop would show.
 */
public final class BrokenAppender extends AppenderBase<ILoggingEvent> {
  static final AtomicLong CALLS = new AtomicLong();
  private static final AtomicLong POOLSCOPE_CALLS = new AtomicLong();

  @Override
  protected void append(ILoggingEvent event) {
    CALLS.incrementAndGet();
    if (event.getLoggerName().startsWith("poolscope")
        && POOLSCOPE_CALLS.incrementAndGet() % 2 == 0) {
      throw new IllegalStateException("BrokenAppender refuses " + event.getLoggerName());
    }
    throw new BrokenLoggingError("BrokenAppender refuses " + event.getLoggerName());
  }

  /** What the broken backend throws through to the logger's caller. */
  public static final class BrokenLoggingError extends Error {
    private static final long serialVersionUID = 1L;

    BrokenLoggingError(String message) {
      super(message);
    }
  }
}
