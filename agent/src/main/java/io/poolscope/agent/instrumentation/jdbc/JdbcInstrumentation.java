package io.poolscope.agent.instrumentation.jdbc;

import static io.poolscope.agent.instrumentation.SafeSuperTypeMatcher.hasSuperTypeNamed;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.poolscope.agent.instrumentation.Instrumentations;
import io.poolscope.agent.pools.PoolAdapters;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Which JDBC types and methods are woven, and with which advice. Every implementation of the four
 * JDBC interfaces is matched, whatever its class loader: drivers, pools' proxies and wrappers
 * alike; call depth in the hooks keeps a proxy and the driver below it from both being counted.
 */
public final class JdbcInstrumentation {
  private JdbcInstrumentation() {}

  /** The single-statement executions; with or without SQL, see the two advice classes. */
  private static final ElementMatcher.Junction<MethodDescription> EXECUTE =
      namedOneOf("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");

  public static AgentBuilder apply(AgentBuilder builder) {
    ElementMatcher.Junction<MethodDescription> concrete =
        isMethod().and(isPublic()).and(not(isAbstract()));
    return builder
        .type(implementing("java.sql.Driver"))
        .transform(
            Instrumentations.advice(
                concrete
                    .and(named("connect"))
                    .and(takesArguments(2))
                    .and(takesArgument(0, String.class)),
                DriverConnectAdvice.class))
        .type(
            implementing("javax.sql.DataSource")
                .or(namedOneOf(PoolAdapters.allDataSourceBaseClasses().toArray(new String[0]))))
        .transform(
            Instrumentations.advice(
                concrete
                    .and(named("getConnection"))
                    .and(takesArguments(0).or(takesArguments(2)))
                    .and(returns(named("java.sql.Connection"))),
                DataSourceGetConnectionAdvice.class))
        .type(implementing("java.sql.Connection"))
        .transform(
            Instrumentations.advice(
                concrete.and(named("close")).and(takesArguments(0)), ConnectionCloseAdvice.class))
        .transform(
            Instrumentations.advice(
                concrete.and(named("abort")).and(takesArguments(1)), ConnectionAbortAdvice.class))
        .transform(
            Instrumentations.advice(
                concrete
                    .and(namedOneOf("prepareStatement", "prepareCall"))
                    .and(takesArgument(0, String.class)),
                PrepareStatementAdvice.class))
        .transform(
            Instrumentations.advice(
                concrete.and(named("createStatement")), CreateStatementAdvice.class))
        .type(implementing("java.sql.Statement"))
        .transform(
            Instrumentations.advice(
                concrete.and(EXECUTE).and(takesArgument(0, String.class)),
                ExecuteSqlAdvice.class,
                ExecuteExitAdvice.class))
        .transform(
            Instrumentations.advice(
                concrete.and(EXECUTE).and(takesArguments(0)),
                ExecutePreparedAdvice.class,
                ExecuteExitAdvice.class))
        .transform(
            Instrumentations.advice(
                concrete
                    .and(namedOneOf("executeBatch", "executeLargeBatch"))
                    .and(takesArguments(0)),
                ExecuteBatchAdvice.class,
                ExecuteExitAdvice.class))
        .transform(
            Instrumentations.advice(
                concrete
                    .and(named("setQueryTimeout"))
                    .and(takesArguments(1))
                    .and(takesArgument(0, int.class)),
                SetQueryTimeoutAdvice.class))
        .transform(
            Instrumentations.advice(
                concrete.and(named("close")).and(takesArguments(0)), StatementCloseAdvice.class));
  }

  private static ElementMatcher.Junction<net.bytebuddy.description.type.TypeDescription>
      implementing(String interfaceName) {
    return not(isInterface()).and(hasSuperTypeNamed(interfaceName));
  }
}
