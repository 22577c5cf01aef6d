package io.poolscope.agent.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Splices random literals of every kind into statement templates and checks that none of their text
 * survives masking. Templates hold no digits, so any digit in the output is a leaked number; every
 * string carries a random all-letter secret that must not appear.
 */
class SqlMaskerPropertyTest {
  private static final String[] TEMPLATES = {
    "SELECT a, b FROM t WHERE c = ¤ AND d IN (¤, ¤, ¤)",
    "INSERT INTO t (a, b) VALUES (¤, ¤), (¤, ¤)",
    "UPDATE t SET a = ¤, b = ¤ - ¤ WHERE c = ¤ -- trailing\n AND d <> ¤",
    "SELECT ¤::text, data->>¤, data#>¤, tags @> ¤ FROM t",
    "SELECT * FROM t WHERE a BETWEEN ¤ AND ¤ /* c */ ORDER BY a LIMIT ¤",
    "CALL proc(¤, ¤)",
    "SELECT CASE WHEN a > ¤ THEN ¤ ELSE ¤ END AS \"Quoted Name\" FROM `tick`",
    "SELECT x FROM t WHERE (a, b) IN ((¤, ¤), (¤, ¤)) AND e = ANY(ARRAY[¤, ¤])",
    "WITH w AS (SELECT ¤ AS v) SELECT v FROM w WHERE v<>¤",
    "SELECT ¤,¤,¤",
    "SELECT a FROM t WHERE b=¤AND c=¤",
  };

  private final SqlMasker masker = new SqlMasker();
  private final Random random = new Random(20_240_601L);

  @Test
  void noLiteralTextSurvives() {
    for (int run = 0; run < 20_000; run++) {
      List<String> secrets = new ArrayList<>();
      String template = TEMPLATES[random.nextInt(TEMPLATES.length)];
      StringBuilder sql = new StringBuilder();
      for (int k = 0; k < template.length(); k++) {
        char c = template.charAt(k);
        sql.append(c == '¤' ? literal(secrets) : c);
      }
      String masked = masker.mask(sql.toString());
      assertTrue(masked.length() <= SqlMasker.MAX_LENGTH);
      for (int k = 0; k < masked.length(); k++) {
        char c = masked.charAt(k);
        if (c >= '0' && c <= '9') {
          throw new AssertionError("a digit survived in " + masked + "\n from [" + sql + "]");
        }
      }
      for (String secret : secrets) {
        assertFalse(
            masked.contains(secret),
            () -> secret + " survived in " + masked + "\n from [" + sql + "]");
      }
    }
  }

  private String literal(List<String> secrets) {
    switch (random.nextInt(9)) {
      case 0:
        return number();
      case 1:
        return "-" + number();
      case 2:
        return "0x" + Long.toHexString(random.nextLong() & Long.MAX_VALUE).toUpperCase();
      case 3:
        return "X'" + Long.toHexString(random.nextLong()) + "'";
      case 4:
        return "B'" + Long.toBinaryString(random.nextInt() & 0xFFFF) + "'";
      case 5:
        return "E'" + stringBody(secrets) + "'";
      case 6:
        return dollarQuoted(secrets);
      case 7:
        return "N'" + stringBody(secrets) + "'";
      default:
        return "'" + stringBody(secrets) + "'";
    }
  }

  private String number() {
    switch (random.nextInt(6)) {
      case 0:
        return Integer.toString(random.nextInt(Integer.MAX_VALUE));
      case 1:
        return random.nextInt(1000) + "." + random.nextInt(1000);
      case 2:
        return "." + random.nextInt(100_000);
      case 3:
        return random.nextInt(10)
            + "."
            + random.nextInt(100)
            + (random.nextBoolean() ? "e" : "E")
            + (random.nextBoolean() ? "-" : "+")
            + random.nextInt(300);
      case 4:
        return random.nextInt(1000) + "_" + (100 + random.nextInt(900));
      default:
        return Long.toString(random.nextLong() & Long.MAX_VALUE) + "e" + random.nextInt(20);
    }
  }

  /** Text for inside '...' with every escape and every character that could end it early. */
  private String stringBody(List<String> secrets) {
    String[] pieces = {
      "''", "\\'", "\\\\", "\"", "--", "/*", "*/", "$$", "$a$", "(", ")", ",", "?", "é",
      "😀", "\n", " ", "`", "#", "0x1F", "42", "-", "e+5", "IN (", "::", "->>", "\t", ";",
    };
    StringBuilder body = new StringBuilder();
    int parts = random.nextInt(6);
    for (int k = 0; k < parts; k++) {
      body.append(pieces[random.nextInt(pieces.length)]);
    }
    body.append(secret(secrets));
    for (int k = 0; k < parts; k++) {
      body.append(pieces[random.nextInt(pieces.length)]);
    }
    return body.toString();
  }

  private String dollarQuoted(List<String> secrets) {
    String tag = random.nextBoolean() ? "" : "t" + (char) ('a' + random.nextInt(26)) + "_x";
    String body = stringBody(secrets).replace("$" + tag + "$", "");
    // A body must not end in a $ that would join the closing tag.
    return "$" + tag + "$" + body + " $" + tag + "$";
  }

  private String secret(List<String> secrets) {
    StringBuilder s = new StringBuilder("zq");
    for (int k = 0; k < 8; k++) {
      s.append((char) ('a' + random.nextInt(26)));
    }
    secrets.add(s.toString());
    return s.toString();
  }
}
