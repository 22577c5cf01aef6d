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
import io.poolscope.bootstrap.JdbcDispatcher;
import java.util.function.Consumer;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * {@code java.sql.Connection}: close and abort end a hold; creating a statement ties it to its
 * connection (and so to its pool); setAutoCommit, commit and rollback delimit the application's
 * transactions (for the diagnoses).
 */
final class ConnectionInstrumentation {
  private ConnectionInstrumentation() {}

  static AgentBuilder apply(AgentBuilder builder) {
    return builder
        .type(JdbcInstrumentation.implementing(JdbcInstrumentation.CONNECTION))
        .transform(
            Instrumentations.advice(
                JdbcInstrumentation.concreteMethod().and(named("close")).and(takesArguments(0)),
                CloseAdvice.class))
        .transform(
            Instrumentations.advice(
                JdbcInstrumentation.concreteMethod().and(named("abort")).and(takesArguments(1)),
                AbortAdvice.class))
        .transform(
            Instrumentations.advice(
                JdbcInstrumentation.concreteMethod()
                    .and(namedOneOf("prepareStatement", "prepareCall"))
                    .and(takesArgument(0, String.class)),
                PrepareAdvice.class))
        .transform(
            Instrumentations.advice(
                JdbcInstrumentation.concreteMethod().and(named("createStatement")),
                CreateStatementAdvice.class))
        .transform(
            Instrumentations.advice(
                JdbcInstrumentation.concreteMethod()
                    .and(named("setAutoCommit"))
                    .and(takesArguments(1))
                    .and(takesArgument(0, boolean.class)),
                SetAutoCommitAdvice.class))
        .transform(
            Instrumentations.advice(
                JdbcInstrumentation.concreteMethod().and(named("commit")).and(takesArguments(0)),
                CommitAdvice.class))
        .transform(
            Instrumentations.advice(
                JdbcInstrumentation.concreteMethod().and(named("rollback")).and(takesArguments(0)),
                RollbackAdvice.class));
  }

  /** The same weaving, written without Byte Buddy: see {@link InlinedMethod}. */
  static InlinedMethod[] inlined() {
    return new InlinedMethod[] {
      InlinedMethod.publicNamed("close")
          .arguments(InlinedMethod.count(0))
          .enter(EnterValue.NONE, connectionHook("connectionClose")),
      InlinedMethod.publicNamed("abort")
          .arguments(InlinedMethod.count(1))
          .enter(EnterValue.NONE, connectionHook("connectionAbort")),
      InlinedMethod.publicNamed("prepareStatement", "prepareCall")
          .arguments(InlinedMethod.firstIs("java.lang.String"))
          .keepingFirstArgument()
          .enter(EnterValue.OBJECT, ConnectionInstrumentation::createStatementEnter)
          .exit(true, code -> createStatementExit(code, true)),
      InlinedMethod.publicNamed("createStatement")
          .enter(EnterValue.OBJECT, ConnectionInstrumentation::createStatementEnter)
          .exit(true, code -> createStatementExit(code, false)),
      InlinedMethod.publicNamed("setAutoCommit")
          .arguments(InlinedMethod.exactly("Z"))
          .keepingFirstArgument()
          .enter(EnterValue.OBJECT, ConnectionInstrumentation::transactionEnter)
          .exit(true, code -> transactionExit(code, JdbcDispatcher.SET_AUTO_COMMIT, true)),
      InlinedMethod.publicNamed("commit")
          .arguments(InlinedMethod.count(0))
          .enter(EnterValue.OBJECT, ConnectionInstrumentation::transactionEnter)
          .exit(true, code -> transactionExit(code, JdbcDispatcher.COMMIT, false)),
      InlinedMethod.publicNamed("rollback")
          .arguments(InlinedMethod.count(0))
          .enter(EnterValue.OBJECT, ConnectionInstrumentation::transactionEnter)
          .exit(true, code -> transactionExit(code, JdbcDispatcher.ROLLBACK, false))
    };
  }

