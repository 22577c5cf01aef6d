package io.poolscope.agent.features.slowquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CallerFrameTest {
  @Test
  void skipsPoolscopeDriversPoolsAndFrameworks() {
    assertTrue(CallerFrame.isFramework("io.poolscope.agent.recorder.JdbcRecorder"));
    assertTrue(CallerFrame.isFramework("io.poolscope.bootstrap.Hooks"));
    assertTrue(CallerFrame.isFramework("io.poolscope.shaded.net.bytebuddy.Foo"));
    assertTrue(CallerFrame.isFramework("org.postgresql.jdbc.PgStatement"));
    assertTrue(CallerFrame.isFramework("com.zaxxer.hikari.pool.HikariProxyStatement"));
    assertTrue(CallerFrame.isFramework("org.springframework.jdbc.core.JdbcTemplate"));
    assertTrue(CallerFrame.isFramework("com.example.OrderRepository$$SpringCGLIB$$0"));
  }

  @Test
  void applicationsUnderThePoolscopeNameAreApplications() {
    // The sample app and Poolscope's own tests are applications, not agent frames.
    assertFalse(CallerFrame.isFramework("io.poolscope.sample.SlowQueryScenario"));
    assertFalse(CallerFrame.isFramework("io.poolscope.it.sql.SlowQueryScenario"));
  }

  @Test
  void namesTheFirstApplicationFrame() {
    StackTraceElement[] stack = {
      new StackTraceElement(
          "org.postgresql.jdbc.PgStatement", "executeQuery", "PgStatement.java", 1),
      new StackTraceElement("com.zaxxer.hikari.pool.HikariProxyStatement", "executeQuery", null, 2),
      new StackTraceElement("com.example.Orders", "find", "Orders.java", 42),
      new StackTraceElement("com.example.Main", "main", "Main.java", 7),
    };
    assertEquals("com.example.Orders.find(Orders.java:42)", CallerFrame.of(stack));
  }

  @Test
  void codeTheDriverCallsBackIsNotTheCaller() {
    // A thread inside an embedded database's Java function, as Thread#getStackTrace shows it.
    StackTraceElement[] stack = {
      new StackTraceElement("java.lang.Thread", "sleep", "Thread.java", 1),
      new StackTraceElement("com.example.DbFunctions", "sleepMillis", "DbFunctions.java", 8),
      new StackTraceElement("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", null, 3),
      new StackTraceElement("org.h2.command.Command", "executeQuery", "Command.java", 4),
      new StackTraceElement("org.h2.jdbc.JdbcStatement", "execute", "JdbcStatement.java", 5),
      new StackTraceElement("com.example.Reports", "run", "Reports.java", 24),
    };
    assertEquals("com.example.Reports.run(Reports.java:24)", CallerFrame.of(stack));
  }

  @Test
  void bothWalksNameTheFrameAlikeWithoutALoaderPrefix() {
    // A frame's own toString() says "app//com.example.Orders.find(...)" for the application
    // class loader; the caller field must read the same from either walk.
    StackTraceElement withLoader =
        new StackTraceElement("app", null, null, "com.example.Orders", "find", "Orders.java", 42);
    assertTrue(withLoader.toString().startsWith("app//"), withLoader.toString());
    assertEquals(
        "com.example.Orders.find(Orders.java:42)",
        CallerFrame.of(new StackTraceElement[] {withLoader}));
    // This test is itself under io.poolscope.agent (skipped): the walk names JUnit's frame.
    String here = CallerFrame.ofCurrentThread();
    assertTrue(here.matches("org\\.junit\\.[\\w.$]+\\.[\\w$]+\\([\\w.]+:\\d+\\)"), here);
  }

  @Test
  void theCallerOfAnAcquisitionIsOutsideTheApplicationsConnectionHelpers() {
    int line = io.poolscope.callers.ConnectionHelpers.site();
    assertEquals(
        "io.poolscope.callers.ConnectionHelpers.site(ConnectionHelpers.java:" + line + ")",
        io.poolscope.callers.ConnectionHelpers.seen);
    io.poolscope.callers.ConnectionHelpers.wrapped();
    assertTrue(
        io.poolscope.callers.ConnectionHelpers.seen.startsWith(
            "io.poolscope.callers.ConnectionHelpers.wrapped("),
        io.poolscope.callers.ConnectionHelpers.seen);
  }
}
