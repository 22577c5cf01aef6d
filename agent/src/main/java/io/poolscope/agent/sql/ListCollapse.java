package io.poolscope.agent.sql;

import static io.poolscope.agent.sql.TokenType.T_CLOSE;
import static io.poolscope.agent.sql.TokenType.T_COMMA;
import static io.poolscope.agent.sql.TokenType.T_OPEN;
import static io.poolscope.agent.sql.TokenType.T_VALUE;
import static io.poolscope.agent.sql.TokenType.T_WORD;

/**
 * Collapses lists of placeholders as the masked tokens go by: {@code IN (?, ?, ?)} is written
 * {@code IN (?)} and {@code VALUES (?, ?), (?, ?)} as {@code VALUES (?, ?)}, so that statements
 * that differ only in how many values they carry count as one. A list's tail is swallowed while it
 * stays of the same shape, and written out in canonical spacing when it turns out not to be.
 */
final class ListCollapse {
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
  private final BoundedSqlOutput out;

  private int collapse = C_NONE;
  private int phase;
  private int deferredValues;
  private int depth;
  private boolean onlyValues;

  ListCollapse(String sql, BoundedSqlOutput out) {
    this.sql = sql;
    this.out = out;
  }

  /** True inside the tail of a list, where {@link #swallow(int)} may take the next token. */
  boolean inTail() {
    return collapse == C_IN_TAIL || collapse == C_VALUES_TAIL;
  }

  /** Whether a deferred tail takes the token; if it does not fit, the tail is written out first. */
  boolean swallow(int type) {
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
  void flushTail() {
    if (collapse == C_IN_TAIL) {
      for (int k = 0; k < deferredValues && !out.isFull(); k++) {
        out.put(", ?");
      }
      if (phase == PH_AFTER_COMMA) {
        out.put(",");
      }
    } else if (collapse == C_VALUES_TAIL && phase != PH_ROW_DONE) {
      out.put(",");
      if (phase != PH_ROW_COMMA) {
        out.put(" (");
        for (int k = 0; k < deferredValues && !out.isFull(); k++) {
          out.put(k == 0 ? "?" : ", ?");
        }
        if (phase == PH_ROW_ITEM_COMMA) {
          out.put(",");
        }
      }
    }
    collapse = C_NONE;
  }

  void advance(int type, int start, int end) {
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
}
