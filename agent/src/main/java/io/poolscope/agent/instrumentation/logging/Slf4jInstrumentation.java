package io.poolscope.agent.instrumentation.logging;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.poolscope.agent.instrumentation.Instrumentations;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Watches for the moment the application's SLF4J is ready, so that Poolscope's lines join the
 * application's logging then — and never make the application initialise its logging earlier than
 * it would on its own (Spring Boot configures logging before it lets SLF4J initialise).
 */
public final class Slf4jInstrumentation {
  public static final String LOGGER_FACTORY = "org.slf4j.LoggerFactory";

  private Slf4jInstrumentation() {}

  public static AgentBuilder apply(AgentBuilder builder) {
    return builder
        .type(named(LOGGER_FACTORY))
        .transform(
            Instrumentations.advice(
                named("getILoggerFactory").and(isStatic()).and(takesArguments(0)),
                Slf4jReadyAdvice.class));
  }
}
