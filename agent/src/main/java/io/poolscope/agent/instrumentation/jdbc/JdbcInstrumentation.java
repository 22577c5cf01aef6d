package io.poolscope.agent.instrumentation.jdbc;

import static io.poolscope.agent.instrumentation.support.SafeSuperTypeMatcher.hasSuperTypeNamed;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.poolscope.agent.instrumentation.support.InlinedRules;
import io.poolscope.agent.instrumentation.support.LibraryInstrumentation;
import io.poolscope.agent.pools.PoolAdapters;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDBC interfaces Poolscope weaves: every implementation of {@code Driver}, {@code DataSource},
 * {@code Connection} and {@code Statement}, whatever its class loader — drivers, pools' proxies and
 * wrappers alike. Call depth in the hooks keeps a proxy and the driver below it from both being
 * counted. One file per interface says which methods get which advice.
 */
public final class JdbcInstrumentation implements LibraryInstrumentation {
  static final String DRIVER = "java.sql.Driver";
  static final String DATA_SOURCE = "javax.sql.DataSource";
  static final String CONNECTION = "java.sql.Connection";
  static final String STATEMENT = "java.sql.Statement";

  @Override
  public AgentBuilder apply(AgentBuilder builder) {
    builder = DriverInstrumentation.apply(builder);
    builder = DataSourceInstrumentation.apply(builder);
    builder = ConnectionInstrumentation.apply(builder);
    return StatementInstrumentation.apply(builder);
  }

  /**
   * The pool libraries' base classes that declare {@code getConnection()} without the interface.
   */
  @Override
  public InlinedRules inlinedRules() {
    return new InlinedRules()
        .superType(DRIVER, DriverInstrumentation.connect())
        .superType(DATA_SOURCE, DataSourceInstrumentation.getConnection())
        .superType(CONNECTION, ConnectionInstrumentation.inlined())
        .superType(STATEMENT, StatementInstrumentation.inlined())
        .types(PoolAdapters.allDataSourceBaseClasses(), DataSourceInstrumentation.getConnection());
  }

  @Override
  public List<String> typeNames() {
    return PoolAdapters.allDataSourceBaseClasses();
  }

  @Override
  public List<String> superTypeNames() {
    return List.of(DRIVER, DATA_SOURCE, CONNECTION, STATEMENT);
  }

  /** Every method name the four files match; {@code WovenMethodNamesTest} holds them to it. */
  @Override
  public List<String> methodNames() {
    return List.of(
        "connect", // Driver
        "getConnection", // DataSource
        "close", // Connection and Statement
        "abort",
        "prepareStatement",
        "prepareCall",
        "createStatement",
        "setAutoCommit",
        "commit",
        "rollback",
        "execute", // Statement
        "executeQuery",
        "executeUpdate",
        "executeLargeUpdate",
        "executeBatch",
        "executeLargeBatch",
        "setQueryTimeout");
  }

  /** Public, concrete methods: the ones an application can call on an implementation. */
  static ElementMatcher.Junction<MethodDescription> concreteMethod() {
    return isMethod().and(isPublic()).and(not(isAbstract()));
  }

  static ElementMatcher.Junction<TypeDescription> implementing(String interfaceName) {
    return not(isInterface()).and(hasSuperTypeNamed(interfaceName));
  }
}
