package io.poolscope.agent.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.poolscope.agent.instrumentation.support.InlinedMethod;
import io.poolscope.agent.instrumentation.support.InlinedMethod.EnterValue;
import io.poolscope.agent.instrumentation.support.Instrumentations;
import io.poolscope.agent.pools.PoolAdapters;
import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * {@code javax.sql.DataSource#getConnection}: the wait for a connection. Also the pool libraries'
 * base classes that declare {@code getConnection()} without implementing the interface themselves.
 */
final class DataSourceInstrumentation {
  private DataSourceInstrumentation() {}

  static AgentBuilder apply(AgentBuilder builder) {
    return builder
        .type(
            JdbcInstrumentation.implementing(JdbcInstrumentation.DATA_SOURCE)
                .or(namedOneOf(PoolAdapters.allDataSourceBaseClasses().toArray(new String[0]))))
        .transform(
            Instrumentations.advice(
                JdbcInstrumentation.concreteMethod()
                    .and(named("getConnection"))
                    .and(takesArguments(0).or(takesArguments(2)))
                    .and(returns(named("java.sql.Connection"))),
                GetConnectionAdvice.class));
  }

  /**
   * The same weaving, written without Byte Buddy: see {@link InlinedMethod}. A refusal is thrown by
   * {@code Hooks.acquireRefused} before the method's code, and no exit follows it.
   */
  static InlinedMethod getConnection() {
    return InlinedMethod.publicNamed("getConnection")
        .arguments(InlinedMethod.count(0).or(InlinedMethod.count(2)))
        .returning("Ljava/sql/Connection;")
        .enter(
            EnterValue.OBJECT,
            code -> {
              code.loadThis();
              code.callHook("acquireEnter", "(Ljava/lang/Object;)Ljava/lang/Object;");
              code.duplicate();
              code.callHook("acquireRefused", "(Ljava/lang/Object;)V");
              code.storeEnterValue();
            })
        .exit(
            true,
            code -> {
              code.loadThis();
              code.loadResult();
              code.loadThrown();
              code.loadEnterValue();
              code.callHook(
                  "acquireExit",
                  "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;Ljava/lang/Object;)V");
            });
  }

  /** Times the outermost {@code getConnection} of a thread. */
  public static final class GetConnectionAdvice {
    private GetConnectionAdvice() {}

    // Skipped when the enter returns a Throwable: an open circuit (circuit.failures) refuses the
    // acquisition at once, and the exit makes getConnection throw it.
    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Throwable.class)
    public static Object enter(@Advice.This Object dataSource) {
      return Hooks.acquireEnter(dataSource);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.This Object dataSource,
        @Advice.Return Object connection,
        @Advice.Thrown(readOnly = false) Throwable error,
        @Advice.Enter Object thread) {
      if (thread instanceof Throwable) {
        error = (Throwable) thread;
      } else {
        Hooks.acquireExit(dataSource, connection, error, thread);
      }
    }
  }
}
