package io.poolscope.agent.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.poolscope.agent.instrumentation.support.Instrumentations;
import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/** {@code java.sql.Driver#connect}: one physical connection made, failed, or refused. */
final class DriverInstrumentation {
  private DriverInstrumentation() {}

  static AgentBuilder apply(AgentBuilder builder) {
    return builder
        .type(JdbcInstrumentation.implementing(JdbcInstrumentation.DRIVER))
        .transform(
            Instrumentations.advice(
                JdbcInstrumentation.concreteMethod()
                    .and(named("connect"))
                    .and(takesArguments(2))
                    .and(takesArgument(0, String.class)),
                ConnectAdvice.class));
  }

  /**
   * Times the connect. When {@code connections.max} or another connect policy refuses it, the
   * driver's code is skipped and the connect throws the policy's exception instead.
   */
  public static final class ConnectAdvice {
    private ConnectAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Advice.OnNonDefaultValue.class)
    public static Object enter(
        @Advice.This Object driver,
        @Advice.Argument(0) Object url,
        @Advice.Local("start") long start) {
      start = Hooks.connectEnter();
      return Hooks.connectGate(driver, url, start);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.This Object driver,
        @Advice.Argument(0) Object url,
        @Advice.Return Object connection,
        @Advice.Thrown(readOnly = false) Throwable error,
        @Advice.Enter Object rejection,
        @Advice.Local("start") long start) {
      if (rejection instanceof Throwable) {
        error = (Throwable) rejection;
      }
      Hooks.connectExit(driver, url, connection, error, start);
    }
  }
}
