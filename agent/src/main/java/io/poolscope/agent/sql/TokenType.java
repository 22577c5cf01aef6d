package io.poolscope.agent.sql;

/**
 * The kinds of token the masking lexer hands to its writer. Plain ints, not an enum, because the
 * scan runs once per new statement text and compares them on every character.
 */
final class TokenType {
  static final int T_VALUE = 0; // a masked literal or a ? placeholder: written as ?
  static final int T_WORD = 1;
  static final int T_OPEN = 2;
  static final int T_CLOSE = 3;
  static final int T_COMMA = 4;
  static final int T_OTHER = 5; // operators, quoted identifiers, $1

  private TokenType() {}
}
