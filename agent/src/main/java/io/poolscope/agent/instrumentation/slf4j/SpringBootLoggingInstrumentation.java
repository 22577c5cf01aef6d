package io.poolscope.agent.instrumentation.slf4j;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.poolscope.agent.instrumentation.support.Instrumentations;
import io.poolscope.agent.instrumentation.support.LibraryInstrumentation;
import io.poolscope.agent.instrumentation.support.ReturnHookRewrite;
import io.poolscope.bootstrap.Hooks;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Hears when Spring Boot has configured the application's logging, so that Poolscope's start-up
 * lines land where Boot sends everything else (the file of {@code logging.file.name}, Boot's
 * pattern), not in the backend's default console set-up that precedes it.
 */
public final class SpringBootLoggingInstrumentation implements LibraryInstrumentation {
  static final String LISTENER =
      "org.springframework.boot.context.logging.LoggingApplicationListener";

  @Override
  public AgentBuilder apply(AgentBuilder builder) {
    return builder
        .type(named(LISTENER))
        .transform(
            Instrumentations.advice(
                named("initialize").and(takesArguments(2)), ConfiguredAdvice.class));
  }

  @Override
  public List<String> typeNames() {
    return List.of(LISTENER);
  }

  @Override
  public List<String> superTypeNames() {
    return List.of();
  }

  @Override
  public List<String> methodNames() {
    return List.of();
  }

  /** Loaded early in Boot's start too, where waiting for Byte Buddy cost its main thread 100 ms. */
  @Override
  public Map<String, UnaryOperator<byte[]>> rewritesWithoutByteBuddy() {
    return Map.of(
        LISTENER.replace('.', '/'),
        ReturnHookRewrite.callingHook("initialize", 2, "springBootLoggingReady"));
  }

  /** On exit of {@code LoggingApplicationListener#initialize(environment, classLoader)}. */
  public static final class ConfiguredAdvice {
    private ConfiguredAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit() {
      Hooks.springBootLoggingReady();
    }
  }
}
