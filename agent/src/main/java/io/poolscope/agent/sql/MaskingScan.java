package io.poolscope.agent.sql;

import static io.poolscope.agent.sql.TokenType.T_CLOSE;
import static io.poolscope.agent.sql.TokenType.T_COMMA;
import static io.poolscope.agent.sql.TokenType.T_OPEN;
import static io.poolscope.agent.sql.TokenType.T_OTHER;
import static io.poolscope.agent.sql.TokenType.T_VALUE;
import static io.poolscope.agent.sql.TokenType.T_WORD;

/**
 * One run of {@link SqlMasker} over one statement: a hand-written lexer that hands each token to
 * {@link ListCollapse}, which collapses {@code ?} lists, and writes into a {@link
 * BoundedSqlOutput}. This class reads the SQL (literals, comments, quoting, numbers) and spaces the
 * tokens it writes. Single use, single thread.
 */
final class MaskingScan {
  private static final int MAX_DOLLAR_TAG = 63;

  // What the previous token was, to tell a unary minus from a binary one.
  private static final int P_NONE = 0;
  private static final int P_OPERAND = 1; // a value, identifier, keyword, ) or ]
  private static final int P_OPERATOR = 2;

  private final String sql;
  private final int len;
  private final boolean maskLiterals;
  private final BoundedSqlOutput out;
  private final ListCollapse lists;

  private boolean pendingSpace;
  private int previous = P_NONE;

  MaskingScan(String sql, boolean maskLiterals, int maxLength) {
    this.sql = sql;
    this.len = sql.length();
    this.maskLiterals = maskLiterals;
    this.out = new BoundedSqlOutput(sql, maxLength);
    this.lists = new ListCollapse(sql, out);
  }

  String run() {
    int i = 0;
    while (i < len && !out.isFull()) {
      i = next(i);
    }
    if (!out.isFull()) {
      lists.flushTail();
    }
    return out.result();
  }

  /** Reads the token at {@code i}, hands it to the writer, returns the index after it. */
  private int next(int i) {
    char c = sql.charAt(i);
    if (SqlChars.isSpace(c)) {
      pendingSpace = true;
      return i + 1;
    }
    char d = i + 1 < len ? sql.charAt(i + 1) : '\0';
    switch (c) {
      case '-':
        if (d == '-') {
          pendingSpace = true;
          return SqlChars.skipLineComment(sql, i);
        }
        if (maskLiterals && previous != P_OPERAND && startsNumber(i + 1)) {
          int end = skipNumber(i + 1);
          token(T_VALUE, i, end);
          return end;
        }
        return other(i, i + 1);
      case '/':
        if (d == '*') {
          pendingSpace = true;
          return SqlChars.skipBlockComment(sql, i);
        }
        return other(i, i + 1);
      case '\'':
        return literal(i, Math.min(len, SqlChars.skipQuoted(sql, i, '\'', true)));
      case '"':
      case '`':
        return quotedIdentifier(i, SqlChars.skipQuoted(sql, i, c, false));
      case '$':
        return dollar(i, d);
      case '?':
        if (d == '|' || d == '&' || d == '?') {
          return other(i, i + 2); // JSON operators ?| ?& and pgjdbc's ?? escape
        }
        token(T_VALUE, i, i + 1);
        return i + 1;
      case '(':
        return single(T_OPEN, i);
      case ')':
        return single(T_CLOSE, i);
      case ',':
        return single(T_COMMA, i);
      case ']':
        token(T_OTHER, i, i + 1);
        previous = P_OPERAND;
        return i + 1;
      default:
        break;
    }
    if (startsNumber(i)) {
      return literal(i, skipNumber(i));
    }
    if (SqlChars.isIdentStart(c)) {
      return word(i, SqlChars.skipWord(sql, i));
    }
    return other(i, i + 1);
  }

  private int word(int start, int end) {
    if (end < len
        && sql.charAt(end) == '\''
        && end - start == 1
        && "EeXxBbNn".indexOf(sql.charAt(start)) >= 0) {
      return literal(start, Math.min(len, SqlChars.skipQuoted(sql, end, '\'', true)));
    }
    if (end + 1 < len
        && sql.charAt(end) == '&'
        && sql.charAt(end + 1) == '\''
        && end - start == 1
        && (sql.charAt(start) == 'U' || sql.charAt(start) == 'u')) {
      return literal(start, Math.min(len, SqlChars.skipQuoted(sql, end + 1, '\'', true)));
    }
    token(T_WORD, start, end);
    return end;
  }

