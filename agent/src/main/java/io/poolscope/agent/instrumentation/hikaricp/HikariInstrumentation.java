package io.poolscope.agent.instrumentation.hikaricp;

import static net.bytebuddy.matcher.ElementMatchers.named;

import io.poolscope.agent.instrumentation.support.HandBackWeaving;
import io.poolscope.agent.instrumentation.support.InlinedRules;
import io.poolscope.agent.instrumentation.support.LibraryInstrumentation;
import io.poolscope.agent.instrumentation.support.PoolCapWeaving;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * HikariCP 4.x to 7.x. {@code HikariConfig#validate} runs before any pool exists on both ways of
 * starting one: {@code new HikariDataSource(config)} validates the config and then copies it, and
 * the no-arg data source validates itself on its first {@code getConnection}. It also names the
 * pool ("HikariPool-N") when the application did not, so the cap is looked up after it returns.
 * {@code setMaximumPoolSize} is declared by {@code HikariConfig} and reached through the data
 * source and through {@code HikariConfigMXBean} alike. {@code HikariPool#evictConnection} (also
 * reached through the data source) takes a borrowed connection back.
 */
public final class HikariInstrumentation implements LibraryInstrumentation {
  static final String CONFIG = "com.zaxxer.hikari.HikariConfig";
  static final String POOL = "com.zaxxer.hikari.pool.HikariPool";

  @Override
  public AgentBuilder apply(AgentBuilder builder) {
    return builder
        .type(named(CONFIG))
        .transform(PoolCapWeaving.capOnExitFrom("validate"))
        .transform(PoolCapWeaving.capSizeSetter("setMaximumPoolSize"))
        .type(named(POOL))
        .transform(HandBackWeaving.handBack("evictConnection"));
  }

  @Override
  public InlinedRules inlinedRules() {
    return new InlinedRules()
        .types(
            List.of(CONFIG),
            PoolCapWeaving.inlinedCapOnExitFrom("validate"),
            PoolCapWeaving.inlinedCapSizeSetter("setMaximumPoolSize"))
        .types(List.of(POOL), HandBackWeaving.inlinedHandBack("evictConnection"));
  }

  @Override
  public List<String> typeNames() {
    return List.of(CONFIG, POOL);
  }

  @Override
  public List<String> superTypeNames() {
    return List.of();
  }

  @Override
  public List<String> methodNames() {
    return List.of();
  }
}
