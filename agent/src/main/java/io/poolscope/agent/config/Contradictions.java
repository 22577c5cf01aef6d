package io.poolscope.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings that cannot all be meant at once. Any one of them keeps the agent from installing:
 * guessing which one the user meant could enforce the wrong limit on a production database.
 */
final class Contradictions {
  static final String CONSEQUENCE = " Poolscope stays off; the application runs without it.";

  private final List<String> messages = new ArrayList<>();

  /** {@code problemAndFix} states what contradicts what and how to resolve it. */
  void add(String problemAndFix) {
    messages.add("poolscope: " + problemAndFix + CONSEQUENCE);
  }

  boolean any() {
    return !messages.isEmpty();
  }

  List<String> messages() {
    return messages;
  }
}
