package io.poolscope.agent.sql;

/**
 * Turns SQL text into the one form Poolscope ever writes out (logs, events, spans, statistics):
 * literals become {@code ?}, comments go, whitespace runs become one space, and the result is at
 * most {@link #MAX_LENGTH} characters.
 *
 * <p>Masked: {@code '...'} strings (with {@code ''} doubling, and backslash escapes as MySQL and
 * PostgreSQL {@code E'...'} use them), prefixed strings {@code E'..' X'..' B'..' N'..' U&'..'},
 * dollar quotes {@code $$..$$} and {@code $tag$..$tag$}, numbers (decimals, exponents, {@code
 * 0x1F}, {@code 0b101}, {@code 1_000}), and a minus sign in front of a number where it can only be
 * unary (after an operator, {@code (} or {@code ,}). Kept: keywords, identifiers (digits and
 * Unicode included), {@code "quoted"} and {@code `backtick`} identifiers, casts, JSON operators and
 * the placeholders {@code ?}, {@code $1}, {@code :name}. {@code IN (?, ?, ?)} becomes {@code IN
 * (?)} and the repeated rows of {@code VALUES (?, ?), (?, ?)} become one, so statements that differ
 * only in list length group together.
 *
 * <p>Limits. A backslash always escapes inside {@code '...'} (MySQL's default, and safe for {@code
 * 'O\'Brien'}), so a PostgreSQL or H2 standard string that ends in a backslash ({@code 'C:\'}) runs
 * on to the next quote, and the text between that quote and the next literal shows. An unterminated
 * quote, dollar quote or comment masks or drops everything after it. Block comments nest
 * (PostgreSQL), so a MySQL {@code /* /* *}{@code /} drops the rest. Not understood: MySQL {@code
 * "..."} strings (kept as identifiers, as in standard SQL), MySQL {@code #} comments ({@code #} is
 * a PostgreSQL operator), dollar-quote tags longer than 63 characters (PostgreSQL's limit).
 *
 * <p>One linear pass with no regular expression and no backtracking; scanning stops once the output
 * is full, except across an {@code IN} list or {@code VALUES} rows being collapsed. Thread-safe;
 * each call allocates one output buffer and the result.
 */
public final class SqlMasker {
  /** Longest output, including the {@code ...} that marks a truncated statement. */
  public static final int MAX_LENGTH = 4096;

  private final boolean maskLiterals;
  private final int maxLength;

  /** A masker that masks literals. */
  public SqlMasker() {
    this(true);
  }

  /**
   * @param maskLiterals {@code false} (key {@code sql.mask-literals=false}) keeps literals and only
   *     drops comments, normalizes whitespace and bounds the length
   */
  public SqlMasker(boolean maskLiterals) {
    this(maskLiterals, MAX_LENGTH);
  }

  SqlMasker(boolean maskLiterals, int maxLength) {
    if (maxLength < 8) {
      throw new IllegalArgumentException("maxLength must be at least 8: " + maxLength);
    }
    this.maskLiterals = maskLiterals;
    this.maxLength = maxLength;
  }

  public boolean masksLiterals() {
    return maskLiterals;
  }

  /** The masked form of {@code sql}, or {@code null} for {@code null}. */
  public String mask(String sql) {
    if (sql == null) {
      return null;
    }
    return new MaskingScan(sql, maskLiterals, maxLength).run();
  }
}
