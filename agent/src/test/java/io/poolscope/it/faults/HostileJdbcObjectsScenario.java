package io.poolscope.it.faults;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.it.faults.hostile.HostileDataSource;
import io.poolscope.it.faults.hostile.HostileDriver;
import io.poolscope.it.faults.hostile.Hostility;
import io.poolscope.it.faults.hostile.Transcript;
import io.poolscope.testing.ReportLine;
import io.poolscope.testing.Scenario;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.commons.dbcp2.DataSourceConnectionFactory;
import org.apache.commons.dbcp2.PoolableConnection;
import org.apache.commons.dbcp2.PoolableConnectionFactory;
import org.apache.commons.dbcp2.PoolingDataSource;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An application that uses hostile JDBC objects ({@code io.poolscope.it.faults.hostile}) over real
 * PostgreSQL: directly through DriverManager, and under HikariCP and DBCP2, each pool once over the
 * hostile driver and once over the hostile DataSource. Every step's outcome goes to {@code
 * transcript.txt} in the work directory, ending with how often each hostile method was called;
 * HostileJdbcObjectsIT compares it with a run without the agent. With the argument {@code agent} it
 * also plants a leak in one pool and waits for Poolscope to report it, then scrapes /metrics.
 * Prints {@code RESULT borrows= leak_seen=}.
 */
public final class HostileJdbcObjectsScenario {
  static final String TRANSCRIPT = "transcript.txt";
  static final int BORROWS_PER_POOL = 20;

  private final Transcript transcript = new Transcript();
  private final Scenario.Db db = Scenario.db();
  private final HostileDriver driver = new HostileDriver();
  private int borrows;

  private HostileJdbcObjectsScenario() {}

  public static void main(String[] args) throws Exception {
    boolean withAgent = args.length > 0 && args[0].equals("agent");
    new HostileJdbcObjectsScenario().run(withAgent);
  }

  private void run(boolean withAgent) throws Exception {
    // Ahead of pgjdbc: DriverManager asks it first, and it answers null for PostgreSQL's URLs.
    DriverManager.registerDriver(driver);
    transcript.step("register hostile driver again", () -> register(driver));
    directly();
    HikariDataSource hikariOverDriver = hikari("hostile-hikari-driver", null);
    Connection planted = null;
    Thread leakThread = null;
    if (withAgent) {
      Connection[] holder = new Connection[1];
      leakThread = new Thread(() -> holder[0] = borrowQuietly(hikariOverDriver), "planted-leak");
      leakThread.start();
      leakThread.join();
      planted = holder[0];
    }
    Map<String, DataSource> pools = new LinkedHashMap<>();
    pools.put("hikari over driver", hikariOverDriver);
    pools.put("hikari over data source", hikari("hostile-hikari-ds", new HostileDataSource(pg())));
    pools.put("dbcp2 over driver", dbcp2OverDriver());
    pools.put("dbcp2 over data source", dbcp2OverDataSource());
    pools.forEach(this::pooled);
    double leakSeen = 0;
    if (withAgent) {
      leakSeen =
          Scenario.awaitEvents("leak_suspected", 1, Duration.ofSeconds(60)).stream()
                  .anyMatch(e -> "planted-leak".equals(e.text("acquired_by")))
              ? 1
              : 0;
      Scenario.scrapeMetrics(); // while the pools are open: a closed pool's meters go
      planted.close();
    }
    pools.forEach((name, ds) -> transcript.step(name + " close pool", () -> closePool(ds)));
    transcript.note("hostile calls " + Hostility.calls());
    transcript.write(Scenario.workdir().resolve(TRANSCRIPT));
    new ReportLine().put("borrows", borrows).put("leak_seen", leakSeen).print();
    System.exit(0); // pools' threads must not keep the JVM up
  }

  private static String register(Driver driver) throws Exception {
    DriverManager.registerDriver(driver);
    return "ok";
  }

