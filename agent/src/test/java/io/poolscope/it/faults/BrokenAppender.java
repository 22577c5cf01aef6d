package io.poolscope.it.faults;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A logback appender that throws from every call, for OutputFaultsIT (attached to the application's
 * logger {@code app} and to Poolscope's, {@code poolscope}): every other call an {@link Error}
 * (logback passes it on to the caller of the logger), the others a RuntimeException (which logback
 * itself catches). Counts its calls so that a loop would show.
 */
public final class BrokenAppender extends AppenderBase<ILoggingEvent> {
  static final AtomicLong CALLS = new AtomicLong();

  @Override
  protected void append(ILoggingEvent event) {
    if (CALLS.incrementAndGet() % 2 == 0) {
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
