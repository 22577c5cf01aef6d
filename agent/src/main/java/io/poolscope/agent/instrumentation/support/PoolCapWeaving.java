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
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * What every pool library's cap weaving shares ({@code pool.max-size}): the shapes of the methods
 * matched and the advice inlined into them. Each library's class and method names live in its own
 * folder. The hooks do nothing unless a cap is configured.
 */
public final class PoolCapWeaving {
  private PoolCapWeaving() {}

  /** A concrete {@code name(int)} method: the shape of every pool's size setter. */
  public static ElementMatcher.Junction<MethodDescription> intSetter(String name) {
    return isMethod()
        .and(not(isAbstract()))
        .and(named(name))
        .and(takesArguments(1))
        .and(takesArgument(0, int.class));
  }

  /** A concrete method of that name without arguments. */
  public static ElementMatcher.Junction<MethodDescription> noArgMethod(String name) {
    return isMethod().and(not(isAbstract())).and(named(name)).and(takesArguments(0));
  }

  /** Caps the size every call of the size setter {@code name(int)} is given. */
  public static AgentBuilder.Transformer capSizeSetter(String name) {
    return Instrumentations.advice(intSetter(name), MaxSizeArgumentAdvice.class);
  }

  /** Applies the cap on entry to {@code method()}, see {@link StartEnterAdvice}. */
  public static AgentBuilder.Transformer capOnEntryTo(String method) {
    return Instrumentations.advice(noArgMethod(method), StartEnterAdvice.class);
  }

  /** Applies the cap on exit from {@code method()}, see {@link StartExitAdvice}. */
  public static AgentBuilder.Transformer capOnExitFrom(String method) {
    return Instrumentations.advice(noArgMethod(method), StartExitAdvice.class);
  }

  /** {@link #capSizeSetter}, written without Byte Buddy. */
  public static InlinedMethod inlinedCapSizeSetter(String name) {
    return InlinedMethod.named(name)
        .arguments(InlinedMethod.exactly("I"))
        .enter(
            InlinedMethod.EnterValue.NONE,
            code -> {
              code.loadThis();
              code.loadArgument(0);
              code.callHook("poolMaxSize", "(Ljava/lang/Object;I)I");
              code.storeArgument(0);
            });
  }

  /** {@link #capOnEntryTo}, written without Byte Buddy. */
  public static InlinedMethod inlinedCapOnEntryTo(String method) {
    return InlinedMethod.named(method)
        .arguments(InlinedMethod.count(0))
        .enter(InlinedMethod.EnterValue.NONE, PoolCapWeaving::poolStarting);
  }

  /** {@link #capOnExitFrom}, written without Byte Buddy: on normal return only. */
  public static InlinedMethod inlinedCapOnExitFrom(String method) {
    return InlinedMethod.named(method)
        .arguments(InlinedMethod.count(0))
        .exit(false, PoolCapWeaving::poolStarting);
  }

  private static void poolStarting(HookCode code) {
    code.loadThis();
    code.callHook("poolStarting", "(Ljava/lang/Object;)V");
  }

  /**
   * On entry to the method where a pool turns its configuration into a pool (DBCP2's {@code
   * createDataSource}, Tomcat's {@code createPool}, c3p0's {@code getPoolManager}): the cap is
   * applied before the method opens its first connection. Some of these run on every checkout; the
   * listener acts once per pool.
   */
  public static final class StartEnterAdvice {
    private StartEnterAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object pool) {
      Hooks.poolStarting(pool);
    }
  }

  /**
   * On normal return from a configuration's validation (HikariCP's {@code HikariConfig#validate}):
   * the configuration is complete, defaults filled in and the pool named, and no connection is open
   * yet. A validation that throws starts no pool, so there is nothing to cap.
   */
  public static final class StartExitAdvice {
    private StartExitAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object config) {
      Hooks.poolStarting(config);
    }
  }

  /**
   * On entry to a pool's constructor that takes its configuration as the first argument (Agroal's
   * {@code ConnectionPool}): the configuration is capped before the pool is built from it. A
   * constructor's enter advice may not touch {@code this}, only its arguments.
   */
  public static final class ConfigurationArgumentAdvice {
    private ConfigurationArgumentAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object configuration) {
      Hooks.poolStarting(configuration);
    }
  }

  /**
   * A pool's maximum-size setter ({@code setMaximumPoolSize(int)}, {@code setMaxTotal(int)}, ...):
   * the size the caller asks for is replaced by the capped one before the setter runs, so a pool
   * resized at run time through its own API stays within {@code pool.max-size}.
   */
  public static final class MaxSizeArgumentAdvice {
    private MaxSizeArgumentAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.This Object pool, @Advice.Argument(value = 0, readOnly = false) int size) {
      size = Hooks.poolMaxSize(pool, size);
    }
  }
}
