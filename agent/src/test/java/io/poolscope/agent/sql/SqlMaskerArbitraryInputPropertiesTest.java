package io.poolscope.agent.sql;

import io.poolscope.agent.testsupport.RandomCases;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Masking never throws and keeps its bound on any text at all: every UTF-16 unit (lone surrogates
 * and NUL included), and text dense in the characters the lexer decides on.
 */
class SqlMaskerArbitraryInputPropertiesTest {
  /** The characters that open, close or escape something, and a few that look like them. */
  private static final String LEXER_CHARS =
      "'\"`$\\-/*?&|(),[]{}:;.+eExXbBuUnN0123456789_ a\t\n\r\u0000\u00a0\u2028\uD800\uDC00\uFFFF";

  /** One case: the text, whether literals are masked, and the bound. */
  record Input(String sql, boolean maskLiterals, int maxLength) {
    @Override
    public String toString() {
      return "maskLiterals=" + maskLiterals + " maxLength=" + maxLength + " sql=[" + sql + "]";
    }
  }

  // Each invocation is a batch of generated cases (first case, count); see RandomCases.
  static Stream<Arguments> cases3000() {
    return RandomCases.batches(3000, 6);
  }

  @ParameterizedTest(name = "cases {0}..+{1}")
  @MethodSource("cases3000")
  void anyTextMasksWithinTheBound(int first, int count) {
    RandomCases.check(
        "anyTextMasksWithinTheBound",
        first,
        count,
        r -> new Input(r.anyText(300), r.nextBoolean(), r.length(8, 80)),
        in -> {
          String masked = new SqlMasker(in.maskLiterals(), in.maxLength()).mask(in.sql());
          assertBounded(in.sql(), masked, in.maxLength());
        });
  }

  @ParameterizedTest(name = "cases {0}..+{1}")
  @MethodSource("cases3000")
  void lexerHeavyTextMasksWithinTheBound(int first, int count) {
    RandomCases.check(
        "lexerHeavyTextMasksWithinTheBound",
        first,
        count,
        r -> new Input(r.chars(LEXER_CHARS, 0, 300), r.nextBoolean(), r.length(8, 80)),
        in -> {
          String sql = in.sql();
          assertBounded(
              sql, new SqlMasker(in.maskLiterals(), in.maxLength()).mask(sql), in.maxLength());
          assertBounded(sql, new SqlMasker(in.maskLiterals()).mask(sql), SqlMasker.MAX_LENGTH);
        });
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
