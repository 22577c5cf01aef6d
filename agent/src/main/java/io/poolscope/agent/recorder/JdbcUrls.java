package io.poolscope.agent.recorder;

/**
 * Makes a JDBC URL safe to print: credentials never leave it. User info ({@code user:pass@},
 * Oracle's {@code scott/tiger@}) is removed, and so is everything after the database part ({@code
 * ?...} or {@code ;...} properties, where drivers take {@code password=}).
 */
public final class JdbcUrls {
  private static final int MAX_LENGTH = 200;

  private JdbcUrls() {}

  public static String mask(String url) {
    if (url == null) {
      return "unknown";
    }
    String s = url;
    int properties = firstPropertiesIndex(s);
    if (properties >= 0) {
      s = s.substring(0, properties);
    }
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      int slashes = s.indexOf("//");
      int start;
      if (slashes >= 0 && slashes < at) {
        start = slashes + 2;
      } else {
        start = s.lastIndexOf(':', at) + 1;
      }
      if (start > 0 && start <= at) {
        s = s.substring(0, start) + s.substring(at + 1);
      }
    }
    return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s;
  }

  /**
   * True when {@code url} itself turns auto-commit off for the connection it opens, where the
   * driver has such a setting: H2's {@code ;AUTOCOMMIT=FALSE} (or {@code OFF}). PostgreSQL's driver
   * has none; others' are not read (nor are settings given as connect properties).
   */
  public static boolean autoCommitOff(String url) {
    if (url == null || !url.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
      return false;
    }
    for (int i = url.indexOf(';'); i >= 0; i = url.indexOf(';', i + 1)) {
      int end = url.indexOf(';', i + 1);
      String setting = url.substring(i + 1, end < 0 ? url.length() : end).trim();
      int eq = setting.indexOf('=');
      if (eq > 0 && setting.substring(0, eq).trim().equalsIgnoreCase("AUTOCOMMIT")) {
        String value = setting.substring(eq + 1).trim();
        return value.equalsIgnoreCase("FALSE") || value.equalsIgnoreCase("OFF");
      }
    }
    return false;
  }

  private static int firstPropertiesIndex(String url) {
    int question = url.indexOf('?');
    // H2 and SQL Server put properties after ';' ; skip the "jdbc:" scheme part.
    int semicolon = url.indexOf(';');
    if (question < 0) {
      return semicolon;
    }
    if (semicolon < 0) {
      return question;
    }
    return Math.min(question, semicolon);
  }
}
