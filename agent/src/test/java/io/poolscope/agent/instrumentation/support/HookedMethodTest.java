package io.poolscope.agent.instrumentation.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.instrumentation.jdbc.JdbcInstrumentation;
import io.poolscope.bootstrap.Hooks;
import io.poolscope.bootstrap.JdbcDispatcher;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real JDBC inlined rules, woven by {@link InlinedWeaving} into {@link HookedMethodSubject} and
 * run: the hooks see what Byte Buddy's advice hands them, and the methods behave as before —
 * results, exceptions (caught inside or thrown out), replaced arguments, and a refusal that skips
 * the method's code.
 */
class HookedMethodTest {
  /** Records what the hooks tell it; answers as {@link #refusal} and {@link #timeout} say. */
  private static final class Recording implements JdbcDispatcher {
    final List<String> calls = new ArrayList<>();
    Object refusal;
    int timeout = -1;
    Object[] connectArguments;

    @Override
    public Object connectStarting(Object driver, String url) {
      calls.add("connectStarting " + url);
      return refusal;
    }

    @Override
    public Object[] connectArguments(Object driver, String url, Object properties) {
      return connectArguments;
    }

    @Override
    public void connected(
        Object driver, String url, Object connection, Throwable error, long start, long end) {
      calls.add("connected " + url + " " + connection + " " + error);
    }

    @Override
    public Object acquireStarting(Object dataSource) {
      return refusal;
    }

    @Override
    public void acquired(
        Object dataSource, Object connection, Throwable error, long start, long end) {
      calls.add("acquired " + connection + " " + error);
    }

    @Override
    public void connectionClosed(Object connection) {}

    @Override
    public void connectionAborted(Object connection) {}

    @Override
    public void statementCreated(Object connection, Object statement, String sql) {}

    @Override
    public void statementClosed(Object statement) {}

    @Override
    public Object statementStarting(Object statement, String sql, boolean batch) {
      calls.add("starting " + sql);
      return "token";
    }

    @Override
    public void statementFinished(Object statement, Object token, Object result, Throwable error) {
      calls.add("finished " + token + " " + result + " " + error);
    }

    @Override
    public int queryTimeoutRequested(Object statement, int seconds) {
      return timeout < 0 ? seconds : timeout;
    }
  }

  private final Recording dispatcher = new Recording();

  @AfterEach
  void uninstall() {
    Hooks.install(null);
    Hooks.gateAcquisitions(false);
  }

  /** A new instance of the subject woven for these woven super types. */
  private Object woven(String... superTypes) throws Exception {
    InlinedRules rules = new JdbcInstrumentation().inlinedRules();
    List<InlinedMethod> methods = rules.methodsFor("com.example.Subject", List.of(superTypes));
    byte[] original;
    try (InputStream in =
        HookedMethodSubject.class.getResourceAsStream("HookedMethodSubject.class")) {
      original = in.readAllBytes();
    }
    byte[] bytes = InlinedWeaving.weave(original, methods);
    String name = HookedMethodSubject.class.getName();
    ClassLoader loader =
        new ClassLoader(getClass().getClassLoader()) {
          @Override
          protected Class<?> loadClass(String className, boolean resolve)
              throws ClassNotFoundException {
            if (!className.equals(name)) {
              return super.loadClass(className, resolve);
            }
            synchronized (getClassLoadingLock(className)) {
              Class<?> loaded = findLoadedClass(className);
              return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
            }
          }
        };
    Hooks.install(dispatcher);
    return Class.forName(name, true, loader).getConstructor().newInstance();
  }

