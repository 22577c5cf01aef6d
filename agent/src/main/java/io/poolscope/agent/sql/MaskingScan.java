package io.poolscope.agent.sql;

/**
 * One run of {@link SqlMasker} over one statement: a hand-written lexer feeding a bounded writer
 * that collapses {@code ?} lists. Single use, single thread.
 */
final class MaskingScan {
  private static final int MAX_DOLLAR_TAG = 63;

  // Token types as the writer sees them.
  private static final int T_VALUE = 0; // a masked literal or a ? placeholder: written as ?
  private static final int T_WORD = 1;
  private static final int T_OPEN = 2;
  private static final int T_CLOSE = 3;
  private static final int T_COMMA = 4;
  private static final int T_OTHER = 5; // operators, quoted identifiers, $1

  // What the previous token was, to tell a unary minus from a binary one.
  private static final int P_NONE = 0;
  private static final int P_OPERAND = 1; // a value, identifier, keyword, ) or ]
  private static final int P_OPERATOR = 2;

  // Collapse states: IN (?, ?, ?) and VALUES (?, ?), (?, ?).
  private static final int C_NONE = 0;
  private static final int C_AFTER_IN = 1;
  private static final int C_IN_OPEN = 2;
  private static final int C_IN_TAIL = 3;
  private static final int C_AFTER_VALUES = 4;
  private static final int C_VALUES_FIRST = 5;
  private static final int C_VALUES_TAIL = 6;

  // Deferred-tail phases: what the tail has swallowed since its last complete element.
  private static final int PH_AFTER_VALUE = 0; // IN tail: expects , or )
  private static final int PH_AFTER_COMMA = 1; // IN tail: expects ?
  private static final int PH_ROW_DONE = 2; // VALUES tail: expects ,
  private static final int PH_ROW_COMMA = 3; // VALUES tail: expects (
  private static final int PH_ROW_OPEN = 4; // VALUES tail: expects ?
  private static final int PH_ROW_VALUE = 5; // VALUES tail: expects , or )
  private static final int PH_ROW_ITEM_COMMA = 6; // VALUES tail: expects ?

  private final String sql;
  private final int len;
  private final boolean maskLiterals;
  private final int maxLength;

  private char[] out;
  private int size;
  private boolean full;
  private boolean pendingSpace;
  private int previous = P_NONE;

  private int collapse = C_NONE;
  private int phase;
  private int deferredValues;
  private int depth;
  private boolean onlyValues;

  MaskingScan(String sql, boolean maskLiterals, int maxLength) {
    this.sql = sql;
    this.len = sql.length();
    this.maskLiterals = maskLiterals;
    this.maxLength = maxLength;
    this.out = new char[Math.min(maxLength, len + 16)];
  }

