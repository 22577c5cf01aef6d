package io.poolscope.agent.sql;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * No literal and no comment survives masking, whatever its form and whatever surrounds it; see
 * {@link LiteralStatements} for why a marker or digit in the output is always a leak.
 */
class SqlMaskerLiteralProperties {
  private final SqlMasker masker = new SqlMasker();

  @Property(tries = 5000)
  void noLiteralOrCommentTextSurvives(@ForAll("statements") String sql) {
    assertNoLeak(sql, masker.mask(sql));
  }

  @Property(tries = 2000)
  void noLiteralSurvivesOnItsOwn(@ForAll("literals") String literal) {
    for (String sql :
        new String[] {literal, "SELECT " + literal, "WHERE a = " + literal + " AND b = c"}) {
      assertNoLeak(sql, masker.mask(sql));
    }
  }

  @Property(tries = 2000)
  void noLiteralSurvivesTheCache(@ForAll("statements") String sql) {
    MaskedSqlCache cache = new MaskedSqlCache(masker);
    cache.mask(sql);
    assertNoLeak(sql, cache.mask(sql));
  }

  @Provide
  Arbitrary<String> statements() {
    return LiteralStatements.statements();
  }

  @Provide
  Arbitrary<String> literals() {
    return LiteralStatements.literals();
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