  private static Consumer<HookCode> connectionHook(String hook) {
    return code -> {
      code.loadThis();
      code.callHook(hook, "(Ljava/lang/Object;)V");
    };
  }

  private static void createStatementEnter(HookCode code) {
    code.callHook("createStatementEnter", "()Ljava/lang/Object;");
    code.storeEnterValue();
  }

  private static void createStatementExit(HookCode code, boolean withSql) {
    code.loadEnterValue();
    code.loadThis();
    code.loadResult();
    if (withSql) {
      code.loadArgument(0);
    } else {
      code.pushNull();
    }
    code.callHook(
        "createStatementExit",
        "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;)V");
  }

  private static void transactionEnter(HookCode code) {
    code.callHook("transactionEnter", "()Ljava/lang/Object;");
    code.storeEnterValue();
  }

  /** {@code value}: the argument of setAutoCommit, false for the others. */
  private static void transactionExit(HookCode code, int call, boolean argument) {
    code.loadEnterValue();
    code.loadThis();
    code.pushInt(call);
    if (argument) {
      code.loadArgument(0);
    } else {
      code.pushInt(0);
    }
    code.loadThrown();
    code.callHook(
        "transactionExit", "(Ljava/lang/Object;Ljava/lang/Object;IZLjava/lang/Throwable;)V");
  }

  /** {@code setAutoCommit(b)}: whether the application runs its own transactions now. */
  public static final class SetAutoCommitAdvice {
    private SetAutoCommitAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter() {
      return Hooks.transactionEnter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter Object thread,
        @Advice.This Object connection,
        @Advice.Argument(0) boolean autoCommit,
        @Advice.Thrown Throwable thrown) {
      Hooks.transactionExit(thread, connection, JdbcDispatcher.SET_AUTO_COMMIT, autoCommit, thrown);
    }
  }

  /** {@code commit()}: the transaction's writes are kept. */
  public static final class CommitAdvice {
    private CommitAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter() {
      return Hooks.transactionEnter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter Object thread,
        @Advice.This Object connection,
        @Advice.Thrown Throwable thrown) {
      Hooks.transactionExit(thread, connection, JdbcDispatcher.COMMIT, false, thrown);
    }
  }

  /** {@code rollback()}: the transaction is over (a rollback to a savepoint is not). */
  public static final class RollbackAdvice {
    private RollbackAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter() {
      return Hooks.transactionEnter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter Object thread,
        @Advice.This Object connection,
        @Advice.Thrown Throwable thrown) {
      Hooks.transactionExit(thread, connection, JdbcDispatcher.ROLLBACK, false, thrown);
    }
  }

  /** Ends the hold of a handed-out connection, or the life of a physical one. */
  public static final class CloseAdvice {
    private CloseAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object connection) {
      Hooks.connectionClose(connection);
    }
  }

  /** Like close, for everything Poolscope tracks. */
  public static final class AbortAdvice {
    private AbortAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object connection) {
      Hooks.connectionAbort(connection);
    }
  }

  /** {@code prepareStatement(sql, ...)} / {@code prepareCall(sql, ...)}: remembers the SQL. */
  public static final class PrepareAdvice {
    private PrepareAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter() {
      return Hooks.createStatementEnter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter Object thread,
        @Advice.This Object connection,
        @Advice.Argument(0) Object sql,
        @Advice.Return Object statement) {
      Hooks.createStatementExit(thread, connection, statement, sql);
    }
  }

  /** {@code createStatement(...)}: the SQL comes later, with each execute. */
  public static final class CreateStatementAdvice {
    private CreateStatementAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter() {
      return Hooks.createStatementEnter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter Object thread,
        @Advice.This Object connection,
        @Advice.Return Object statement) {
      Hooks.createStatementExit(thread, connection, statement, null);
    }
  }
}
