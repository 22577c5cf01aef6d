package io.poolscope.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigPoolKeysTest {
  @TempDir Path dir;
  private final RecordingReporter reporter = new RecordingReporter();

  @Test
  void aPoolWithoutItsOwnValueUsesTheGlobalOne() {
    PoolscopeConfig config =
        reporter.load("pool.max-size=10,statement.timeout=5s,pool.orders.max-size=4");
    reporter.nothingReported();
    assertEquals(4, config.poolMaxSize("orders"));
    assertEquals(10, config.poolMaxSize("billing"));
    assertEquals(10, config.poolMaxSize(null));
    assertEquals(5000, config.statementTimeoutMillis("orders"));
  }

  @Test
  void perPoolKeysFromEverySource() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("p.properties"),
            "pool.files.max-size=4\npoolscope.pool.files.statement.timeout=4s\n");
    PoolscopeConfig config =
        reporter.load(
            "pool.args.max-size=1,pool.args.statement.timeout=1s,config=" + file,
            Map.of(
                "poolscope.pool.props.max-size", "2",
                "poolscope.pool.props.statement.timeout", "2s"),
            Map.of(
                "POOLSCOPE_POOL_ENV_MAX_SIZE", "3",
                "POOLSCOPE_POOL_ENV_STATEMENT_TIMEOUT", "3s"));
    reporter.nothingReported();
    assertEquals(1, config.poolMaxSize("args"));
    assertEquals(1000, config.statementTimeoutMillis("args"));
    assertEquals(2, config.poolMaxSize("props"));
    assertEquals(2000, config.statementTimeoutMillis("props"));
    assertEquals(3, config.poolMaxSize("env"));
    assertEquals(3000, config.statementTimeoutMillis("env"));
    assertEquals(4, config.poolMaxSize("files"));
    assertEquals(4000, config.statementTimeoutMillis("files"));
    assertEquals(0, config.poolMaxSize("other"));
  }

  @Test
  void environmentPoolNamesMatchIgnoringCaseWithDotsAndDashesAsUnderscores() {
    PoolscopeConfig config =
        reporter.load(
            null,
            Map.of(),
            Map.of(
                "POOLSCOPE_POOL_HIKARIPOOL_1_MAX_SIZE", "6",
                "POOLSCOPE_POOL_ORDERS_DB_STATEMENT_TIMEOUT", "250ms"));
    reporter.nothingReported();
    assertEquals(6, config.poolMaxSize("HikariPool-1"));
    assertEquals(6, config.poolMaxSize("hikaripool.1"));
    assertEquals(0, config.poolMaxSize("HikariPool-2"));
    assertEquals(250, config.statementTimeoutMillis("orders-db"));
    assertEquals(250, config.statementTimeoutMillis("Orders.DB"));
    assertEquals(250, config.statementTimeoutMillis("orders-db"), "answer is remembered");
  }

  @Test
  void poolNamesMayContainDots() {
    PoolscopeConfig config = reporter.load("pool.app.primary.max-size=3");
    reporter.nothingReported();
    assertEquals(3, config.poolMaxSize("app.primary"));
  }

  @Test
  void precedenceHoldsForOnePoolAcrossSourcesAndSpellings() {
    PoolscopeConfig config =
        reporter.load(
            null,
            Map.of("poolscope.pool.orders.max-size", "7"),
            Map.of("POOLSCOPE_POOL_ORDERS_MAX_SIZE", "9"));
    reporter.nothingReported();
    assertEquals(7, config.poolMaxSize("orders"), "the system property outranks the environment");
    assertEquals(7, config.poolMaxSize("ORDERS"));
  }

  @Test
  void aPoolsOwnOffLiftsTheGlobalCapForThatPool() {
    PoolscopeConfig config = reporter.load("pool.max-size=10,pool.reports.max-size=off");
    reporter.nothingReported();
    assertEquals(0, config.poolMaxSize("reports"));
    assertEquals(10, config.poolMaxSize("orders"));
  }

  @Test
  void aBadPerPoolValueFallsBackToTheGlobalOne() {
    PoolscopeConfig config =
        reporter.load("pool.max-size=10,statement.timeout=3s,pool.orders.max-size=big");
    assertEquals(10, config.poolMaxSize("orders"));
    assertEquals(
        "poolscope: pool.orders.max-size='big' is not a size (use a positive whole number or"
            + " off); using pool.max-size (10) for this pool [agent argument]",
        reporter.onlyWarning());
    reporter.warnings.clear();

    config = reporter.load("statement.timeout=3s,pool.orders.statement.timeout=never");
    assertEquals(3000, config.statementTimeoutMillis("orders"));
    reporter.onlyWarning(
        "pool.orders.statement.timeout='never'",
        "is not a duration",
        "using statement.timeout (3s) for this pool");
  }
}
