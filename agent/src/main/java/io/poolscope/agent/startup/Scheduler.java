package io.poolscope.agent.startup;

import io.poolscope.agent.output.log.AgentLog;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Poolscope's one background thread for scans, reports and housekeeping. */
final class Scheduler implements Executor {
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "poolscope-maintenance");
            t.setDaemon(true);
            return t;
          });

  void every(long millis, String what, Runnable task) {
    executor.scheduleWithFixedDelay(guarded(what, task), millis, millis, TimeUnit.MILLISECONDS);
  }

  void after(long millis, String what, Runnable task) {
    executor.schedule(guarded(what, task), millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void execute(Runnable task) {
    executor.execute(guarded("task", task));
  }

  /**
   * A task whose failure is logged and stays its own: the next run, and every other task, go on.
   */
  static Runnable guarded(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (Throwable t) {
        AgentLog.warn("Poolscope's " + what + " failed; it will run again", t);
      }
    };
  }
}
