package io.poolscope.agent.sql;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generates SQL statements that embed literals of every PostgreSQL form, comments, and an optional
 * unterminated quote or comment at the end. The skeleton (keywords, identifiers, operators) holds
 * no digit and no {@link #MARKERS marker} character; every literal and comment body holds at least
 * one marker or digit. So a masked statement that contains a marker or a digit has leaked part of a
 * literal or comment, and the check is exact.
 *
 * <p>Literals are generated as PostgreSQL reads them, with one exception the masker documents: a
 * backslash never stands right before a quote in a standard {@code '...'} string, because {@code
 * 'C:\'} ends there in PostgreSQL and escapes the quote in MySQL, and the masker cannot tell which
 * dialect it reads.
 */
final class LiteralStatements {
  /** Characters that never occur in the skeleton; a supplementary one tests surrogate pairs. */
  static final String MARKERS = "ЖΨжω𝔛";

  private static final List<String> MARKER_LIST = List.of("Ж", "Ψ", "ж", "ω", "𝔛");

  private static final List<String> SKELETON =
      List.of(
          "SELECT",
          "FROM",
          "WHERE",
          "AND",
          "OR",
          "NOT",
          "IN",
          "IN (",
          "VALUES",
          "VALUES (",
          "INSERT INTO t (a, b)",
          "UPDATE t SET",
          "CASE WHEN",
          "THEN",
          "ELSE",
          "END",
          "AS",
          "t",
          "col_a",
          "b",
          "\"Quoted Name\"",
          "x.y",
          "=",
          "<>",
          "||",
          "->>",
          "@>",
          "(",
          ")",
          ",",
          "+",
          "-",
          "*",
          "?",
          "::text",
          ";",
          "[",
          "]",
          "LIMIT",
          "ORDER BY",
          "NULL",
          "TRUE",
          "LIKE",
          "BETWEEN",
          "ANY(",
          "IS DISTINCT FROM",
          "WITH w AS (",
          "RETURNING *");

  /** Pieces that may stand inside a standard or {@code U&} string: no lone quote, no {@code \'}. */
  private static final List<String> STRING_PIECES =
      List.of(
          "''", "\"", "--", "/*", "*/", "$$", "$a$", "(", ")", ",", "?", " ", "\n", "\\n", "\\\\",
          "\t", ";", "`", "::", "IN (", "-1", "0x1F", "42", "e+5", "#", "$1", ":name", "é", "😀",
          "\u0000", "\r");

  /** Pieces for {@code E'...'}: backslash escapes of every kind, a quote among them. */
  private static final List<String> ESCAPE_PIECES =
      concat(STRING_PIECES, List.of("\\'", "\\\\", "\\x41", "\\u00e9", "\\\"", "\\$"));

  /** Pieces for a dollar body: anything except its own closing tag (removed per tag). */
  private static final List<String> DOLLAR_PIECES =
      concat(
          STRING_PIECES,
          List.of("'", "\\", "\\'", "$", "$other$", "E'", "'''", "$$", "$tag$", "$q_x$"));

  /** Pieces for a comment body: quotes of every kind, but no comment delimiter and no newline. */
  private static final List<String> COMMENT_PIECES =
      List.of(
          "'", "''", "\"", "$$", "$tag$", "E'", "`", "\\", "\\'", "-", "*", "/", "?", ",", "(", ")",
          "U&'", "B'", "42", " ", "\t");

  private LiteralStatements() {}

  /** A statement: skeleton, literals and comments joined, perhaps ending unterminated. */
  static Arbitrary<String> statements() {
    Arbitrary<String> fragment =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, Arbitraries.of(SKELETON)),
            net.jqwik.api.Tuple.of(4, literals()),
            net.jqwik.api.Tuple.of(1, comments()));
    Arbitrary<List<String>> fragments = fragment.list().ofMinSize(1).ofMaxSize(24);
    Arbitrary<List<String>> separators =
        Arbitraries.of("", " ", "  ", "\n", "\t", " \r\n").list().ofSize(24);
    Arbitrary<String> ending =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, Arbitraries.just("")),
            net.jqwik.api.Tuple.of(1, unterminated()));
    return Combinators.combine(fragments, separators, ending).as(LiteralStatements::join);
  }

  /** Every literal form: strings, numbers, bit strings, arrays, casts. */
  static Arbitrary<String> literals() {
    return Arbitraries.oneOf(
        standardString(),
        escapeString(),
        dollarQuoted(),
        unicodeString(),
        nationalString(),
        number(),
        bitString(),
        array(),
        cast());
  }

  static Arbitrary<String> standardString() {
    return body(STRING_PIECES).map(b -> "'" + b + "'");
  }

  static Arbitrary<String> escapeString() {
    return Combinators.combine(Arbitraries.of("E", "e"), body(ESCAPE_PIECES))
        .as((prefix, b) -> prefix + "'" + b + "'");
  }

  static Arbitrary<String> unicodeString() {
    return Combinators.combine(Arbitraries.of("U&", "u&"), body(STRING_PIECES))
        .as((prefix, b) -> prefix + "'" + b + "'");
  }

  static Arbitrary<String> nationalString() {
    return Combinators.combine(Arbitraries.of("N", "n"), body(STRING_PIECES))
        .as((prefix, b) -> prefix + "'" + b + "'");
  }

  static Arbitrary<String> dollarQuoted() {
    return Arbitraries.of("", "tag", "q_x", "ж_tag", "T")
        .flatMap(tag -> dollarBody(tag).map(b -> "$" + tag + "$" + b + "$" + tag + "$"));
  }

  private static Arbitrary<String> dollarBody(String tag) {
    String close = "$" + tag + "$";
    return body(DOLLAR_PIECES.stream().filter(p -> !p.contains(close)).toList());
  }

  /** {@code 42 1e10 .5 0x1F 1_000 3.5E-7 0b101 0o17 1.} and a unary minus. */
  static Arbitrary<String> number() {
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> hex =
        Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMinLength(0).ofMaxLength(8);
    return Arbitraries.oneOf(
        digits,
        digits.map(d -> "-" + d),
        Combinators.combine(digits, digits).as((a, b) -> a + "e" + b),
        Combinators.combine(digits, digits).as((a, b) -> a + "." + b + "E-" + b),
        digits.map(d -> "." + d),
        digits.map(d -> d + "."),
        Combinators.combine(hex, digits).as((h, d) -> "0x" + h + d),
        Combinators.combine(hex, digits).as((h, d) -> "0X" + d + h),
        Combinators.combine(digits, digits).as((a, b) -> a + "_" + b),
        Arbitraries.strings().withChars("01").ofMinLength(1).ofMaxLength(8).map(b -> "0b" + b),
        Arbitraries.strings()
            .withChars("01234567")
            .ofMinLength(1)
            .ofMaxLength(8)
            .map(o -> "0o" + o));
  }

  /** {@code B'101'} and {@code X'1F'}: their digits are what must not show. */
  static Arbitrary<String> bitString() {
    Arbitrary<String> bits = Arbitraries.strings().withChars("01").ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> hexDigits =
        Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> hexLetters =
        Arbitraries.strings().withChars("abcdefABCDEF").ofMinLength(0).ofMaxLength(6);
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.of("B", "b"), bits).as((p, b) -> p + "'" + b + "'"),
        Combinators.combine(Arbitraries.of("X", "x"), hexDigits, hexLetters)
            .as((p, d, l) -> p + "'" + l + d + "'"));
  }

  /** {@code ARRAY[1, 'a']} and the string form {@code '{1,2}'}. */
  static Arbitrary<String> array() {
    Arbitrary<String> element = Arbitraries.oneOf(number(), standardString(), escapeString());
    return Arbitraries.oneOf(
        element.list().ofMinSize(1).ofMaxSize(5).map(e -> "ARRAY[" + String.join(", ", e) + "]"),
        Combinators.combine(
                markers(), Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(5))
            .as((m, d) -> "'{" + m + "," + d + ",\"" + m + "\"}'"));
  }

  /** {@code 'x'::text}, {@code 5::numeric}, {@code $$x$$::jsonb}. */
  static Arbitrary<String> cast() {
    return Combinators.combine(
            Arbitraries.oneOf(standardString(), number(), dollarQuoted(), escapeString()),
            Arbitraries.of("text", "integer", "numeric", "int[]", "varchar", "jsonb", "bytea"))
        .as((literal, type) -> literal + "::" + type);
  }

  /** Line and (nested) block comments with quotes of every kind inside. */
  static Arbitrary<String> comments() {
    Arbitrary<String> body = body(COMMENT_PIECES);
    return Arbitraries.oneOf(
        body.map(b -> "--" + b + "\n"),
        body.map(b -> "--" + b + "\r"),
        body.map(b -> "/*" + b + "*/"),
        Combinators.combine(body, body, body)
            .as((a, b, c) -> "/* " + a + " /* " + b + " */ " + c + " */"),
        Combinators.combine(body, body).as((a, b) -> "/*" + a + "/*/*" + b + "*/*/" + a + "*/"));
  }

  /** What runs to the end: an unterminated quote, dollar quote, comment or quoted identifier. */
  static Arbitrary<String> unterminated() {
    return Arbitraries.oneOf(
        body(STRING_PIECES).map(b -> "'" + b),
        body(ESCAPE_PIECES).map(b -> "E'" + b),
        body(ESCAPE_PIECES).map(b -> "E'" + b + "\\"),
        body(STRING_PIECES).map(b -> "U&'" + b),
        dollarBody("").map(b -> "$$" + b),
        dollarBody("tag").map(b -> "$tag$" + b),
        body(COMMENT_PIECES).map(b -> "/*" + b),
        body(COMMENT_PIECES).map(b -> "/* /* */" + b),
        body(COMMENT_PIECES).map(b -> "--" + b),
        markers().map(m -> "\"" + m),
        markers().map(m -> "B'" + m));
  }

  /** Marker text with pieces between markers, so that no two pieces join into a new token. */
  private static Arbitrary<String> body(List<String> pieces) {
    Arbitrary<String> step =
        Combinators.combine(Arbitraries.of(pieces), markers()).as((piece, m) -> piece + m);
    return Combinators.combine(markers(), step.list().ofMaxSize(5))
        .as((first, rest) -> first + String.join("", rest));
  }

  private static Arbitrary<String> markers() {
    return Arbitraries.of(MARKER_LIST)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(m -> String.join("", m));
  }

  private static String join(List<String> fragments, List<String> separators, String ending) {
    StringBuilder sql = new StringBuilder();
    for (int k = 0; k < fragments.size(); k++) {
      append(sql, separators.get(k), fragments.get(k));
    }
    if (!ending.isEmpty()) {
      append(sql, separators.get(fragments.size() % separators.size()), ending);
    }
    return sql.toString();
  }

  /**
   * Two fragments join without space only where PostgreSQL still reads them as two tokens: an
   * identifier character before a digit, a {@code $} or a letter would make one identifier of both
   * ({@code a$$x$$} and {@code a1} are identifiers), and a line comment must end before more SQL.
   */
  private static void append(StringBuilder sql, String separator, String fragment) {
    if (separator.isEmpty() && sql.length() > 0) {
      char last = sql.charAt(sql.length() - 1);
      char first = fragment.charAt(0);
      if (isIdentPart(last) && isIdentPart(first)) {
        separator = " ";
      }
    }
    sql.append(separator).append(fragment);
  }

  private static boolean isIdentPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
  }

  /**
   * The first marker or digit in {@code masked}, or -1: either is leaked literal or comment text.
   */
  static int firstLeak(String masked) {
    for (int k = 0; k < masked.length(); k++) {
      char c = masked.charAt(k);
      if ((c >= '0' && c <= '9') || MARKERS.indexOf(c) >= 0) {
        return k;
      }
    }
    return -1;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