  private static Object call(Object subject, String method, Class<?>[] types, Object... args)
      throws Throwable {
    Method m = subject.getClass().getMethod(method, types);
    try {
      return m.invoke(subject, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Object field(Object subject, String name) throws Exception {
    return subject.getClass().getField(name).get(subject);
  }

  @Test
  void anExecutionIsReportedOnceWithItsResultWhicheverReturnItTakes() throws Throwable {
    Object statement = woven("java.sql.Statement");
    Class<?>[] sql = {String.class};
    assertEquals(3, call(statement, "executeUpdate", sql, "abc"));
    assertEquals(-2, call(statement, "executeUpdate", sql, "caught"));
    String many = "x".repeat(100);
    assertEquals(7425, call(statement, "executeUpdate", sql, many));
    assertEquals(
        List.of(
            "starting abc",
            "finished token 3 null",
            "starting caught",
            "finished token -2 null",
            "starting " + many,
            "finished token 7425 null"),
        dispatcher.calls);
  }

  @Test
  void anExceptionLeavesUnchangedAndIsReported() throws Throwable {
    Object statement = woven("java.sql.Statement");
    SQLException thrown =
        assertThrows(
            SQLException.class,
            () -> call(statement, "executeUpdate", new Class<?>[] {String.class}, "fail"));
    assertEquals("refused: fail", thrown.getMessage());
    assertEquals(List.of("starting fail", "finished token null " + thrown), dispatcher.calls);
  }

  @Test
  void theQueryTimeoutTheMethodGetsIsTheOneTheHookReturns() throws Throwable {
    Object statement = woven("java.sql.Statement");
    dispatcher.timeout = 5;
    call(statement, "setQueryTimeout", new Class<?>[] {int.class}, 600);
    assertEquals(5, field(statement, "timeoutSeen"));
  }

  @Test
  void aRefusedAcquisitionThrowsWithoutRunningTheMethod() throws Throwable {
    Object dataSource = woven("javax.sql.DataSource");
    SQLException refusal = new SQLException("circuit open");
    dispatcher.refusal = refusal;
    Hooks.gateAcquisitions(true);
    assertSame(
        refusal,
        assertThrows(SQLException.class, () -> call(dataSource, "getConnection", new Class<?>[0])));
    assertFalse((Boolean) field(dataSource, "bodyRan"));
    assertEquals(List.of(), dispatcher.calls, "a refusal has no exit");

    dispatcher.refusal = null;
    assertNull(call(dataSource, "getConnection", new Class<?>[0]));
    assertTrue((Boolean) field(dataSource, "bodyRan"));
    assertEquals(List.of("acquired null null"), dispatcher.calls);
  }

  @Test
  void aConnectGetsTheChangedArgumentsAndReportsTheApplicationsUrl() throws Throwable {
    Object driver = woven("java.sql.Driver");
    Class<?>[] types = {String.class, Properties.class};
    Properties changed = new Properties();
    dispatcher.connectArguments = new Object[] {"jdbc:x://changed", changed};
    assertEquals(
        "connected to jdbc:x://changed",
        call(driver, "connect", types, "jdbc:x://asked", new Properties()));
    assertEquals("jdbc:x://changed", field(driver, "urlSeen"));
    assertSame(changed, field(driver, "propertiesSeen"));
    assertEquals(
        List.of(
            "connectStarting jdbc:x://asked",
            "connected jdbc:x://asked connected to jdbc:x://changed null"),
        dispatcher.calls);
  }

  @Test
  void aRefusedConnectIsReportedAndThrownWithoutRunningTheDriver() throws Throwable {
    Object driver = woven("java.sql.Driver");
    SQLException refusal = new SQLException("connections.max reached");
    dispatcher.refusal = refusal;
    Class<?>[] types = {String.class, Properties.class};
    assertSame(
        refusal,
        assertThrows(
            SQLException.class,
            () -> call(driver, "connect", types, "jdbc:x://asked", new Properties())));
    assertNull(field(driver, "urlSeen"), "the driver's code did not run");
    assertEquals(
        List.of("connectStarting jdbc:x://asked", "connected jdbc:x://asked null " + refusal),
        dispatcher.calls);
  }
}
