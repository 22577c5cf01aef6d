package io.poolscope.agent.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tricky statements from PostgreSQL, MySQL and H2, each with its exact masked form. */
class SqlMaskerCorpusTest {
  private final SqlMasker masker = new SqlMasker();

  static Stream<Arguments> corpus() {
    return Stream.of(
        // plain literals
        c(
            "SELECT * FROM users WHERE name = 'alice' AND age > 30",
            "SELECT * FROM users WHERE name = ? AND age > ?"),
        c("select 'it''s' from dual", "select ? from dual"),
        c("SELECT '' , ''''", "SELECT ? , ?"),
        c("SELECT 'O\\'Brien', 'x'", "SELECT ?, ?"), // MySQL backslash escape
        c("SELECT E'line\\nbreak \\' quote', 1", "SELECT ?, ?"),
        c("SELECT e'\\\\', 2", "SELECT ?, ?"),
        c("SELECT N'naïve', X'1F2E', x'ff', B'1010', b'01'", "SELECT ?, ?, ?, ?, ?"),
        c("SELECT U&'d\\0061t\\+000061' AS u", "SELECT ? AS u"),
        c("SELECT _utf8mb4'secret' COLLATE utf8mb4_bin", "SELECT _utf8mb4? COLLATE utf8mb4_bin"),
        // dollar quotes
        c("SELECT $$it's a $ sign$$, 1", "SELECT ?, ?"),
        c("SELECT $body$ nested $$ not the end $x$ $body$ FROM t", "SELECT ? FROM t"),
        c("DO $fn$BEGIN RAISE NOTICE 'hi'; END$fn$", "DO ?"),
        c("SELECT $1, $2::int FROM t WHERE a = $3", "SELECT $1, $2::int FROM t WHERE a = $3"),
        c("SELECT a$b, $ FROM t", "SELECT a$b, $ FROM t"),
        // numbers
        c("SELECT 1, 1.5, .5, 5., 1e10, 1.5E-3, 2e+4", "SELECT ?, ?, ?, ?, ?, ?, ?"),
        c("SELECT 0x1F, 0b101, 0o17, 1_000_000", "SELECT ?, ?, ?, ?"),
        c(
            "SELECT t1.col_2, x3 FROM t1 JOIN \"T2\" ON t1.id=\"T2\".id",
            "SELECT t1.col_2, x3 FROM t1 JOIN \"T2\" ON t1.id=\"T2\".id"),
        c(
            "UPDATE t SET a = -5, b = a-1, c = a - -2.5 WHERE d=-1e3",
            "UPDATE t SET a = ?, b = a-?, c = a - ? WHERE d=?"),
        c("SELECT -1, (-2), arr[1] - 3", "SELECT -?, (?), arr[?] - ?"),
        c("SELECT col-1 FROM t", "SELECT col-? FROM t"),
        // IN lists and VALUES rows
        c("SELECT * FROM t WHERE id IN (1, 2, 3)", "SELECT * FROM t WHERE id IN (?)"),
        c(
            "SELECT * FROM t WHERE id in ('a','b','c') AND x NOT IN (?,?)",
            "SELECT * FROM t WHERE id in (?) AND x NOT IN (?)"),
        c("SELECT * FROM t WHERE id IN (-1, -2, 3)", "SELECT * FROM t WHERE id IN (?)"),
        c("SELECT * FROM t WHERE id IN ( 1 , 2 )", "SELECT * FROM t WHERE id IN ( ? )"),
        c("SELECT * FROM t WHERE id IN (1, 2, x)", "SELECT * FROM t WHERE id IN (?, ?, x)"),
        c("SELECT * FROM t WHERE id IN (1, 2, now())", "SELECT * FROM t WHERE id IN (?, ?, now())"),
        c(
            "SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE v = 'x')",
            "SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE v = ?)"),
        c(
            "SELECT * FROM t WHERE (a, b) IN ((1, 2), (3, 4))",
            "SELECT * FROM t WHERE (a, b) IN ((?, ?), (?, ?))"),
        c(
            "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')",
            "INSERT INTO t (a, b) VALUES (?, ?)"),
        c(
            "INSERT INTO t VALUES (?, ?),(?, ?) ON CONFLICT DO NOTHING",
            "INSERT INTO t VALUES (?, ?) ON CONFLICT DO NOTHING"),
        c("INSERT INTO t VALUES (1, 2), (3, now())", "INSERT INTO t VALUES (?, ?), (?, now())"),
        c(
            "INSERT INTO t VALUES (1, now()), (2, now())",
            "INSERT INTO t VALUES (?, now()), (?, now())"),
        c("INSERT INTO t VALUES (1), (2), (3)", "INSERT INTO t VALUES (?)"),
        // comments
        c("SELECT /* hint 'x' */ a -- trailing 'secret'\nFROM t", "SELECT a FROM t"),
        c("SELECT 1 /* outer /* inner 'x' */ still comment */ FROM t", "SELECT ? FROM t"),
        c("/* leading */ SELECT a FROM t /* trailing */", "SELECT a FROM t"),
        c("SELECT a/**/FROM t", "SELECT a FROM t"),
        c("SELECT '/* not a comment */', '-- nor this' FROM t", "SELECT ?, ? FROM t"),
        c("SELECT a FROM t -- no newline at the end", "SELECT a FROM t"),
        // unterminated
        c("SELECT * FROM t WHERE a = 'unterminated secret", "SELECT * FROM t WHERE a = ?"),
        c("SELECT * FROM t WHERE a = 'ends in backslash\\", "SELECT * FROM t WHERE a = ?"),
        c("SELECT $$ never closed secret", "SELECT ?"),
        c("SELECT $tag$ closed by the wrong tag $other$ secret", "SELECT ?"),
        c("SELECT a /* never closed 'secret' ", "SELECT a"),
        c("SELECT \"unterminated ident 'secret'", "SELECT ?"),
        c("SELECT `unterminated 42", "SELECT ?"),
        // identifiers, casts, JSON operators, placeholders
        c(
            "SELECT `order`, \"select\" FROM `my db`.`t``x`",
            "SELECT `order`, \"select\" FROM `my db`.`t``x`"),
        c(
            "SELECT \"a\"\"b\" FROM \"Schema\".\"Table 1\"",
            "SELECT \"a\"\"b\" FROM \"Schema\".\"Table 1\""),
        c(
            "SELECT 'a'::text, 42::bigint, CAST('2024-01-01' AS date)",
            "SELECT ?::text, ?::bigint, CAST(? AS date)"),
        c(
            "SELECT data->'a'->>'b', data#>'{x,y}', data#>>'{z}' FROM t",
            "SELECT data->?->>?, data#>?, data#>>? FROM t"),
        c(
            "SELECT * FROM t WHERE tags @> '[\"x\"]' AND d ? 'k' AND d ?| array['a'] AND d ?&"
                + " array['b']",
            "SELECT * FROM t WHERE tags @> ? AND d ? ? AND d ?| array[?] AND d ?& array[?]"),
        c("SELECT data->0, data->-1 FROM t", "SELECT data->?, data->? FROM t"),
        c(
            "SELECT * FROM t WHERE a = ? AND b = :name AND c = ?",
            "SELECT * FROM t WHERE a = ? AND b = :name AND c = ?"),
        c("SELECT * FROM t WHERE d ?? 'k'", "SELECT * FROM t WHERE d ?? ?"),
        c("SELECT arr[1:2] FROM t", "SELECT arr[?:?] FROM t"),
        // H2 and MySQL specifics
        c("SELECT * FROM t LIMIT 10 OFFSET 20", "SELECT * FROM t LIMIT ? OFFSET ?"),
        c("SET @v := 5; SELECT @@session.sql_mode", "SET @v := ?; SELECT @@session.sql_mode"),
        c("MERGE INTO t KEY(id) VALUES (1, 'a')", "MERGE INTO t KEY(id) VALUES (?, ?)"),
        c(
            "SELECT DATE '2024-01-01', TIMESTAMP '2024-01-01 10:00:00', INTERVAL '1' DAY",
            "SELECT DATE ?, TIMESTAMP ?, INTERVAL ? DAY"),
        c("CALL my_proc(1, 'x')", "CALL my_proc(?, ?)"),
        c("{call my_proc(?, 'y')}", "{call my_proc(?, ?)}"),
        // whitespace and Unicode
        c("  SELECT\n\ta,\r\n  b\u00a0 FROM   t  \n", "SELECT a, b FROM t"),
        c(
            "SELECT café, 名前 FROM données WHERE ville = 'Zürich' AND x = '日本'",
            "SELECT café, 名前 FROM données WHERE ville = ? AND x = ?"),
        c("SELECT '😀 emoji' , \"😀\" FROM t", "SELECT ? , \"😀\" FROM t"),
        c("", ""),
        c("   ", ""),
        c("-- only a comment", ""));
  }

