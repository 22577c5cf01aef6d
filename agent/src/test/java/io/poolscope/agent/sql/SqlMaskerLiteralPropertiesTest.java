package io.poolscope.agent.sql;

import io.poolscope.agent.testsupport.RandomCases;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No literal and no comment survives masking, whatever its form and whatever surrounds it; see
 * {@link LiteralStatements} for why a marker or digit in the output is always a leak.
 */
class SqlMaskerLiteralPropertiesTest {
  private final SqlMasker masker = new SqlMasker();

  // Each invocation is a batch of generated cases (first case, count); see RandomCases.
  static Stream<Arguments> cases5000() {
    return RandomCases.batches(5000, 10);
  }

  static Stream<Arguments> cases2000() {
    return RandomCases.batches(2000, 4);
  }

  @ParameterizedTest(name = "cases {0}..+{1}")
  @MethodSource("cases5000")
  void noLiteralOrCommentTextSurvives(int first, int count) {
    RandomCases.check(
        "noLiteralOrCommentTextSurvives",
        first,
        count,
        LiteralStatements::statement,
        sql -> assertNoLeak(sql, masker.mask(sql)));
  }

  @ParameterizedTest(name = "cases {0}..+{1}")
  @MethodSource("cases2000")
  void noLiteralSurvivesOnItsOwn(int first, int count) {
    RandomCases.check(
        "noLiteralSurvivesOnItsOwn",
        first,
        count,
        LiteralStatements::literal,
        literal -> {
          for (String sql :
              new String[] {literal, "SELECT " + literal, "WHERE a = " + literal + " AND b = c"}) {
            assertNoLeak(sql, masker.mask(sql));
          }
        });
  }

  @ParameterizedTest(name = "cases {0}..+{1}")
  @MethodSource("cases2000")
  void noLiteralSurvivesTheCache(int first, int count) {
    RandomCases.check(
        "noLiteralSurvivesTheCache",
        first,
        count,
        LiteralStatements::statement,
        sql -> {
          MaskedSqlCache cache = new MaskedSqlCache(masker);
          cache.mask(sql);
          assertNoLeak(sql, cache.mask(sql));
        });
  }

  private static void assertNoLeak(String sql, String masked) {
    int leak = LiteralStatements.firstLeak(masked);
    if (leak >= 0) {
      throw new AssertionError(
          "literal text survived at "
              + leak
              + " of the masked ["
              + masked
              + "]\n from ["
              + sql
              + "]");
    }
    if (masked.length() > SqlMasker.MAX_LENGTH) {
      throw new AssertionError("longer than the bound: " + masked.length());
    }
  }
}
