package io.poolscope.agent.instrumentation.slf4j;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.poolscope.agent.instrumentation.support.Instrumentations;
import io.poolscope.agent.instrumentation.support.LibraryInstrumentation;
import io.poolscope.bootstrap.Hooks;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Watches for the moment the application's SLF4J is ready, so that Poolscope's lines join the
 * application's logging then — and never make the application initialise its logging earlier than
 * it would on its own (Spring Boot configures logging before it lets SLF4J initialise).
 */
public final class Slf4jInstrumentation implements LibraryInstrumentation {
  public static final String LOGGER_FACTORY = "org.slf4j.LoggerFactory";

  @Override
  public AgentBuilder apply(AgentBuilder builder) {
    return builder
        .type(named(LOGGER_FACTORY))
        .transform(
            Instrumentations.advice(
                named("getILoggerFactory").and(isStatic()).and(takesArguments(0)),
                ReadyAdvice.class));
  }

  @Override
  public List<String> typeNames() {
    return List.of(LOGGER_FACTORY);
  }

  @Override
  public List<String> superTypeNames() {
    return List.of();
  }

  /** On exit of {@code LoggerFactory#getILoggerFactory}: the application's SLF4J is initialised. */
  public static final class ReadyAdvice {
    private ReadyAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Origin Class<?> loggerFactory) {
      Hooks.slf4jReady(loggerFactory);
    }
  }
}
