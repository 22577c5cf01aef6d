package io.poolscope.agent.instrumentation.tomcatjdbc;

import static net.bytebuddy.matcher.ElementMatchers.named;

import io.poolscope.agent.instrumentation.support.InlinedRules;
import io.poolscope.agent.instrumentation.support.LibraryInstrumentation;
import io.poolscope.agent.instrumentation.support.PoolCapWeaving;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Tomcat JDBC pool. {@code DataSourceProxy#createPool} builds the {@code ConnectionPool} (which
 * opens the initial connections) on first use, and returns the existing one after that. The maximum
 * is set through {@code DataSourceProxy#setMaxActive} or, at run time, through the pool's JMX bean
 * {@code jmx.ConnectionPool#setMaxActive}; both write the live pool properties.
 */
public final class TomcatJdbcInstrumentation implements LibraryInstrumentation {
  static final String DATA_SOURCE_PROXY = "org.apache.tomcat.jdbc.pool.DataSourceProxy";
  static final String JMX_POOL = "org.apache.tomcat.jdbc.pool.jmx.ConnectionPool";

  @Override
  public AgentBuilder apply(AgentBuilder builder) {
    return builder
        .type(named(DATA_SOURCE_PROXY))
        .transform(PoolCapWeaving.capOnEntryTo("createPool"))
        .transform(PoolCapWeaving.capSizeSetter("setMaxActive"))
        .type(named(JMX_POOL))
        .transform(PoolCapWeaving.capSizeSetter("setMaxActive"));
  }

  @Override
  public InlinedRules inlinedRules() {
    return new InlinedRules()
        .types(
            List.of(DATA_SOURCE_PROXY),
            PoolCapWeaving.inlinedCapOnEntryTo("createPool"),
            PoolCapWeaving.inlinedCapSizeSetter("setMaxActive"))
        .types(List.of(JMX_POOL), PoolCapWeaving.inlinedCapSizeSetter("setMaxActive"));
  }

  @Override
  public List<String> typeNames() {
    return List.of(DATA_SOURCE_PROXY, JMX_POOL);
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
