package io.poolscope.sample;

import java.sql.Connection;

/** A connection taken and never closed: the classic leak. */
final class LeakScenario implements Scenario {
  @Override
  public String name() {
    return "leak";
  }

  @Override
  public String description() {
    return "forget a connection in forgetToClose(); expect leak_suspected with that frame after"
        + " leak.threshold (2s in the README's command), then leak_unclosed once it is collected";
  }

  /**
   * Where the forgotten connection stays reachable while Poolscope's threshold passes, as a leaked
   * connection kept in some object would: an unreachable one could be collected by any garbage
   * collection during the wait, and reported as {@code leak_unclosed} before {@code
   * leak_suspected}.
   */
  private Connection forgotten;

  @Override
  public void run(Database database) throws Exception {
    forgotten = forgetToClose(database);
    Console.say("took a connection without closing it; waiting for Poolscope to notice...");
    long waitMs = Long.getLong("sample.leak.wait-ms", 3500);
    Thread.sleep(waitMs);
    forgotten = null;
    Console.say("dropped it; collecting garbage so that Poolscope can tell it for certain...");
    // Poolscope learns of the collection on its next housekeeping round (once a second).
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(500);
    }
  }

  private static Connection forgetToClose(Database database) throws Exception {
    Connection leaked = database.connection();
    leaked.isValid(1); // used once, then dropped without close()
    return leaked;
  }
}
