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

  @Override
  public void run(Database database) throws Exception {
    forgetToClose(database);
    Console.say("took a connection without closing it; waiting for Poolscope to notice...");
    long waitMs = Long.getLong("sample.leak.wait-ms", 3500);
    Thread.sleep(waitMs);
    Console.say("dropped it; collecting garbage so that Poolscope can tell it for certain...");
    // Poolscope learns of the collection on its next housekeeping round (once a second).
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(500);
    }
  }

  private static void forgetToClose(Database database) throws Exception {
    Connection leaked = database.connection();
    leaked.isValid(1); // used once, then dropped without close()
  }
}
