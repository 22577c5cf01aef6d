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
    return "forget a connection; expect leak_suspected after leak.threshold, then leak_unclosed";
  }

  @Override
  public void run(Database database) throws Exception {
    forgetToClose(database);
    Console.say("took a connection without closing it; waiting for Poolscope to notice...");
    long waitMs = Long.getLong("sample.leak.wait-ms", 3500);
    Thread.sleep(waitMs);
    System.gc();
    Thread.sleep(1500);
  }

  private static void forgetToClose(Database database) throws Exception {
    Connection leaked = database.connection();
    leaked.isValid(1); // used once, then dropped without close()
  }
}
