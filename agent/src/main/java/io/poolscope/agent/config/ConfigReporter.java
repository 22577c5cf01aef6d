package io.poolscope.agent.config;

/** Receives configuration problems, each once. */
public interface ConfigReporter {
  /** A value was not usable: the message names key, value and what is used instead. */
  void warn(String message);

  /** The configuration contradicts itself: the agent will not install. */
  void error(String message);
}
