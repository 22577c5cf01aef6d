package io.poolscope.agent.config;

/** Where a value came from, highest precedence first. */
enum SettingSource {
  AGENT_ARGUMENT("the agent argument", "agent argument"),
  SYSTEM_PROPERTY("the system properties", "system property"),
  ENVIRONMENT("the environment", "environment"),
  FILE("the configuration file", "file");

  private final String whole;
  private final String label;

  SettingSource(String whole, String label) {
    this.whole = whole;
    this.label = label;
  }

  /** The source as a whole, for messages such as "given twice in the agent argument". */
  String whole() {
    return whole;
  }

  /** A short tag for the start-up summary. */
  String label() {
    return label;
  }
}
