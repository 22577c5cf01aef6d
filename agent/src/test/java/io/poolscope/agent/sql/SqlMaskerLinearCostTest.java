package io.poolscope.agent.sql;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Masking costs time in proportion to the input and memory in proportion to its bounded output:
 * measured, per statement shape, on 100 kB and 1 MB statements.
 */
class SqlMaskerLinearCostTest {
  private static final int SMALL = 100 * 1024;
  private static final int LARGE = 1024 * 1024;

  /** Shapes that make the lexer read the whole statement, each at a given length. */
  private static final Shape[] SHAPES = {
    new Shape("one huge literal", n -> "SELECT '" + fill("secret ''value'' ", n) + "' FROM t"),
    new Shape("one huge E-string", n -> "SELECT E'" + fill("a\\'b\\\\c ", n) + "'"),
    new Shape("one huge dollar quote", n -> "SELECT $tag$" + fill("$ta $t 'x' ", n) + "$tag$"),
    new Shape(
        "many small literals in a list", n -> "SELECT 1 WHERE a IN (" + fill("12345, ", n) + "6)"),
    new Shape(
        "many rows of values", n -> "INSERT INTO t VALUES " + fill("(1, 'x'), ", n) + "(2, 'y')"),
    new Shape("an unterminated quote", n -> "SELECT '" + fill("no end \\' '' ", n)),
    new Shape("an unterminated dollar quote", n -> "SELECT $x$" + fill("$x", n)),
    new Shape("deeply nested comments", n -> "SELECT 1 " + fill("/* ", n / 2) + fill(" */", n / 2)),
    new Shape("an unterminated nested comment", n -> "SELECT 1 /*" + fill(" /* 'q'", n)),
    new Shape("a long line comment", n -> "SELECT 1 --" + fill(" 'q' $$ ", n)),
    new Shape("whitespace", n -> fill(" \t\n", n) + "SELECT 1"),
  };

  private final SqlMasker masker = new SqlMasker();

  @Test
  void allocationIsBoundedByTheOutputNotTheInput() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertTrue(threads.isThreadAllocatedMemorySupported());
    threads.setThreadAllocatedMemoryEnabled(true);
    long thread = Thread.currentThread().getId();
    for (Shape shape : SHAPES) {
      String sql = shape.build.apply(LARGE);
      masker.mask(sql); // warm up: class loading and the first compilation allocate
      long before = threads.getThreadAllocatedBytes(thread);
      String masked = masker.mask(sql);
      long allocated = threads.getThreadAllocatedBytes(thread) - before;
      // The scan copies nothing of the input: one output buffer of at most MAX_LENGTH chars and the
      // result. Less than a tenth of a byte per input character leaves room for either doubled,
      // and fails a masker that copies the input (2 bytes per character) or allocates per token.
      assertTrue(
          allocated < sql.length() / 10,
          () -> shape.name + ": " + allocated + " bytes allocated for " + sql.length() + " chars");
      assertTrue(masked.length() <= SqlMasker.MAX_LENGTH, shape.name);
    }
  }

  @Test
  void timeGrowsLinearlyWithTheInput() {
    assertTrue(ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported());
    for (Shape shape : SHAPES) {
      String small = shape.build.apply(SMALL);
      String large = shape.build.apply(LARGE);
      long smallNanos = fastest(small);
      long largeNanos = fastest(large);
      double ratio = (double) largeNanos / Math.max(1, smallNanos);
      double sizeRatio = (double) large.length() / small.length();
      // Linear gives about 10 here, quadratic about 100. The bound is generous for a loaded
      // machine (the fastest of several runs hides most noise) and still far below quadratic.
      assertTrue(
          ratio < sizeRatio * 4,
          () ->
              String.format(
                  "%s: 1 MB took %.1f ms CPU, 100 kB %.2f ms: ratio %.1f for %.1fx the input",
                  shape.name, largeNanos / 1e6, smallNanos / 1e6, ratio, sizeRatio));
    }
  }

  /**
   * The fastest of up to 15 maskings of {@code sql}; fewer once they took 10 s together, so that a
   * super-linear masker fails in seconds instead of stalling the build.
   */
  private long fastest(String sql) {
    // CPU time of this thread, not wall time: on a loaded machine a long run is preempted more
    // often than a short one, which alone made 1 MB look 50 times slower than 100 kB.
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long best = Long.MAX_VALUE;
    long began = System.nanoTime();
    for (int run = 0; run < 15 && System.nanoTime() - began < 10_000_000_000L; run++) {
      long start = threads.getCurrentThreadCpuTime();
      masker.mask(sql);
      best = Math.min(best, threads.getCurrentThreadCpuTime() - start);
    }
    return best;
  }

  private static String fill(String unit, int length) {
    return unit.repeat(Math.max(1, length / unit.length()));
  }

  private static final class Shape {
    final String name;
    final IntFunction<String> build;

    Shape(String name, IntFunction<String> build) {
      this.name = name;
      this.build = build;
    }
  }
}
