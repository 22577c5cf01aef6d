package io.poolscope.sample;

/** The sample's own narration, kept apart from the application's logging. */
final class Console {
  private Console() {}

  static void say(String line) {
    System.out.println("[sample] " + line);
  }
}
