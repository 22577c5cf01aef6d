package io.poolscope.agent.startup;

import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.bootstrap.HookFailures;

/**
 * Says once that Poolscope's own code failed inside an application's JDBC call. The hook let the
 * call run unchanged, so the application saw nothing; without this line the only sign would be
 * measurements that are silently missing. The line names the failure's type and Poolscope's frame,
 * never its message, which may quote SQL or values.
 */
final class HookFailureReport implements Runnable {
  private boolean reported;

  @Override
  public void run() {
    Throwable first = HookFailures.first();
    if (reported || first == null) {
      return;
    }
    reported = true;
    AgentLog.warn(
        "Poolscope failed inside an application's JDBC call ("
            + first.getClass().getName()
            + where(first)
            + "): the call ran unchanged and its measurement is missing; "
            + HookFailures.count()
            + " such failure(s) so far, later ones are not logged. Please report this line.");
  }

  private static String where(Throwable failure) {
    for (StackTraceElement frame : failure.getStackTrace()) {
      if (frame.getClassName().startsWith("io.poolscope.")) {
        return " at " + frame;
      }
    }
    return "";
  }
}
