package io.poolscope.agent.instrumentation.dbcp2;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import io.poolscope.agent.instrumentation.support.HandBackWeaving;
import io.poolscope.agent.instrumentation.support.InlinedRules;
import io.poolscope.agent.instrumentation.support.LibraryInstrumentation;
import io.poolscope.agent.instrumentation.support.PoolCapWeaving;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Apache Commons DBCP2 and Tomcat's repackaged copy of it. {@code BasicDataSource#createDataSource}
 * builds the connection pool on the first {@code getConnection} (and returns the existing one on
 * every later call) and opens the initial connections at its end. {@code setMaxTotal} passes a new
 * maximum on to a running pool. {@code invalidateConnection} takes a borrowed connection back.
 */
public final class Dbcp2Instrumentation implements LibraryInstrumentation {
  static final String[] BASIC_DATA_SOURCES = {
    "org.apache.commons.dbcp2.BasicDataSource", "org.apache.tomcat.dbcp.dbcp2.BasicDataSource"
  };

  @Override
  public AgentBuilder apply(AgentBuilder builder) {
    return builder
        .type(namedOneOf(BASIC_DATA_SOURCES))
        .transform(PoolCapWeaving.capOnEntryTo("createDataSource"))
        .transform(PoolCapWeaving.capSizeSetter("setMaxTotal"))
        .transform(HandBackWeaving.handBack("invalidateConnection"));
  }

  @Override
  public InlinedRules inlinedRules() {
    return new InlinedRules()
        .types(
            List.of(BASIC_DATA_SOURCES),
            PoolCapWeaving.inlinedCapOnEntryTo("createDataSource"),
            PoolCapWeaving.inlinedCapSizeSetter("setMaxTotal"),
            HandBackWeaving.inlinedHandBack("invalidateConnection"));
  }

  @Override
  public List<String> typeNames() {
    return List.of(BASIC_DATA_SOURCES);
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