  String run() {
    int i = 0;
    while (i < len && !full) {
      i = next(i);
    }
    if (!full) {
      flushTail();
    }
    return new String(out, 0, size);
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
        token(T_OPEN, i, i + 1);
        return i + 1;
      case ')':
        token(T_CLOSE, i, i + 1);
        return i + 1;
      case ',':
        token(T_COMMA, i, i + 1);
        return i + 1;
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

  // ---- writer: collapsing, spacing, bound ----

  private void token(int type, int start, int end) {
    if (!maskLiterals) {
      write(type, start, end);
      return;
    }
    if ((collapse == C_IN_TAIL || collapse == C_VALUES_TAIL) && swallow(type)) {
      pendingSpace = false;
      previous = type == T_VALUE || type == T_CLOSE ? P_OPERAND : P_OPERATOR;
      return;
    }
    write(type, start, end);
    advanceCollapse(type, start, end);
  }

  /** Whether a deferred tail takes the token; if it does not fit, the tail is written out first. */
  private boolean swallow(int type) {
    if (collapse == C_IN_TAIL) {
      if (phase == PH_AFTER_VALUE && type == T_COMMA) {
        phase = PH_AFTER_COMMA;
        return true;
      }
      if (phase == PH_AFTER_COMMA && type == T_VALUE) {
        deferredValues++;
        phase = PH_AFTER_VALUE;
        return true;
      }
      if (phase == PH_AFTER_VALUE && type == T_CLOSE) {
        collapse = C_NONE; // the tail is dropped; the ) is written by the caller
        return false;
      }
    } else {
      int expected = expectedInRow();
      if (type == expected) {
        phase = nextRowPhase(type);
        if (type == T_VALUE) {
          deferredValues++;
        }
        return true;
      }
      if (phase == PH_ROW_VALUE && type == T_CLOSE) {
        phase = PH_ROW_DONE; // a whole row of ? like the first one: dropped
        deferredValues = 0;
        return true;
      }
    }
    flushTail();
    return false;
  }

  private int expectedInRow() {
    switch (phase) {
      case PH_ROW_DONE:
      case PH_ROW_VALUE:
        return T_COMMA;
      case PH_ROW_COMMA:
        return T_OPEN;
      default:
        return T_VALUE;
    }
  }

  private int nextRowPhase(int type) {
    if (type == T_OPEN) {
      return PH_ROW_OPEN;
    }
    if (type == T_VALUE) {
      return PH_ROW_VALUE;
    }
    return phase == PH_ROW_DONE ? PH_ROW_COMMA : PH_ROW_ITEM_COMMA;
  }

  /** Writes what a deferred tail swallowed, in canonical spacing, and ends the collapse. */
  private void flushTail() {
    if (collapse == C_IN_TAIL) {
      for (int k = 0; k < deferredValues && !full; k++) {
        put(", ?");
      }
      if (phase == PH_AFTER_COMMA) {
        put(",");
      }
    } else if (collapse == C_VALUES_TAIL && phase != PH_ROW_DONE) {
      put(",");
      if (phase != PH_ROW_COMMA) {
        put(" (");
        for (int k = 0; k < deferredValues && !full; k++) {
          put(k == 0 ? "?" : ", ?");
        }
        if (phase == PH_ROW_ITEM_COMMA) {
          put(",");
        }
      }
    }
    collapse = C_NONE;
  }

  private void advanceCollapse(int type, int start, int end) {
    if (collapse == C_VALUES_FIRST) {
      if (type == T_OPEN) {
        depth++;
        onlyValues = false;
      } else if (type == T_CLOSE) {
        if (--depth == 0) {
          collapse = onlyValues ? C_VALUES_TAIL : C_NONE;
          phase = PH_ROW_DONE;
          deferredValues = 0;
        }
      } else if (type != T_VALUE && type != T_COMMA) {
        onlyValues = false;
      }
      return;
    }
    if (type == T_WORD && SqlChars.isWord(sql, start, end, "IN")) {
      collapse = C_AFTER_IN;
    } else if (type == T_WORD
        && (SqlChars.isWord(sql, start, end, "VALUES")
            || SqlChars.isWord(sql, start, end, "VALUE"))) {
      collapse = C_AFTER_VALUES;
    } else if (collapse == C_AFTER_IN && type == T_OPEN) {
      collapse = C_IN_OPEN;
    } else if (collapse == C_IN_OPEN && type == T_VALUE) {
      collapse = C_IN_TAIL;
      phase = PH_AFTER_VALUE;
      deferredValues = 0;
    } else if (collapse == C_AFTER_VALUES && type == T_OPEN) {
      collapse = C_VALUES_FIRST;
      depth = 1;
      onlyValues = true;
    } else {
      collapse = C_NONE;
    }
  }

  private void write(int type, int start, int end) {
    if (pendingSpace) {
      pendingSpace = false;
      if (size > 0) {
        put(' ');
      }
    }
    if (type == T_VALUE) {
      put('?');
      previous = P_OPERAND;
      return;
    }
    putRange(start, end);
    previous = type == T_WORD || type == T_CLOSE ? P_OPERAND : P_OPERATOR;
  }

  private void put(char c) {
    if (full) {
      return;
    }
    if (size + 1 > maxLength) {
      truncate();
      return;
    }
    ensure(size + 1);
    out[size++] = c;
  }

  private void put(String s) {
    for (int k = 0; k < s.length(); k++) {
      put(s.charAt(k));
    }
  }

  private void putRange(int start, int end) {
    if (full) {
      return;
    }
    int n = end - start;
    if (size + n <= maxLength) {
      ensure(size + n);
      sql.getChars(start, end, out, size);
      size += n;
      return;
    }
    int fits = maxLength - 3 - size;
    if (fits > 0) {
      ensure(size + fits);
      sql.getChars(start, start + fits, out, size);
      size += fits;
    }
    truncate();
  }

  /** Ends the output with {@code ...} inside the bound; nothing is written after it. */
  private void truncate() {
    size = Math.min(size, maxLength - 3);
    if (size > 0 && Character.isHighSurrogate(out[size - 1])) {
      size--; // never split a character
    }
    ensure(size + 3);
    out[size++] = '.';
    out[size++] = '.';
    out[size++] = '.';
    full = true;
  }

  private void ensure(int capacity) {
    if (capacity > out.length) {
      char[] bigger = new char[Math.min(maxLength, Math.max(capacity, out.length * 2))];
      System.arraycopy(out, 0, bigger, 0, size);
      out = bigger;
    }
  }
}
