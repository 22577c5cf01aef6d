package io.poolscope.agent.instrumentation.support;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.poolscope.bootstrap.Hooks;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * A pool's own way for the application to give a borrowed connection back other than {@code
 * close()}: HikariCP's {@code evictConnection(Connection)}, DBCP2's {@code
 * invalidateConnection(Connection)}. The pool no longer counts the connection as lent, and the
 * application is not expected to close it, so for Poolscope the hold ends there; without this, the
 * dropped proxy was reported as "a certain leak" once collected.
 */
public final class HandBackWeaving {
  private HandBackWeaving() {}

  /** Ends the hold of the connection passed to {@code method(Connection)} when it returns. */
  public static AgentBuilder.Transformer handBack(String method) {
    return Instrumentations.advice(
        isMethod()
            .and(not(isAbstract()))
            .and(named(method))
            .and(takesArguments(1))
            .and(takesArgument(0, named("java.sql.Connection"))),
        HandBackAdvice.class);
  }

  /** {@link #handBack}, written without Byte Buddy. */
  public static InlinedMethod inlinedHandBack(String method) {
    return InlinedMethod.named(method)
        .arguments(InlinedMethod.exactly("Ljava/sql/Connection;"))
        .keepingFirstArgument()
        .exit(
            false,
            code -> {
              code.loadArgument(0);
              code.callHook("connectionClose", "(Ljava/lang/Object;)V");
            });
  }

  /** On normal return: a call that threw gave nothing back. */
  public static final class HandBackAdvice {
    private HandBackAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) Object connection) {
      Hooks.connectionClose(connection);
    }
  }
}
