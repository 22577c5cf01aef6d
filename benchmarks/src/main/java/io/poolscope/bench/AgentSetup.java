package io.poolscope.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One configuration under comparison: which agent or driver proxy a child JVM runs with. A child
 * learns its own from {@code -Dbench.setup=<name>} and checks that it really got it, so a broken
 * {@code -javaagent} never passes as a fast result.
 */
public enum AgentSetup {
  NONE("no agent"),
  POOLSCOPE("Poolscope, defaults"),
  POOLSCOPE_NO_STACK("Poolscope, leak.stack=false"),
  POOLSCOPE_ENFORCING("Poolscope, all enforcing"),
  OTEL("OpenTelemetry agent 2.33.1 (JDBC+HikariCP)"),
  P6SPY("p6spy 3.9.1");

  /** Every rule in force, with limits a healthy application never reaches. */
  static final String ENFORCING_ARGUMENTS =
      "statement.timeout=30s,pool.max-size=64,connections.max=1000,connections.wait=5s,"
          + "leak.threshold=30s,slow-query.threshold=1s";

  /** Loaded by the boot class loader once Poolscope runs. */
  public static final String POOLSCOPE_CLASS = "io.poolscope.bootstrap.Hooks";

  /** Loaded by the system class loader once the OpenTelemetry agent runs. */
  public static final String OTEL_CLASS = "io.opentelemetry.javaagent.OpenTelemetryAgent";

  private static final String SYSTEM_PROPERTY = "bench.setup";

  private final String label;

  AgentSetup(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean isPoolscope() {
    return name().startsWith("POOLSCOPE");
  }

  /** The JVM options that give a child this setup; {@code agents} holds the copied agent jars. */
  public List<String> jvmOptions(Path agents, Path work) {
    List<String> options = new ArrayList<>();
    options.add("-D" + SYSTEM_PROPERTY + "=" + name());
    // HikariCP's start and stop lines would bury the progress; warnings still show.
    options.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    String poolscope = "-javaagent:" + agents.resolve("poolscope-agent.jar");
    switch (this) {
      case NONE:
        break;
      case POOLSCOPE:
        options.add(poolscope);
        break;
      case POOLSCOPE_NO_STACK:
        options.add(poolscope + "=leak.stack=false");
        break;
      case POOLSCOPE_ENFORCING:
        options.add(poolscope + "=" + ENFORCING_ARGUMENTS);
        break;
      case OTEL:
        options.add("-javaagent:" + agents.resolve("opentelemetry-javaagent.jar"));
        options.add("-Dotel.instrumentation.common.default-enabled=false");
        options.add("-Dotel.instrumentation.jdbc.enabled=true");
        options.add("-Dotel.instrumentation.hikaricp.enabled=true");
        options.add("-Dotel.traces.exporter=none");
        options.add("-Dotel.metrics.exporter=none");
        options.add("-Dotel.logs.exporter=none");
        break;
      case P6SPY:
        // Logs only statements slower than 1 s, as Poolscope's slow-query log does by default:
        // p6spy's own default writes every statement to a file, which would measure the disk.
        options.add("-Dp6spy.config.executionThreshold=1000");
        options.add("-Dp6spy.config.logfile=" + work.resolve("spy.log"));
        break;
      default:
        throw new IllegalStateException(name());
    }
    return options;
  }

  /** The setup this JVM was started with. */
  public static AgentSetup current() {
    return valueOf(System.getProperty(SYSTEM_PROPERTY, NONE.name()));
  }

  /** The JDBC URL the application uses: p6spy is a driver proxy, so it changes the URL. */
  public String jdbcUrl(String url) {
    if (this != P6SPY) {
      return url;
    }
    return "jdbc:p6spy:" + url.substring("jdbc:".length());
  }

  /**
   * Fails unless this JVM really runs this setup: the agent's classes are loaded, or the pool's
   * connections really are p6spy's.
   *
   * @param rawConnectionClass class of the driver connection under the pool's proxy
   */
  public void verify(String rawConnectionClass) {
    verify(
        loaded(POOLSCOPE_CLASS, null),
        loaded(OTEL_CLASS, ClassLoader.getSystemClassLoader()),
        rawConnectionClass.startsWith("com.p6spy."),
        "connection=" + rawConnectionClass);
  }

  /**
   * The same check for a JVM seen from outside, which says whether it loaded {@link
   * #POOLSCOPE_CLASS} and {@link #OTEL_CLASS}; such a JVM never runs p6spy.
   */
  public void verifyLoaded(boolean poolscope, boolean otel, String where) {
    verify(poolscope, otel, false, where);
  }

  private void verify(boolean poolscope, boolean otel, boolean p6spy, String detail) {
    boolean ok = poolscope == isPoolscope() && otel == (this == OTEL) && p6spy == (this == P6SPY);
    if (!ok) {
      throw new IllegalStateException(
          "setup "
              + this
              + " not in effect: poolscope="
              + poolscope
              + ", otel="
              + otel
              + ", "
              + detail);
    }
  }

  private static boolean loaded(String name, ClassLoader loader) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
