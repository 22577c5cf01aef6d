package io.poolscope.agent.instrumentation.pools;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Weaves {@code pool.max-size} into the pool libraries: each library's start (where its
 * configuration becomes a pool, before the first connection) and its maximum-size setters (how a
 * running pool is resized). The hooks do nothing unless a cap is configured. Each library's class
 * and method names live in its own file.
 */
public final class PoolCapInstrumentation {
  private PoolCapInstrumentation() {}

  public static AgentBuilder apply(AgentBuilder builder) {
    builder = HikariCapInstrumentation.apply(builder);
    builder = Dbcp2CapInstrumentation.apply(builder);
    builder = TomcatJdbcCapInstrumentation.apply(builder);
    builder = C3p0CapInstrumentation.apply(builder);
    return AgroalCapInstrumentation.apply(builder);
  }

  /** A concrete {@code name(int)} method: the shape of every pool's size setter. */
  static ElementMatcher.Junction<MethodDescription> intSetter(String name) {
    return isMethod()
        .and(not(isAbstract()))
        .and(named(name))
        .and(takesArguments(1))
        .and(takesArgument(0, int.class));
  }

  /** A concrete method of that name without arguments. */
  static ElementMatcher.Junction<MethodDescription> noArgMethod(String name) {
    return isMethod().and(not(isAbstract())).and(named(name)).and(takesArguments(0));
  }
}
