package io.poolscope.agent.instrumentation.pools;

import static net.bytebuddy.matcher.ElementMatchers.named;

import io.poolscope.agent.instrumentation.Instrumentations;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * HikariCP 4.x to 7.x. {@code HikariConfig#validate} runs before any pool exists on both ways of
 * starting one: {@code new HikariDataSource(config)} validates the config and then copies it, and
 * the no-arg data source validates itself on its first {@code getConnection}. It also names the
 * pool ("HikariPool-N") when the application did not, so the cap is looked up after it returns.
 * {@code setMaximumPoolSize} is declared by {@code HikariConfig} and reached through the data
 * source and through {@code HikariConfigMXBean} alike.
 */
final class HikariCapInstrumentation {
  static final String CONFIG = "com.zaxxer.hikari.HikariConfig";

  private HikariCapInstrumentation() {}

  static AgentBuilder apply(AgentBuilder builder) {
    return builder
        .type(named(CONFIG))
        .transform(
            Instrumentations.advice(
                PoolCapInstrumentation.noArgMethod("validate"), PoolStartExitAdvice.class))
        .transform(
            Instrumentations.advice(
                PoolCapInstrumentation.intSetter("setMaximumPoolSize"),
                MaxSizeArgumentAdvice.class));
  }
}
