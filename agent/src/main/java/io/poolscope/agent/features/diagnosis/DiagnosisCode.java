package io.poolscope.agent.features.diagnosis;

import java.util.Map;

/**
 * The causes of pool trouble Poolscope names (the contract's {@code code}s), each with what it
 * means in one phrase and the fix. The wording is the product's: users read it in their logs.
 */
public enum DiagnosisCode {
  N_PLUS_ONE(
      "n_plus_one",
      "one statement ran again and again within one connection hold",
      "Load the rows in one statement (a join, or WHERE id IN (...)) or batch the look-ups; with an"
          + " ORM, use a fetch join or batch fetching."),
  HELD_IDLE(
      "held_idle",
      "the connection sat idle (no statement running) for most of its hold",
      "Do the slow work (remote calls, rendering, file I/O) before taking the connection or after"
          + " closing it; with Spring, turn off open-session-in-view (spring.jpa.open-in-view=false)."),
  NESTED_ACQUIRE(
      "nested_acquire",
      "a thread that holds a connection took another one from the same pool",
      "Hand the connection already held to the code that needs one (or join the outer transaction)"
          + " instead of taking a second one: when every thread does this at once the pool"
          + " deadlocks. Until then keep the pool's maximum at least min_pool_size."),
  IDLE_IN_TRANSACTION(
      "idle_in_transaction",
      "a transaction stayed open with nothing running",
      "Commit or roll back as soon as the transaction's statements are done and do no other work"
          + " inside it: its locks block other sessions meanwhile."),
  UNCOMMITTED_CLOSE(
      "uncommitted_close",
      "a connection was closed with auto-commit off after writes that were neither committed nor"
          + " rolled back",
      "Call commit() (or rollback()) before close(): the pool rolled these writes back silently."),
  STALE_CONNECTION(
      "stale_connection",
      "the first statement after a borrow failed because the connection was already broken",
      "The server or the network closes idle connections before the pool retires them."),
  CONNECTION_CHURN(
      "connection_churn",
      "physical connections were opened far more often than the pool's size explains",
      "Use a connection pool (e.g. HikariCP) and keep its connections: a minimum idle near the"
          + " usual load, a max lifetime of minutes, not seconds.");

  private final String wireName;
  private final String meaning;
  private final String remedy;

  DiagnosisCode(String wireName, String meaning, String remedy) {
    this.wireName = wireName;
    this.meaning = meaning;
    this.remedy = remedy;
  }

  /** The {@code code} field. */
  public String wireName() {
    return wireName;
  }

  public String meaning() {
    return meaning;
  }

  public String remedy() {
    return remedy;
  }

  /**
   * Evidence known only once the occurrences of an interval are put together: the threads seen
   * doing a nested acquisition, and the smallest pool that cannot deadlock for them.
   */
  void complete(Map<String, Long> evidence, int threads) {
    if (this == NESTED_ACQUIRE) {
      long perThread = evidence.getOrDefault("connections_per_thread", 2L);
      evidence.put("threads", (long) threads);
      evidence.put("min_pool_size", threads * (perThread - 1) + 1);
    }
  }
}
