package io.poolscope.agent.config;

/**
 * {@code postgres.application-name}: whether PostgreSQL connections are named after the service.
 */
public enum ApplicationNameMode implements ValueType.Choice {
  /** {@code ApplicationName} is the service name where the URL and properties set none. */
  AUTO("auto", "true", "on", "yes"),
  /** Connections are left as the application makes them. */
  OFF("off", "false", "no");

  private final String[] words;

  ApplicationNameMode(String... words) {
    this.words = words;
  }

  @Override
  public String[] words() {
    return words.clone();
  }
}