  private static Arguments c(String sql, String masked) {
    return Arguments.of(sql, masked);
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void masks(String sql, String expected) {
    assertEquals(expected, masker.mask(sql));
  }

  @Test
  void nullStaysNull() {
    assertNull(masker.mask(null));
    assertNull(new SqlMasker(false).mask(null));
  }

  @Test
  void withoutLiteralMaskingOnlyCommentsAndSpaceChange() {
    SqlMasker plain = new SqlMasker(false);
    assertEquals(
        "SELECT 'a -- b', 42 FROM t WHERE id IN (1, 2, 3)",
        plain.mask("SELECT 'a -- b', /* c */ 42\n  FROM t -- d\n WHERE id IN (1, 2, 3)"));
    assertEquals("SELECT $$ x $$, E'\\''", plain.mask("SELECT $$ x $$, E'\\''"));
    assertEquals("SELECT 'unterminated", plain.mask("SELECT 'unterminated"));
  }

  @Test
  void standardStringEndingInBackslashRunsOnToTheNextQuote() {
    // The documented limit: backslash escapes are assumed (MySQL, E''), so PostgreSQL's 'C:\'
    // swallows the text up to the next quote and what sits between two literals shows.
    assertEquals(
        "SELECT * FROM f WHERE p = ?bob?",
        masker.mask("SELECT * FROM f WHERE p = 'C:\\' AND n = 'bob'"));
  }
}
