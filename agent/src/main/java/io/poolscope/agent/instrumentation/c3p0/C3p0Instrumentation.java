package io.poolscope.agent.instrumentation.c3p0;

import static net.bytebuddy.matcher.ElementMatchers.named;

import io.poolscope.agent.instrumentation.support.InlinedRules;
import io.poolscope.agent.instrumentation.support.LibraryInstrumentation;
import io.poolscope.agent.instrumentation.support.PoolCapWeaving;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * c3p0. {@code AbstractPoolBackedDataSource#getPoolManager} creates the pool manager from the data
 * source's settings when there is none (first checkout, or the first after a setting changed) and
 * is called on every checkout. {@code AbstractComboPooledDataSource#setMaxPoolSize} is where {@code
 * ComboPooledDataSource} and c3p0's JMX bean set the maximum; on a running data source it replaces
 * the pool manager.
 */
public final class C3p0Instrumentation implements LibraryInstrumentation {
  static final String POOL_BACKED_DATA_SOURCE =
      "com.mchange.v2.c3p0.impl.AbstractPoolBackedDataSource";
  static final String COMBO_DATA_SOURCE = "com.mchange.v2.c3p0.AbstractComboPooledDataSource";

  @Override
  public AgentBuilder apply(AgentBuilder builder) {
    return builder
        .type(named(POOL_BACKED_DATA_SOURCE))
        .transform(PoolCapWeaving.capOnEntryTo("getPoolManager"))
        .type(named(COMBO_DATA_SOURCE))
        .transform(PoolCapWeaving.capSizeSetter("setMaxPoolSize"));
  }

  @Override
  public InlinedRules inlinedRules() {
    return new InlinedRules()
        .types(
            List.of(POOL_BACKED_DATA_SOURCE), PoolCapWeaving.inlinedCapOnEntryTo("getPoolManager"))
        .types(List.of(COMBO_DATA_SOURCE), PoolCapWeaving.inlinedCapSizeSetter("setMaxPoolSize"));
  }

  @Override
  public List<String> typeNames() {
    return List.of(POOL_BACKED_DATA_SOURCE, COMBO_DATA_SOURCE);
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
