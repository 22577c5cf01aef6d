package io.poolscope.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The one table the comparison prints, and writes as CSV and Markdown. */
public final class ResultTable {
  private static final List<String> HEADER =
      List.of("section", "measure", "setup", "value", "unit", "vs no agent", "target", "verdict");

  /** One line: {@code comparison} and {@code target} are free text, empty when not applicable. */
  public record Row(
      String section,
      String measure,
      String setup,
      String value,
      String unit,
      String comparison,
      String target,
      String verdict) {
    List<String> cells() {
      return List.of(section, measure, setup, value, unit, comparison, target, verdict);
    }
  }

  private final List<Row> rows = new ArrayList<>();

  public void add(Row row) {
    rows.add(row);
  }

  public List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Aligned plain text for the terminal. */
  public String text() {
    int[] widths = new int[HEADER.size()];
    List<List<String>> lines = new ArrayList<>();
    lines.add(HEADER);
    rows.forEach(row -> lines.add(row.cells()));
    for (List<String> line : lines) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> line : lines) {
      for (int i = 0; i < widths.length; i++) {
        String cell = line.get(i);
        boolean numeric = i == 3;
        String padded =
            numeric
                ? " ".repeat(widths[i] - cell.length()) + cell
                : cell + " ".repeat(widths[i] - cell.length());
        out.append(padded).append(i + 1 < widths.length ? "  " : "");
      }
      out.append(System.lineSeparator());
    }
    return out.toString();
  }

  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
    out.append("|").append(" --- |".repeat(HEADER.size())).append('\n');
    for (Row row : rows) {
      List<String> cells = new ArrayList<>();
      row.cells().forEach(cell -> cells.add(cell.replace("|", "\\|")));
      out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
    return out.toString();
  }

  public String csv() {
    StringBuilder out = new StringBuilder();
    out.append(csvLine(HEADER));
    rows.forEach(row -> out.append(csvLine(row.cells())));
    return out.toString();
  }

  private static String csvLine(List<String> cells) {
    List<String> quoted = new ArrayList<>();
    for (String cell : cells) {
      quoted.add(
          cell.contains(",") || cell.contains("\"")
              ? "\"" + cell.replace("\"", "\"\"") + "\""
              : cell);
    }
    return String.join(",", quoted) + "\n";
  }

  public void write(Path directory, String preface) throws IOException {
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("results.csv"), csv(), StandardCharsets.UTF_8);
    Files.writeString(
        directory.resolve("results.md"), preface + "\n" + markdown(), StandardCharsets.UTF_8);
  }
}
