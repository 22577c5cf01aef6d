package io.poolscope.agent.features.otelmetrics;

import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.PoolState;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the pools' gauges through the application's OpenTelemetry metrics API — the
 * OpenTelemetry Java agent, or an SDK the application registered as {@code GlobalOpenTelemetry} —
 * so they leave by the application's own exporter. Looks every few seconds, from Poolscope's
 * maintenance thread, until it finds one; registers once.
 *
 * <p>Never too early: {@code GlobalOpenTelemetry.get()} before the application registers its SDK
 * fixes the no-op for good, and before the OpenTelemetry agent finished starting it is not bridged.
 * So nothing is looked at before the application used its first pool (every agent's {@code premain}
 * is over by then), an SDK is taken only once {@code isSet()}, and the agent by {@code get()}.
 *
 * <p>Which set wins for HikariCP: the OpenTelemetry Java agent instruments HikariCP itself (through
 * HikariCP's metrics tracker), so under that agent Poolscope leaves HikariCP pools out and
 * publishes every other pool; without it, all pools.
 */
public final class OpenTelemetryPoolMetrics implements Runnable {
  static final String SCOPE = "io.poolscope";
  static final String AGENT_BOOTSTRAP_CLASS =
      "io.opentelemetry.javaagent.bootstrap.AgentInitializer";

  private final PoolRegistry pools;
  private final AtomicBoolean done = new AtomicBoolean();

  public OpenTelemetryPoolMetrics(PoolRegistry pools) {
    this.pools = pools;
  }

  /** How often the look repeats until the API is found. */
  public static long lookAgainMillis() {
    return 5_000;
  }

  @Override
  public void run() {
    if (done.get() || pools.all().isEmpty()) {
      return;
    }
    try {
      boolean agent = openTelemetryAgentPresent();
      ClassLoader ours = OpenTelemetryPoolMetrics.class.getClassLoader();
      if (!agent && !MetricsApi.plainGlobalIsSet(ours)) {
        return; // no SDK yet: look again later
      }
      done.set(true);
      MetricsApi api =
          agent
              ? MetricsApi.meter(MetricsApi.AGENT_PACKAGE, null, SCOPE)
              : MetricsApi.meter(MetricsApi.PLAIN_PACKAGE, ours, SCOPE);
      if (api == null) {
        AgentLog.info(
            "Poolscope found OpenTelemetry without a metrics SDK: its pool metrics stay on"
                + " Prometheus and Micrometer");
        return;
      }
      PoolObservations.register(
          api, pools, agent ? OpenTelemetryPoolMetrics::notInstrumentedByAgent : pool -> true);
      AgentLog.info(
          "Poolscope publishes its pool metrics through the application's OpenTelemetry"
              + (agent
                  ? " (the OpenTelemetry Java agent; its own pool metrics cover HikariCP, DBCP2,"
                      + " Tomcat JDBC and c3p0 pools, so Poolscope adds the others)"
                  : " SDK"));
    } catch (Throwable e) {
      // An application's own, older API copy can lack what we call: metrics stay on Prometheus.
      done.set(true);
      AgentLog.warn(
          "Poolscope could not publish metrics through the application's OpenTelemetry ("
              + e
              + "); the Prometheus endpoint and Micrometer bridge are unaffected");
    }
  }

  /**
   * The OpenTelemetry Java agent 2.x reports the pools of these libraries itself (its hikaricp,
   * apache-dbcp, tomcat-jdbc and c3p0 instrumentations): its set wins for them, so that no pool is
   * counted twice in the user's backend.
   */
  static final java.util.Set<String> AGENT_INSTRUMENTED =
      java.util.Set.of("hikaricp", "dbcp2", "tomcat-jdbc", "c3p0");

  private static boolean notInstrumentedByAgent(PoolState pool) {
    return !AGENT_INSTRUMENTED.contains(pool.library());
  }

  static boolean openTelemetryAgentPresent() {
    try {
      Class.forName(AGENT_BOOTSTRAP_CLASS, false, null);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      // not on the boot class path: look at the command line
    }
    try {
      for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
        if (arg.startsWith("-javaagent:") && arg.contains("opentelemetry-javaagent")) {
          return true;
        }
      }
    } catch (RuntimeException | LinkageError e) {
      // no management beans: the class check decided
    }
    return false;
  }
}
