package io.poolscope.agent.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.poolscope.agent.instrumentation.support.HookCode;
import io.poolscope.agent.instrumentation.support.InlinedMethod;
import io.poolscope.agent.instrumentation.support.InlinedMethod.EnterValue;
import io.poolscope.agent.instrumentation.support.Instrumentations;
import io.poolscope.bootstrap.Hooks;
import java.util.function.Consumer;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code java.sql.Statement} and its prepared and callable kinds: each execution timed once, the
 * query timeout offered to {@code statement.timeout}, and close.
 */
final class StatementInstrumentation {
  private StatementInstrumentation() {}

  static AgentBuilder apply(AgentBuilder builder) {
    ElementMatcher.Junction<MethodDescription> concrete = JdbcInstrumentation.concreteMethod();
    // The single-statement executions whose result says something (an update count, or whether a
    // result set came); with or without SQL, see the two enter advices. Matchers are made here,
    // not in static fields: premain reads this class's inlined rules without Byte Buddy.
    ElementMatcher.Junction<MethodDescription> execute =
        namedOneOf("execute", "executeUpdate", "executeLargeUpdate");
    // executeQuery: its result set is never looked at, so it is not handed to the hooks, where it
    // would escape (and a JIT could no longer keep a driver's result objects off the heap).
    ElementMatcher.Junction<MethodDescription> executeQuery = named("executeQuery");
    return builder
        .type(JdbcInstrumentation.implementing(JdbcInstrumentation.STATEMENT))
        .transform(
            Instrumentations.advice(
                concrete.and(execute).and(takesArgument(0, String.class)),
                ExecuteSqlAdvice.class,
                ExecuteExitAdvice.class))
        .transform(
            Instrumentations.advice(
                concrete.and(execute).and(takesArguments(0)),
                ExecutePreparedAdvice.class,
                ExecuteExitAdvice.class))
        .transform(
            Instrumentations.advice(
                concrete.and(executeQuery).and(takesArgument(0, String.class)),
                ExecuteSqlAdvice.class,
                ExecuteQueryExitAdvice.class))
        .transform(
            Instrumentations.advice(
                concrete.and(executeQuery).and(takesArguments(0)),
                ExecutePreparedAdvice.class,
                ExecuteQueryExitAdvice.class))
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
                concrete.and(named("close")).and(takesArguments(0)), CloseAdvice.class));
  }

  /** The same weaving, written without Byte Buddy: see {@link InlinedMethod}. */
  static InlinedMethod[] inlined() {
    String enter = "(Ljava/lang/Object;Ljava/lang/Object;Z)Ljava/lang/Object;";
    Consumer<HookCode> withSql = executeEnter(true, false, enter);
    Consumer<HookCode> prepared = executeEnter(false, false, enter);
    Consumer<HookCode> batch = executeEnter(false, true, enter);
    Consumer<HookCode> exit = executeExit(true);
    Consumer<HookCode> queryExit = executeExit(false);
    return new InlinedMethod[] {
      InlinedMethod.publicNamed("execute", "executeUpdate", "executeLargeUpdate")
          .arguments(InlinedMethod.firstIs("java.lang.String"))
          .enter(EnterValue.OBJECT, withSql)
          .exit(true, exit),
      InlinedMethod.publicNamed("execute", "executeUpdate", "executeLargeUpdate")
          .arguments(InlinedMethod.count(0))
          .enter(EnterValue.OBJECT, prepared)
          .exit(true, exit),
      InlinedMethod.publicNamed("executeQuery")
          .arguments(InlinedMethod.firstIs("java.lang.String"))
          .enter(EnterValue.OBJECT, withSql)
          .exit(true, queryExit),
      InlinedMethod.publicNamed("executeQuery")
          .arguments(InlinedMethod.count(0))
          .enter(EnterValue.OBJECT, prepared)
          .exit(true, queryExit),
      InlinedMethod.publicNamed("executeBatch", "executeLargeBatch")
          .arguments(InlinedMethod.count(0))
          .enter(EnterValue.OBJECT, batch)
          .exit(true, exit),
      InlinedMethod.publicNamed("setQueryTimeout")
          .arguments(InlinedMethod.exactly("I"))
          .enter(
              EnterValue.NONE,
              code -> {
                code.loadThis();
                code.loadArgument(0);
                code.callHook("queryTimeout", "(Ljava/lang/Object;I)I");
                code.storeArgument(0);
              }),
      InlinedMethod.publicNamed("close")
          .arguments(InlinedMethod.count(0))
          .enter(
              EnterValue.OBJECT,
              code -> {
                code.loadThis();
                code.callHook("statementCloseEnter", "(Ljava/lang/Object;)Ljava/lang/Object;");
                code.storeEnterValue();
              })
          .exit(
              true,
              code -> {
                code.loadEnterValue();
                code.callHook("statementCloseExit", "(Ljava/lang/Object;)V");
              })
    };
  }

  private static Consumer<HookCode> executeEnter(boolean sql, boolean batch, String descriptor) {
    return code -> {
      code.loadThis();
      if (sql) {
        code.loadArgument(0);
      } else {
        code.pushNull();
      }
      code.pushInt(batch ? 1 : 0);
      code.callHook("executeEnter", descriptor);
      code.storeEnterValue();
    };
  }

  /** With the result ({@code execute*} and batches) or without it ({@code executeQuery}). */
  private static Consumer<HookCode> executeExit(boolean withResult) {
    return code -> {
      code.loadThis();
      code.loadEnterValue();
      if (withResult) {
        code.loadResult();
      } else {
        code.pushNull();
      }
      code.loadThrown();
      code.callHook(
          "executeExit",
          "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;)V");
    };
  }

  /** {@code execute*(String sql, ...)}: the SQL comes with the call. */
  public static final class ExecuteSqlAdvice {
    private ExecuteSqlAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object statement, @Advice.Argument(0) Object sql) {
      return Hooks.executeEnter(statement, sql, false);
    }
  }

  /** No-argument {@code execute*()} of prepared and callable statements: SQL known from prepare. */
  public static final class ExecutePreparedAdvice {
    private ExecutePreparedAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object statement) {
      return Hooks.executeEnter(statement, null, false);
    }
  }

  /** {@code executeBatch()} / {@code executeLargeBatch()}: one timed call for the whole batch. */
  public static final class ExecuteBatchAdvice {
    private ExecuteBatchAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object statement) {
      return Hooks.executeEnter(statement, null, true);
    }
  }

  /**
   * The exit of every execute advice: the enter's value (the thread's state), the result (boxed
   * when primitive: update counts) and any exception go to the hooks.
   */
  public static final class ExecuteExitAdvice {
    private ExecuteExitAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.This Object statement,
        @Advice.Enter Object thread,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown Throwable error) {
      Hooks.executeExit(statement, thread, result, error);
    }
  }

  /** The exit of {@code executeQuery}: as {@link ExecuteExitAdvice}, without the result set. */
  public static final class ExecuteQueryExitAdvice {
    private ExecuteQueryExitAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.This Object statement,
        @Advice.Enter Object thread,
        @Advice.Thrown Throwable error) {
      Hooks.executeExit(statement, thread, null, error);
    }
  }

  /** {@code setQueryTimeout(int)}: lets {@code statement.timeout} cap what is set. */
  public static final class SetQueryTimeoutAdvice {
    private SetQueryTimeoutAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.This Object statement, @Advice.Argument(value = 0, readOnly = false) int seconds) {
      seconds = Hooks.queryTimeout(statement, seconds);
    }
  }

  /** {@code close()}: the statement's entry in Poolscope's tables goes now. */
  public static final class CloseAdvice {
    private CloseAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object statement) {
      return Hooks.statementCloseEnter(statement);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object thread) {
      Hooks.statementCloseExit(thread);
    }
  }
}
