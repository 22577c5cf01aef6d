package io.poolscope.sample;

/** One thing the sample application does that Poolscope has something to say about. */
interface Scenario {
  String name();

  String description();

  void run(Database database) throws Exception;
}
