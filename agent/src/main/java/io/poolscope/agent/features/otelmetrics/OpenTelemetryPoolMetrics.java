package io.poolscope.agent.features.otelmetrics;

import io.poolscope.agent.output.log.AgentLog;
import io.poolscope.agent.recorder.PoolRegistry;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the pools' gauges, and (through {@link OpenTelemetryHistograms}) their histograms,
 * through the application's OpenTelemetry metrics API — the OpenTelemetry Java agent, or an SDK the
 * application registered as {@code GlobalOpenTelemetry} — so they leave by the application's own
 * exporter. Looks every few seconds, from Poolscope's maintenance thread, until it finds one;
 * registers once.
 *
 * <p>Never too early: {@code GlobalOpenTelemetry.get()} before the application registers its SDK
 * fixes the no-op for good, and before the OpenTelemetry agent finished starting it is not bridged.
 * So nothing is looked at before the application used its first pool (every agent's {@code premain}
 * is over by then), an SDK is taken only once {@code isSet()}, and the agent by {@code get()}.
 *
 * <p>Which set wins: the OpenTelemetry Java agent reports the pools of HikariCP, DBCP2, Tomcat JDBC
 * and c3p0 itself, so under that agent Poolscope leaves those pools' metrics (gauges and wait, use
 * and create times) to it and publishes every other pool; without it, all pools. The operation
 * histogram is Poolscope's unless the agent's JDBC instrumentation records {@code
 * db.client.operation.duration} itself ({@link AgentOperationMetrics}).
 */
public final class OpenTelemetryPoolMetrics implements Runnable {
  static final String SCOPE = "io.poolscope";
  static final String AGENT_BOOTSTRAP_CLASS =
      "io.opentelemetry.javaagent.bootstrap.AgentInitializer";

  private final PoolRegistry pools;
  private final OpenTelemetryHistograms histograms;
  private final AtomicBoolean done = new AtomicBoolean();

  /**
   * @param histograms the decorator the pools' measures were made by, to publish the histograms
   */
  public OpenTelemetryPoolMetrics(PoolRegistry pools, OpenTelemetryHistograms histograms) {
    this.pools = pools;
    this.histograms = histograms;
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
      boolean operations = !agent || !AgentOperationMetrics.reported();
      PoolHistograms published =
          new PoolHistograms(
              api,
              histograms.buckets(),
              library -> !agent || notInstrumentedByAgent(library),
              operations);
      histograms.publish(published); // first: once a gauge is exported, histograms record too
      PoolObservations.register(
          api, pools, pool -> !agent || notInstrumentedByAgent(pool.library()));
      AgentLog.info(
          "Poolscope publishes its pool metrics through the application's OpenTelemetry"
              + (agent
                  ? " (the OpenTelemetry Java agent; its own pool metrics cover HikariCP, DBCP2,"
                      + " Tomcat JDBC and c3p0 pools, so Poolscope adds the others"
                      + (operations
                          ? ")"
                          : ", and its JDBC instrumentation records db.client.operation.duration)")
                  : " SDK")
              + (published.bucketsAdvised()
                  ? ""
                  : "; its API is older than 1.32 and takes no bucket advice, so the histograms"
                      + " have the SDK's default boundaries unless a view sets metrics.buckets"));
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

  private static boolean notInstrumentedByAgent(String library) {
    return !AGENT_INSTRUMENTED.contains(library);
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
