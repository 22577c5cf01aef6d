package io.poolscope.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The declarations are the one source of truth: for parsing, and for the documentation. */
class SettingsTableTest {
  private static final String TABLE_HEADER = "| key | default | kind | meaning |";

  @Test
  void everyDeclarationHasAUniqueNameADocLineAndADefaultThatParses() {
    Set<String> names = new HashSet<>();
    for (Setting<?> setting : Settings.ALL) {
      assertTrue(names.add(setting.text()), "declared twice: " + setting);
      assertFalse(setting.doc().isBlank(), "no doc line: " + setting);
      assertFalse(setting.doc().contains("\n"), "doc is one line: " + setting);
      assertSame(setting, Settings.byText(setting.text()));
      assertSame(setting, Settings.byEnvName(setting.envName()));
      if (setting.defaultText() != null) {
        Parsed<?> parsed = setting.type().parse(setting.defaultText());
        assertFalse(parsed.invalid() || parsed.clamped(), setting + ": " + parsed.problem());
        assertEquals(setting.defaultText(), parsed.shown(), "the default reads as declared");
      }
      if (setting.perPool()) {
        assertNotNull(setting.poolDoc(), "no per-pool doc line: " + setting);
        assertNotNull(KeyCatalog.fromText("pool.p." + setting.poolSuffix()), setting.toString());
      }
    }
  }

  @Test
  void nothingOfFaultInjectionIsLeft() {
    for (Setting<?> setting : Settings.ALL) {
      assertFalse(setting.text().contains("fault"), setting.toString());
    }
  }

  @Test
  void theDefaultsAreTheDeclaredOnes() {
    PoolscopeConfig config = PoolscopeConfig.defaults();
    assertEquals(Settings.SLOW_QUERY_THRESHOLD.defaultValue(), config.slowQueryThresholdMillis());
    assertEquals(Settings.STATEMENTS_MAX.defaultValue(), config.statementsMax());
    assertEquals(Settings.PROMETHEUS_HOST.defaultValue(), config.prometheusHost());
  }

  @Test
  void theDocumentationTableIsTheDeclarations() throws IOException {
    List<String> documented = documentedRows();
    List<String> declared = declaredRows();
    assertEquals(
        String.join("\n", declared),
        String.join("\n", documented),
        "docs/configuration.md's key table must list the declarations of Settings, in order");
  }

  /** The rows docs/configuration.md should have; the failure message above shows them all. */
  private static List<String> declaredRows() {
    List<String> rows = new ArrayList<>();
    for (Setting<?> setting : Settings.ALL) {
      String defaultColumn =
          setting.defaultText() == null ? "—" : "`" + setting.defaultText() + "`";
      rows.add(row(setting.text(), defaultColumn, setting.effect(), setting.doc()));
      if (setting.perPool()) {
        rows.add(
            row(
                "pool.<pool-name>." + setting.poolSuffix(),
                "`" + setting.text() + "`",
                setting.effect(),
                setting.poolDoc()));
      }
    }
    return rows;
  }

  private static String row(String key, String defaultColumn, Setting.Effect effect, String doc) {
    return "| `" + key + "` | " + defaultColumn + " | " + effect.column() + " | " + doc + " |";
  }

  private static List<String> documentedRows() throws IOException {
    List<String> lines = Files.readAllLines(docs(), java.nio.charset.StandardCharsets.UTF_8);
    int header = lines.indexOf(TABLE_HEADER);
    assertTrue(header >= 0, "no key table in docs/configuration.md");
    List<String> rows = new ArrayList<>();
    for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      rows.add(lines.get(i));
    }
    return rows;
  }

  /** Surefire runs in agent/; found by walking up so that an IDE's working directory works too. */
  private static Path docs() {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("docs").resolve("configuration.md");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(
        "docs/configuration.md not found above " + Paths.get("").toAbsolutePath());
  }
}
