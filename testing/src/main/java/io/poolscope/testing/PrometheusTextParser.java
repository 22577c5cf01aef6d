package io.poolscope.testing;

import io.poolscope.testing.PrometheusText.Sample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Prometheus text into a {@link PrometheusText}: comments for {@code # TYPE} and {@code #
 * HELP}, one {@link SampleLine} per sample. Kept apart from the lookups so that each reads on its
 * own; a line it cannot read fails the parse with the line's number.
 */
final class PrometheusTextParser {
  private PrometheusTextParser() {}

  static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, String> helps = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        if (line.startsWith("#")) {
          readComment(line, types, helps);
        } else {
          samples.add(new SampleLine(line).read());
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + " is not Prometheus text (" + e.getMessage() + "): " + line, e);
      }
    }
    return new PrometheusText(samples, types, helps);
  }

  private static void readComment(
      String line, Map<String, String> types, Map<String, String> helps) {
    String[] parts = line.substring(1).strip().split("\\s+", 3);
    if (parts.length >= 2 && parts[0].equals("TYPE")) {
      types.put(unquote(parts[1]), parts.length == 3 ? parts[2].strip() : "untyped");
    } else if (parts.length >= 2 && parts[0].equals("HELP")) {
      helps.put(unquote(parts[1]), parts.length == 3 ? unescapeHelp(parts[2]) : "");
    }
    // Any other comment, and "# EOF", carries nothing.
  }

  static double parseValue(String text) {
    switch (text) {
      case "+Inf":
      case "Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        return Double.parseDouble(text);
    }
  }

  private static String unquote(String name) {
    return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")
        ? name.substring(1, name.length() - 1)
        : name;
  }

  private static String unescapeHelp(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        out.append(next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Reads one sample line: {@code name{label="value",...} value [timestamp] [# exemplar]}. */
  private static final class SampleLine {
    private final String line;
    private int at;

    SampleLine(String line) {
      this.line = line;
    }

    Sample read() {
      String name = line.charAt(0) == '{' ? null : readName();
      Map<String, String> labels = new LinkedHashMap<>();
      skipSpaces();
      if (at < line.length() && line.charAt(at) == '{') {
        at++;
        name = readLabels(labels, name);
      }
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("no metric name");
      }
      skipSpaces();
      int start = at;
      while (at < line.length() && !Character.isWhitespace(line.charAt(at))) {
        at++;
      }
      if (start == at) {
        throw new IllegalArgumentException("no value");
      }
      double value = parseValue(line.substring(start, at));
      // A timestamp or an OpenMetrics exemplar may follow; tests have no use for either.
      return new Sample(name, Collections.unmodifiableMap(labels), value);
    }

    private String readName() {
      int start = at;
      while (at < line.length() && isNameChar(line.charAt(at))) {
        at++;
      }
      return line.substring(start, at);
    }

    /** Reads up to the closing brace; returns the metric name, which may be quoted inside. */
    private String readLabels(Map<String, String> labels, String name) {
      while (true) {
        skipSpaces();
        if (peek() == '}') {
          at++;
          return name;
        }
        String labelName = peek() == '"' ? readQuoted() : readName();
        skipSpaces();
        if (peek() == '=') {
          at++;
          skipSpaces();
          labels.put(labelName, readQuoted());
        } else if (name == null) {
          name = labelName; // {"metric.name", label="..."}
        } else {
          throw new IllegalArgumentException("expected '=' after label " + labelName);
        }
        skipSpaces();
        if (peek() == ',') {
          at++;
        } else if (peek() != '}') {
          throw new IllegalArgumentException("expected ',' or '}' at column " + (at + 1));
        }
      }
    }

    private String readQuoted() {
      if (peek() != '"') {
        throw new IllegalArgumentException("expected '\"' at column " + (at + 1));
      }
      at++;
      StringBuilder value = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return value.toString();
        }
        if (c == '\\') {
          char escaped = next();
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
      }
    }

    private char peek() {
      if (at >= line.length()) {
        throw new IllegalArgumentException("line ends inside the labels");
      }
      return line.charAt(at);
    }

    private char next() {
      char c = peek();
      at++;
      return c;
    }

    private void skipSpaces() {
      while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
        at++;
      }
    }

    private static boolean isNameChar(char c) {
      return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }
  }
}
