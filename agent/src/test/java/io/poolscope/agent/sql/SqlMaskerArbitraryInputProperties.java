package io.poolscope.agent.sql;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Masking never throws and keeps its bound on any text at all: every UTF-16 unit (lone surrogates
 * and NUL included), and text dense in the characters the lexer decides on.
 */
class SqlMaskerArbitraryInputProperties {
  /** The characters that open, close or escape something, and a few that look like them. */
  private static final String LEXER_CHARS =
      "'\"`$\\-/*?&|(),[]{}:;.+eExXbBuUnN0123456789_ a\t\n\r\u0000\u00a0\u2028\uD800\uDC00\uFFFF";

  @Property(tries = 3000)
  void anyTextMasksWithinTheBound(
      @ForAll("anyText") String sql,
      @ForAll boolean maskLiterals,
      @ForAll @IntRange(min = 8, max = 80) int maxLength) {
    String masked = new SqlMasker(maskLiterals, maxLength).mask(sql);
    assertBounded(sql, masked, maxLength);
  }

  @Property(tries = 3000)
  void lexerHeavyTextMasksWithinTheBound(
      @ForAll("lexerText") String sql,
      @ForAll boolean maskLiterals,
      @ForAll @IntRange(min = 8, max = 80) int maxLength) {
    assertBounded(sql, new SqlMasker(maskLiterals, maxLength).mask(sql), maxLength);
    assertBounded(sql, new SqlMasker(maskLiterals).mask(sql), SqlMasker.MAX_LENGTH);
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.strings().all().ofMaxLength(300);
  }

  @Provide
  Arbitrary<String> lexerText() {
    return Arbitraries.strings().withChars(LEXER_CHARS).ofMaxLength(300);
  }

  /** Within the bound, and truncation never splits a surrogate pair the input did not split. */
  private static void assertBounded(String sql, String masked, int maxLength) {
    if (masked == null || masked.length() > maxLength) {
      throw new AssertionError("not within " + maxLength + ": [" + masked + "] from [" + sql + "]");
    }
    if (!hasLoneSurrogate(sql) && hasLoneSurrogate(masked)) {
      throw new AssertionError("a surrogate pair was split: [" + masked + "] from [" + sql + "]");
    }
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (Character.isHighSurrogate(c)) {
        if (k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1))) {
          k++;
        } else {
          return true;
        }
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
