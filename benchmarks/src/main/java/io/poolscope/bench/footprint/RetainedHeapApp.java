package io.poolscope.bench.footprint;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.bench.HikariPools;
import io.poolscope.testing.HeapAfterGc;
import io.poolscope.testing.ReportLine;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.management.ObjectName;

/**
 * Child JVM: runs many distinct SQL texts and opens and closes many physical connections through a
 * pool, then reports the heap still in use after full collections. The parent subtracts the same
 * run without an agent. Arguments: distinct SQL texts, physical connections.
 */
public final class RetainedHeapApp {
  private RetainedHeapApp() {}

  public static void main(String[] args) throws Exception {
    int sqlTexts = Integer.parseInt(args[0]);
    int connections = Integer.parseInt(args[1]);
    long heapAtStart;
    try (HikariDataSource pool = HikariPools.open("footprint", HikariPools.h2("footprint"), 2)) {
      heapAtStart = HeapAfterGc.usedBytes();
      runDistinctSql(pool, sqlTexts);
    }
    churnConnections(connections);
    long heapAtEnd = HeapAfterGc.usedBytes();
    new ReportLine()
        .put("heap_start_kb", heapAtStart / 1024.0)
        .put("heap_end_kb", heapAtEnd / 1024.0)
        .put("poolscope_objects_kb", poolscopeObjectBytes() / 1024.0)
        .print();
  }

  /** Distinct after literal masking too: the texts differ in a column alias, not a literal. */
  private static void runDistinctSql(HikariDataSource pool, int count) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      for (int i = 0; i < count; i++) {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT 1 AS c" + i + " FROM DUAL");
            ResultSet rows = statement.executeQuery()) {
          rows.next();
        }
      }
    }
  }

  /**
   * A pool of one per connection, opened, used and closed: HikariCP's own replacement of an evicted
   * connection pauses 30 ms each time, which would make 10,000 connections take minutes. Closed
   * pools are what an agent must forget, too.
   */
  private static void churnConnections(int count) throws SQLException {
    String url = HikariPools.h2("churn");
    for (int i = 0; i < count; i++) {
      try (HikariDataSource pool = HikariPools.open("churn-" + i, url, 1);
          Connection connection = pool.getConnection()) {
        connection.isValid(1);
      }
    }
  }

  /** Shallow size of every live object of Poolscope's own classes, from a class histogram. */
  private static long poolscopeObjectBytes() throws Exception {
    String histogram =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
    long bytes = 0;
    for (String line : histogram.split("\n")) {
      String[] columns = line.trim().split("\\s+");
      if (columns.length >= 4
          && columns[3].startsWith("io.poolscope.")
          && !columns[3].startsWith("io.poolscope.bench.")) {
        bytes += Long.parseLong(columns[2]);
      }
    }
    return bytes;
  }
}
