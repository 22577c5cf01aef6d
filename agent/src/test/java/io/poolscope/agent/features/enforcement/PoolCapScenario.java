package io.poolscope.agent.features.enforcement;

import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Child JVM: builds a pool configured with a maximum of {@value #CONFIGURED_MAX}, optionally
 * resizes it through the library's own API, then lets {@value #TASKS} threads each hold one of its
 * connections for {@value #HOLD_MILLIS} ms while {@code pg_stat_activity} is sampled every 20 ms.
 * Prints {@code peak_sessions}, {@code samples}, {@code tasks_done} and {@code max_size} lines.
 *
 * <p>Arguments: {@link CapTestPool} class name, pool name ("" for none), size to resize to (0 for
 * no resize), and whether to wait for a {@code pool_capped} event before exiting.
 */
public final class PoolCapScenario {
  static final int CONFIGURED_MAX = 30;
  static final int TASKS = 30;
  static final int HOLD_MILLIS = 200;

  private PoolCapScenario() {}

  public static void main(String[] args) throws Exception {
    CapTestPool library = (CapTestPool) Class.forName(args[0]).getConstructor().newInstance();
    String name = args[1].isEmpty() ? null : args[1];
    int resizeTo = Integer.parseInt(args[2]);
    boolean awaitCap = Boolean.parseBoolean(args[3]);

    Scenario.Db db = Scenario.db();
    // Only the pool's sessions carry this name: the sampler's own session is not counted.
    String application = "poolscope-cap-" + ProcessHandle.current().pid();
    String url = db.url() + (db.url().contains("?") ? "&" : "?") + "ApplicationName=" + application;

    int done;
    int maxSize;
    ConnectionSampler sampler = ConnectionSampler.start(db.connect(), application, 20);
    try {
      DataSource pool = library.create(url, db.user(), db.password(), name, CONFIGURED_MAX);
      try {
        try (Connection first = pool.getConnection()) {
          first.isValid(5); // lazy pools start here
        }
        if (resizeTo > 0) {
          library.resize(pool, resizeTo);
        }
        done = holdConnections(pool);
        maxSize = library.maxSize(pool);
      } finally {
        library.close(pool);
      }
    } finally {
      sampler.close();
    }
    System.out.println("peak_sessions=" + sampler.peak());
    System.out.println("samples=" + sampler.samples());
    System.out.println("tasks_done=" + done);
    System.out.println("max_size=" + maxSize);
    if (awaitCap) {
      Scenario.awaitEvents("pool_capped", 1, Duration.ofSeconds(10));
    }
  }

  private static int holdConnections(DataSource pool) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(TASKS);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int i = 0; i < TASKS; i++) {
        tasks.add(
            threads.submit(
                () -> {
                  try (Connection connection = pool.getConnection();
                      Statement statement = connection.createStatement()) {
                    statement.execute("select pg_sleep(" + HOLD_MILLIS / 1000.0 + ")");
                  }
                  return null;
                }));
      }
      int done = 0;
      for (Future<?> task : tasks) {
        task.get(60, TimeUnit.SECONDS);
        done++;
      }
      return done;
    } finally {
      threads.shutdownNow();
    }
  }
}
