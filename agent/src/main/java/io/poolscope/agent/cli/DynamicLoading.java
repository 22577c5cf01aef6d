package io.poolscope.agent.cli;

/**
 * What a JVM will do when an agent is loaded into it while it runs (JEP 451): from JDK 21 on it
 * prints a warning unless started with {@code -XX:+EnableDynamicAgentLoading}; with {@code
 * -XX:-EnableDynamicAgentLoading} (any version) it refuses.
 */
enum DynamicLoading {
  ALLOWED("allowed"),
  WARNS("allowed with a warning (JDK 21+: start it with -XX:+EnableDynamicAgentLoading)"),
  REFUSED("refused (-XX:-EnableDynamicAgentLoading)");

  private static final int FIRST_WARNING_FEATURE = 21;

  private final String description;

  DynamicLoading(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }

  /** {@code jvmArgs}: the target's {@code sun.jvm.args} agent property; may be null. */
  static DynamicLoading of(int feature, String jvmArgs) {
    String args = jvmArgs == null ? "" : jvmArgs;
    // The last occurrence wins, as on the JVM's own command line.
    int on = args.lastIndexOf("-XX:+EnableDynamicAgentLoading");
    int off = args.lastIndexOf("-XX:-EnableDynamicAgentLoading");
    if (off > on) {
      return REFUSED;
    }
    if (on >= 0 || feature < FIRST_WARNING_FEATURE) {
      return ALLOWED;
    }
    return WARNS;
  }
}
