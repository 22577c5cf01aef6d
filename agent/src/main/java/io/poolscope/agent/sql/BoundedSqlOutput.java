package io.poolscope.agent.sql;

/**
 * The masked text as it is written: a char buffer that never grows past {@code maxLength}; what
 * does not fit ends in {@code ...}, and nothing is written after that. Apart from the lexer so that
 * the bound is kept in one place.
 */
final class BoundedSqlOutput {
  private final String sql;
  private final int maxLength;

  private char[] out;
  private int size;
  private boolean full;

  BoundedSqlOutput(String sql, int maxLength) {
    this.sql = sql;
    this.maxLength = maxLength;
    this.out = new char[Math.min(maxLength, sql.length() + 16)];
  }

  /** True once the bound was reached: the scan can stop. */
  boolean isFull() {
    return full;
  }

  boolean isEmpty() {
    return size == 0;
  }

  String result() {
    return new String(out, 0, size);
  }

  void put(char c) {
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

  void put(String s) {
    for (int k = 0; k < s.length(); k++) {
      put(s.charAt(k));
    }
  }

  void putRange(int start, int end) {
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