  private int single(int type, int i) {
    token(type, i, i + 1);
    return i + 1;
  }

  private int literal(int start, int end) {
    token(maskLiterals ? T_VALUE : T_OTHER, start, end);
    previous = P_OPERAND;
    return end;
  }

  private int quotedIdentifier(int start, int end) {
    // An unterminated identifier may have swallowed literals: mask what follows it.
    return end <= len ? operand(start, end) : literal(start, len);
  }

  private int operand(int start, int end) {
    token(T_OTHER, start, end);
    previous = P_OPERAND;
    return end;
  }

  private int other(int start, int end) {
    token(T_OTHER, start, end);
    return end;
  }

  /** {@code $1}, {@code $$..$$}, {@code $tag$..$tag$}, or a lone {@code $}. */
  private int dollar(int i, char d) {
    if (SqlChars.isDigit(d)) {
      int end = i + 1;
      while (end < len && SqlChars.isDigit(sql.charAt(end))) {
        end++;
      }
      return operand(i, end);
    }
    int close = i + 1;
    if (d != '$') {
      if (!SqlChars.isIdentStart(d)) {
        return other(i, i + 1);
      }
      while (close < len
          && close - i <= MAX_DOLLAR_TAG + 1
          && SqlChars.isIdentPart(sql.charAt(close))
          && sql.charAt(close) != '$') {
        close++;
      }
      if (close >= len || sql.charAt(close) != '$') {
        return other(i, i + 1);
      }
    }
    int delimiter = close - i + 1;
    int j = close + 1;
    while (j < len) {
      if (sql.charAt(j) == '$' && sql.regionMatches(j, sql, i, delimiter)) {
        return literal(i, j + delimiter);
      }
      j++;
    }
    return literal(i, len); // unterminated: masks the rest
  }

  private boolean startsNumber(int i) {
    if (i >= len) {
      return false;
    }
    char c = sql.charAt(i);
    return SqlChars.isDigit(c) || (c == '.' && i + 1 < len && SqlChars.isDigit(sql.charAt(i + 1)));
  }

  /**
   * Index after the number at {@code i}. Letters and dots are taken too (exponents, hex digits,
   * suffixes): a token that starts with a digit is never an identifier worth keeping.
   */
  private int skipNumber(int i) {
    int j = i;
    boolean radix = false;
    if (sql.charAt(j) == '0' && j + 1 < len && "xXbBoO".indexOf(sql.charAt(j + 1)) >= 0) {
      radix = true;
      j += 2;
    }
    while (j < len) {
      char c = sql.charAt(j);
      if (SqlChars.isDigit(c) || SqlChars.isAsciiLetter(c) || c == '_' || c == '.') {
        j++;
      } else if ((c == '+' || c == '-')
          && !radix
          && j + 1 < len
          && (sql.charAt(j - 1) == 'e' || sql.charAt(j - 1) == 'E')
          && SqlChars.isDigit(sql.charAt(j + 1))) {
        j++;
      } else {
        break;
      }
    }
    return j;
  }

  // ---- handing tokens to the writer: collapsing, spacing ----

  private void token(int type, int start, int end) {
    if (!maskLiterals) {
      write(type, start, end);
      return;
    }
    if (lists.inTail() && lists.swallow(type)) {
      pendingSpace = false;
      previous = type == T_VALUE || type == T_CLOSE ? P_OPERAND : P_OPERATOR;
      return;
    }
    write(type, start, end);
    lists.advance(type, start, end);
  }

  private void write(int type, int start, int end) {
    if (pendingSpace) {
      pendingSpace = false;
      if (!out.isEmpty()) {
        out.put(' ');
      }
    }
    if (type == T_VALUE) {
      out.put('?');
      previous = P_OPERAND;
      return;
    }
    out.putRange(start, end);
    previous = type == T_WORD || type == T_CLOSE ? P_OPERAND : P_OPERATOR;
  }
}
