package io.poolscope.agent.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.poolscope.agent.instrumentation.support.InlinedMethod;
import io.poolscope.agent.instrumentation.support.InlinedMethod.EnterValue;
import io.poolscope.agent.instrumentation.support.Instrumentations;
import io.poolscope.bootstrap.Hooks;
import java.util.Properties;
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
                    .and(takesArgument(0, String.class))
                    .and(takesArgument(1, Properties.class)),
                ConnectAdvice.class));
  }

  /**
   * The same weaving, written without Byte Buddy: see {@link InlinedMethod}. A refused connect is
   * reported and thrown by {@code Hooks.connectRefused} before the driver's code; the URL the exit
   * reports is the application's, kept before the arguments may change.
   */
  static InlinedMethod connect() {
    String object = "Ljava/lang/Object;";
    return InlinedMethod.publicNamed("connect")
        .arguments(InlinedMethod.exactly("Ljava/lang/String;", "Ljava/util/Properties;"))
        .keepingFirstArgument()
        .enter(
            EnterValue.LONG,
            code -> {
              code.callHook("connectEnter", "()J");
              code.storeEnterValue();
              code.loadThis();
              code.loadArgument(0);
              code.loadEnterValue();
              code.callHook("connectGate", "(" + object + object + "J)" + object);
              code.loadThis();
              code.loadArgument(0);
              code.loadEnterValue();
              code.callHook("connectRefused", "(" + object + object + object + "J)V");
              code.loadThis();
              code.loadArgument(0);
              code.loadArgument(1);
              code.loadEnterValue();
              code.callHook("connectArguments", "(" + object + object + object + "J)[" + object);
              code.duplicate();
              code.loadArgument(0);
              code.callHook("connectUrl", "([" + object + "Ljava/lang/String;)Ljava/lang/String;");
              code.storeArgument(0);
              code.loadArgument(1);
              code.callHook(
                  "connectProperties",
                  "([" + object + "Ljava/util/Properties;)Ljava/util/Properties;");
              code.storeArgument(1);
            })
        .exit(
            true,
            code -> {
              code.loadThis();
              code.loadArgument(0);
              code.loadResult();
              code.loadThrown();
              code.loadEnterValue();
              code.callHook(
                  "connectExit", "(" + object + object + object + "Ljava/lang/Throwable;J)V");
            });
  }

  /**
   * Times the connect. When {@code connections.max} or another connect policy refuses it, the
   * driver's code is skipped and the connect throws the policy's exception instead. A connect that
   * runs may get other arguments (PostgreSQL's {@code ApplicationName} and session settings): a
   * copy of the application's properties, never the application's object changed in place. The exit
   * reports the URL the application passed.
   */
  public static final class ConnectAdvice {
    private ConnectAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Advice.OnNonDefaultValue.class)
    public static Object enter(
        @Advice.This Object driver,
        @Advice.Argument(value = 0, readOnly = false) String url,
        @Advice.Argument(value = 1, readOnly = false) Properties properties,
        @Advice.Local("start") long start,
        @Advice.Local("url") String applicationUrl) {
      applicationUrl = url;
      start = Hooks.connectEnter();
      Object rejection = Hooks.connectGate(driver, url, start);
      if (rejection == null) {
        Object[] changed = Hooks.connectArguments(driver, url, properties, start);
        if (changed != null) {
          url = (String) changed[0];
          properties = (Properties) changed[1];
        }
      }
      return rejection;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.This Object driver,
        @Advice.Return Object connection,
        @Advice.Thrown(readOnly = false) Throwable error,
        @Advice.Enter Object rejection,
        @Advice.Local("start") long start,
        @Advice.Local("url") String applicationUrl) {
      if (rejection instanceof Throwable) {
        error = (Throwable) rejection;
      }
      Hooks.connectExit(driver, applicationUrl, connection, error, start);
    }
  }
}
