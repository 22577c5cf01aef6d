package io.poolscope.agent.sql;

import java.util.Locale;

/**
 * A low-cardinality summary of a statement for span names and {@code db.query.summary}, as the
 * OpenTelemetry database conventions describe it: the operation and its main table, such as {@code
 * SELECT users}, {@code INSERT orders}, {@code UPDATE app.accounts}, {@code CALL refresh_stats}.
 *
 * <p>The table is the first name after the top-level {@code FROM} (SELECT, DELETE), after {@code
 * INTO} (INSERT, MERGE), or right after the keyword (UPDATE, CALL); joins, subqueries in {@code
 * FROM} and other operations give the operation alone. Names are kept as written (quotes and schema
 * included). At most {@link #MAX_LENGTH} characters: a longer name is left out. Only keywords and
 * identifiers are copied, so no literal can reach the summary; still, pass masked SQL.
 */
public final class QuerySummary {
  public static final int MAX_LENGTH = 255;
  private static final int MAX_KEYWORD = 32;

  private QuerySummary() {}

  /** The summary of {@code maskedSql}, {@code OTHER} when it has no leading keyword. */
  public static String of(String maskedSql) {
    if (maskedSql == null) {
      return SqlOperation.OTHER;
    }
    String sql = maskedSql;
    int start = SqlOperation.mainKeyword(sql);
    int end = start < 0 ? start : SqlChars.skipWord(sql, start);
    if (start < 0 || end - start > MAX_KEYWORD) {
      return SqlOperation.OTHER;
    }
    String operation = sql.substring(start, end).toUpperCase(Locale.ROOT);
    int nameStart;
    switch (operation) {
      case "SELECT":
      case "DELETE":
        nameStart = after(sql, end, "FROM");
        break;
      case "INSERT":
      case "MERGE":
        nameStart = after(sql, end, "INTO");
        break;
      case "UPDATE":
        nameStart = skipUpdateModifiers(sql, end);
        break;
      case "CALL":
        nameStart = SqlChars.skipSpaceAndComments(sql, end);
        break;
      default:
        nameStart = -1;
    }
    int nameEnd = nameStart < 0 ? -1 : nameEnd(sql, nameStart);
    if (nameEnd <= nameStart || operation.length() + 1 + nameEnd - nameStart > MAX_LENGTH) {
      return operation;
    }
    return operation + ' ' + sql.substring(nameStart, nameEnd);
  }

  /** Start of what follows the top-level {@code keyword} after {@code i}, or -1. */
  private static int after(String sql, int i, String keyword) {
    for (int w = SqlChars.nextTopLevelWord(sql, i); w >= 0; ) {
      int e = SqlChars.skipWord(sql, w);
      if (SqlChars.isWord(sql, w, e, keyword)) {
        return SqlChars.skipSpaceAndComments(sql, e);
      }
      w = SqlChars.nextTopLevelWord(sql, e);
    }
    return -1;
  }

  private static int skipUpdateModifiers(String sql, int i) {
    while (true) {
      i = SqlChars.skipSpaceAndComments(sql, i);
      int e = SqlChars.skipWord(sql, i);
      if (!SqlChars.isWord(sql, i, e, "ONLY")
          && !SqlChars.isWord(sql, i, e, "LOW_PRIORITY")
          && !SqlChars.isWord(sql, i, e, "IGNORE")) {
        return i;
      }
      i = e;
    }
  }

  private static int nameEnd(String sql, int i) {
    int n = sql.length();
    int end = i;
    while (end < n) {
      char c = sql.charAt(end);
      int partEnd;
      if (c == '"' || c == '`') {
        partEnd = SqlChars.skipQuoted(sql, end, c, false);
        if (partEnd > n) {
          return end == i ? i : end - 1; // unterminated: keep the qualified part before it
        }
      } else if (SqlChars.isIdentStart(c)) {
        partEnd = SqlChars.skipWord(sql, end);
      } else {
        return end == i ? i : end - 1; // a name does not end with its dot
      }
      end = partEnd;
      if (end >= n || sql.charAt(end) != '.') {
        return end;
      }
      end++;
    }
    return end == i ? i : end - 1;
  }
}
