package io.poolscope.agent.instrumentation.pools;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import io.poolscope.agent.instrumentation.Instrumentations;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Apache Commons DBCP2 and Tomcat's repackaged copy of it. {@code BasicDataSource#createDataSource}
 * builds the connection pool on the first {@code getConnection} (and returns the existing one on
 * every later call) and opens the initial connections at its end. {@code setMaxTotal} passes a new
 * maximum on to a running pool.
 */
final class Dbcp2CapInstrumentation {
  static final String[] BASIC_DATA_SOURCES = {
    "org.apache.commons.dbcp2.BasicDataSource", "org.apache.tomcat.dbcp.dbcp2.BasicDataSource"
  };

  private Dbcp2CapInstrumentation() {}

  static AgentBuilder apply(AgentBuilder builder) {
    return builder
        .type(namedOneOf(BASIC_DATA_SOURCES))
        .transform(
            Instrumentations.advice(
                PoolCapInstrumentation.noArgMethod("createDataSource"), PoolStartEnterAdvice.class))
        .transform(
            Instrumentations.advice(
                PoolCapInstrumentation.intSetter("setMaxTotal"), MaxSizeArgumentAdvice.class));
  }
}
