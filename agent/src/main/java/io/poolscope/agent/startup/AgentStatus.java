package io.poolscope.agent.startup;

import io.poolscope.agent.cli.PoolscopeCli;
import io.poolscope.agent.cli.StatusFile;
import io.poolscope.agent.cli.StatusProperty;
import io.poolscope.agent.config.PoolscopeConfig;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolState;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes what the agent found as the {@link StatusProperty} system property, refreshed every
 * second: the pools by name and library with the connections they hold now, and where output goes.
 * {@code attach} prints it. Its first line also goes to the {@link StatusFile}, from which {@code
 * list} tells that Poolscope is loaded without attaching.
 */
final class AgentStatus implements Runnable {
  static final long REFRESH_MILLIS = 1000;
  private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

  private final PoolscopeConfig config;
  private final PoolRegistry pools;
  private final boolean attached;

  AgentStatus(PoolscopeConfig config, PoolRegistry pools, boolean attached) {
    this.config = config;
    this.pools = pools;
    this.attached = attached;
  }

  @Override
  public void run() {
    publish(describe());
  }

  String describe() {
    StringBuilder text = new StringBuilder();
    text.append("Poolscope ").append(PoolscopeCli.version()).append(" running");
    text.append(attached ? " (attached)" : " (-javaagent)").append('\n');
    List<PoolState> known = pools.all();
    if (known.isEmpty()) {
      text.append(StatusProperty.NO_POOLS_YET)
          .append(" (a pool shows once the application takes a connection)\n");
    } else {
      text.append("Pools:\n");
      for (PoolState pool : known) {
        text.append("  ")
            .append(pool.name())
            .append("  library=")
            .append(library(pool))
            .append("  held now=")
            .append(pool.heldCount())
            .append('\n');
      }
    }
    text.append("Output: log (loggers poolscope.*)");
    if (config.eventsFile() != null) {
      text.append(", events file ").append(config.eventsFile());
    }
    if (config.httpPort() > 0) {
      text.append(", live view http://")
          .append(config.httpHost())
          .append(':')
          .append(config.httpPort())
          .append('/');
    }
    if (config.prometheusPort() > 0) {
      text.append(", Prometheus http://")
          .append(config.prometheusHost())
          .append(':')
          .append(config.prometheusPort())
          .append("/metrics");
    }
    return text.append('\n').toString();
  }

  static void publish(String status) {
    try {
      System.setProperty(StatusProperty.NAME, status);
    } catch (SecurityException denied) {
      // A security manager forbids it: the command line then cannot see the agent, nothing else.
    }
    if (status.startsWith(StatusProperty.NOT_STARTED)) {
      announce(status); // the agent stops here: nothing else will
    }
  }

  /**
   * Writes the {@link StatusFile}, once: the status's first line does not change. Run on
   * Poolscope's thread, off the start-up path (and not in the status refreshes, which the attach
   * command waits for).
   */
  void announce() {
    announce(describe());
  }

  private static void announce(String status) {
    if (ANNOUNCED.compareAndSet(false, true)) {
      StatusFile.write(status.lines().findFirst().orElse(""));
    }
  }

  private static String library(PoolState pool) {
    if (pool.adapter() != null) {
      return pool.adapter().library();
    }
    switch (pool.kind()) {
      case DIRECT:
        return "driver";
      case KNOWN_POOL:
        // The overflow pool: the pools past the registry's limit, of any library, counted as one.
        return "several";
      default:
        return "unknown DataSource";
    }
  }
}
