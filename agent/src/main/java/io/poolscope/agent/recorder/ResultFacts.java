package io.poolscope.agent.recorder;

/**
 * What an {@code execute*} result says without calling back into the driver: rows affected for
 * updates, the batch size and rows for batches. A result set's row count is not known.
 */
public final class ResultFacts {
  private static final ResultFacts UNKNOWN = new ResultFacts(-1, -1);

  private final long rows;
  private final int batchSize;

  private ResultFacts(long rows, int batchSize) {
    this.rows = rows;
    this.batchSize = batchSize;
  }

  public static ResultFacts of(Object result) {
    if (result instanceof Integer || result instanceof Long) {
      return new ResultFacts(((Number) result).longValue(), -1);
    }
    if (result instanceof int[]) {
      int[] counts = (int[]) result;
      long rows = 0;
      for (int c : counts) {
        rows += Math.max(c, 0); // SUCCESS_NO_INFO (-2) counts as unknown
      }
      return new ResultFacts(rows, counts.length);
    }
    if (result instanceof long[]) {
      long[] counts = (long[]) result;
      long rows = 0;
      for (long c : counts) {
        rows += Math.max(c, 0);
      }
      return new ResultFacts(rows, counts.length);
    }
    return UNKNOWN;
  }

  /** Rows affected, or -1 when the result does not say. */
  public long rows() {
    return rows;
  }

  /** Statements in the batch, or -1 when it was no batch. */
  public int batchSize() {
    return batchSize;
  }
}
