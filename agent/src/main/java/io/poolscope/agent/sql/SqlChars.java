package io.poolscope.agent.sql;

/**
 * Character classes and skips shared by the SQL scanners. Non-ASCII characters count as identifier
 * characters, as in PostgreSQL, so Unicode names survive and no multi-byte text splits a token.
 */
final class SqlChars {
  private SqlChars() {}

  static boolean isSpace(char c) {
    return c <= ' ' || (c >= 0x80 && (Character.isWhitespace(c) || Character.isSpaceChar(c)));
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isIdentStart(char c) {
    return isAsciiLetter(c) || c == '_' || (c >= 0x80 && !isSpace(c));
  }

  static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c) || c == '$';
  }

  /** Index just past the identifier or keyword that starts at {@code i}. */
  static int skipWord(String s, int i) {
    int n = s.length();
    while (i < n && isIdentPart(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Index of the next line break at or after {@code i}, or the length. */
  static int skipLineComment(String s, int i) {
    int n = s.length();
    while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  /**
   * Index just past the block comment whose {@code /*} starts at {@code i}. Comments nest as in
   * PostgreSQL; an unterminated one runs to the end.
   */
  static int skipBlockComment(String s, int i) {
    int n = s.length();
    int depth = 1;
    int j = i + 2;
    while (j < n) {
      char c = s.charAt(j);
      if (c == '/' && j + 1 < n && s.charAt(j + 1) == '*') {
        depth++;
        j += 2;
      } else if (c == '*' && j + 1 < n && s.charAt(j + 1) == '/') {
        j += 2;
        if (--depth == 0) {
          return j;
        }
      } else {
        j++;
      }
    }
    return n;
  }

  /**
   * Index just past the quoted text that opens with {@code quote} at {@code i}, or one past the
   * length when it is unterminated. A doubled quote stays inside; so does a backslash-escaped one
   * when {@code backslashEscapes} is set.
   */
  static int skipQuoted(String s, int i, char quote, boolean backslashEscapes) {
    int n = s.length();
    int j = i + 1;
    while (j < n) {
      char c = s.charAt(j);
      if (c == '\\' && backslashEscapes) {
        j += 2;
      } else if (c == quote) {
        if (j + 1 < n && s.charAt(j + 1) == quote) {
          j += 2;
        } else {
          return j + 1;
        }
      } else {
        j++;
      }
    }
    return n + 1;
  }

  /** Whether {@code s[start, end)} is {@code upper}, ignoring case. */
  static boolean isWord(String s, int start, int end, String upper) {
    return end - start == upper.length() && s.regionMatches(true, start, upper, 0, upper.length());
  }

  /** Index of the first character at or after {@code i} that is not space or a comment. */
  static int skipSpaceAndComments(String sql, int i) {
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      char d = i + 1 < n ? sql.charAt(i + 1) : '\0';
      if (isSpace(c)) {
        i++;
      } else if (c == '-' && d == '-') {
        i = skipLineComment(sql, i);
      } else if (c == '/' && d == '*') {
        i = skipBlockComment(sql, i);
      } else {
        break;
      }
    }
    return i;
  }

  /**
   * Index of the first character at or after {@code i} that is not space, a comment or {@code (}.
   */
  static int skipToStatement(String s, int i) {
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      char d = i + 1 < n ? s.charAt(i + 1) : '\0';
      if (isSpace(c) || c == '(' || c == '{') {
        i++;
      } else if (c == '-' && d == '-') {
        i = skipLineComment(s, i);
      } else if (c == '/' && d == '*') {
        i = skipBlockComment(s, i);
      } else {
        return i;
      }
    }
    return n;
  }

  /**
   * Start of the next word at or after {@code i} outside any parentheses opened after {@code i}, or
   * -1 at the end or at a {@code )} that closes a parenthesis opened before {@code i}. Quotes and
   * comments are skipped; dollar quotes are not understood, so words inside them count.
   */
  static int nextTopLevelWord(String s, int i) {
    int n = s.length();
    int depth = 0;
    while (i < n) {
      char c = s.charAt(i);
      char d = i + 1 < n ? s.charAt(i + 1) : '\0';
      if (c == '-' && d == '-') {
        i = skipLineComment(s, i);
      } else if (c == '/' && d == '*') {
        i = skipBlockComment(s, i);
      } else if (c == '\'') {
        i = skipQuoted(s, i, c, true);
      } else if (c == '"' || c == '`') {
        i = skipQuoted(s, i, c, false);
      } else if (c == '(') {
        depth++;
        i++;
      } else if (c == ')') {
        if (depth-- == 0) {
          return -1;
        }
        i++;
      } else if (isIdentStart(c)) {
        if (depth == 0) {
          return i;
        }
        i = skipWord(s, i);
      } else if (isDigit(c)) {
        i = skipWord(s, i); // 1e5, 0x1F: not words
      } else {
        i++;
      }
    }
    return -1;
  }
}