  /** The application on DriverManager, calling every hostile method itself. */
  private void directly() throws Exception {
    String url = HostileDriver.urlFor(db.url());
    transcript.step("data source toString", () -> new HostileDataSource(pg()).toString());
    transcript.step("driver.hashCode", driver::hashCode);
    transcript.step("driver.connect(foreign url)", () -> driver.connect(db.url(), credentials()));
    transcript.step(
        "DriverManager past a driver answering null",
        () -> {
          try (Connection plain = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            return sum(plain, 5);
          }
        });
    Connection c = DriverManager.getConnection(url, throwingOnClose());
    transcript.step("connection.toString", c::toString);
    transcript.step("connection.hashCode", c::hashCode);
    transcript.step("connection.isWrapperFor(String)", () -> c.isWrapperFor(String.class));
    transcript.step(
        "connection.unwrap(PGConnection)", () -> c.unwrap(PGConnection.class).getBackendPID() > 0);
    transcript.step("query", () -> sum(c, 10));
    metaData("direct", c);
    Statement s = c.createStatement();
    transcript.step("statement.toString", s::toString);
    transcript.step("statement.hashCode", s::hashCode);
    transcript.step("statement.getConnection", s::getConnection);
    transcript.step("statement query", () -> single(s.executeQuery("select 6 * 7")));
    transcript.step("statement.close", () -> closed(s));
    transcript.step("statement.close again", () -> closed(s));
    transcript.step("connection.close", () -> closed(c));
    transcript.step("connection.close again", () -> closed(c));
    transcript.step(
        "try-with-resources",
        () -> {
          try (Connection t = DriverManager.getConnection(url, throwingOnClose());
              Statement ts = t.createStatement();
              ResultSet rs = ts.executeQuery("select 3")) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  /** Each borrow uses the connection the way an application does, and every hostile method too. */
  private void pooled(String name, DataSource ds) {
    for (int i = 1; i <= BORROWS_PER_POOL; i++) {
      int n = i;
      transcript.step(
          name + " borrow " + n,
          () -> {
            try (Connection c = ds.getConnection()) {
              borrows++;
              return sum(c, n);
            }
          });
    }
    transcript.step(name + " every hostile method", () -> everyMethod(name, ds));
  }

  private String everyMethod(String name, DataSource ds) throws Exception {
    try (Connection c = ds.getConnection()) {
      borrows++;
      transcript.step(name + " connection.toString", () -> c.toString().isEmpty());
      transcript.step(
          name + " unwrap(Connection)", () -> c.unwrap(Connection.class).getClass().getName());
      transcript.step(name + " isWrapperFor(String)", () -> c.isWrapperFor(String.class));
      metaData(name, c);
      Statement s = c.createStatement();
      transcript.step(name + " statement query", () -> single(s.executeQuery("select 6 * 7")));
      transcript.step(name + " statement.getConnection", () -> s.getConnection() == c);
      transcript.step(name + " statement.close", () -> closed(s));
    }
    return "done";
  }

  private void metaData(String name, Connection c) {
    transcript.step(name + " getMetaData (odd) is null", () -> c.getMetaData() == null);
    transcript.step(name + " getMetaData (even)", () -> c.getMetaData() != null);
    transcript.step(name + " getURL", () -> meta(c).getURL());
    transcript.step(name + " getUserName", () -> meta(c).getUserName());
    transcript.step(name + " metadata getConnection", () -> meta(c).getConnection());
    transcript.step(name + " getDatabaseProductName", () -> meta(c).getDatabaseProductName());
  }

  /** The even call's metadata (the odd call's is null), keeping the odd/even rhythm. */
  private static DatabaseMetaData meta(Connection c) throws Exception {
    DatabaseMetaData first = c.getMetaData();
    return first != null ? first : c.getMetaData();
  }

  private HikariDataSource hikari(String name, DataSource over) {
    HikariDataSource ds = new HikariDataSource();
    ds.setPoolName(name);
    if (over == null) {
      ds.setJdbcUrl(HostileDriver.urlFor(db.url()));
      ds.setUsername(db.user());
      ds.setPassword(db.password());
    } else {
      ds.setDataSource(over);
    }
    ds.setMaximumPoolSize(3);
    ds.setMinimumIdle(1);
    ds.setConnectionTimeout(30_000);
    return ds;
  }

  private BasicDataSource dbcp2OverDriver() {
    BasicDataSource ds = new BasicDataSource();
    ds.setDriver(driver);
    ds.setUrl(HostileDriver.urlFor(db.url()));
    ds.setUsername(db.user());
    ds.setPassword(db.password());
    ds.setMaxTotal(3);
    ds.setMaxWait(Duration.ofSeconds(30));
    return ds;
  }

  private DataSource dbcp2OverDataSource() {
    PoolableConnectionFactory factory =
        new PoolableConnectionFactory(
            new DataSourceConnectionFactory(new HostileDataSource(pg())), null);
    GenericObjectPool<PoolableConnection> pool = new GenericObjectPool<>(factory);
    pool.setMaxTotal(3);
    pool.setMaxWait(Duration.ofSeconds(30));
    factory.setPool(pool);
    return new PoolingDataSource<>(pool);
  }

  private PGSimpleDataSource pg() {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(db.url());
    pg.setUser(db.user());
    pg.setPassword(db.password());
    return pg;
  }

  private Properties throwingOnClose() {
    Properties p = credentials();
    p.setProperty(HostileDriver.THROW_ON_CLOSE, "true");
    return p;
  }

  private Properties credentials() {
    Properties p = new Properties();
    p.setProperty("user", db.user());
    p.setProperty("password", db.password());
    return p;
  }

  private Connection borrowQuietly(DataSource ds) {
    try {
      Connection c = ds.getConnection();
      sum(c, 1);
      return c;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String closePool(DataSource ds) throws Exception {
    ((AutoCloseable) ds).close();
    return "closed";
  }

  private static String closed(AutoCloseable c) throws Exception {
    c.close();
    return "closed";
  }

  /** 1 + … + n computed by the database, and whether it is right. */
  private static String sum(Connection c, int n) throws Exception {
    try (PreparedStatement s = c.prepareStatement("select sum(g) from generate_series(1, ?) g")) {
      s.setInt(1, n);
      long got = single(s.executeQuery());
      return got == (long) n * (n + 1) / 2 ? "right" : "WRONG " + got;
    }
  }

  private static long single(ResultSet rs) throws Exception {
    try (rs) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
