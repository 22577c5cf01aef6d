package io.poolscope.agent.instrumentation.slf4j;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
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
 * Watches for the moment the application's logging is ready, so that Poolscope's lines join it then
 * — and never make the application initialise its logging earlier than it would on its own (Spring
 * Boot configures logging before it lets SLF4J initialise).
 *
 * <p>Ready means the application's first {@code LoggerFactory.getLogger} has returned, not that
 * SLF4J has bound its backend ({@code getILoggerFactory}): some backends start only inside that
 * first {@code getLogger}. Log4j 2 starts its context under a {@code tryLock}, so a Poolscope
 * thread asking for a logger at that moment would win, and the application would go on with Log4j's
 * default configuration (ERROR only) and lose its first lines.
 */
public final class Slf4jInstrumentation implements LibraryInstrumentation {
  public static final String LOGGER_FACTORY = "org.slf4j.LoggerFactory";

  @Override
  public AgentBuilder apply(AgentBuilder builder) {
    return builder
        .type(named(LOGGER_FACTORY))
        .transform(
            Instrumentations.advice(
                named("getLogger").and(isStatic()).and(takesArguments(1)), ReadyAdvice.class));
  }

  @Override
  public List<String> typeNames() {
    return List.of(LOGGER_FACTORY);
  }

  @Override
  public List<String> superTypeNames() {
    return List.of();
  }

  @Override
  public List<String> methodNames() {
    return List.of();
  }

  @Override
  public Map<String, UnaryOperator<byte[]>> rewritesWithoutByteBuddy() {
    // Spring Boot loads LoggerFactory within its first half second, before Byte Buddy is ready:
    // its main thread waited 50 to 200 ms, then paid Byte Buddy's first weaving as well.
    return Map.of(
        LOGGER_FACTORY.replace('.', '/'),
        ReturnHookRewrite.callingHookWithClass("getLogger", 1, "slf4jReady"));
  }

  /** On exit of {@code LoggerFactory#getLogger}: the application's logging has started. */
  public static final class ReadyAdvice {
    private ReadyAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Origin Class<?> loggerFactory) {
      Hooks.slf4jReady(loggerFactory);
    }
  }
}
