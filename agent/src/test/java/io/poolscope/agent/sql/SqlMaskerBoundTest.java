package io.poolscope.agent.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The output bound and linear cost, on statements up to 1 MB and on hostile shapes. */
class SqlMaskerBoundTest {
  private static final int MB = 1 << 20;
  private final SqlMasker masker = new SqlMasker();

  @Test
  void truncatesWithEllipsisInsideTheBound() {
    SqlMasker small = new SqlMasker(true, 20);
    assertEquals("SELECT aaaaaaaaaa...", small.mask("SELECT aaaaaaaaaaaaaaaaaaaaaaaaaa FROM t"));
    assertEquals("SELECT ?, ?, ?, ?...", small.mask("SELECT 1, 2, 3, 4, 5, 6"));
    assertEquals("SELECT ?, ?, ?, ?, ?", small.mask("SELECT 1, 2, 3, 4, 5"));
    assertEquals("SELECT a FROM t", small.mask("SELECT a FROM t"));
  }

  @Test
  void neverSplitsASurrogatePair() {
    SqlMasker small = new SqlMasker(true, 10);
    String masked = small.mask("SELECT 😀😀😀😀😀");
    assertTrue(masked.endsWith("..."));
    assertTrue(masked.length() <= 10);
    assertTrue(!Character.isHighSurrogate(masked.charAt(masked.length() - 4)));
  }

  @Test
  void oneMegabyteHostileStatementsMaskAndStayBounded() {
    String[] hostile = {
      repeat("SELECT 'secret value', 12345, col_1 FROM t UNION ALL ", MB),
      "SELECT * FROM t WHERE id IN (" + repeat("123456, ", MB) + "7)",
      "INSERT INTO t (a, b) VALUES " + repeat("(1, 'x'), ", MB) + "(2, 'y')",
      "SELECT '" + repeat("unterminated ", MB),
      "SELECT 1 /*" + repeat(" /* nested", MB),
      "SELECT $x$" + repeat("$x", MB),
      "SELECT $" + repeat("a", 63) + "$" + repeat("$" + repeat("a", 62) + "b", MB),
      repeat("identifier_", MB),
      repeat(" ", MB) + "SELECT 1",
      repeat("-- comment\n", MB) + "SELECT 1",
      repeat("1", MB),
      repeat("(", MB),
      repeat("IN (1, ", MB),
      repeat("'a\\'", MB),
    };
    for (String sql : hostile) {
      // A guard against a pathological (super-linear) input hanging the build, not a speed
      // target: speed is measured by the benchmarks, never asserted by a timed test.
      assertTimeoutPreemptively(
          Duration.ofSeconds(60),
          () -> {
            String masked = masker.mask(sql);
            assertTrue(
                masked.length() <= SqlMasker.MAX_LENGTH, () -> "too long: " + masked.length());
            assertTrue(!masked.contains("secret") && !masked.contains("12345"));
          },
          () -> "slow on " + sql.substring(0, 40));
    }
  }

  @Test
  void collapsedListsOfAnyLengthGiveOneShortForm() {
    String in = "SELECT * FROM t WHERE id IN (" + repeat("123456, ", MB) + "7) AND x = 'y'";
    assertEquals("SELECT * FROM t WHERE id IN (?) AND x = ?", masker.mask(in));
    String values = "INSERT INTO t (a, b) VALUES " + repeat("(1, 'x'), ", MB) + "(2, 'y')";
    assertEquals("INSERT INTO t (a, b) VALUES (?, ?)", masker.mask(values));
  }

  @Test
  void longOutputEndsWithEllipsisAtExactlyTheBound() {
    String masked = masker.mask(repeat("SELECT a_column FROM t UNION ALL ", MB));
    assertEquals(SqlMasker.MAX_LENGTH, masked.length());
    assertTrue(masked.endsWith("..."));
  }

  private static String repeat(String unit, int approxLength) {
    return unit.repeat(Math.max(1, approxLength / unit.length()));
  }
}
