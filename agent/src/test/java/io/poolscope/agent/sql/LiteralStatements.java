package io.poolscope.agent.sql;

import io.poolscope.agent.testsupport.RandomCases;
import java.util.List;

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
 *
 * <p>Each method draws one value from a {@link RandomCases}; the same seed gives the same value.
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

  private static final String DIGITS = "0123456789";
  private static final List<String> SEPARATORS = List.of("", " ", "  ", "\n", "\t", " \r\n");

  private LiteralStatements() {}

  /** A statement: skeleton, literals and comments joined, perhaps ending unterminated. */
  static String statement(RandomCases r) {
    List<String> fragments =
        r.list(
            1,
            24,
            () -> {
              switch (r.weighted(4, 4, 1)) {
                case 0:
                  return r.pick(SKELETON);
                case 1:
                  return literal(r);
                default:
                  return comment(r);
              }
            });
    List<String> separators = r.list(24, 24, () -> r.pick(SEPARATORS));
    String ending = r.weighted(3, 1) == 0 ? "" : unterminated(r);
    return join(fragments, separators, ending);
  }

  /** Every literal form: strings, numbers, bit strings, arrays, casts. */
  static String literal(RandomCases r) {
    return r.oneOf(
        () -> standardString(r),
        () -> escapeString(r),
        () -> dollarQuoted(r),
        () -> unicodeString(r),
        () -> nationalString(r),
        () -> number(r),
        () -> bitString(r),
        () -> array(r),
        () -> cast(r));
  }

  static String standardString(RandomCases r) {
    return "'" + body(r, STRING_PIECES) + "'";
  }

  static String escapeString(RandomCases r) {
    return r.pick("E", "e") + "'" + body(r, ESCAPE_PIECES) + "'";
  }

  static String unicodeString(RandomCases r) {
    return r.pick("U&", "u&") + "'" + body(r, STRING_PIECES) + "'";
  }

  static String nationalString(RandomCases r) {
    return r.pick("N", "n") + "'" + body(r, STRING_PIECES) + "'";
  }

  static String dollarQuoted(RandomCases r) {
    String tag = r.pick("", "tag", "q_x", "ж_tag", "T");
    return "$" + tag + "$" + dollarBody(r, tag) + "$" + tag + "$";
  }

  private static String dollarBody(RandomCases r, String tag) {
    String close = "$" + tag + "$";
    return body(r, DOLLAR_PIECES.stream().filter(p -> !p.contains(close)).toList());
  }

  /** {@code 42 1e10 .5 0x1F 1_000 3.5E-7 0b101 0o17 1.} and a unary minus. */
  static String number(RandomCases r) {
    switch (r.between(0, 10)) {
      case 0:
        return digits(r);
      case 1:
        return "-" + digits(r);
      case 2:
        return digits(r) + "e" + digits(r);
      case 3:
        {
          String a = digits(r);
          String b = digits(r);
          return a + "." + b + "E-" + b;
        }
      case 4:
        return "." + digits(r);
      case 5:
        return digits(r) + ".";
      case 6:
        return "0x" + hex(r) + digits(r);
      case 7:
        {
          String h = hex(r);
          return "0X" + digits(r) + h;
        }
      case 8:
        return digits(r) + "_" + digits(r);
      case 9:
        return "0b" + r.chars("01", 1, 8);
      default:
        return "0o" + r.chars("01234567", 1, 8);
    }
  }

  private static String digits(RandomCases r) {
    return r.chars(DIGITS, 1, 12);
  }

  private static String hex(RandomCases r) {
    return r.chars("0123456789abcdefABCDEF", 0, 8);
  }

  /** {@code B'101'} and {@code X'1F'}: their digits are what must not show. */
  static String bitString(RandomCases r) {
    if (r.nextBoolean()) {
      return r.pick("B", "b") + "'" + r.chars("01", 1, 12) + "'";
    }
    String prefix = r.pick("X", "x");
    String hexDigits = r.chars(DIGITS, 1, 6);
    String hexLetters = r.chars("abcdefABCDEF", 0, 6);
    return prefix + "'" + hexLetters + hexDigits + "'";
  }

  /** {@code ARRAY[1, 'a']} and the string form {@code '{1,2}'}. */
  static String array(RandomCases r) {
    if (r.nextBoolean()) {
      List<String> elements =
          r.list(
              1, 5, () -> r.oneOf(() -> number(r), () -> standardString(r), () -> escapeString(r)));
      return "ARRAY[" + String.join(", ", elements) + "]";
    }
    String m = markers(r);
    String d = r.chars(DIGITS, 1, 5);
    return "'{" + m + "," + d + ",\"" + m + "\"}'";
  }

  /** {@code 'x'::text}, {@code 5::numeric}, {@code $$x$$::jsonb}. */
  static String cast(RandomCases r) {
    String literal =
        r.oneOf(
            () -> standardString(r), () -> number(r), () -> dollarQuoted(r), () -> escapeString(r));
    return literal
        + "::"
        + r.pick("text", "integer", "numeric", "int[]", "varchar", "jsonb", "bytea");
  }

  /** Line and (nested) block comments with quotes of every kind inside. */
  static String comment(RandomCases r) {
    switch (r.between(0, 4)) {
      case 0:
        return "--" + body(r, COMMENT_PIECES) + "\n";
      case 1:
        return "--" + body(r, COMMENT_PIECES) + "\r";
      case 2:
        return "/*" + body(r, COMMENT_PIECES) + "*/";
      case 3:
        {
          String a = body(r, COMMENT_PIECES);
          String b = body(r, COMMENT_PIECES);
          String c = body(r, COMMENT_PIECES);
          return "/* " + a + " /* " + b + " */ " + c + " */";
        }
      default:
        {
          String a = body(r, COMMENT_PIECES);
          String b = body(r, COMMENT_PIECES);
          return "/*" + a + "/*/*" + b + "*/*/" + a + "*/";
        }
    }
  }

  /** What runs to the end: an unterminated quote, dollar quote, comment or quoted identifier. */
  static String unterminated(RandomCases r) {
    switch (r.between(0, 10)) {
      case 0:
        return "'" + body(r, STRING_PIECES);
      case 1:
        return "E'" + body(r, ESCAPE_PIECES);
      case 2:
        return "E'" + body(r, ESCAPE_PIECES) + "\\";
      case 3:
        return "U&'" + body(r, STRING_PIECES);
      case 4:
        return "$$" + dollarBody(r, "");
      case 5:
        return "$tag$" + dollarBody(r, "tag");
      case 6:
        return "/*" + body(r, COMMENT_PIECES);
      case 7:
        return "/* /* */" + body(r, COMMENT_PIECES);
      case 8:
        return "--" + body(r, COMMENT_PIECES);
      case 9:
        return "\"" + markers(r);
      default:
        return "B'" + markers(r);
    }
  }

  /** Marker text with pieces between markers, so that no two pieces join into a new token. */
  private static String body(RandomCases r, List<String> pieces) {
    StringBuilder body = new StringBuilder(markers(r));
    int steps = r.between(0, 5);
    for (int k = 0; k < steps; k++) {
      body.append(r.pick(pieces)).append(markers(r));
    }
    return body.toString();
  }

  private static String markers(RandomCases r) {
    return String.join("", r.list(1, 4, () -> r.pick(MARKER_LIST)));
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
